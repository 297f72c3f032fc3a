"""A round from the phones' side, on the real server with real WebSocket clients: join, vote,
change, the acknowledgement only once saved, reveal, close, reconnect, named rounds."""

from __future__ import annotations

import pytest

from maturity_workshop.domain.voting import tally
from maturity_workshop.voting.events import PhonesChanged, VotesCounted
from maturity_workshop.voting.server import NOT_SAVED

from .helpers import a_round, phone, phone_token


def test_a_phone_joins_votes_and_changes_its_vote(server, sink, recorder, model):
    with phone(server) as one:
        assert one.first == {"type": "waiting"}
        server.open_round(a_round(7))
        shown = one.expect("round")
        assert shown["practice"] == {"id": "testing", "name": "Testing"}
        assert [c["text"] for c in shown["levels"]] == [model.cell("testing", l.value).text for l in model.levels]
        assert shown["state"] == "open" and shown["named"] is False
        assert one.join(7, phone_token(1)) == {"type": "joined", "round": 7, "vote": None, "name": None}
        assert one.vote(7, 2) == {"type": "ack", "round": 7, "level": 2}
        assert sink.votes == {(7, phone_token(1)): 2}
        assert one.vote(7, 0) == {"type": "ack", "round": 7, "level": 0}
        assert sink.votes == {(7, phone_token(1)): 0}  # replaced, not added
    counted = recorder.of(VotesCounted)
    assert counted == [VotesCounted(7, 1)]  # a changed vote counts once; the events carry no level


def test_the_acknowledgement_waits_for_the_commit(server, sink):
    server.open_round(a_round(1))
    with phone(server) as one:
        one.join(1, phone_token(1))
        sink.hold()
        one.send({"type": "vote", "round": 1, "practice": "testing", "level": 1})
        with pytest.raises(TimeoutError):
            one.receive(timeout=0.3)  # not saved yet: no "your vote is in"
        assert sink.votes == {}
        sink.release()
        assert one.expect("ack")["level"] == 1
        assert sink.votes == {(1, phone_token(1)): 1}


def test_a_vote_the_store_fails_to_save_is_not_acknowledged(server, sink):
    server.open_round(a_round(1))
    with phone(server) as one:
        one.join(1, phone_token(1))
        sink.fail_with = OSError("disk full")
        assert one.vote(1, 1) == {"type": "refused", "round": 1, "text": NOT_SAVED}
        sink.fail_with = None
        assert one.vote(1, 1)["type"] == "ack"


def test_a_vote_the_store_refuses_is_refused_with_its_words(server, sink):
    server.open_round(a_round(4))
    sink.closed.add(4)
    with phone(server) as one:
        one.join(4, phone_token(1))
        assert one.vote(4, 1) == {"type": "refused", "round": 4, "text": "This round is not open."}


def test_reveal_then_no_more_votes_then_the_next_round(server, sink, model, recorder):
    server.open_round(a_round(1))
    with phone(server) as one, phone(server) as two:
        for n, p in enumerate((one, two)):
            assert p.first["type"] == "round"
            p.join(1, phone_token(n))
        one.vote(1, 1)
        two.vote(1, 3)
        server.reveal(tally(model, sink.levels(1)))
        for p in (one, two):
            assert p.expect("revealed") == {"type": "revealed", "round": 1, "words": "2 votes · median 1 · spread 2: split"}
        assert one.vote(1, 2) == {
            "type": "refused", "round": 1, "text": "The votes are revealed: this round takes no more votes."
        }
        assert sink.votes[(1, phone_token(0))] == 1
        server.close_round()
        assert one.expect("waiting") == two.expect("waiting")
        assert one.vote(1, 2)["text"] == "This round is closed: your vote was not counted."
        server.open_round(a_round(2, "data-management"))
        assert one.expect("round")["practice"]["id"] == "data-management"
        assert one.join(2, phone_token(5))["vote"] is None
        assert one.vote(2, 1, practice="testing")["text"] == "That vote is for another round; this one is open now."
        assert one.vote(1, 1, practice="testing")["text"] == "This round is closed: your vote was not counted."
    assert recorder.of(VotesCounted) == [VotesCounted(1, 1), VotesCounted(1, 2)]  # none after the reveal


