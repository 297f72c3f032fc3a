"""The practices' names above the grid, and under each, while last time is shown, its change since
then ("▲ +1", "= same", "new") on an outlined badge. Focused on one practice, the other columns are
narrow: their names are cut short with "…" on one line rather than broken in the middle of a word.
Every size is the header font's."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap, QTextLayout, QTextOption
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader

from .model import HeaderRole

_WRAP = int(Qt.TextFlag.TextWordWrap)
_measured: dict[tuple[str, int, str], int] = {}  # (font, width, name) -> height


def _name_lines(font: QFont, width: int, name: str, narrow: bool) -> tuple[int, int]:
    """The height of a practice's name in a section ``width`` wide (narrow: one line), and the width
    of its last line. Measured once per font, width and name: a layout tries many sizes, again on
    each resize."""
    key = (font.key(), -1 if narrow else width, name)
    measured = _measured.get(key)
    if measured is None:
        if len(_measured) > 4096:
            _measured.clear()
        fm = QFontMetrics(font)
        if narrow:
            measured = (fm.height(), fm.horizontalAdvance(name))
        else:
            lines = _lines_of(font, _inner(fm, width), name)
            measured = (fm.boundingRect(0, 0, _inner(fm, width), 1_000_000, _WRAP, name).height(),
                        round(lines[-1][1]) if lines else 0)  # fmt: skip
        _measured[key] = measured
    return measured


def _wrapped(font: QFont, width: int, text: str) -> list[tuple[str, float]]:
    """``text`` broken into lines at ``width`` as Qt breaks a header's name: each line's text and width."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append((text[line.textStart(): line.textStart() + line.textLength()].rstrip(), line.naturalTextWidth()))
    layout.endLayout()
    return lines


_lines: dict[tuple[str, int, str], list[tuple[str, float]]] = {}


def _lines_of(font: QFont, width: int, text: str) -> list[tuple[str, float]]:
    """:func:`_wrapped`, measured once per font, width and text."""
    key = (font.key(), width, text)
    lines = _lines.get(key)
    if lines is None:
        if len(_lines) > 4096:
            _lines.clear()
        lines = _lines[key] = _wrapped(font, width, text)
    return lines


def header_height(font: QFont, width: int, name: str, narrow: bool, shown: bool) -> int:
    """A practice's name and, while last time is shown, its change: beside the name's last line
    where a badge fits there (the height stays that of the name), else on a band below it. The
    room kept beside the name is that of the usual widest badge, so the height never changes as
    levels change."""
    height, last = _name_lines(font, width, name, narrow)
    if not shown:
        return height
    if not narrow and _fits_beside(font, width, last):
        return height
    return height + badge_height(font, True)


def _fits_beside(font: QFont, width: int, last_line: int) -> bool:
    fm = QFontMetrics(font)
    badge_fm = QFontMetrics(badge_font(font))
    return last_line + _gap(fm) + _badge_width(badge_fm, RESERVED_BADGE) <= _inner(fm, width)


