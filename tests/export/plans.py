"""Workshops to export, built from domain objects (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from maturity_workshop.domain import (
    Action,
    ActionPriority,
    ActionStatus,
    MaturityModel,
    Rating,
    Workshop,
    WorkshopState,
)
from maturity_workshop.services.demo import DEMO_RATINGS

EXPORTED_ON = date(2026, 10, 15)

RATINGS = DEMO_RATINGS  # practice id: (current, target), as the demo workshop has them
NOTES = {
    "build-ci.consistent": "Every merge to main builds and runs the unit tests in 9 minutes.",
    "build-ci.quantitatively-managed": "No build dashboard yet; broken builds sometimes stay red overnight.",
    "environments-deployment.repeatable": "Staging deploys are scripted; production is a manual runbook.",
    "release-compliance.repeatable": "The change board meets on Thursdays.",
    "testing.consistent": "Acceptance tests cover card payments only.\nRefunds are tested by hand.",
    "testing.quantitatively-managed": "Flaky-test rate is not measured yet.",
    "data-management.regressive": "Schema changes are applied by hand by the DBA on release night.",
    "configuration-management.repeatable": "Terraform exists for the network, but nobody runs it from CI.",
}
S, P = ActionStatus, ActionPriority
ACTIONS = [  # practice, title, owner, due, status, priority
    ("build-ci", "Put the build dashboard on the team screen", "Lin", date(2026, 10, 30), S.OPEN, P.HIGH),
    (
        "build-ci",
        "Alert the channel when main is red for 30 minutes",
        "Sam",
        date(2026, 11, 6),
        S.IN_PROGRESS,
        P.MEDIUM,
    ),
    (
        "environments-deployment",
        "Script the production deploy from the runbook",
        "Priya",
        date(2026, 11, 20),
        S.OPEN,
        P.HIGH,
    ),
    ("environments-deployment", "Same artefact for staging and production", "Priya", None, S.OPEN, P.MEDIUM),
    (
        "release-compliance",
        "Agree which changes are standard changes",
        "Grace",
        date(2026, 10, 10),
        S.OPEN,
        P.HIGH,
    ),
    ("release-compliance", "Record approvals in the pipeline", "", date(2026, 12, 1), S.OPEN, P.LOW),
    ("testing", "Automate the refund journeys", "Ana", date(2026, 11, 13), S.IN_PROGRESS, P.HIGH),
    ("testing", "Track flaky tests weekly", "Ana", date(2026, 10, 1), S.DONE, P.MEDIUM),
    ("data-management", "Version the schema with migrations", "Omar", date(2026, 11, 27), S.OPEN, P.HIGH),
    ("data-management", "Dry-run migrations on a copy of production", "Omar", None, S.OPEN, P.LOW),
    ("configuration-management", "Run Terraform from CI", "Kai", date(2026, 12, 11), S.OPEN, P.MEDIUM),
    (
        "configuration-management",
        "Move the last servers to Terraform",
        "Kai",
        date(2026, 9, 1),
        S.DROPPED,
        P.LOW,
    ),
]


def workshop(model: MaturityModel, **changes) -> Workshop:
    base = Workshop(
        id=1,
        team_name="Payments Platform",
        team_id=1,
        title="Autumn maturity review",
        held_on=date(2026, 10, 14),
        facilitator="Grace Hopper",
        participant_count=9,
        model_id=model.id,
        model_version=model.version,
        closed=False,
        created_at=datetime(2026, 10, 14, 9, 0),
        updated_at=datetime(2026, 10, 14, 12, 0),
    )
    return replace(base, **changes)


def actions(rows=ACTIONS) -> list[Action]:
    made: list[Action] = []
    positions: dict[str, int] = {}
    for number, (practice_id, title, owner, due, status, priority) in enumerate(rows, start=1):
        position = positions.get(practice_id, 0)
        positions[practice_id] = position + 1
        made.append(Action(number, 1, practice_id, title, owner, due, status, priority, position))
    return made


def realistic(model: MaturityModel) -> WorkshopState:
    """6 rated practices, 8 notes, 12 actions."""
    return WorkshopState(
        workshop(model),
        ratings={pid: Rating(pid, current, target) for pid, (current, target) in RATINGS.items()},
        notes=dict(NOTES),
        actions=actions(),
    )


def empty(model: MaturityModel) -> WorkshopState:
    return WorkshopState(workshop(model, facilitator="", participant_count=0))


def with_note(model: MaturityModel, cell_id: str, text: str) -> WorkshopState:
    state = realistic(model)
    state.notes[cell_id] = text
    return state


def with_action(model: MaturityModel, practice_id: str, title: str, owner: str = "Ana") -> WorkshopState:
    state = realistic(model)
    state.actions.append(Action(100, 1, practice_id, title, owner, date(2026, 10, 20), S.OPEN, P.HIGH, 9))
    return state


_RENDER_SCRIPT = (
    "import sys\n"
    "from maturity_workshop.services.models import default_model\n"
    "from maturity_workshop.export import render_action_plan\n"
    "from tests.export import plans\n"
    "model = default_model()\n"
    "pdf = render_action_plan(model, plans.realistic(model), plans.EXPORTED_ON)\n"
)


def render_in_another_process(then: str) -> bytes:
    """The realistic plan rendered in a fresh Python, whose stdout is what ``then`` (code run after
    the render, with ``pdf`` holding its bytes) writes."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    return subprocess.run(
        [sys.executable, "-c", _RENDER_SCRIPT + then], cwd=root, capture_output=True, check=True
    ).stdout
