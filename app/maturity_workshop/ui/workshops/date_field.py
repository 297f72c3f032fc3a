"""A date typed as YYYY-MM-DD, or picked from a calendar, that keeps every key as typed.

QDateEdit edits its date section by section, and drops or reinterprets what does not fit without a
word: a whole date typed over its selection loses its year ("2025-04-21" becomes 2025-03-04), a 30
typed in February becomes 03, and an unfinished date reverts when the focus leaves. Here the text
is the facilitator's own until the dialog is accepted; then it is either a date or the dialog's
error label says why not (:meth:`DateField.problem`)."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from ..widgets import elided

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class DateField(QWidget):
    def __init__(self, value: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("dateText")
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Pick the date in a calendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types the date
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_button.setMenu(menu)
        menu.aboutToShow.connect(self._show_calendar)
        self.calendar.clicked.connect(lambda picked: (self.setDate(picked), menu.close()))
        self.calendar.activated.connect(lambda picked: (self.setDate(picked), menu.close()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.edit)
        self.setDate(value)

    def setDate(self, value: QDate) -> None:  # noqa: N802 (QDateEdit's name)
        self.edit.setText(value.toString("yyyy-MM-dd"))

    def text(self) -> str:
        return self.edit.text()

    def value(self) -> date | None:
        """The date typed; None when the text is not one."""
        found = _ISO_DATE.fullmatch(self.text().strip())
        if found is None:
            return None
        try:
            return date(*(int(part) for part in found.groups()))
        except ValueError:  # 2026-02-30, month 13
            return None

    def problem(self) -> str:
        """Why the text is not a date ("" when it is one)."""
        if self.value() is not None:
            return ""
        example = date.today().isoformat()
        if not self.text().strip():
            return f"The date is empty: write it as YYYY-MM-DD, for example {example}."
        return f"“{elided(self, self.text().strip(), 30)}” is not a date: write it as YYYY-MM-DD, for example {example}."

    def _show_calendar(self) -> None:
        value = self.value()
        if value is not None:
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))
