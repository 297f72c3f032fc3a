"""Workshop ▸ Agenda…: the practices in order with the minutes planned for each, filled in by
spreading a total (90 minutes over 6 practices: 15 each) and editable practice by practice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import MaturityModel
from ...domain.limits import MAX_PLANNED_MINUTES
from ...domain.timebox import DEFAULT_AGENDA_MINUTES, PracticeTime, spent_minutes, spread_minutes


def _minutes_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_PLANNED_MINUTES)
    box.setSuffix(" min")
    box.setValue(value)
    return box


class AgendaDialog(QDialog):
    def __init__(self, model: MaturityModel, times: dict[str, PracticeTime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agenda")
        self.model = model
        ids = [p.id for p in model.practices]
        planned = {p: times[p].planned_minutes for p in ids if p in times}
        if not any(planned.values()):
            planned = spread_minutes(DEFAULT_AGENDA_MINUTES, ids)

        self.total = _minutes_box(sum(planned.values()) or DEFAULT_AGENDA_MINUTES)
        self.total.setMinimum(1)
        self.total.setObjectName("agendaTotal")
        self.spread = QPushButton("&Spread over the practices")
        self.spread.clicked.connect(self.spread_total)
        top = QHBoxLayout()
        top.addWidget(QLabel("&Total:", buddy=self.total))
        top.addWidget(self.total)
        top.addWidget(self.spread)
        top.addStretch(1)

        rows = QGridLayout()
        rows.addWidget(QLabel("<b>Practice</b>"), 0, 0)
        rows.addWidget(QLabel("<b>Planned</b>"), 0, 1)
        rows.addWidget(QLabel("<b>Spent so far</b>"), 0, 2)
        self.minutes: dict[str, QSpinBox] = {}
        for row, practice in enumerate(model.practices, start=1):
            box = _minutes_box(planned.get(practice.id, 0))
            box.valueChanged.connect(self._show_sum)
            self.minutes[practice.id] = box
            name = QLabel(practice.name, buddy=box)
            name.setTextFormat(Qt.TextFormat.PlainText)
            spent = times[practice.id].spent_seconds if practice.id in times else 0
            rows.addWidget(name, row, 0)
            rows.addWidget(box, row, 1)
            rows.addWidget(QLabel(f"{spent_minutes(spent)} min"), row, 2)
        self.sum = QLabel()
        self.sum.setObjectName("agendaSum")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The minutes planned for each practice; the timer counts them down."))
        layout.addLayout(top)
        layout.addLayout(rows)
        layout.addWidget(self.sum)
        layout.addWidget(buttons)
        self._show_sum()

    def spread_total(self) -> None:
        for practice_id, minutes in spread_minutes(self.total.value(), list(self.minutes)).items():
            self.minutes[practice_id].setValue(minutes)

    def planned(self) -> dict[str, int]:
        return {practice_id: box.value() for practice_id, box in self.minutes.items()}

    def _show_sum(self) -> None:
        total = sum(self.planned().values())
        over = f" (more than the {MAX_PLANNED_MINUTES} an agenda can plan)" if total > MAX_PLANNED_MINUTES else ""
        self.sum.setText(f"In all: {total} min{over}")
