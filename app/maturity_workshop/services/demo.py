"""A demo workshop with realistic levels, targets and notes, for screenshots and sample exports."""

from __future__ import annotations

from datetime import date

from ..domain.workshop import Rating, Workshop, WorkshopDraft
from .workshops import WorkshopService

DEMO_TEAM = "Payments Platform"
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


def create_demo_workshop(service: WorkshopService) -> Workshop:
    """A workshop of the demo team, held on a fixed date, with levels, targets and notes."""
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
    return workshop
