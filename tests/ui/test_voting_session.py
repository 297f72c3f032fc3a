"""The voting session in the window: the server stops on Stop voting and when the window closes
(the port no longer answers), starts again on the same address after it stopped by itself, is
refused on a read-only or closed workshop, says what blocks the phones when none came a minute
after the QR code went up, and answers bad input with a clear message."""

from __future__ import annotations

import pytest

from maturity_workshop.services import WorkshopService
from maturity_workshop.ui.window.main_window import MainWindow
from maturity_workshop.voting.events import ServerStopped

from ..voting.helpers import WAIT, phone
from .voting_window import LOOPBACK, answer_start, answers, start_voting


def test_stop_voting_stops_the_server_and_a_round_left_open_is_taken_up_again(qtbot, window, prompts):
    server = start_voting(window, prompts)
    port = server.port
    assert answers(LOOPBACK, port)
    window.commands.open_round.trigger()
    left = window.voting.round
    window.commands.stop_voting.trigger()
    assert not window.voting.active and not answers(LOOPBACK, port)
    assert "stays open" in window.statusBar().currentMessage()
    assert not window.voting.console_panel.isVisible()

    start_voting(window, prompts)
    assert window.voting.round == left, "the round left open goes on"


def test_closing_the_window_stops_the_server(qtbot, service, workshop, prompts):
    win = MainWindow(service, prompts)
    qtbot.addWidget(win)
    win.show_workshop(workshop.id)
    win.show()
    port = start_voting(win, prompts).port
    assert answers(LOOPBACK, port)
    win.close()
    assert not answers(LOOPBACK, port)


def test_the_server_starts_again_on_the_same_address_after_it_stopped_by_itself(qtbot, window, prompts):
    server = start_voting(window, prompts)
    window.commands.open_round.trigger()
    url, port = server.url, server.port
    server.stop().result(WAIT)  # as if its loop had failed:
    window.voting.bridge(ServerStopped("The voting server failed: boom"))
    qtbot.waitUntil(lambda: window.voting.session.running)
    assert (window.voting.session.server.url, window.voting.session.port) == (url, port)
    assert "started again on the same address" in window.statusBar().currentMessage()
    with phone(server) as voter:
        assert voter.first["type"] == "round", "the round is served again"


@pytest.mark.parametrize("closed", [False, True], ids=["read-only database", "closed workshop"])
def test_voting_is_refused_on_a_workshop_that_cannot_change(qtbot, db_path, model, service, workshop, prompts, closed):
    if closed:
        service.set_closed(workshop.id, True)
        reader = service
    else:
        service.close()
        reader = WorkshopService.open(db_path, model, read_only=True)
    win = MainWindow(reader, prompts)
    qtbot.addWidget(win)
    win.show_workshop(workshop.id)
    answer_start(prompts)
    win.commands.start_voting.trigger()
    assert not win.voting.active and prompts.shown == [], "refused before the dialog"
    message = win.statusBar().currentMessage()
    assert ("closed: reopen it" in message) if closed else ("cannot vote on this workshop" in message)
    if not closed:
        reader.close()


def test_the_console_says_what_blocks_the_phones_when_none_came_a_minute_after_the_qr_went_up(qtbot, window, prompts):
    server = start_voting(window, prompts)
    assert window.voting.hint_timer.isActive() and window.voting.hint_timer.interval() == 60_000
    window.voting.hint_timer.timeout.emit()  # the minute, without waiting for it
    hint = window.voting.console_panel.hint
    assert hint.isVisible()
    assert "guest Wi-Fi" in hint.text() and "firewall" in hint.text() and str(server.port) in hint.text()


def test_no_hint_once_a_phone_came(qtbot, window, prompts):
    server = start_voting(window, prompts)
    with phone(server):
        qtbot.waitUntil(lambda: window.voting.room().phones == 1)
    assert not window.voting.hint_timer.isActive()
    window.voting.hint_timer.timeout.emit()
    assert window.voting.hint == "" and not window.voting.console_panel.hint.isVisible()


def test_the_hotspots_qr_code_says_whoever_sees_it_can_join(qtbot, window, prompts, db_path):
    start_voting(window, prompts, hotspot=("Workshop Wi-Fi", "correct horse"))
    panel = window.voting.console_panel
    assert panel.hotspot_qr.isVisible() and "whoever sees this can join the Wi-Fi" in panel.hotspot.text()
    assert b"correct horse" not in db_path.read_bytes(), "the password is never stored"


@pytest.mark.parametrize(
    ("name", "password", "said"),
    [("Workshop", "short", "8 to 63 characters"), ("", "a good password", "hotspot's name"),
     ("x" * 33, "", "at most 32 bytes")],
)  # fmt: skip
def test_a_bad_hotspot_is_answered_in_the_dialog(qtbot, window, prompts, name, password, said):
    answer_start(prompts, hotspot=(name, password))
    window.commands.start_voting.trigger()
    assert not window.voting.active
    assert said in prompts.shown[-1].error.text()


def test_keys_without_a_round_say_why_in_passing(qtbot, window, prompts, warnings_shown):
    for key in ("V", "R", "M"):
        qtbot.keyClick(window.grid, key)
    assert window.statusBar().currentMessage() == "No revealed round with votes: reveal a round (R) first."
    start_voting(window, prompts)
    window.commands.start_voting.trigger()
    assert "Voting is on already" in window.statusBar().currentMessage()
    window.commands.cancel_round.trigger()
    assert window.statusBar().currentMessage() == "No round is open."
    assert warnings_shown == []
