"""The organisation page (Ctrl+G): every team by practices, each cell the team's level at its latest
workshop with its change since the previous one, and the gap to its target, on a colour-blind-safe
scale whose legend names the levels. A page of the window in place of the grid, as the team's
history is; Esc (or Ctrl+G again) brings the grid back. It shows; the
:class:`~.controller.OrganisationController` reads the heat map and answers what is asked here.

'Hide team names' (Team A, B, C...) is for presenting, not access control."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ...domain.organisation import HeatMap, heat_colours
from ..widgets import ElidedLabel, back_to_grid, plural, scaled_bold
from .model import FIRST_PRACTICE, HELD_COLUMN, TEAM_COLUMN, WORKSHOP_ROLE, HeatCellDelegate, HeatMapModel
from .source_bar import SourceBar

SINCE_WORDS = {None: "All teams", 3: "Latest in the last 3 months", 6: "Latest in the last 6 months",
               12: "Latest in the last 12 months"}  # fmt: skip
PAGE_SCALE = 1.15  # the page's text, times the application's font: the room reads it too
ROW_LINES = 2.6  # a row's height, in lines of the page's text: the level large, the gap under it


class OrganisationPage(QWidget):
    openRequested = Signal(int)  # a team's cell, activated: its latest workshop's id
    backRequested = Signal()
    sinceChosen = Signal(object)  # None, 3, 6 or 12 months
    sortRequested = Signal(object)  # None: by team; else a practice's id
    hideNamesToggled = Signal(bool)
    pageRequested = Signal(int)  # PgDn (1) / PgUp (-1): the board's next or previous teams
    shownChanged = Signal(bool)  # the page came into view, or left it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organisationPage")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * PAGE_SCALE)
        self.setFont(font)
        self.heat: HeatMap | None = None

        self.heading = ElidedLabel("The organisation")
        self.heading.setObjectName("organisationHeading")
        self.heading.setFont(scaled_bold(self, 1.3))
        self.summary = ElidedLabel()
        self.since_choice = QComboBox()
        self.since_choice.setObjectName("organisationSince")
        self.since_choice.setAccessibleName("Teams shown")
        for months, words in SINCE_WORDS.items():
            self.since_choice.addItem(words, months)
        self.since_choice.activated.connect(lambda i: self.sinceChosen.emit(self.since_choice.itemData(i)))
        self.hide_button = QPushButton("&Hide team names")
        self.hide_button.setObjectName("organisationHideNames")
        self.hide_button.setCheckable(True)
        self.hide_button.setToolTip("Team A, B, C... for presenting (not access control)")
        self.hide_button.toggled.connect(self.hideNamesToggled)
        self.back_button = back_to_grid(self, self.backRequested)
        self.source_bar = SourceBar()  # this laptop's teams, or the organisation's copy

        self.model = HeatMapModel(self)
        self.table = QTableView()
        self.table.setObjectName("organisationTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(HeatCellDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(round(self.fontMetrics().height() * ROW_LINES))
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.sectionClicked.connect(self._header_clicked)
        self.table.activated.connect(self._activated)  # double-click, Return
        self.table.installEventFilter(self)  # PgDn / PgUp page the board too

        self.legend = QHBoxLayout()
        self.legend_labels: list[QLabel] = []

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        for widget in (QLabel("Show:"), self.since_choice, self.hide_button, self.back_button):
            top.addWidget(widget, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.source_bar)
        layout.addLayout(self.legend)
        layout.addWidget(self.table, 1)

    # -- what it shows --------------------------------------------------------------------------
    def show_heat_map(self, heat: HeatMap, since_months: int | None) -> None:
        self.heat = heat
        self.since_choice.setCurrentIndex(list(SINCE_WORDS).index(since_months) if since_months in SINCE_WORDS else 0)
        self.model.show(heat)
        shown = plural(len(heat), "team")
        self.summary.setText(
            (f"{shown} of {heat.teams}" if len(heat) < heat.teams else shown)
            + " · each cell: the level at the team's latest workshop, ▲▼ the change since the one before,"
            " the gap to the target · double-click (or Return) opens the team's workshop and history"
        )
        self._show_legend(heat)
        header = self.table.horizontalHeader()
        column = TEAM_COLUMN if heat.sorted_by is None else self.model.column_of(heat.sorted_by)
        order = Qt.SortOrder.DescendingOrder if heat.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order)
        header.setSectionResizeMode(TEAM_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HELD_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for section in range(FIRST_PRACTICE, self.model.columnCount()):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
        self._fit_rows()
        lines = max((len(p.name.split()) for p in heat.practices), default=1)
        header.setMinimumHeight(round(header.fontMetrics().height() * (min(lines, 3) + 0.8)))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            steps = {Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}.get(Qt.Key(event.key()))
            if steps is not None:
                self.pageRequested.emit(steps)  # and the table scrolls as ever
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not event.spontaneous():  # not the window coming back from being minimised
            self.shownChanged.emit(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if not event.spontaneous():
            self.shownChanged.emit(False)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Few teams fill the page's height (up to 5 lines a row: read from the back); many scroll."""
        line = self.fontMetrics().height()
        rows = max(1, self.model.rowCount())
        height = self.table.viewport().height() // rows
        self.table.verticalHeader().setDefaultSectionSize(round(min(line * 5, max(line * ROW_LINES, height))))

    def _show_legend(self, heat: HeatMap) -> None:
        if self.legend_labels:
            return
        self.legend.addWidget(QLabel("Levels:"))
        padding = self.fontMetrics().height() // 4
        for value, name in heat.levels:
            background, text = heat_colours((v for v, _ in heat.levels), value)
            label = QLabel(f"{value} {name}")
            label.setObjectName("organisationLegend")
            label.setStyleSheet(f"background: {background}; color: {text}; padding: {padding}px {padding * 3}px;"
                                " border: 1px solid #767676;")  # fmt: skip
            self.legend.addWidget(label)
            self.legend_labels.append(label)
        words = QLabel("– not rated · ▲ ▼ = change since the previous workshop · new: rated for the first time")
        words.setWordWrap(True)  # on two lines where the page is narrow, never cut
        self.legend.addWidget(words, 1)

    def set_hide_names(self, hide: bool) -> None:
        self.hide_button.blockSignals(True)
        self.hide_button.setChecked(hide)
        self.hide_button.blockSignals(False)
        self.model.set_hide_names(hide)
        self.table.resizeColumnToContents(TEAM_COLUMN)

    def names(self) -> list[str]:
        """The team column, top to bottom, as shown."""
        return [self.model.name(row) for row in range(self.model.rowCount())]

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() and self.model.columnCount() > FIRST_PRACTICE:
            self.table.setCurrentIndex(self.model.index(0, FIRST_PRACTICE))

    @Slot(int)
    def _header_clicked(self, section: int) -> None:
        if section != HELD_COLUMN:
            self.sortRequested.emit(self.model.practice_of(section))

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(index.data(WORKSHOP_ROLE))
