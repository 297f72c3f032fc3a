"""The board: the workshop's name and the legend on one line, the grid, and the focused cell's note
floating over the grid's foot. It is a second view over the window's models: a click on the console
shows here at once, and the board can be clicked and driven by the keyboard like the console.

It can be blanked (B) or frozen (Shift+B) while the facilitator works on the console."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.workshop import Workshop
from ..grid.legend import legend_samples
from ..grid.model import GridModel
from .grid import BoardGridView
from .sizing import BoardSizes, board_sizes

NOTE_STYLE = "background: rgba(255, 251, 235, 245); color: #111827; border: 2px solid #B45309; border-radius: 6px;"


class BoardWindow(QWidget):
    leaveRequested = Signal()

    def __init__(self, model: GridModel, selection: QItemSelectionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("board")
        self.setWindowTitle("Maturity Workshop board")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
        self.setPalette(palette)
        self.grid_model = model
        self.grid = BoardGridView(model)
        self.grid.setSelectionModel(selection)  # the console's focused cell is the board's
        self._sizes = board_sizes(1920, 1080)
        self._notes_shown = True
        self._note_text = ""

        self.heading = QLabel()
        self.heading.setObjectName("boardHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setMinimumWidth(1)  # a long name is cut, never widens the board past its screen
        self.legend = legend_samples()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for swatch in self.legend:
            top.addWidget(swatch)
        self._top = top
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        self._layout = layout

        self.note = QLabel(self)
        self.note.setObjectName("boardNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.hide()

        self.cover = QLabel(self)  # black when blanked, the frozen picture when frozen
        self.cover.setObjectName("boardCover")
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover.setStyleSheet("background: black;")
        self.cover.hide()

        selection.currentChanged.connect(self._on_focus_moved)
        model.dataChanged.connect(lambda *_: self._refresh_note())
        model.modelReset.connect(self._refresh_note)
        self.apply_sizes(self._sizes)

    # -- what it shows --------------------------------------------------------------------------
    def show_workshop(self, workshop: Workshop | None) -> None:
        self.heading.setText(f"{workshop.team_name} · {workshop.title}" if workshop else "")
        self.heading.setToolTip(self.heading.text())

    def set_notes_shown(self, shown: bool) -> None:
        self._notes_shown = shown
        self._refresh_note()

    @property
    def notes_shown(self) -> bool:
        return self._notes_shown

    def _on_focus_moved(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._refresh_note()

    def _refresh_note(self) -> None:
        index = self.grid.currentIndex()
        cell = self.grid_model.cell_at(index) if index.isValid() else None
        text = self.grid_model.note(cell.id) if cell else ""
        if not (self._notes_shown and text):
            self.note.hide()
            return
        practice = self.grid_model.maturity_model.practice(cell.practice_id)
        level = self.grid_model.maturity_model.level(cell.level)
        self.note.setText(f"✎ {practice.name} · {level.label}\n{text}")
        self._place_note()
        self.note.show()
        self.note.raise_()
        self.cover.raise_()

    # -- sizes ----------------------------------------------------------------------------------
    @property
    def sizes(self) -> BoardSizes:
        return self._sizes

    def apply_sizes(self, sizes: BoardSizes) -> None:
        """Type for a board of this size (see ``sizing.py``)."""
        self._sizes = sizes
        margin = round(sizes.px(12))
        self._layout.setContentsMargins(margin, round(sizes.px(6)), margin, margin)
        self._layout.setSpacing(round(sizes.px(6)))
        self._top.setSpacing(round(sizes.px(10)))
        heading = QFont(self.font())
        heading.setPointSizeF(sizes.heading_points)
        heading.setBold(True)
        self.heading.setFont(heading)
        label = QFont(self.font())
        label.setPointSizeF(sizes.label_points)
        label.setBold(True)
        pad = round(sizes.px(3)), round(sizes.px(10))
        for sample in self.legend:
            sample.setFont(label)
            sample.set_frame(max(2, round(sizes.px(3))), pad)
        note = QFont(self.font())
        note.setPointSizeF(sizes.note_points)
        self.note.setFont(note)
        self.note.setContentsMargins(*(round(sizes.px(10)),) * 4)
        self.grid.set_sizes(sizes)
        self._place_note()

    def _place_note(self) -> None:
        """The note floats over the grid's lower right corner, under half the board wide."""
        area = self.grid.geometry()
        width = min(area.width(), round(self._sizes.px(900)))
        self.note.setFixedWidth(width)
        height = min(self.note.heightForWidth(width), area.height() // 2)
        margin = round(self._sizes.px(16))
        self.note.setGeometry(area.right() - width - margin, area.bottom() - height - margin, width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.cover.setGeometry(self.rect())
        self._place_note()

    # -- blank and freeze -------------------------------------------------------------------------
    @property
    def covered(self) -> str:
        """"" while the board is live, else "blank" or "frozen"."""
        return (self.cover.property("covered") or "") if self.cover.isVisible() else ""

    def blank(self, on: bool) -> None:
        self._cover("blank" if on else "")

    def freeze(self, on: bool) -> None:
        self._cover("frozen" if on else "")

    def _cover(self, how: str) -> None:
        if not how:
            self.cover.hide()
            self.cover.setProperty("covered", "")
            return
        if how == "frozen":
            picture = self.grab() if not self.cover.isVisible() else self.cover.pixmap()
            self.cover.setPixmap(picture)
        else:
            self.cover.setPixmap(QPixmap())
        self.cover.setProperty("covered", how)
        self.cover.setGeometry(self.rect())
        self.cover.show()
        self.cover.raise_()

    # -- closing ----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)  # keys on the board drive its grid
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # presentation mode ends (and hides the board) rather than the board closing
        self.leaveRequested.emit()
