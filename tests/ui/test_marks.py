"""How the grid marks each state, in the window and on the board: by shape and words as well as by
colour, and a cell both current and target shows both captions side by side, whole."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from maturity_workshop.domain import CellState
from maturity_workshop.marks import marks
from maturity_workshop.ui.board.sizing import board_sizes
from maturity_workshop.ui.grid import theme
from maturity_workshop.ui.grid.delegate import CellMetrics, caption_layout
from maturity_workshop.ui.grid.model import CellRole

WINDOW_SIZES = [(1920, 1080), (1366, 768)]
BOARD_SIZES = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]


def _captions(grid, practice_id: str, level: int):
    index = grid.model().index_of(practice_id, level)
    rect = grid.visualRect(index)
    delegate = grid.itemDelegate()
    metrics = CellMetrics.of(grid.font(), delegate.caption_scale, delegate.pad_scale)
    state, is_target, _, _ = index.data(CellRole.LOOK)
    return rect, metrics, caption_layout(rect, metrics, CellState(state), is_target)


def _px(font, grid) -> float:
    return font.pointSizeF() * grid.logicalDpiY() / 72


def _rated(window) -> None:
    window.editor.set_current("testing", 1)
    window.editor.set_target("testing", 1)  # reached: current and target at once
    window.editor.set_current("build-ci", 1)
    window.editor.set_target("build-ci", 0)  # a target behind the current level


def _grids(qtbot, window):
    """The window's grid at each window size, then the board's at each board size."""
    for width, height in WINDOW_SIZES:
        window.resize(width, height)
        QApplication.processEvents()
        yield f"window {width}x{height}", window.grid, None
    board = window.board.presenter().board
    for width, height in BOARD_SIZES:
        board.setFixedSize(width, height)
        board.apply_sizes(board_sizes(width, height, board.logicalDpiY()))
        board.show()
        qtbot.waitExposed(board)
        QApplication.processEvents()
        yield f"board {width}x{height}", board.grid, min(width / 1920, height / 1080)


def test_a_cell_both_current_and_target_shows_both_captions_apart(qtbot, window) -> None:
    _rated(window)
    for where, grid, scale in _grids(qtbot, window):
        rect, metrics, captions = _captions(grid, "testing", 1)
        assert (captions.mark, captions.words) == tuple(theme.CURRENT_CAPTION.split(" ", 1)), where
        assert captions.badge is not None, where
        caption, badge = captions.caption_rect, captions.badge
        assert not caption.intersects(badge), (where, caption, badge)
        for part in (captions.caption_rect, captions.badge):
            assert rect.contains(part), (where, part, rect)
            assert part.width() > 0
        assert captions.caption_rect.left() < captions.badge.left(), "the badge is at the band's right"
        if scale is not None and scale >= 1:  # the room's board: the captions keep their size
            assert _px(captions.font, grid) >= 17 * scale - 0.01, where
        else:
            assert _px(captions.font, grid) >= 0.7 * _px(metrics.caption, grid), where


def test_behind_cells_say_so_in_words_where_there_is_room_and_a_larger_tick_always(qtbot, window) -> None:
    _rated(window)
    for where, grid, _ in _grids(qtbot, window):
        _, metrics, behind = _captions(grid, "testing", 0)
        assert behind.mark == theme.BEHIND_MARK and behind.badge is None, where
        assert behind.words == "BEHIND US", where  # a whole column wide: room for the words
        assert behind.mark_font.pointSizeF() > metrics.caption.pointSizeF() * 1.3, where
        _, _, target_behind = _captions(grid, "build-ci", 0)  # behind, and the target: both read
        assert target_behind.badge is not None, where
        assert not target_behind.caption_rect.intersects(target_behind.badge), where
        _, _, ahead = _captions(grid, "testing", 2)
        assert (ahead.mark, ahead.words, ahead.badge) == ("", "", None), "ahead cells are plain"
    narrow = QRect(0, 0, 2 * metrics.pad + metrics.caption_metrics.horizontalAdvance("✓ BEHIND"), 200)
    captions = caption_layout(narrow, metrics, CellState.BEHIND, False)
    assert (captions.mark, captions.words) == (theme.BEHIND_MARK, ""), "a narrow cell keeps the tick alone"


def _pixel(image, point: QPoint) -> str:
    return QColor(image.pixel(point)).name().upper()


def test_each_state_is_drawn_with_its_own_shape(qtbot, window) -> None:
    _rated(window)
    window.editor.set_note("testing.repeatable", "A note")
    window.resize(1920, 1080)
    window.grid.setCurrentIndex(window.grid_model.index_of("data-management", 3))  # the focus ring elsewhere
    QApplication.processEvents()
    grid = window.grid
    image = grid.viewport().grab().toImage()

    def edge_colours(practice_id: str, level: int) -> set[str]:
        """The colours along the cell's left edge, just inside its grid line."""
        rect = grid.visualRect(grid.model().index_of(practice_id, level))
        return {_pixel(image, QPoint(rect.left() + 2, y)) for y in range(rect.top() + 2, rect.bottom() - 2)}

    theme_marks = marks()
    current_edge = edge_colours("build-ci", 1)
    assert theme_marks.current_frame.upper() in current_edge, "the current cell has its solid frame"
    assert theme_marks.target.upper() not in current_edge
    both = edge_colours("testing", 1)
    assert {theme_marks.current_frame.upper(), theme_marks.target.upper()} <= both, "dashes over its frame"
    dashed = edge_colours("build-ci", 0)
    assert {theme_marks.target.upper(), theme_marks.background["behind"].upper()} <= dashed, "a dashed frame"
    for level, state in ((0, "behind"), (2, "ahead")):  # no frame: their fill up to the grid line
        assert edge_colours("testing", level) == {theme_marks.background[state].upper()}, state
    rect = grid.visualRect(grid.model().index_of("testing", 0))
    assert _pixel(image, rect.bottomRight() - QPoint(3, 3)) == theme_marks.note.upper(), "the note's corner"
    _, _, captions = _captions(grid, "testing", 1)
    badge_colours = {_pixel(image, captions.badge.center() + QPoint(dx, 0)) for dx in range(-3, 4)}
    assert theme_marks.target_badge.upper() in badge_colours


def test_the_legends_show_the_grids_marks(qtbot, window) -> None:
    expected = [entry.label for entry in marks().legend(last_time=True)]
    assert [sample.accessibleName() for sample in window.header.legend] == expected
    assert [sample.accessibleName() for sample in window.board.presenter().board.legend] == expected
    # a team's first workshop has no last time: its sample shows only when there is one
    assert window.header.legend[-1].isHidden() and window.board.presenter().board.legend[-1].isHidden()
    target = next(sample for sample in window.header.legend if sample.entry.dashed)
    assert "dashed" in target.styleSheet() and marks().target in target.styleSheet()
    assert marks().target_badge in target.text()
