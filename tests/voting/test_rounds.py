"""A round from the phones' side, on the real server with real WebSocket clients, writing through the
store's real VoteWriter into the test's database: join, vote, change, the acknowledgement only once
committed, reveal, close, reconnect, named rounds."""

from __future__ import annotations

import pytest

from maturity_workshop.voting.events import PhonesChanged, VotesCounted
from maturity_workshop.voting.server import NOT_SAVED

from .helpers import a_round, phone, phone_token


def test_a_phone_joins_votes_and_changes_its_vote(server, room, recorder, model):
    with phone(server) as one:
        assert one.first == {"type": "waiting"}
        voting = room.open()
        server.open_round(voting)
        shown = one.expect("round")
        assert shown["practice"] == {"id": "testing", "name": "Testing"}
        assert [c["text"] for c in shown["levels"]] == [model.cell("testing", l.value).text for l in model.levels]
        assert shown["state"] == "open" and shown["named"] is False
        r = voting.id
        assert one.join(r, phone_token(1)) == {"type": "joined", "round": r, "vote": None, "name": None}
        assert one.vote(r, 2) == {"type": "ack", "round": r, "level": 2}
        assert room.votes == {(r, phone_token(1)): 2}  # on the disk when the phone is told
        assert one.vote(r, 0) == {"type": "ack", "round": r, "level": 0}
        assert room.votes == {(r, phone_token(1)): 0}  # replaced, not added
    counted = recorder.of(VotesCounted)
    assert counted == [VotesCounted(r, 1)]  # a changed vote counts once; the events carry no level


def test_the_acknowledgement_waits_for_the_commit(server, room):
    voting = room.open()
    server.open_round(voting)
    with phone(server) as one:
        one.join(voting.id, phone_token(1))
        with room.held():  # another connection holds the write lock: the writer cannot commit yet
            one.send({"type": "vote", "round": voting.id, "practice": "testing", "level": 1})
            with pytest.raises(TimeoutError):
                one.receive(timeout=0.3)  # not saved yet: no "your vote is in"
            assert room.votes == {}
        assert one.expect("ack")["level"] == 1
        assert room.votes == {(voting.id, phone_token(1)): 1}


def test_a_vote_the_store_fails_to_save_is_not_acknowledged(make_server, failing_sink):
    server = make_server(sink=failing_sink)  # a disk that refuses the commit, on demand
    server.open_round(a_round(1))
    with phone(server) as one:
        one.join(1, phone_token(1))
        failing_sink.fail_with = OSError("disk full")
        assert one.vote(1, 1) == {"type": "refused", "round": 1, "text": NOT_SAVED}
        assert failing_sink.votes == {}
        failing_sink.fail_with = None
        assert one.vote(1, 1)["type"] == "ack"


def test_a_vote_the_store_refuses_is_refused_with_its_words(server, room):
    voting = room.open()
    server.open_round(voting)
    room.cancel(voting.id)  # the window cancelled the round; the server has not heard yet
    with phone(server) as one:
        one.join(voting.id, phone_token(1))
        assert one.vote(voting.id, 1) == {
            "type": "refused", "round": voting.id, "text": "This round takes no more votes: the round was cancelled."
        }
    assert room.votes == {}


def test_reveal_then_no_more_votes_then_the_next_round(server, room, recorder):
    first = room.open()
    server.open_round(first)
    r = first.id
    with phone(server) as one, phone(server) as two:
        for n, p in enumerate((one, two)):
            assert p.first["type"] == "round"
            p.join(r, phone_token(n))
        one.vote(r, 1)
        two.vote(r, 3)
        server.reveal(room.reveal(r))
        for p in (one, two):
            assert p.expect("revealed") == {"type": "revealed", "round": r, "words": "2 votes · median 1 · spread 2: split"}
        assert one.vote(r, 2) == {
            "type": "refused", "round": r, "text": "The votes are revealed: this round takes no more votes."
        }
        assert room.votes[(r, phone_token(0))] == 1
        server.close_round()
        assert one.expect("waiting") == two.expect("waiting")
        assert one.vote(r, 2)["text"] == "This round is closed: your vote was not counted."
        second = room.open("data-management")
        server.open_round(second)
        assert one.expect("round")["practice"]["id"] == "data-management"
        assert one.join(second.id, phone_token(5))["vote"] is None
        assert one.vote(second.id, 1, practice="testing")["text"] == "That vote is for another round; this one is open now."
        assert one.vote(r, 1, practice="testing")["text"] == "This round is closed: your vote was not counted."
    assert recorder.of(VotesCounted) == [VotesCounted(r, 1), VotesCounted(r, 2)]  # none after the reveal
    assert room.levels(r) == [1, 3] and room.levels(second.id) == []


def test_a_level_not_in_the_model_is_refused(server, room, sink):
    voting = room.open()
    server.open_round(voting)
    with phone(server) as one:
        one.join(voting.id, phone_token(1))
        assert one.vote(voting.id, 4)["text"] == "4 is not a level of the model."
        assert one.vote(voting.id, -2)["text"] == "-2 is not a level of the model."
    assert room.votes == {} and sink.stats.batches == 0  # never reached the store


