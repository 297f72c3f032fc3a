"""``snapshot --round``: the board with the workshop's round of votes open or revealed, drawn from
the rounds and votes in its database, at the size asked; a workshop without such a round says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from maturity_workshop.domain.errors import DomainError
from maturity_workshop.services.voting import VotingService
from maturity_workshop.ui.snapshot import snapshot


def _round_with_votes(service, workshop, practice, levels, reveal):
    votes = VotingService(service)
    writer = votes.vote_writer()
    writer.start()
    try:
        opened = votes.open_round(workshop.id, practice)
        for n, level in enumerate(levels):
            writer.submit(opened.id, f"picture-phone-{n:04d}-xxxx", level).result(5)
    finally:
        writer.close()
    if reveal:
        votes.reveal(opened.id)


@pytest.mark.parametrize("state", ["open", "revealed"])
def test_the_board_is_drawn_with_a_round_of_votes(qapp, service, workshop, tmp_path, state):
    _round_with_votes(service, workshop, "testing", [0, 1, 1, 3], reveal=state == "revealed")
    out = snapshot(service, workshop.id, tmp_path / "round.png", QSize(1280, 720), round_state=state)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)


def test_a_workshop_without_the_round_asked_for_says_so(qapp, service, workshop, tmp_path):
    with pytest.raises(DomainError, match="has no round open to draw"):
        snapshot(service, workshop.id, tmp_path / "round.png", QSize(1280, 720), round_state="open")
    with pytest.raises(DomainError, match="no revealed round on testing"):
        snapshot(service, workshop.id, tmp_path / "round.png", QSize(1280, 720), focus="testing", round_state="revealed")
