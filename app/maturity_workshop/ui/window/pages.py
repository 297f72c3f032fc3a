"""The window's two faces: the welcome page (no workshop open) and the open workshop's header."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ... import APP_NAME
from ...domain.workshop import Workshop
from ..grid.legend import legend_samples
from ..grid.model import GridModel
from ..widgets import ElidedLabel, isolated, scaled_bold


class WelcomePage(QWidget):
    """Shown when no workshop is open: the first launch, or after the open one was deleted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel(f"Welcome to {APP_NAME}")
        title.setFont(scaled_bold(self, 1.8))
        blurb = QLabel(
            "Rate your team's Continuous Delivery practices together, set targets and keep notes.\n"
            "Every change is saved as you make it."
        )
        blurb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QPushButton("Start a workshop…")
        self.start_button.setObjectName("startWorkshopButton")
        self.start_button.setAutoDefault(True)  # Return or Enter on it starts a workshop
        self.open_button = QPushButton("Open a workshop…")
        self.open_button.setObjectName("openWorkshopButton")
        self.open_button.setAutoDefault(True)
        button_font = QFont(self.font())
        button_font.setPointSizeF(button_font.pointSizeF() * 1.3)
        padding = self.fontMetrics().height() // 2
        for button in (self.start_button, self.open_button):
            button.setFont(button_font)
            button.setStyleSheet(f"padding: {padding}px {padding * 3}px;")
        column = QVBoxLayout(self)
        column.addStretch(1)
        for widget in (title, blurb, self.start_button, self.open_button):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
        column.addStretch(2)

    def show_shortcuts(self, start: QAction, open_: QAction) -> None:
        """Each button names the key of the command it runs: "Start a workshop…  Ctrl+N"."""
        for button, command in ((self.start_button, start), (self.open_button, open_)):
            words = button.text().split("  ")[0]
            key = command.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setText(f"{words}  {key}" if key else words)


class WorkshopHeader(QWidget):
    """Above the grid: team and title, date and people, the closed banner and the legend. The
    heading is larger than the grid's text, whatever size the window gives that."""

    HEADING_SCALE = 1.3  # times the application's font, at the least
    HEADING_OVER_GRID = 1.25  # times the grid's text

    def __init__(self, model: GridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Team, title and facilitator may each be 200 characters: these lines elide, never widen.
        self.heading = ElidedLabel()
        self.heading.setObjectName("workshopHeading")
        self.heading.setFont(scaled_bold(self, self.HEADING_SCALE))
        self._least_heading_size = self.heading.font().pointSizeF()
        self.details = ElidedLabel()
        self.closed_banner = QLabel("Closed: read-only. Workshop ▸ Reopen to change it.")
        self.closed_banner.setStyleSheet("background: #FEF3C7; color: #78350F; padding: 4px 8px; font-weight: bold;")

        legend = QHBoxLayout()
        self.legend = legend_samples(model)
        for sample in self.legend:
            legend.addWidget(sample)
        legend.addStretch(1)
        legend.addWidget(
            QLabel("Click: current level · Shift+click, T or right-click: target · N: note · A: action")
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header_row = QHBoxLayout()
        header_row.addWidget(self.heading, 1)
        header_row.addWidget(self.closed_banner)
        layout.addLayout(header_row)
        layout.addWidget(self.details)
        layout.addLayout(legend)

    def follow_grid_text(self, point_size: float) -> None:
        """The grid's text is now ``point_size``. (Changed in half points only: a taller heading takes
        height from the grid, which may make its text a little smaller, and so on.)"""
        wanted = max(self._least_heading_size, round(point_size * self.HEADING_OVER_GRID * 2) / 2)
        font = self.heading.font()
        if abs(font.pointSizeF() - wanted) >= 0.5:
            font.setPointSizeF(wanted)
            self.heading.setFont(font)

    def show_workshop(self, workshop: Workshop) -> None:
        self.heading.setText(f"{isolated(workshop.team_name)} · {isolated(workshop.title)}")
        people = f"{workshop.participant_count} participants" if workshop.participant_count else ""
        facilitator = f"facilitated by {isolated(workshop.facilitator)}" if workshop.facilitator else ""
        self.details.setText(
            "  ·  ".join(part for part in (workshop.held_on.strftime("%A %d %B %Y"), facilitator, people) if part)
        )
        self.closed_banner.setVisible(workshop.closed)
