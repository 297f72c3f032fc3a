"""A round of votes from phones in the window: a real server on 127.0.0.1, real WebSocket phones.
The board counts the phones that voted (never what they voted), the reveal shows the tallies, the
median and the spread in words, and M takes the median as the level, saved and undoable."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ..voting.helpers import phone, phone_token
from .helpers import rating_in_db
from .voting_window import cast_votes, start_voting


def _present(qtbot, window):
    window.commands.present.trigger()
    board = window.board.presenter().board
    qtbot.waitUntil(board.isVisible)
    return board


def _board_panel(window):
    return window.board.presenter().board.findChild(type(window.voting.console_panel), "votingPanel")


def _dark_share(widget, rect) -> float:
    image = widget.grab(rect).toImage()
    dark = sum(QColor(image.pixel(x, y)).lightness() < 80 for x in range(image.width()) for y in range(image.height()))
    return dark / max(1, image.width() * image.height())


def test_the_board_counts_in_the_votes_then_the_reveal_shows_the_tallies(qtbot, window, prompts, db_path, workshop):
    server = start_voting(window, prompts)  # its dialog leaves presentation mode (one screen)
    board = _present(qtbot, window)
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 0))
    window.commands.open_round.trigger()
    voting_round = window.voting.round
    assert voting_round is not None and voting_round.practice_id == "testing"
    assert window.grid.focus_column == window.grid_model.column_of("testing"), "the room looks at one practice"
    panel = _board_panel(window)
    qtbot.waitUntil(panel.isVisible)
    assert panel.qr.isVisible() and panel.qr.module >= 2
    assert panel.address.text().endswith(f"127.0.0.1:{server.port}")
    assert server.room_code[:3] in panel.room_code.text()
    assert panel.count.text() == "0 of 9 have voted"

    cast_votes(server, voting_round.id, "testing", [0, 1, 1, 2])
    qtbot.waitUntil(lambda: panel.count.text() == "4 of 9 have voted")
    texts = " ".join(label.text() for label in (panel.title, panel.count, panel.phones, panel.result))
    assert "Consistent" not in texts and "median" not in texts, "no value shows before the reveal"
    assert not window.voting._displays[-1].marks.isVisible()

    marks = window.voting._displays[-1].marks
    band = marks.band_rect("testing", 1)
    before = _dark_share(board.grid.viewport(), band)
    qtbot.keyClick(board.grid, "R")  # the board's own grid answers R (one screen)
    assert window.voting.round is None and window.voting.revealed is not None
    qtbot.waitUntil(marks.isVisible)
    assert marks.tally.counts == {-1: 0, 0: 1, 1: 2, 2: 1, 3: 0}
    assert _dark_share(board.grid.viewport(), marks.band_rect("testing", 1)) > before + 0.05, "the bar and the words are drawn"
    assert panel.result.text() == "4 votes\nmedian: 1 Consistent\nspread 2 · split: talk it through"
    assert panel.qr.isVisible(), "the next round is on the same address"


def test_m_takes_the_median_as_the_level_saved_and_undoable(qtbot, window, prompts, db_path, workshop):
    server = start_voting(window, prompts)
    window.grid.setCurrentIndex(window.grid_model.index_of("build-ci", 0))
    qtbot.keyClick(window.grid, "V")
    cast_votes(server, window.voting.round.id, "build-ci", [2, 2, 3])
    qtbot.waitUntil(lambda: window.voting.room().voted == 3)
    qtbot.keyClick(window.grid, "R")
    qtbot.keyClick(window.grid, "M")
    assert rating_in_db(db_path, workshop.id, "build-ci")[0] == 2
    assert window.grid_model.rating("build-ci").current == 2
    window.commands.undo.trigger()
    assert rating_in_db(db_path, workshop.id, "build-ci") in (None, (None, None))


def test_a_phone_in_a_named_round_hears_that_names_are_kept_and_so_does_the_board(qtbot, window, prompts):
    server = start_voting(window, prompts, named=True)
    _present(qtbot, window)
    window.commands.open_round.trigger()
    panel = _board_panel(window)
    qtbot.waitUntil(lambda: panel.privacy.text() == "Names are kept")
    with phone(server) as voter:
        assert voter.first["type"] == "round" and voter.first["named"] is True
        voter.join(window.voting.round.id, phone_token(1))
        assert voter.vote(window.voting.round.id, 1, window.voting.round.practice_id, name="Ada")["type"] == "ack"


def test_the_round_reveals_itself_once_every_participant_voted_when_chosen(qtbot, window, prompts, service, workshop):
    server = start_voting(window, prompts, reveal_when_all_voted=True)
    window.commands.open_round.trigger()
    practice = window.voting.round.practice_id
    cast_votes(server, window.voting.round.id, practice, [1] * 8)
    qtbot.waitUntil(lambda: window.voting.room().voted == 8)
    assert window.voting.round is not None, "8 of 9: still open"
    cast_votes(server, window.voting.round.id, practice, [1] * 9)
    qtbot.waitUntil(lambda: window.voting.revealed is not None)
    assert window.voting.revealed[1].total == 9


def test_voting_on_all_practices_opens_the_next_once_one_is_revealed(qtbot, window, prompts, model):
    start_voting(window, prompts)
    window.commands.vote_all.trigger()
    order = [practice.id for practice in model.practices]
    assert window.voting.round.practice_id == order[0]
    window.commands.reveal_votes.trigger()
    window.commands.open_round.trigger()
    assert window.voting.round.practice_id == order[1]
    assert window.grid.currentIndex().column() == 1
    qtbot.keyClick(window.grid, "V")
    assert "still voting on" in window.statusBar().currentMessage()
