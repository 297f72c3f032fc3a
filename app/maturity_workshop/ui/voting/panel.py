"""The voting panel beside the board's grid (and the console's): the QR code to scan, the address
to type and the room code in large type, "7 of 9 have voted" with the phones connected, "Names are
kept" in a named round, the hotspot's QR code when given; after the reveal, the median and the
spread in words. Black on white, every fact in words: nothing is told by colour alone.

Sizes follow the board's (``board/sizing.py``): the QR code's modules are whole pixels, about
``QR_PX`` for 1920x1080 (9 px modules, 369 px with the quiet zone, for the 33 modules of a voting
address), 6 px at 1280x720 (246 px): on a projected image 2.5 m wide either is about 48 cm, which
a phone reads from the back of a room of several metres."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..board.sizing import HEADING_PX, LABEL_PX, BoardSizes
from .room import QrMatrix, RoomView

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
QR_PX = 400  # the code's side, quiet zone included, at 1920x1080 (whole modules: a little less)
HOTSPOT_QR_PX = 220
PANEL_PX = 430  # the panel's width at 1920x1080
BIG_PX = 30  # the address, the room code and the count
INK = QColor("#111827")


class QrCode(QWidget):
    """A QR code drawn module by module at a whole number of pixels each, with its quiet zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: QrMatrix = ()
        self.module = 1
        self._side_px = 100
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def show_code(self, matrix: QrMatrix | None) -> None:
        self.matrix = matrix or ()
        self.setVisible(bool(self.matrix))
        self._fit()

    def set_side(self, pixels: float) -> None:
        """The code at most ``pixels`` a side: as many whole pixels a module as fit."""
        self._side_px = pixels
        self._fit()

    def _fit(self) -> None:
        modules = len(self.matrix) + 2 * QUIET_ZONE
        self.module = max(1, int(self._side_px // modules)) if self.matrix else 1
        self.setFixedSize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:
        side = (len(self.matrix) + 2 * QUIET_ZONE) * self.module if self.matrix else 0
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        m, quiet = self.module, QUIET_ZONE * self.module
        for y, row in enumerate(self.matrix):
            x = 0
            while x < len(row):  # a run of dark modules as one rectangle
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < len(row) and row[x]:
                    x += 1
                painter.fillRect(QRect(quiet + start * m, quiet + y * m, (x - start) * m, m), Qt.GlobalColor.black)
        painter.end()


class VotingPanel(QFrame):
    """The room's view of the voting session (hidden while there is none)."""

    def __init__(self, console: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("votingPanel")
        self.console = console  # the console's panel also says what the facilitator's keys do
        self.setStyleSheet(f"#votingPanel {{ background: white; border: 3px solid {INK.name()}; }}"
                           f" QLabel {{ color: {INK.name()}; background: white; }}")  # fmt: skip
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.title = self._label("votingTitle")
        self.qr = QrCode()
        self.address = self._label("votingAddress")
        self.room_code = self._label("votingRoomCode")
        self.count = self._label("votingCount")
        self.phones = self._label("votingPhones")
        self.privacy = self._label("votingPrivacy")
        self.result = self._label("votingResult")
        self.keys = self._label("votingKeys")
        self.hotspot_qr = QrCode()
        self.hotspot = self._label("votingHotspot")
        self.hint = self._label("votingHint")
        layout = QVBoxLayout(self)
        for widget in (self.title, self.result, self.keys, self.qr, self.address, self.room_code, self.count,
                       self.phones, self.privacy, self.hotspot_qr, self.hotspot, self.hint):  # fmt: skip
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self._layout = layout
        self.view: RoomView | None = None
        self.hide()

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return label

    # -- what it shows --------------------------------------------------------------------------
    def show_room(self, view: RoomView | None) -> None:
        self.view = view
        if view is None:
            self.hide()
            return
        revealed, shows_code = view.revealed, True  # after a reveal too: the next round is on the same address
        if revealed:
            self.title.setText(f"{view.practice_name}: the room's votes")
        elif view.practice_id is not None:
            self.title.setText(f"Vote on {view.practice_name}")
        else:
            self.title.setText("Scan to vote: the round opens soon")
        self.qr.show_code(view.qr if shows_code else None)
        self._say(self.address, f"or open\n{view.address}" if shows_code else "")
        self._say(self.room_code, f"room code  {view.room_code_words}" if shows_code else "")
        self._say(self.count, view.count_words if view.is_open else "")
        self._say(self.phones, view.phones_words if shows_code else "")
        privacy = "Names are kept" if view.named else "Anonymous: no name is kept"
        self._say(self.privacy, privacy if view.is_open else "")
        tally = view.tally
        if tally is not None:
            votes = f"{tally.total} vote{'' if tally.total == 1 else 's'}"
            median = f"median: {view.median_label}" if view.median_label else "no median"
            self._say(self.result, f"{votes}\n{median}\n{view.spread_words}")
        else:
            self._say(self.result, "")
        keys = "M takes the median · V votes again" if revealed else "R reveals the votes" if view.is_open else "V opens a round"
        self._say(self.keys, keys if self.console else "")
        hotspot = bool(view.hotspot_qr) and shows_code
        self.hotspot_qr.show_code(view.hotspot_qr if hotspot else None)
        self._say(self.hotspot, f"Wi-Fi “{view.hotspot_name}”: whoever sees this can join the Wi-Fi" if hotspot else "")
        self._say(self.hint, view.hint if self.console else "")
        self.show()

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    # -- sizes ----------------------------------------------------------------------------------
    def apply_sizes(self, sizes: BoardSizes) -> None:
        """Type and code sized for this board (or, on the console, for its font)."""
        width = round(sizes.px(PANEL_PX))
        self.setFixedWidth(width)
        margin = round(sizes.px(12))
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(round(sizes.px(6)))
        inner = width - 2 * margin
        for label in (self.title, self.address, self.room_code, self.count, self.phones, self.privacy,
                      self.result, self.keys, self.hotspot, self.hint):  # fmt: skip
            label.setFixedWidth(inner)
        self._font(self.title, sizes, HEADING_PX, bold=True)
        for label in (self.address, self.room_code, self.count):
            self._font(label, sizes, BIG_PX, bold=True)
        self._font(self.result, sizes, HEADING_PX, bold=True)
        for label in (self.phones, self.privacy, self.keys, self.hotspot, self.hint):
            self._font(label, sizes, LABEL_PX + 4 if label is not self.hint else LABEL_PX)
        self.qr.set_side(min(inner, sizes.px(QR_PX)))
        self.hotspot_qr.set_side(min(inner, sizes.px(HOTSPOT_QR_PX)))

    @staticmethod
    def _font(label: QLabel, sizes: BoardSizes, reference_px: float, bold: bool = False) -> None:
        font = QFont(label.font())
        font.setPointSizeF(sizes.points(reference_px))
        font.setBold(bold)
        label.setFont(font)
