"""The room's vote in the PDF's "Practice by practice", read back with pypdf: per practice a round
stands for, the distribution (a bar and a count per level), the median, the spread with its words,
how many voted, whether names were kept, and the earlier rounds by count; nothing for a practice
whose rounds were cancelled or are still open, and never a voter."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from maturity_workshop.domain import Rating
from maturity_workshop.services.exports import render
from maturity_workshop.services.voting import VotingService

from .pdf_text import contains, pages, squash
from .voted import TOKENS, cast, voted_rounds

ON = date(2026, 3, 12)
HEADING = "THE ROOM'S VOTE"


@pytest.fixture
def voted(service, workshop, db_path):
    return voted_rounds(service, workshop, db_path)


def sections(model, data: bytes) -> dict[str, str]:
    """The text of each practice's part of "Practice by practice", by practice id."""
    text = "\n".join(pages(data))
    text = text[text.index("Practice by practice") :]
    found, names = {}, [p.name for p in model.practices]
    for i, practice in enumerate(model.practices):
        start = text.index(practice.name)
        end = text.index(names[i + 1], start) if i + 1 < len(names) else len(text)
        found[practice.id] = text[start:end]
    return found


def test_a_standing_round_shows_its_distribution_median_and_spread(model, service, workshop, voted) -> None:
    service.save_rating(workshop.id, Rating("build-ci", 1, 2))
    data = render(model, service.load(workshop.id), "pdf", ON, rounds=voted[0])
    build = sections(model, data)["build-ci"]
    assert contains(build, HEADING)
    assert contains(build, "5 votes · median 1 · spread 2: split")  # the second round, not the first
    assert contains(build, "Anonymous: no names kept.")
    assert contains(build, "Voted twice; the last round stands.")
    for row in ("3 Optimising 0", "2 Quantitatively managed 1", "1 Consistent 3 median ● agreed",
                "0 Repeatable 1", "-1 Regressive 0"):  # fmt: skip
        assert contains(build, row), row
    assert contains(build, "The level agreed is the room's median.")


def test_only_a_practice_a_round_stands_for_shows_a_vote(model, service, workshop, voted) -> None:
    found = sections(model, render(model, service.load(workshop.id), "pdf", ON, rounds=voted[0]))
    assert [p for p, text in found.items() if squash(HEADING) in squash(text)] == ["build-ci"]
    assert not contains(found["testing"], "votes · median")  # cancelled: it counts for nothing
    assert not contains(found["data-management"], "votes · median")  # still open: not revealed


def test_a_named_round_says_names_were_kept_and_prints_none(model, service, workshop, db_path) -> None:
    voting = VotingService(service)
    named = voting.open_round(workshop.id, "testing", named=True)
    cast(db_path, [(named.id, "Zoë Müller", 0), (named.id, "王芳", 3), (named.id, "Hedy Lamarr", 2)])
    voting.reveal(named.id)
    service.save_rating(workshop.id, Rating("testing", 3, 3))
    data = render(model, service.load(workshop.id), "pdf", ON, rounds=voting.rounds_of(workshop.id))
    testing = sections(model, data)["testing"]
    assert contains(testing, "3 votes · median 2 · spread 3: all over")
    assert contains(testing, "Named vote: names kept.") and not contains(testing, "Voted twice")
    assert contains(testing, "3 Optimising 1 ● agreed") and contains(testing, "2 Quantitatively managed 1 median")
    assert contains(testing, "The level agreed is 1 level above the room's median.")
    text = "".join(pages(data))
    for name in ("Zoë", "Müller", "王芳", "Hedy", "Lamarr"):
        assert name not in text


def test_three_rounds_are_counted_and_no_token_is_ever_printed(model, service, workshop, db_path) -> None:
    voting = VotingService(service)
    for levels in ((0, 0), (1, 3), (2, 2, 2)):
        opened = voting.open_round(workshop.id, "release-compliance")
        cast(db_path, [(opened.id, token, level) for token, level in zip(TOKENS, levels)])
        voting.reveal(opened.id)
    data = render(model, service.load(workshop.id), "pdf", ON, rounds=voting.rounds_of(workshop.id))
    release = sections(model, data)["release-compliance"]
    assert contains(release, "3 votes · median 2 · spread 0: agreed")
    assert contains(release, "Voted 3 times; the last round stands.")
    assert not contains(release, "The level agreed")  # the practice is not rated
    assert all(token not in "".join(pages(data)) for token in TOKENS)


def test_rounds_that_stand_for_nothing_leave_the_pdf_as_it_was(model, service, workshop, db_path) -> None:
    voting = VotingService(service)
    cancelled = voting.open_round(workshop.id, "testing")
    cast(db_path, [(cancelled.id, TOKENS[0], 1)])
    voting.cancel(cancelled.id)
    voting.open_round(workshop.id, "build-ci")  # still open
    state = service.load(workshop.id)
    assert render(model, state, "pdf", ON, rounds=voting.rounds_of(workshop.id)) == render(model, state, "pdf", ON)


def test_the_command_line_pdf_shows_the_rooms_vote(model, workshop, voted, db_path, tmp_path) -> None:
    target = tmp_path / "plan.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "maturity_workshop", "export", str(workshop.id), "--db", str(db_path), "-f", "pdf",
         "-o", str(target), "--date", "2026-03-12"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert contains(sections(model, target.read_bytes())["build-ci"], "5 votes · median 1 · spread 2: split")
