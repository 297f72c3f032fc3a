"""A demo workshop with realistic levels, targets, notes, actions and time spent, for screenshots and
sample exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.actions import ActionDraft, ActionPriority, ActionStatus
from ..domain.timebox import spread_minutes
from ..domain.workshop import Rating, Workshop, WorkshopDraft
from .workshops import WorkshopService

DEMO_TEAM = "Payments Platform"
DEMO_EXPORT_NAME = "demo-action-plan"
DEMO_RATINGS = {
    # practice id: (current, target)
    "build-ci": (1, 2),
    "environments-deployment": (0, 1),
    "release-compliance": (0, 1),
    "testing": (1, 2),
    "data-management": (-1, 0),
    "configuration-management": (0, 2),
}
DEMO_NOTES = {
    "build-ci.consistent": "Every merge to main builds and runs the unit tests in 9 minutes.",
    "build-ci.quantitatively-managed": "No build dashboard yet; broken builds sometimes stay red overnight.",
    "environments-deployment.repeatable": "Staging deploys are scripted; production is still a manual runbook.",
    "testing.consistent": "Acceptance tests cover the card-payment journeys only.",
    "data-management.regressive": "Schema changes are applied by hand by the DBA on release night.",
    "configuration-management.repeatable": "Terraform exists for the network, but nobody runs it from CI.",
}
DEMO_AGENDA_MINUTES = 90  # 15 minutes a practice
DEMO_SPENT_SECONDS = {  # the room ran over on testing, and made up for it on the last two
    "build-ci": 17 * 60,
    "environments-deployment": 14 * 60 + 20,
    "release-compliance": 15 * 60 + 40,
    "testing": 22 * 60 + 5,
    "data-management": 11 * 60,
    "configuration-management": 9 * 60 + 30,
}

_O, _P, _D, _X = ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED
_HIGH, _MEDIUM, _LOW = ActionPriority.HIGH, ActionPriority.MEDIUM, ActionPriority.LOW
DEMO_ACTIONS = [
    # practice id, title, owner, due on, status, priority, the level of the cell it is about
    ("build-ci", "Add a build dashboard to the team room", "Priya Nair", date(2026, 11, 13), _P, _HIGH, 2),
    ("build-ci", "Alert the team channel when main stays red for 30 minutes", "Tomás Ruiz", date(2026, 12, 4), _O,
     _MEDIUM, 2),
    ("build-ci", "Cache dependencies to bring the build under five minutes", "Priya Nair", date(2026, 10, 30), _D,
     _LOW, None),
    ("environments-deployment", "Script the production deploy the way staging's is", "Sam Okafor",
     date(2027, 1, 15), _O, _HIGH, 1),
    ("release-compliance", "Agree a standard change for low-risk releases with the risk team", "Leila Haddad",
     date(2027, 2, 5), _O, _MEDIUM, 1),
    ("testing", "Track flaky tests weekly and quarantine the worst five", "Mei Lin", date(2026, 11, 20), _P, _HIGH, 2),
    ("testing", "Write acceptance tests for refunds and chargebacks", "Jonas Berg", date(2026, 12, 18), _O, _HIGH, 1),
    ("testing", "Set latency and error-rate budgets for the payments API", "Mei Lin", date(2027, 1, 29), _O, _MEDIUM,
     2),
    ("testing", "Run the contract tests in the merge pipeline", "Jonas Berg", date(2026, 10, 28), _D, _MEDIUM, None),
    ("testing", "Buy a commercial load-testing tool", "", None, _X, _LOW, None),
    ("data-management", "Version schema changes with migration scripts in the service repo", "Ana Costa",
     date(2026, 12, 11), _P, _HIGH, 0),
    ("configuration-management", "Run the network Terraform from CI on every merge", "Sam Okafor",
     date(2027, 2, 26), _O, _MEDIUM, 1),
]


def create_demo_workshop(service: WorkshopService) -> Workshop:
    """A workshop of the demo team, held on a fixed date, with levels, targets, notes and actions."""
    workshop = service.start_workshop(
        WorkshopDraft(
            team_name=DEMO_TEAM,
            title="Autumn maturity review",
            held_on=date(2026, 10, 14),
            facilitator="Grace Hopper",
            participant_count=9,
        ),
        start_from_previous=False,
    )
    for practice_id, (current, target) in DEMO_RATINGS.items():
        service.save_rating(workshop.id, Rating(practice_id, current, target))
    for cell_id, text in DEMO_NOTES.items():
        service.save_note(workshop.id, cell_id, text)
    for practice_id, title, owner, due_on, status, priority, level in DEMO_ACTIONS:
        cell_id = service.model.cell(practice_id, level).id if level is not None else None
        service.add_action(workshop.id, ActionDraft(practice_id, title, owner, due_on, status, priority, cell_id))
    service.set_agenda(workshop.id, spread_minutes(DEMO_AGENDA_MINUTES, [p.id for p in service.model.practices]))
    service.save_time_spent(workshop.id, DEMO_SPENT_SECONDS)
    return workshop


def write_demo_exports(service: WorkshopService, workshop_id: int, folder: Path) -> list[Path]:
    """The demo's sample action plan as PDF, JSON and CSV, dated the day of the workshop."""
    from .exports import FORMATS, export_workshop
    from .history import history_of

    state = service.load(workshop_id)
    history = history_of(service, workshop_id)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        export_workshop(
            service.model, state, fmt, folder / f"{DEMO_EXPORT_NAME}.{fmt}", state.workshop.held_on, history=history
        )
        for fmt in FORMATS
    ]
