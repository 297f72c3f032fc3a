"""A picture of the organisation page (``maturity-workshop heatmap --format png``): the heat map
as the window's page shows it, laid out at the size asked (never shown on a screen), as a PNG's
bytes; the services write it like any other export."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize

from ...domain.errors import DomainError
from ...domain.organisation import HeatMap
from ..board.picture import draw

DEFAULT_SIZE = QSize(1920, 1080)


def heat_map_png(heat: HeatMap, hide_names: bool, size: QSize = DEFAULT_SIZE) -> bytes:
    page = organisation_page(heat, hide_names)
    try:
        return png_bytes(draw(page, size))
    finally:
        page.hide()
        page.deleteLater()


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
