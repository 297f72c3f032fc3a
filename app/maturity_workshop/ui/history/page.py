"""The team's history page (Ctrl+H): its workshops on a time line, a trend chart of each practice
with the change at the last workshop and, under it once the team has voted from its phones, the
room's spread over the workshops ("Room's spread 2 → 1 → 0: converging", ``domain/spread.py``),
and what became of the actions of the workshop selected.

A page of the window, in place of the grid, rather than a dock: six charts need the room the grid
has, the room reads them on the projector as it reads the grid, and Esc (or Ctrl+H again) brings
the grid back, as a page change and nothing more. It shows; the :class:`~.controller.HistoryController`
reads the history and answers what is asked here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...domain.charts import trend_chart
from ...domain.history import RANGES, ActionOutcome, Outcome, TeamHistory
from ...domain.model import MaturityModel
from ..widgets import ElidedLabel, back_to_grid, isolated, plural, scaled_bold
from .chart import TrendChartView

ID_ROLE = Qt.ItemDataRole.UserRole
RANGE_WORDS = {5: "Last 5 workshops", 10: "Last 10 workshops", None: "All workshops"}
PAGE_SCALE = 1.15  # the page's text, times the application's font: the room reads it too
CHART_COLUMNS = 3


def held_on(workshop) -> str:
    return workshop.held_on.strftime("%d %b %Y").lstrip("0")


def outcome_words(history: TeamHistory, outcome: ActionOutcome, whole: bool = False) -> str:
    """What became of an action, in words: "Done", "Carried over, done there"; ``whole``: saying
    where to too, "Carried over to “June review”, done there"."""
    if outcome.outcome is not Outcome.CARRIED:
        return outcome.outcome.label
    copy = outcome.carried_to
    into = ""
    if whole:
        try:
            into = f" to “{isolated(history.get(copy.workshop_id).workshop.title)}”"
        except KeyError:  # carried into a workshop left out of the history (a damaged one)
            pass
    return f"Carried over{into}, {copy.status.label.lower()} there"


class HistoryPage(QWidget):
    openRequested = Signal(int)  # a workshop of the time line, activated (double-click, Return)
    compareRequested = Signal(int)  # compare the workshop selected with another
    backRequested = Signal()
    rangeChosen = Signal(object)  # one of RANGES

    def __init__(self, model: MaturityModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.model = model
        self.history: TeamHistory | None = None
        self.open_id: int | None = None
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * PAGE_SCALE)
        self.setFont(font)

        self.heading = ElidedLabel()
        self.heading.setObjectName("historyHeading")
        self.heading.setFont(scaled_bold(self, 1.3))
        self.summary = ElidedLabel()
        self.range_choice = QComboBox()
        self.range_choice.setObjectName("historyRange")
        for count in RANGES:
            self.range_choice.addItem(RANGE_WORDS[count], count)
        self.range_choice.setAccessibleName("Workshops shown")
        self.range_choice.activated.connect(lambda i: self.rangeChosen.emit(self.range_choice.itemData(i)))
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("historyOpen")
        self.open_button.setToolTip("Open the workshop selected in the grid (or double-click it, or press Return)")
        self.open_button.clicked.connect(self._open_selected)
        self.compare_button = QPushButton("&Compare…")
        self.compare_button.setToolTip("The workshop selected side by side with another of the team's")
        self.compare_button.clicked.connect(self._compare_selected)
        self.back_button = back_to_grid(self, self.backRequested)


        self.timeline = self._tree(["Held on", "Workshop", "Facilitator", "People"], "historyTimeline")
        self.timeline.currentItemChanged.connect(self._selected)
        self.timeline.itemActivated.connect(self._activated)
        self.actions_heading = ElidedLabel()
        self.actions_heading.setFont(scaled_bold(self, 1.0))
        # What became of each action is the point: the title gives way (whole, with its practice
        # and owner, in its tooltip)
        self.actions = self._tree(["Action", "What became of it"], "historyActions")
        self.actions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.actions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.charts = [TrendChartView() for _ in model.practices]
        self.spreads = [ElidedLabel() for _ in model.practices]  # the room's spread, under each chart
        for view in self.charts:
            view.peers = self.charts
        chart_grid = QGridLayout()
        spacing = self.fontMetrics().height() // 2
        chart_grid.setSpacing(spacing)
        for i, (view, spread) in enumerate(zip(self.charts, self.spreads, strict=True)):
            spread.setObjectName("historySpread")
            spread.hide()
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(view, 1)
            cell.addWidget(spread)
            chart_grid.addLayout(cell, i // CHART_COLUMNS, i % CHART_COLUMNS)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        for widget in (QLabel("Show:"), self.range_choice, self.open_button, self.compare_button, self.back_button):
            top.addWidget(widget, 0, Qt.AlignmentFlag.AlignBottom)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        timeline_heading = ElidedLabel("Workshops (● open now) · double-click or Open opens one")
        timeline_heading.setFont(scaled_bold(self, 1.0))
        column.addWidget(timeline_heading)
        column.addWidget(self.timeline, 2)
        column.addWidget(self.actions_heading)
        column.addWidget(self.actions, 3)
        right = QWidget()
        right.setLayout(chart_grid)
        chart_grid.setContentsMargins(0, 0, 0, 0)

        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(left)
        self.body.addWidget(right)
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 2)
        self.body.setCollapsible(0, False)
        self.body.setCollapsible(1, False)
        char = self.fontMetrics().averageCharWidth()
        left.setMinimumWidth(char * 40)
        self.body.setSizes([char * 60, char * 120])  # a third for the time line, the rest for the charts

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)

    def _tree(self, headers: list[str], name: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(name)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setWordWrap(False)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = tree.header()
        header.setStretchLastSection(False)
        for i in range(len(headers)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1 if name == "historyTimeline" else 0, QHeaderView.ResizeMode.Stretch)
        return tree

    # -- what it shows --------------------------------------------------------------------------
    def show_history(self, history: TeamHistory, open_id: int | None, count: int | None) -> None:
        """``history`` (the whole of it: what became of an action may be told by a later workshop),
        its last ``count`` workshops on the time line and the charts, ``open_id`` marked."""
        self.history, self.open_id = history, open_id
        self.range_choice.setCurrentIndex(RANGES.index(count) if count in RANGES else len(RANGES) - 1)
        shown = history.last(count)
        self.heading.setText(f"{isolated(history.team.name)} · history")
        total = plural(len(history), "workshop")
        self.summary.setText(
            f"{total}, all shown" if len(shown) == len(history) else f"The last {len(shown)} of {total}"
        )
        self.timeline.blockSignals(True)
        self.timeline.clear()
        chosen = None
        for state in shown.workshops:
            workshop = state.workshop
            is_open = workshop.id == open_id
            title = ("● " if is_open else "") + isolated(workshop.title)
            people = str(workshop.participant_count) if workshop.participant_count else "–"
            item = QTreeWidgetItem([held_on(workshop), title, isolated(workshop.facilitator) or "–", people])
            item.setData(0, ID_ROLE, workshop.id)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(1, workshop.title + (" (the workshop open now)" if is_open else ""))
            if is_open:
                bold = QFont(self.timeline.font())
                bold.setBold(True)
                for column in range(4):
                    item.setFont(column, bold)
                chosen = item
            self.timeline.addTopLevelItem(item)
        count_items = self.timeline.topLevelItemCount()
        chosen = chosen or (self.timeline.topLevelItem(count_items - 1) if count_items else None)
        self.timeline.blockSignals(False)
        self.timeline.setCurrentItem(chosen)
        if chosen is None:
            self._show_actions(None)
        for view, trend in zip(self.charts, shown.trends(self.model), strict=True):
            view.set_chart(trend_chart(self.model, trend))
        self._show_spreads(shown)
        self.compare_button.setEnabled(len(history) > 1)

    def _show_spreads(self, shown: TeamHistory) -> None:
        """The room's spread under each chart, once a workshop shown voted from its phones; each
        workshop's vote in the label's description, for a screen reader."""
        trends = [shown.spread_trend(self.model, practice.id) for practice in self.model.practices]
        voted = any(trend.spreads for trend in trends)
        for label, trend in zip(self.spreads, trends, strict=True):
            label.setText(trend.words or "Room's spread: not voted on")
            label.setAccessibleDescription("; ".join(
                f"{held_on(workshop)}: {votes.tally.words}" for workshop, votes in trend.points if votes is not None
            ))  # fmt: skip
            label.setVisible(voted)

    def workshop_ids(self) -> list[int]:
        """The time line's workshops, top to bottom."""
        return [self.timeline.topLevelItem(i).data(0, ID_ROLE) for i in range(self.timeline.topLevelItemCount())]

    def selected_id(self) -> int | None:
        item = self.timeline.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def item_of(self, workshop_id: int) -> QTreeWidgetItem | None:
        for i in range(self.timeline.topLevelItemCount()):
            if self.timeline.topLevelItem(i).data(0, ID_ROLE) == workshop_id:
                return self.timeline.topLevelItem(i)
        return None

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _selected(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        self._show_actions(item.data(0, ID_ROLE) if item is not None else None)

    def _show_actions(self, workshop_id: int | None) -> None:
        self.actions.clear()
        if workshop_id is None or self.history is None:
            self.actions_heading.setText("Actions")
            return
        state = self.history.get(workshop_id)
        outcomes = self.history.outcomes(workshop_id)
        counts = ((sum(1 for o in outcomes if o.outcome is kind), kind.value) for kind in Outcome)
        self.actions_heading.setText(
            f"Actions of “{isolated(state.workshop.title)}”: " + ", ".join(f"{n} {words}" for n, words in counts if n)
            if outcomes else f"“{isolated(state.workshop.title)}” agreed no actions"
        )
        for outcome in outcomes:
            action = outcome.action
            practice = self.model.practice(action.practice_id).name
            item = QTreeWidgetItem([isolated(action.title), outcome_words(self.history, outcome)])
            owner = f", owner {action.owner}" if action.owner else ""
            item.setToolTip(0, f"{action.title} ({practice}{owner})")
            item.setToolTip(1, outcome_words(self.history, outcome, whole=True))
            self.actions.addTopLevelItem(item)

    @Slot(QTreeWidgetItem, int)
    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.openRequested.emit(item.data(0, ID_ROLE))

    def _open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.openRequested.emit(chosen)

    def _compare_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.compareRequested.emit(chosen)

    def focus_time_line(self) -> None:
        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)
