"""Pictures of the board and the console: ``maturity-workshop snapshot`` and File ▸ Save board as
picture, each exactly the size asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QScreen
from PySide6.QtWidgets import QApplication

from maturity_workshop.services.demo import create_demo_workshop
from maturity_workshop.store.lock import DatabaseLock
from maturity_workshop.ui.grid import theme
from maturity_workshop.domain.cells import CellState

from .helpers import run_snapshot as _snapshot


@pytest.fixture
def demo_db(tmp_path, service, db_path) -> Path:
    create_demo_workshop(service)
    return db_path


def _share_of(image: QImage, colour: QColor) -> float:
    """The share of a grid of sample points that are ``colour``."""
    points = [(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)]
    return sum(image.pixelColor(x, y) == colour for x, y in points) / len(points)


@pytest.mark.parametrize("size, view", [("1920x1080", "--present"), ("1280x720", "--present"), ("1600x900", "--console")])
def test_snapshot_writes_a_png_of_the_size_asked(tmp_path, demo_db, size, view) -> None:
    output = tmp_path / "board.png"
    result = _snapshot(tmp_path, "1", "--db", str(demo_db), "-o", str(output), "--size", size, view)
    assert result.returncode == 0, result.stderr
    assert f"Wrote {output}" in result.stdout
    image = QImage(str(output))
    assert f"{image.width()}x{image.height()}" == size
    assert _share_of(image, theme.BACKGROUND[CellState.CURRENT]) > 0.05, "the current levels show"


def test_snapshot_focused_on_a_practice_differs_and_reads_a_database_open_elsewhere(tmp_path, demo_db) -> None:
    plain, focused = tmp_path / "out" / "plain.png", tmp_path / "out" / "focused.png"
    plain.parent.mkdir()
    with DatabaseLock.acquire(demo_db):  # another window is its writer
        beside = sorted(p.name for p in demo_db.parent.iterdir())
        assert _snapshot(tmp_path, "1", "--db", str(demo_db), "-o", str(plain)).returncode == 0
        result = _snapshot(tmp_path, "1", "--db", str(demo_db), "-o", str(focused), "--focus", "testing")
        assert sorted(p.name for p in demo_db.parent.iterdir()) == beside, "drawn from a copy made elsewhere"
    assert result.returncode == 0, result.stderr
    assert QImage(str(plain)) != QImage(str(focused))


@pytest.mark.parametrize(
    "args, message",
    [
        (["99"], "Workshop 99 does not exist"),
        (["1", "--size", "12"], "is not a size like 1920x1080"),
        (["1", "--focus", "nope"], "no practice 'nope'"),
        (["1", "--cell", "nope"], "no cell 'nope'"),
    ],
)
def test_bad_snapshot_arguments_get_a_message(tmp_path, demo_db, args, message) -> None:
    result = _snapshot(tmp_path, *args, "--db", str(demo_db), "-o", str(tmp_path / "x.png"))
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_a_snapshot_is_a_png(tmp_path, demo_db) -> None:
    result = _snapshot(tmp_path, "1", "--db", str(demo_db), "-o", str(tmp_path / "board.jpg"))
    assert result.returncode == 1 and "is a PNG file" in result.stderr


def test_save_board_as_picture_from_the_window(qtbot, window, prompts, tmp_path) -> None:
    target = tmp_path / "room"
    prompts.file_next(str(target), "PNG picture (*.png)")
    window.commands.save_board_picture.trigger()
    saved = tmp_path / "room.png"
    image = QImage(str(saved))
    screen: QScreen = window.board.presenter().board_screen()
    assert (image.width(), image.height()) == (screen.geometry().width(), screen.geometry().height())
    assert "Saved the board" in window.statusBar().currentMessage()
    assert not window.board.presenter().active, "saving a picture does not start presenting"
    QApplication.processEvents()
