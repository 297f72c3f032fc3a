"""A window on workshops opened read-only (another Maturity Workshop is their writer, or their
folder cannot be written): a banner says so above everything, and nothing offers to change them.
The editor treats every workshop as closed (``WorkshopEditor.read_only``); exporting still works."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

if TYPE_CHECKING:
    from .main_window import MainWindow

BANNER_STYLE = "background: #FEE2E2; color: #7F1D1D; padding: 6px 10px; font-weight: bold;"


def banner_text(window: MainWindow) -> str:
    reason = window.service.database.read_only_reason
    reason = reason.removeprefix("Not saved: ").removeprefix("The change was not saved: ")
    return f"🔒 {reason[:1].upper()}{reason[1:]}"


def apply_read_only(window: MainWindow) -> None:
    """If ``window``'s workshops were opened read-only: the banner, and the changing gestures off."""
    if not window.service.read_only:
        return
    banner = QLabel(banner_text(window))
    banner.setObjectName("readOnlyBanner")
    banner.setWordWrap(True)
    banner.setStyleSheet(BANNER_STYLE)
    banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar = QToolBar("Read-only")
    bar.setObjectName("readOnlyBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)  # it cannot be hidden: it is the reason nothing changes
    bar.addWidget(banner)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.read_only_banner = banner
    hint = "Opened read-only: nothing can be changed here (see the banner above)."
    window.notes.read_only_hint = hint
    window.actions_panel.read_only_hint = hint
    window.new_action.setEnabled(False)
    window.start_button.setEnabled(False)
