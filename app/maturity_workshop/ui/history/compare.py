"""Two workshops of a team side by side (Workshop ▸ Compare with…): each practice's level and
target at both with the change, the targets reached, the notes of both, and the actions opened,
carried over and closed between them."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget,
)

from ...domain.errors import DomainError
from ...domain.history import Comparison, PracticeComparison, TeamHistory, level_text
from ...domain.model import MaturityModel
from ..widgets import error_label
from .page import PAGE_SCALE, held_on

Compare = Callable[[int, int], Comparison]  # two workshop ids -> the comparison (or a DomainError)


def _named(state) -> str:
    return f"“{escape(state.workshop.title)}” <span style='color:#475569'>({held_on(state.workshop)})</span>"


def _level(model: MaturityModel, value: int | None) -> str:
    return "–" if value is None else escape(f"{level_text(value)} {model.level(value).name}")


def _rows(model: MaturityModel, practices: tuple[PracticeComparison, ...]) -> str:
    rows = []
    for p in practices:
        change = p.change
        badge = change.badge or "–"
        if p.before.target is None:
            reached = "no target set"
        else:
            reached = "<b>✓ reached</b>" if p.target_reached else "not yet"
        rows.append(
            f"<tr><td><b>{escape(p.name)}</b></td><td>{_level(model, p.before.current)}</td>"
            f"<td>{_level(model, p.after.current)}</td><td align='center'><b>{escape(badge)}</b></td>"
            f"<td>{_level(model, p.before.target)}</td><td>{_level(model, p.after.target)}</td><td>{reached}</td></tr>"
        )
    return "".join(rows)


def _notes(model: MaturityModel, notes: dict[str, str]) -> str:
    if not notes:
        return "<i style='color:#475569'>no notes</i>"
    return "".join(
        f"<p><b>{escape(model.level(model.cell_by_id(cell_id).level).label)}:</b> "
        f"{escape(text).replace(chr(10), '<br>')}</p>"
        for cell_id, text in notes.items()
    )


def _action_list(model: MaturityModel, items: list[tuple[object, str]]) -> str:
    if not items:
        return "<p><i style='color:#475569'>none</i></p>"
    return "<ul>" + "".join(
        f"<li>{escape(action.title)} <span style='color:#475569'>· {escape(model.practice(action.practice_id).name)}"
        f"{' · ' + escape(action.owner) if action.owner else ''}</span> — {escape(words)}</li>"
        for action, words in items
    ) + "</ul>"


def comparison_html(model: MaturityModel, comparison: Comparison) -> str:
    """The comparison as the dialog shows it (all typed text escaped: it stays text)."""
    earlier, later = comparison.earlier, comparison.later
    set_before = [p for p in comparison.practices if p.before.target is not None]
    reached = comparison.targets_reached
    if set_before:
        names = ", ".join(escape(p.name) for p in reached) or "none yet"
        targets = f"Targets reached: <b>{len(reached)} of the {len(set_before)}</b> set at “{escape(earlier.workshop.title)}” ({names})."
    else:
        targets = f"“{escape(earlier.workshop.title)}” set no targets."
    head = (
        "<tr><th align='left'>Practice</th><th align='left'>Level then</th><th align='left'>Level now</th>"
        "<th>Change</th><th align='left'>Target then</th><th align='left'>Target now</th>"
        "<th align='left'>Reached the target?</th></tr>"
    )
    parts = [
        f"<h2>{_named(earlier)} → {_named(later)}</h2>",
        f"<p>{targets}</p>",
        f"<table cellspacing='0' cellpadding='6' border='1' style='border-color:#CBD5E1; border-collapse:collapse'>"
        f"{head}{_rows(model, comparison.practices)}</table>",
        "<h3>Notes</h3>",
    ]
    noted = [p for p in comparison.practices if p.notes_before or p.notes_after]
    if not noted:
        parts.append("<p><i style='color:#475569'>Neither workshop has notes.</i></p>")
    else:
        parts.append("<table cellspacing='0' cellpadding='6' width='100%'>"
                     f"<tr><th width='20%'></th><th align='left' width='40%'>{_named(earlier)}</th>"
                     f"<th align='left' width='40%'>{_named(later)}</th></tr>")
        for p in noted:
            parts.append(f"<tr><td valign='top'><b>{escape(p.name)}</b></td><td valign='top'>{_notes(model, p.notes_before)}</td>"
                         f"<td valign='top'>{_notes(model, p.notes_after)}</td></tr>")
        parts.append("</table>")
    parts += [
        "<h3>Actions</h3>",
        f"<p><b>Opened at “{escape(later.workshop.title)}”</b> ({len(comparison.opened)})</p>",
        _action_list(model, [(a, a.status.label.lower() + (", carried over from a workshop in between"
                                                           if a.carried_from_id else "")) for a in comparison.opened]),
        f"<p><b>Carried over from “{escape(earlier.workshop.title)}”</b> ({len(comparison.carried)})</p>",
        _action_list(model, [(a, f"{a.status.label.lower()} now") for a in comparison.carried]),
        f"<p><b>Closed since “{escape(earlier.workshop.title)}”</b> ({len(comparison.closed)})</p>",
        _action_list(model, [(o.action, o.outcome.value) for o in comparison.closed]),
    ]
    return "".join(parts)


class CompareDialog(QDialog):
    """Any two of the team's workshops: by default the one asked for and the one before it."""

    def __init__(self, model: MaturityModel, history: TeamHistory, one_id: int, other_id: int, compare: Compare,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.history, self._compare = model, history, compare
        self.comparison: Comparison | None = None
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * PAGE_SCALE)  # read by the room, as the history page
        self.setFont(font)
        self.setWindowTitle(f"Compare workshops · {history.team.name}")
        self.first, self.second = QComboBox(), QComboBox()
        self.first.setObjectName("compareFirst")
        self.second.setObjectName("compareSecond")
        for chooser in (self.first, self.second):
            for state in history.workshops:
                chooser.addItem(f"{held_on(state.workshop)} · {state.workshop.title}", state.workshop.id)
            chooser.currentIndexChanged.connect(self._show)
        self.first.setAccessibleName("The first workshop compared")
        self.second.setAccessibleName("The second workshop compared")
        self.error = error_label()
        self.view = QTextBrowser()
        self.view.setObjectName("comparison")
        self.view.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        for widget in (QLabel("Compare"), self.first, QLabel("with"), self.second):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.setMinimumSize(metrics.averageCharWidth() * 90, metrics.height() * 24)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(max(self.minimumWidth(), screen.width() * 3 // 4), max(self.minimumHeight(), screen.height() * 4 // 5))
        self.choose(one_id, other_id)

    def choose(self, one_id: int, other_id: int) -> None:
        for chooser, workshop_id in ((self.first, one_id), (self.second, other_id)):
            chooser.blockSignals(True)
            chooser.setCurrentIndex(chooser.findData(workshop_id))
            chooser.blockSignals(False)
        self._show()

    @Slot()
    def _show(self) -> None:
        one, other = self.first.currentData(), self.second.currentData()
        try:
            self.comparison = self._compare(one, other)
        except DomainError as error:
            self.comparison = None
            self.error.setText(str(error))
            self.error.show()
            self.view.clear()
            return
        self.error.hide()
        self.view.setHtml(comparison_html(self.model, self.comparison))

    def text(self) -> str:
        """What the dialog shows, as plain text."""
        return self.view.toPlainText()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Return in a chooser never closes the dialog
        super().keyPressEvent(event)
