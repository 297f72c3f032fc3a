"""The JSON export carries each round of votes' distribution, and each vote only when asked: an
anonymous round's phones as "phone 1", "phone 2"… never their tokens; a named round's by name."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from maturity_workshop.services.exports import export_workshop, render
from maturity_workshop.services.voting import VotingService

from .voted import TOKENS, voted_rounds

ON = date(2026, 3, 12)


@pytest.fixture
def voted(service, workshop, db_path):
    return voted_rounds(service, workshop, db_path)


def _json(model, service, workshop, rounds, votes=False) -> dict:
    return json.loads(render(model, service.load(workshop.id), "json", ON, rounds=rounds, votes=votes))


def test_each_rounds_distribution_is_exported(model, service, workshop, voted) -> None:
    rounds, (first, second, named, still_open) = voted
    exported = _json(model, service, workshop, rounds)["voting_rounds"]
    assert [r["id"] for r in exported] == [first.id, second.id, named.id, still_open.id]
    latest = exported[1]
    assert {k: latest[k] for k in ("practice_id", "practice", "state", "stands", "named", "phone_cap")} == {
        "practice_id": "build-ci", "practice": "Build management & CI", "state": "revealed", "stands": True,
        "named": False, "phone_cap": 50,
    }  # fmt: skip
    assert latest["counts"] == [
        {"level": -1, "level_name": "Regressive", "votes": 0},
        {"level": 0, "level_name": "Repeatable", "votes": 1},
        {"level": 1, "level_name": "Consistent", "votes": 3},
        {"level": 2, "level_name": "Quantitatively managed", "votes": 1},
        {"level": 3, "level_name": "Optimising", "votes": 0},
    ]
    assert (latest["vote_count"], latest["median"], latest["spread"], latest["agreement"]) == (5, 1, 2, "split")
    assert latest["opened_at"] == second.opened_at.isoformat() and latest["revealed_at"] > latest["opened_at"]
    earlier = exported[0]
    assert (earlier["stands"], earlier["median"], earlier["spread"], earlier["agreement"]) == (False, 0, 3, "all over")
    assert (exported[2]["state"], exported[2]["stands"], exported[2]["revealed_at"]) == ("cancelled", False, None)
    assert exported[2]["agreement"] == "agreed" and exported[2]["named"] is True
    assert exported[3]["state"] == "open" and exported[3]["vote_count"] == 0
    assert (exported[3]["median"], exported[3]["spread"], exported[3]["agreement"]) == (None, None, None)
    assert all("votes" not in r for r in exported)


def test_without_being_asked_no_voter_is_in_the_file(model, service, workshop, voted) -> None:
    content = render(model, service.load(workshop.id), "json", ON, rounds=voted[0])
    for secret in [*TOKENS, "Zoë Müller", "王芳"]:
        assert secret not in content.decode("utf-8")


def test_the_votes_when_asked_name_phones_by_number_and_people_by_name(model, service, workshop, voted) -> None:
    rounds, _ = voted
    content = render(model, service.load(workshop.id), "json", ON, rounds=rounds, votes=True)
    exported = json.loads(content)["voting_rounds"]
    assert [(v["voter"], v["level"]) for v in exported[1]["votes"]] == [
        ("phone 1", 1), ("phone 2", 1), ("phone 3", 2), ("phone 4", 1), ("phone 5", 0)
    ]
    assert [(v["voter"], v["level"]) for v in exported[2]["votes"]] == [("Zoë Müller", 2), ("王芳", 2)]
    assert exported[3]["votes"] == []
    assert exported[1]["votes"][0]["cast_at"] == rounds[1].votes[0].cast_at.isoformat()
    for token in TOKENS:
        assert token not in content.decode("utf-8")


def test_a_workshop_without_rounds_exports_as_before(model, service, workshop) -> None:
    state = service.load(workshop.id)
    without = render(model, state, "json", ON)
    assert render(model, state, "json", ON, rounds=VotingService(service).rounds_of(workshop.id), votes=True) == without
    assert "voting_rounds" not in json.loads(without)


def test_the_csv_leaves_the_rounds_out(model, service, workshop, voted, tmp_path) -> None:
    state = service.load(workshop.id)
    assert render(model, state, "csv", ON, rounds=voted[0], votes=True) == render(model, state, "csv", ON)
    path = export_workshop(model, state, "json", tmp_path / "w.json", ON, rounds=voted[0], votes=True)
    assert json.loads(path.read_bytes())["voting_rounds"][2]["votes"][1]["voter"] == "王芳"


def _cli(*args: str):
    return subprocess.run(
        [sys.executable, "-m", "maturity_workshop", *args], capture_output=True, text=True, timeout=60
    )


def test_the_command_line_exports_the_rounds_and_the_votes_when_asked(voted, workshop, db_path, tmp_path) -> None:
    plain, with_votes = tmp_path / "plain.json", tmp_path / "votes.json"
    for target, extra in ((plain, ()), (with_votes, ("--votes",))):
        done = _cli("export", str(workshop.id), "--db", str(db_path), "-f", "json", "-o", str(target), *extra)
        assert done.returncode == 0, done.stderr
    assert "votes" not in json.loads(plain.read_text(encoding="utf-8"))["voting_rounds"][1]
    assert len(json.loads(with_votes.read_text(encoding="utf-8"))["voting_rounds"][1]["votes"]) == 5
    refused = _cli("export", str(workshop.id), "--db", str(db_path), "-f", "pdf", "-o", str(tmp_path / "p.pdf"), "--votes")
    assert refused.returncode == 2 and "--votes goes with --format json" in refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "p.pdf").exists()