def test_a_vote_before_joining_is_refused(server, room, sink):
    voting = room.open()
    server.open_round(voting)
    with phone(server) as one:
        assert one.vote(voting.id, 1)["text"] == "Join the round before voting."
    assert room.votes == {} and sink.stats.batches == 0


def test_a_phone_that_reconnects_keeps_its_place_and_sees_its_vote(server, room, recorder):
    voting = room.open(cap=1)
    server.open_round(voting)
    r = voting.id
    with phone(server) as one:
        one.join(r, phone_token(1))
        one.vote(r, 2)
    recorder.wait_for(PhonesChanged, lambda e: e.connected == 0)
    with phone(server) as again:
        assert again.first["type"] == "round"
        assert again.join(r, phone_token(1)) == {"type": "joined", "round": r, "vote": 2, "name": None}
        with phone(server) as other:  # the cap of 1 is the first phone's, still
            assert other.join(r, phone_token(2))["type"] == "full"
        again.send({"type": "hello"})  # a phone waking up asks where things stand
        assert again.expect("round")["round"] == r
        assert again.expect("joined")["vote"] == 2
    assert room.votes == {(r, phone_token(1)): 2}


def test_a_reconnection_after_the_reveal_shows_it(server, room):
    voting = room.open()
    server.open_round(voting)
    with phone(server) as one:
        one.join(voting.id, phone_token(1))
        one.vote(voting.id, 0)
    server.reveal(room.reveal(voting.id))
    with phone(server) as again:
        assert again.first["state"] == "revealed"
        assert again.first["words"] == "1 vote · median 0 · spread 0: agreed"
        assert again.join(voting.id, phone_token(1))["vote"] == 0


def test_a_named_round_keeps_names_one_per_phone(server, room):
    voting = room.open(named=True)
    server.open_round(voting)
    r = voting.id
    with phone(server) as one, phone(server) as two:
        assert one.first["named"] is True
        one.join(r, phone_token(1))
        two.join(r, phone_token(2))
        assert one.vote(r, 1)["text"] == "This round keeps names: type yours first."
        assert one.vote(r, 1, name="  Ada   Lovelace ")["type"] == "ack"
        assert room.votes == {(r, "Ada Lovelace"): 1}
        assert two.vote(r, 2, name="ada lovelace")["text"] == (
            "Another phone votes as ada lovelace in this round: add a letter to yours."
        )
        assert one.vote(r, 2, name="Grace")["text"] == "This phone votes as Ada Lovelace in this round."
        assert one.vote(r, 3, name="Ada Lovelace")["type"] == "ack"
        assert two.vote(r, 0, name="x" * 41)["text"] == "A name must be 1 to 40 printable characters."
    with phone(server) as again:
        assert again.join(r, phone_token(1)) == {"type": "joined", "round": r, "vote": 3, "name": "Ada Lovelace"}
    assert room.votes == {(r, "Ada Lovelace"): 3}


def test_an_anonymous_round_takes_no_name(server, room, sink):
    voting = room.open()
    server.open_round(voting)
    with phone(server) as one:
        one.join(voting.id, phone_token(1))
        assert one.vote(voting.id, 1, name="Ada")["text"] == "This round is anonymous: no names are kept."
    assert room.votes == {} and sink.stats.batches == 0


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


def test_a_round_taken_up_after_a_stop_gives_the_phones_their_saved_votes(server, room, recorder):
    voting = room.open()
    server.open_round(voting, saved={phone_token(1): 2, phone_token(2): 0})  # what the store held
    with phone(server) as one, phone(server) as new:
        assert one.first["type"] == "round"
        assert one.join(voting.id, phone_token(1)) == {"type": "joined", "round": voting.id, "vote": 2, "name": None}
        assert one.vote(voting.id, 3)["type"] == "ack"  # a changed vote: the count stays at 2
        assert new.first["type"] == "round"
        new.join(voting.id, phone_token(5))
        assert new.vote(voting.id, 1)["type"] == "ack"
    assert recorder.wait_for(VotesCounted) == VotesCounted(voting.id, 3)  # the two saved, and the new one
    assert recorder.of(VotesCounted) == [VotesCounted(voting.id, 3)]


def test_a_named_vote_saved_before_a_stop_waits_for_its_name(server, room, recorder):
    voting = room.open(named=True)
    server.open_round(voting, saved={"Ada": 1})
    with phone(server) as one, phone(server) as other:
        assert one.first["type"] == "round"
        one.join(voting.id, phone_token(3))
        assert one.vote(voting.id, 2, name="Ada")["type"] == "ack"  # the name is hers again, not "taken"
        assert other.first["type"] == "round"
        other.join(voting.id, phone_token(4))
        assert other.vote(voting.id, 0, name="Grace")["type"] == "ack"
    assert room.votes[(voting.id, "Ada")] == 2
    assert recorder.wait_for(VotesCounted) == VotesCounted(voting.id, 2)  # Ada's once, and Grace's
    assert recorder.of(VotesCounted) == [VotesCounted(voting.id, 2)]
