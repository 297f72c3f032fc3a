"""The strip the side panels fold into when the window is too small for them beside the grid (a
1280x720 projector): two buttons that bring back the note panel and the actions panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget


class SideStrip(QWidget):
    def __init__(self, show_notes: QAction, show_actions: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideStrip")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        self.buttons = []
        for words, command in (("✎\nNote", show_notes), ("☑\nActions", show_actions)):
            button = QToolButton()
            button.setText(words)
            button.setToolTip(f"{command.text().replace('&', '')} ({command.shortcut().toString()})")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(command.trigger)
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)
