"""A picture of exactly what the board or the console shows, at a size asked for.

The widgets are laid out at that size without being shown on a screen (``WA_DontShowOnScreen``)
and drawn into an image at a device pixel ratio of 1, so the picture is the size asked, whatever
the screen the app runs on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ..grid.view import GridView
from .sizing import board_sizes
from .window import BoardWindow


def parse_size(text: str) -> QSize:
    """ "1920x1080" as a size; a clear message for anything else."""
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or not (200 <= int(width) <= 8000 and 200 <= int(height) <= 8000):
        raise DomainError(f"'{text}' is not a size like 1920x1080 (each side from 200 to 8000 pixels).")
    return QSize(int(width), int(height))


def draw(widget: QWidget, size: QSize) -> QImage:
    """``widget`` laid out at ``size`` (never shown on a screen) and drawn into an image that size."""
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.setFixedSize(size)
    widget.show()
    for _ in range(3):  # the layouts settle over a few turns (the grid lays out on resize)
        QCoreApplication.processEvents()
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    widget.render(image)
    return image


def board_picture(grid: GridView, workshop, notes_shown: bool, size: QSize, decorate=None) -> QImage:
    """The board as the room would see it on a screen of ``size``, a view of the console's ``grid``
    (its workshop, its focused cell, its focus on one practice); ``decorate(board)`` adds what
    else it shows (the voting panel)."""
    board = BoardWindow(grid.model(), grid.selectionModel())
    try:
        if decorate is not None:
            decorate(board)
        board.show_workshop(workshop)
        board.grid.set_focus_column(grid.focus_column)
        board.set_notes_shown(notes_shown)
        board.apply_sizes(board_sizes(size.width(), size.height()))
        return draw(board, size)
    finally:
        board.hide()
        board.deleteLater()


def save(image: QImage, output: Path) -> Path:
    if output.suffix.lower() != ".png":
        raise DomainError(f"A picture of the board is a PNG file: give a name ending in .png, not {output.name}.")
    if not output.parent.is_dir():
        raise DomainError(f"The picture was not saved: the folder {output.parent} does not exist.")
    if not image.save(str(output), "PNG"):
        raise DomainError(f"The picture could not be written to {output}.")
    return output
