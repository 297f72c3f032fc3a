"""Workshops opened read-only (another Maturity Workshop is their writer, or their folder cannot be
written): a banner says so above everything, and nothing offers to change them. The editor treats
every workshop as closed (``WorkshopEditor.read_only``); exporting still works."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

from ...domain.errors import DomainError
from ...services.workshops import WorkshopService

BANNER_STYLE = "background: #FEE2E2; color: #7F1D1D; padding: 6px 10px; font-weight: bold;"
HINT = "Opened read-only: nothing can be changed here (see the banner above)."


class ReadOnlyMode:
    """Whether the window's workshops are read-only, and the banner and hint that say so."""

    def __init__(self, service: WorkshopService) -> None:
        self.service = service
        self.active = service.read_only
        self.reason = service.read_only_reason
        self.hint = HINT

    def banner_text(self) -> str:
        reason = self.reason.removeprefix("Not saved: ").removeprefix("The change was not saved: ")
        return f"🔒 {reason[:1].upper()}{reason[1:]}"

    def banner_for(self, workshop_id: int) -> str:
        """The banner while ``workshop_id`` is shown: in a copy from the organisation, who published it."""
        from ...services.organisation_cache import copy_words, published_by

        try:
            publisher = published_by(self.service, workshop_id)
        except DomainError:
            publisher = None
        return f"🔒 {copy_words(publisher)}" if publisher else self.banner_text()

    def build_banner(self) -> tuple[QToolBar, QLabel]:
        """A bar for the top of the window, which cannot be hidden: it is why nothing changes."""
        banner = QLabel(self.banner_text())
        banner.setObjectName("readOnlyBanner")
        banner.setWordWrap(True)
        banner.setStyleSheet(BANNER_STYLE)
        banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar = QToolBar("Read-only")
        bar.setObjectName("readOnlyBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)
        bar.addWidget(banner)
        return bar, banner
