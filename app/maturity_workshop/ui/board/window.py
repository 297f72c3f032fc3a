"""The board: the workshop's name and the legend on one line, the grid, and the focused cell's note
floating over the grid's foot. It is a second view over the window's models: a click on the console
shows here at once, and the board can be clicked and driven by the keyboard like the console.

It can be blanked (B) or frozen (Shift+B) while the facilitator works on the console."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QKeyEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.workshop import Workshop
from ..grid.legend import legend_samples
from ..grid.model import GridModel
from ..timebox.label import TimerLabel
from ..widgets import ElidedLabel, isolated
from .grid import BoardGridView
from .sizing import BoardSizes, board_sizes

NOTE_BORDER_PX = 2
NOTE_STYLE = f"background: #FFFBEB; color: #111827; border: {NOTE_BORDER_PX}px solid #B45309; border-radius: 6px;"


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
        self._side: QWidget | None = None  # beside the grid: the voting panel, while voting is on
        self._instead: QWidget | None = None  # over the whole board: the organisation's heat map
        self._note_held = False  # a round of votes is on the board: the note waits
        self._note_text = ""

        self.heading = ElidedLabel()  # a long name ends in "…", never widens the board past its screen
        self.heading.setObjectName("boardHeading")
        self.timer = TimerLabel(model.maturity_model, with_practice=False)  # the focused practice's time
        self.legend = legend_samples(model)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.timer)
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

        self.grid.installEventFilter(self)  # the note is placed once the grid has its size
        selection.currentChanged.connect(self._on_focus_moved)
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._refresh_note)
        self.apply_sizes(self._sizes)

    # -- what it shows --------------------------------------------------------------------------
    def show_workshop(self, workshop: Workshop | None) -> None:
        self.heading.setText(f"{isolated(workshop.team_name)} · {isolated(workshop.title)}" if workshop else "")

    def add_side(self, widget: QWidget) -> None:
        """``widget`` beside the grid, sized with the board (``widget.apply_sizes``), shown when it shows itself."""
        self._layout.removeWidget(self.grid)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.grid, 1)
        row.addWidget(widget)
        self._layout.addLayout(row, 1)
        self._side = widget
        widget.apply_sizes(self._sizes)

    def show_instead(self, view: QWidget | None) -> None:
        """``view`` over the whole board in place of the workshop (sized with the board,
        ``view.apply_sizes``; it has the keys the board gets); None: the workshop again."""
        if self._instead is not None and self._instead is not view:
            self._instead.hide()
        self._instead = view
        if view is not None:
            view.setParent(self)
            view.apply_sizes(self._sizes)
            view.setGeometry(self.rect())
            view.show()
            self._raise_layers()
        self.take_keys()

    @property
    def instead(self) -> QWidget | None:
        """What the board shows in place of the workshop (None: the workshop)."""
        return self._instead

    def take_keys(self) -> None:
        """The keys the board gets go to what it shows: the heat map, else the grid."""
        (self._instead or self.grid).setFocus(Qt.FocusReason.OtherFocusReason)

    def _raise_layers(self) -> None:
        """The note over the grid, what shows instead of the workshop over both, the cover over all."""
        self.note.raise_()
        if self._instead is not None:
            self._instead.raise_()
        self.cover.raise_()

    def hold_note(self, held: bool) -> None:
        """Keep the note off the board while a round of votes is on it (the facilitator's choice
        of View ▸ Show notes on the board stays as it is)."""
        self._note_held = held
        self._refresh_note()

    def set_notes_shown(self, shown: bool) -> None:
        self._notes_shown = shown
        self._refresh_note()

    @property
    def notes_shown(self) -> bool:
        return self._notes_shown

    def _on_focus_moved(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._refresh_note()

    def _on_data_changed(self, top_left: QModelIndex, *_rest) -> None:
        """Only the focused cell's change can change the note shown (a rating change never does)."""
        if top_left == self.grid.currentIndex():
            self._refresh_note()

    def _refresh_note(self) -> None:
        index = self.grid.currentIndex()
        cell = self.grid_model.cell_at(index) if index.isValid() else None
        text = self.grid_model.note(cell.id) if cell else ""
        if not (self._notes_shown and text) or self._note_held:
            self.note.hide()
            return
        practice = self.grid_model.maturity_model.practice(cell.practice_id)
        level = self.grid_model.maturity_model.level(cell.level)
        self.note.setText(f"✎ {practice.name} · {level.label}\n{text}")
        self._place_note()
        self.note.show()
        self._raise_layers()

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
        self.timer.setFont(heading)
        self.timer.set_padding(round(sizes.px(2)), round(sizes.px(12)))
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
        if self._side is not None:
            self._side.apply_sizes(sizes)
        if self._instead is not None:
            self._instead.apply_sizes(sizes)
        self._place_note()

    def _place_note(self) -> None:
        """The note floats over the grid, under half the board wide, in the corner away from the
        cell it is on: at the foot for a cell in the upper rows, at the top for one below, on the
        right for a cell on the left and on the left for one on the right."""
        area = self.grid.geometry()
        width = min(area.width(), round(self._sizes.px(900)))
        margins = self.note.contentsMargins()
        inner = width - margins.left() - margins.right() - 2 * NOTE_BORDER_PX
        text = QFontMetrics(self.note.font()).boundingRect(
            QRect(0, 0, max(1, inner), 1_000_000), int(Qt.TextFlag.TextWordWrap), self.note.text()
        )
        height = min(text.height() + margins.top() + margins.bottom() + 2 * NOTE_BORDER_PX, area.height() // 2)
        margin = round(self._sizes.px(16))
        cell = self.grid.visualRect(self.grid.currentIndex()).translated(area.topLeft())
        cell = cell.translated(self.grid.viewport().pos())
        low = cell.isValid() and cell.center().y() > area.center().y()
        right = cell.isValid() and cell.center().x() > area.center().x()
        x = area.left() + margin if right else area.right() - width - margin
        y = area.top() + self.grid.horizontalHeader().height() + margin if low else area.bottom() - height - margin
        self.note.setGeometry(x, y, width, height)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.grid and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._place_note)  # once the grid has laid its columns out
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.cover.setGeometry(self.rect())
        if self._instead is not None:
            self._instead.setGeometry(self.rect())
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
        if self._instead is not None and event.key() == Qt.Key.Key_Escape:
            self.leaveRequested.emit()  # as Esc on the grid: presentation mode ends
            return
        self.take_keys()  # keys on the board drive its grid, or what shows instead
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # presentation mode ends (and hides the board) rather than the board closing
        self.leaveRequested.emit()
