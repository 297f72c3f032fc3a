"""What the window's voting tests share: Start voting answered through the prompts on the loopback
interface, and phones as real WebSocket clients (``tests/voting/helpers.py``) voting in the round."""

from __future__ import annotations

import socket
from contextlib import ExitStack

from PySide6.QtWidgets import QDialog

from maturity_workshop.ui.voting.dialog import StartVotingDialog

from ..voting.helpers import WAIT, phone, phone_token

LOOPBACK = "127.0.0.1"


def answer_start(prompts, *, named=False, reveal_when_all_voted=False, hotspot=("", ""), cap=None):
    """Start voting's dialog filled in: the loopback interface (testing only), the choices given."""

    def fill(dialog: StartVotingDialog) -> bool:
        dialog.choose(LOOPBACK)
        dialog.named.setChecked(named)
        dialog.reveal_when_all_voted.setChecked(reveal_when_all_voted)
        dialog.hotspot_name.setText(hotspot[0])
        dialog.hotspot_password.setText(hotspot[1])
        if cap is not None:
            dialog.phone_cap.setValue(cap)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    prompts.answer(StartVotingDialog, fill)


def start_voting(window, prompts, **choices):
    answer_start(prompts, **choices)
    window.commands.start_voting.trigger()
    assert window.voting.active, window.statusBar().currentMessage()
    return window.voting.session.server


def cast_votes(server, round_id: int, practice_id: str, levels: list[int], named: bool = False) -> None:
    """One phone a level: each joins the round and votes, and is told only once the vote is saved."""
    with ExitStack() as phones:
        for n, level in enumerate(levels):
            voter = phones.enter_context(phone(server))
            assert voter.join(round_id, phone_token(n))["type"] == "joined"
            extra = {"name": f"Person {n}"} if named else {}
            assert voter.vote(round_id, level, practice_id, **extra)["type"] == "ack"


def answers(host: str, port: int) -> bool:
    """Whether something listens at ``host``:``port``."""
    try:
        with socket.create_connection((host, port), timeout=WAIT):
            return True
    except OSError:
        return False
