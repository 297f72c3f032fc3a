"""The practices' names above the grid, and under each, while last time is shown, its change since
then ("▲ +1", "= same", "new") on an outlined badge. Focused on one practice, the other columns are
narrow: their names are cut short with "…" on one line rather than broken in the middle of a word.
Every size is the header font's."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader

from .model import HeaderRole

_WRAP = int(Qt.TextFlag.TextWordWrap)
_measured: dict[tuple[str, int, str], int] = {}  # (font, width, name) -> height


def name_height(font: QFont, width: int, name: str, narrow: bool) -> int:
    """The height a practice's name needs in a section ``width`` wide (narrow: one line). Measured
    once per font, width and name: a layout tries many sizes, again on each resize."""
    key = (font.key(), -1 if narrow else width, name)
    height = _measured.get(key)
    if height is None:
        if len(_measured) > 4096:
            _measured.clear()
        fm = QFontMetrics(font)
        height = fm.height() if narrow else fm.boundingRect(0, 0, _inner(fm, width), 1_000_000, _WRAP, name).height()
        _measured[key] = height
    return height


def badge_height(fm: QFontMetrics, shown: bool) -> int:
    """The band of the change's badge under the name: one line while last time is shown (whatever
    the change, so the header keeps its height as levels change and workshops open), else 0."""
    return fm.height() + 2 * _badge_pad(fm) if shown else 0


def _inner(fm: QFontMetrics, width: int) -> int:
    return max(1, width - fm.height())


def _badge_pad(fm: QFontMetrics) -> int:
    return max(2, round(fm.height() * 0.2))


class GridHeader(QHeaderView):
    def __init__(self, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.narrow: set[int] = set()
        self._bands: dict[tuple, QPixmap] = {}

    def badge(self, section: int, role: int = HeaderRole.CHANGE) -> str | None:
        """The practice's change since last time ("" for none); None while last time is hidden."""
        model = self.model()
        return model.headerData(section, Qt.Orientation.Horizontal, role) if model else None

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        """The name as Qt draws a section; under it, while last time is shown, a band with the change."""
        badge = self.badge(section)
        fm = self.fontMetrics()
        band = badge_height(fm, badge is not None)
        top = rect.adjusted(0, 0, 0, -band)
        if section in self.narrow:
            self._paint_narrow(painter, top, section)
        else:
            super().paintSection(painter, top, section)
        if band:
            room = rect.width() - 2 * _badge_pad(fm)
            if badge and fm.horizontalAdvance(badge) + 2 * _badge_pad(fm) > room:  # a narrow column
                badge = self.badge(section, HeaderRole.CHANGE_SHORT)  # "1 → –" for "last time 1, now –"
                if fm.horizontalAdvance(badge) + 2 * _badge_pad(fm) > room:
                    badge = badge.replace(" ", "")  # "▼−1", "1→–"
            painter.drawPixmap(rect.left(), top.bottom() + 1, self._band(rect.width(), band, badge))

    def _band(self, width: int, height: int, badge: str) -> QPixmap:
        """The band under a name, drawn once per change, size and font (a workshop opening repaints
        every header of the console and the board)."""
        ratio = self.devicePixelRatioF()
        key = (badge, width, height, self.font().key(), ratio, self.palette().cacheKey())
        pixmap = self._bands.get(key)
        if pixmap is None:
            if len(self._bands) > 128:
                self._bands.clear()
            pixmap = QPixmap(round(width * ratio), round(height * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self.palette().color(QPalette.ColorRole.Base))
            painter = QPainter(pixmap)
            painter.setFont(self.font())
            painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
            painter.drawLine(width - 1, 0, width - 1, height - 1)
            if badge:
                self._paint_badge(painter, QRect(0, 0, width, height), self.fontMetrics(), badge)
            painter.end()
            self._bands[key] = pixmap
        return pixmap

    def _paint_narrow(self, painter: QPainter, rect: QRect, section: int) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect, option.section = rect, section
        name = str(self.model().headerData(section, Qt.Orientation.Horizontal) or "")
        option.text = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - 4)
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()

    def _paint_badge(self, painter: QPainter, band: QRect, fm: QFontMetrics, badge: str) -> None:
        """The change on an outlined badge, centred in its band, in the header's text colour."""
        pad = _badge_pad(fm)
        room = band.width() - 2 * pad
        words = fm.horizontalAdvance(badge)
        sides = 2 * pad if words + 4 * pad <= room else max(1, pad // 2)  # narrow: a slim badge
        text = fm.elidedText(badge, Qt.TextElideMode.ElideRight, room - 2 * sides)
        width = min(room, fm.horizontalAdvance(text) + 2 * sides)
        height = band.height() - pad  # a half pad above and below
        box = QRectF(band.left() + (band.width() - width) / 2, band.top() + pad / 2, width, height)
        colour = self.palette().color(QPalette.ColorRole.ButtonText)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(colour, max(1.0, fm.height() / 14)))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(box, height * 0.3, height * 0.3)
        painter.setPen(colour)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
