"""A picture of the organisation page (``maturity-workshop heatmap --format png``): the heat map
as the window's page shows it, laid out offscreen (never shown on a screen), as a PNG's bytes; the
services write it like any other export.

Unless a size is asked it is a poster: 1920 pixels wide and as tall as every team's row takes (the
rows' height from the page's font, as on the screen), for a slide deck or a wiki page. At a size
asked, the teams that fit are drawn and a line under them says "Teams 1–N of M". The page's
controls (the buttons, the "Show" box) are left off the picture; its heading says the date's filter."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from ...domain.errors import DomainError
from ...domain.organisation import HeatMap
from ..board.picture import draw
from ..widgets import scaled_bold

POSTER_WIDTH = 1920
POSTER_START = 1080  # the height the poster is first laid out at, to measure its rows
POSTER_MAX_HEIGHT = 20000  # about 420 teams: a taller picture is more than an image viewer opens well


@dataclass
class HeatMapImage:
    image: QImage
    names: list[str]  # the teams whose rows are whole on the picture, top to bottom
    teams: int  # the heat map's teams (after the date's filter)
    row_height: int  # the table's rows, in pixels
    heading: str  # the page's heading, as drawn
    cut_line: str  # "Teams 1–N of M ...", under the table when not every team is on it; else ""

    @property
    def cut(self) -> bool:
        return len(self.names) < self.teams


class HeatMapPicture:
    """What draws the heat map's PNG: the poster (``size`` None) or a picture of ``size``; after a
    call, ``note`` says on which teams a picture of that size was cut (None when all are on it)."""

    def __init__(self, size: QSize | None = None) -> None:
        self.size = size
        self.note: str | None = None

    def __call__(self, heat: HeatMap, hide_names: bool) -> bytes:
        drawn = heat_map_image(heat, hide_names, self.size)
        self.note = None
        if drawn.cut:
            size = f"{drawn.image.width()}x{drawn.image.height()}"
            self.note = (
                f"The picture ({size}) shows teams 1–{len(drawn.names)} of {drawn.teams}: a taller --size, or no --size"
                " (a picture as tall as the teams take), shows them all."
                if self.size is not None else
                f"The picture shows teams 1–{len(drawn.names)} of {drawn.teams} (it is at most {POSTER_MAX_HEIGHT}"
                " pixels tall): --since, or --format pdf, shows the others."
            )  # fmt: skip
        return png_bytes(drawn.image)


def heat_map_png(heat: HeatMap, hide_names: bool, size: QSize | None = None) -> bytes:
    return HeatMapPicture(size)(heat, hide_names)


def heat_map_image(heat: HeatMap, hide_names: bool, size: QSize | None = None) -> HeatMapImage:
    """The page drawn for the picture: at ``size``, or (None) as a poster with every team's row."""
    page = organisation_page(heat, hide_names)
    try:
        table = page.table
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        _leave_off_the_controls(page)
        if heat.since is not None:
            page.heading.setText(f"The organisation · teams whose latest workshop was on or after {_day(heat.since)}")
        page.summary.setText(page.summary.text().split(" · double-click")[0])  # nothing to click on a picture
        footer = QLabel()
        footer.setObjectName("organisationPictureCut")
        footer.setFont(scaled_bold(page, 1.15))
        footer.hide()
        page.layout().addWidget(footer)
        if size is None:
            draw(page, QSize(POSTER_WIDTH, POSTER_START))  # its rows as the page's font makes them at that size
            rows_height = sum(table.rowHeight(row) for row in range(page.model.rowCount()))
            height = POSTER_START + rows_height - table.viewport().height()
            size = QSize(POSTER_WIDTH, max(page.minimumSizeHint().height(), min(POSTER_MAX_HEIGHT, height)))
        image = draw(page, size)
        whole = _whole_rows(page)
        if whole < page.model.rowCount():
            footer.setText(_cut_words(whole, page.model.rowCount()))
            footer.show()
            draw(page, size)  # the line takes its place under the table, which then holds fewer rows
            whole = _whole_rows(page)
            footer.setText(_cut_words(whole, page.model.rowCount()))
            rows_height = sum(table.rowHeight(row) for row in range(whole))
            table.setFixedHeight(rows_height + table.horizontalHeader().height() + 2 * table.frameWidth())
            page.layout().addStretch(1)  # the line right under the last whole row, no half row above it
            image = draw(page, size)
        row_height = table.verticalHeader().defaultSectionSize()
        return HeatMapImage(image, page.names()[:whole], page.model.rowCount(), row_height, page.heading.text(),
                            footer.text() if footer.isVisible() else "")  # fmt: skip
    finally:
        page.hide()
        page.deleteLater()


def _cut_words(whole: int, teams: int) -> str:
    if not whole:
        return f"None of the {teams} teams' rows fits on a picture this size"
    return f"Teams 1–{whole} of {teams} · the others do not fit on this picture"


def _whole_rows(page) -> int:
    """How many rows, from the top, the table shows whole."""
    table, bottom = page.table, page.table.viewport().height()
    rows = page.model.rowCount()
    return next((row for row in range(rows) if table.rowViewportPosition(row) + table.rowHeight(row) > bottom), rows)


def _leave_off_the_controls(page) -> None:
    """The widgets of the page's top bar (what shows, hide the names, back to the grid) and any bar
    of controls between it and the table: nothing to press on a picture. The titles and the legend
    (layouts of their own) and the table stay."""
    layout = page.layout()
    top = layout.itemAt(0).layout()
    widgets = [top.itemAt(index).widget() for index in range(top.count())]
    widgets += [layout.itemAt(index).widget() for index in range(layout.count())]
    for widget in widgets:
        if widget is not None and widget is not page.table:
            widget.hide()


def _day(day) -> str:
    return day.strftime("%d %b %Y").lstrip("0")


def organisation_page(heat: HeatMap, hide_names: bool):
    """The page showing ``heat``, its names hidden or not, as the window's controller sets it."""
    from .page import OrganisationPage

    page = OrganisationPage()
    page.set_hide_names(hide_names)
    page.show_heat_map(heat, None)
    return page


def png_bytes(image) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise DomainError("The picture of the heat map could not be drawn.")
    buffer.close()
    return bytes(data.data())