def _gap(fm: QFontMetrics) -> int:
    return max(2, fm.height() // 3)


def _badge_width(fm: QFontMetrics, text: str) -> int:
    return fm.horizontalAdvance(text) + 4 * _badge_pad(fm)


RESERVED_BADGE = "= same"  # the usual widest badge ("▲ +1" and "▼ −1" are narrower)


BADGE_SCALE = 0.85  # the badge's text against the practice's name: the band costs the grid less height


def badge_font(font: QFont) -> QFont:
    smaller = QFont(font)
    smaller.setPointSizeF(font.pointSizeF() * BADGE_SCALE)
    return smaller


def badge_height(font: QFont, shown: bool) -> int:
    """The band of the change's badge under the name (the header's ``font``): one line of the
    badge's text while last time is shown (whatever the change, so the header keeps its height as
    levels change and workshops open), else 0."""
    fm = QFontMetrics(badge_font(font))
    return fm.height() + 2 * _badge_pad(fm) if shown else 0


def _inner(fm: QFontMetrics, width: int) -> int:
    return max(1, width - fm.height())


def _badge_pad(fm: QFontMetrics) -> int:
    return max(2, round(fm.height() * 0.12))


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
        """The name as Qt draws a section; while last time is shown, the change beside the name's
        last line where it fits (:func:`header_height`), else on a band under the name."""
        badge = self.badge(section)
        if badge is not None and section not in self.narrow and self._paint_beside(painter, rect, section, badge):
            return
        if badge is None:
            if section in self.narrow:
                self._paint_narrow(painter, rect, section)
            else:
                super().paintSection(painter, rect, section)
            return
        fm = QFontMetrics(badge_font(self.font()))
        band = badge_height(self.font(), True)
        room = rect.width() - 2 * _badge_pad(fm)
        if badge and fm.horizontalAdvance(badge) + 2 * _badge_pad(fm) > room:  # a narrow column
            badge = self.badge(section, HeaderRole.CHANGE_SHORT)  # "1 → –" for "last time 1, now –"
            if fm.horizontalAdvance(badge) + 2 * _badge_pad(fm) > room:
                badge = badge.replace(" ", "")  # "▼−1", "1→–"

        def draw(drawing: QPainter, option: QStyleOptionHeader) -> None:
            whole = option.rect
            top = whole.adjusted(0, 0, 0, -band)
            self._paint_name(drawing, option, top)
            drawing.drawPixmap(whole.left(), top.bottom() + 1, self._band(whole.width(), band, badge))

        self._paint_cached(painter, rect, section, ("band", badge), draw)

    def _paint_cached(self, painter: QPainter, rect: QRect, section: int, look: tuple, draw) -> None:
        """A section drawn by ``draw(painter, option)`` once per look (``look``, the name, the size,
        the section's state, the font and the colours), then reused: a workshop opening repaints
        every header of the console and the board."""
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect, option.section = QRect(0, 0, rect.width(), rect.height()), section
        name = str(self.model().headerData(section, Qt.Orientation.Horizontal) or "")
        ratio = self.devicePixelRatioF()
        key = (*look, name, section in self.narrow, rect.width(), rect.height(), option.state.value,
               option.position.value, self.font().key(), ratio, self.palette().cacheKey())  # fmt: skip
        pixmap = self._bands.get(key)
        if pixmap is None:
            if len(self._bands) > 256:
                self._bands.clear()
            pixmap = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            drawing = QPainter(pixmap)
            drawing.setFont(self.font())
            option.text = name
            draw(drawing, option)
            drawing.end()
            self._bands[key] = pixmap
        painter.drawPixmap(rect.topLeft(), pixmap)

    def _paint_beside(self, painter: QPainter, rect: QRect, section: int, badge: str) -> bool:
        """The name, its last line and the badge centred together; False (nothing drawn) where
        the badge does not fit beside the last line."""
        name = str(self.model().headerData(section, Qt.Orientation.Horizontal) or "")
        lines = _lines_of(self.font(), _inner(self.fontMetrics(), rect.width()), name)
        if not lines or not _fits_beside(self.font(), rect.width(), round(lines[-1][1])):
            return False

        def draw(drawing: QPainter, option: QStyleOptionHeader) -> None:
            option.text = ""
            self.style().drawControl(QStyle.ControlElement.CE_Header, option, drawing, self)
            self._draw_name_and_badge(drawing, option.rect, lines, badge)

        self._paint_cached(painter, rect, section, ("beside", badge), draw)
        return True

    def _draw_name_and_badge(self, painter: QPainter, rect: QRect, lines: list[tuple[str, float]], badge: str) -> None:
        fm = self.fontMetrics()
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        top = rect.top() + (rect.height() - fm.height() * len(lines)) // 2
        badge_fm = QFontMetrics(badge_font(self.font()))
        badge_width = min(_badge_width(badge_fm, badge), rect.width() // 2) if badge else 0
        for i, (text, width) in enumerate(lines):
            last = i == len(lines) - 1
            group = round(width) + (_gap(fm) + badge_width if last and badge else 0)
            left = rect.left() + (rect.width() - group) // 2
            line_rect = QRect(left, top + i * fm.height(), round(width) + 1, fm.height())
            painter.drawText(line_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
            if last and badge:
                band = QRect(line_rect.right() + _gap(fm), line_rect.top(), badge_width, fm.height())
                painter.setFont(badge_font(self.font()))
                self._paint_badge(painter, band, badge_fm, badge)

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
            pixmap.fill(Qt.GlobalColor.transparent)  # over the section's own background
            painter = QPainter(pixmap)
            painter.setFont(badge_font(self.font()))
            if badge:
                self._paint_badge(painter, QRect(0, 0, width, height), painter.fontMetrics(), badge)
            painter.end()
            self._bands[key] = pixmap
        return pixmap

    def _paint_name(self, painter: QPainter, option: QStyleOptionHeader, top: QRect) -> None:
        """The section's background over ``option.rect``, its name (cut short when narrow) in ``top``."""
        self.style().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, self)
        name = option.text
        option.rect = top
        if option.section in self.narrow:
            option.text = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, top.width() - 4)
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        self.style().drawControl(QStyle.ControlElement.CE_HeaderLabel, option, painter, self)

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