def test_a_level_not_in_the_model_is_refused(server, sink):
    server.open_round(a_round(1))
    with phone(server) as one:
        one.join(1, phone_token(1))
        assert one.vote(1, 4)["text"] == "4 is not a level of the model."
        assert one.vote(1, -2)["text"] == "-2 is not a level of the model."
        assert sink.submitted == 0


def test_a_vote_before_joining_is_refused(server, sink):
    server.open_round(a_round(1))
    with phone(server) as one:
        assert one.vote(1, 1)["text"] == "Join the round before voting."
    assert sink.submitted == 0


def test_a_phone_that_reconnects_keeps_its_place_and_sees_its_vote(server, recorder):
    server.open_round(a_round(3, cap=1))
    with phone(server) as one:
        one.join(3, phone_token(1))
        one.vote(3, 2)
    recorder.wait_for(PhonesChanged, lambda e: e.connected == 0)
    with phone(server) as again:
        assert again.first["type"] == "round"
        assert again.join(3, phone_token(1)) == {"type": "joined", "round": 3, "vote": 2, "name": None}
        with phone(server) as other:  # the cap of 1 is the first phone's, still
            assert other.join(3, phone_token(2))["type"] == "full"
        again.send({"type": "hello"})  # a phone waking up asks where things stand
        assert again.expect("round")["round"] == 3
        assert again.expect("joined")["vote"] == 2


def test_a_reconnection_after_the_reveal_shows_it(server, sink, model):
    server.open_round(a_round(3))
    with phone(server) as one:
        one.join(3, phone_token(1))
        one.vote(3, 0)
    server.reveal(tally(model, sink.levels(3)))
    with phone(server) as again:
        assert again.first["state"] == "revealed"
        assert again.first["words"] == "1 vote · median 0 · spread 0: agreed"
        assert again.join(3, phone_token(1))["vote"] == 0


def test_a_named_round_keeps_names_one_per_phone(server, sink):
    server.open_round(a_round(2, named=True))
    with phone(server) as one, phone(server) as two:
        assert one.first["named"] is True
        one.join(2, phone_token(1))
        two.join(2, phone_token(2))
        assert one.vote(2, 1)["text"] == "This round keeps names: type yours first."
        assert one.vote(2, 1, name="  Ada   Lovelace ")["type"] == "ack"
        assert sink.votes == {(2, "Ada Lovelace"): 1}
        assert two.vote(2, 2, name="ada lovelace")["text"] == (
            "Another phone votes as ada lovelace in this round: add a letter to yours."
        )
        assert one.vote(2, 2, name="Grace")["text"] == "This phone votes as Ada Lovelace in this round."
        assert one.vote(2, 3, name="Ada Lovelace")["type"] == "ack"
        assert two.vote(2, 0, name="x" * 41)["text"] == "A name must be 1 to 40 printable characters."
    with phone(server) as again:
        assert again.join(2, phone_token(1)) == {"type": "joined", "round": 2, "vote": 3, "name": "Ada Lovelace"}


def test_an_anonymous_round_takes_no_name(server, sink):
    server.open_round(a_round(1))
    with phone(server) as one:
        one.join(1, phone_token(1))
        assert one.vote(1, 1, name="Ada")["text"] == "This round is anonymous: no names are kept."
    assert sink.submitted == 0


def test_one_connection_joins_with_one_token(server, recorder):
    server.open_round(a_round(1))
    with phone(server) as one:
        one.join(1, phone_token(1))
        one.send({"type": "join", "round": 1, "phone": phone_token(2)})
        one.send({"type": "hello"})
        assert one.expect("round")["round"] == 1  # the second token was dropped, the connection kept
        assert one.expect("joined")["vote"] is None
    recorder.wait_for(PhonesChanged, lambda e: e.joined and e.connected == 0)
    assert max(e.joined for e in recorder.of(PhonesChanged)) == 1
