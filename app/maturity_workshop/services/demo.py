"""The demo: five teams marked as demo data, one of them ("Payments Platform") with four workshops
over eighteen months whose levels move up and down, with notes and actions carried from one
workshop to the next, and the room's votes from its phones at the last two; its latest workshop,
with an agenda and the time spent, is the showcase of the screenshots and the sample exports. Every
date and time is fixed, so the samples never change with the calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..domain.actions import ActionDraft, ActionPriority, ActionStatus
from ..domain.timebox import spread_minutes
from ..domain.errors import ValidationError
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


# The room's votes from its phones, every round revealed: (workshop title, practice, opened at (UTC),
# the votes: levels of anonymous phones, or (name, level) in a named round). Testing and data
# management were split in spring and agreed in autumn; build-ci was voted twice in autumn.
DEMO_ROUNDS = [
    ("Spring review", "testing", datetime(2026, 3, 11, 10, 20, tzinfo=UTC), (-1, 0, 0, 1, 0, 1, 0, 0, -1, 0)),
    ("Spring review", "data-management", datetime(2026, 3, 11, 11, 5, tzinfo=UTC), (0, 0, 1, 0, -1, 0, 0, 1, 0, 0)),
    ("Autumn maturity review", "build-ci", datetime(2026, 10, 14, 9, 10, tzinfo=UTC), (0, 1, 2, 2, 1, 3, 1, 0, 2)),
    ("Autumn maturity review", "build-ci", datetime(2026, 10, 14, 9, 20, tzinfo=UTC), (1, 1, 2, 1, 1, 1, 2, 1, 1)),
    ("Autumn maturity review", "environments-deployment", datetime(2026, 10, 14, 9, 35, tzinfo=UTC),
     (("Priya Nair", 0), ("Sam Okafor", 0), ("Tomás Ruiz", 1), ("Mei Lin", 0), ("Jonas Berg", -1))),
    ("Autumn maturity review", "testing", datetime(2026, 10, 14, 10, 5, tzinfo=UTC), (1, 1, 1, 2, 1, 1, 2, 1, 1)),
    ("Autumn maturity review", "data-management", datetime(2026, 10, 14, 10, 50, tzinfo=UTC),
     (-1, -1, 0, -1, -1, 0, -1, -1, -1)),
]
_CAST_AFTER, _REVEALED_AFTER = timedelta(seconds=40), timedelta(seconds=90)  # after a round opened

# Payments Platform's earlier workshops, oldest first: (title, held on, facilitator, participants,
# closed, {practice: (current, target)}, {cell: note}, [actions]). An action's status is what it
# became in that workshop; one still open is carried into the next workshop. The showcase comes last.
_EARLIER = [
    ("Spring kick-off", date(2025, 4, 9), "Grace Hopper", 8,
     {"build-ci": (0, 1), "environments-deployment": (-1, 0), "release-compliance": (-1, 0), "testing": (0, 1),
      "data-management": (-1, 0), "configuration-management": (-1, 1)},
     {"build-ci.repeatable": "The build runs on Priya's machine before each release.",
      "environments-deployment.regressive": "Every environment is set up by hand, and no two are alike."},
     [("build-ci", "Run the unit tests on every merge to main", "Priya Nair", date(2025, 5, 30), _D, _HIGH, 1),
      ("environments-deployment", "Script the staging deploy", "Sam Okafor", date(2025, 7, 4), _O, _HIGH, 0),
      ("testing", "Add contract tests for the card-payment API", "Jonas Berg", date(2025, 8, 29), _O, _MEDIUM, 1),
      ("configuration-management", "Keep the Terraform state in a shared backend", "Sam Okafor",
       date(2025, 6, 13), _D, _MEDIUM, 0)]),
    ("Autumn check-in", date(2025, 9, 17), "Grace Hopper", 9,
     {"build-ci": (1, 2), "environments-deployment": (0, 1), "release-compliance": (-1, 0), "testing": (0, 1),
      "data-management": (-1, 0), "configuration-management": (0, 1)},
     {"release-compliance.regressive": "Every release still needs three signatures and a two-week freeze."},
     [("release-compliance", "Write down the release checklist the risk team asks for", "Leila Haddad",
       date(2025, 11, 28), _D, _MEDIUM, 0)]),
    ("Spring review", date(2026, 3, 11), "Margaret Hamilton", 10,
     {"build-ci": (1, 2), "environments-deployment": (-1, 0), "release-compliance": (0, 1), "testing": (0, 1),
      "data-management": (0, 1), "configuration-management": (0, 1)},
     {"environments-deployment.regressive": "The new cloud account broke the staging scripts; deploys are manual again.",
      "data-management.repeatable": "Migrations are scripted, and the DBA runs them from the runbook.",
      "testing.consistent": "Contract tests gate every merge since January."},
     [("build-ci", "Add a build dashboard to the team room", "Priya Nair", date(2026, 5, 29), _O, _HIGH, 2),
      ("data-management", "Version schema changes with migration scripts in the service repo", "Ana Costa",
       date(2026, 6, 26), _O, _HIGH, 0),
      ("release-compliance", "Ask the risk team for a weekly release window", "Leila Haddad", None, _X, _LOW,
       None)]),
]
_SHOWCASE = ("Autumn maturity review", date(2026, 10, 14), "Grace Hopper", 9)
# The other demo teams: (name, [(title, held on, facilitator, participants, {practice: (current, target)})]).
_OTHER_TEAMS = [
    ("Checkout Web", [
        ("First maturity workshop", date(2025, 11, 5), "Ada Lovelace", 7,
         {"build-ci": (1, 2), "environments-deployment": (1, 2), "release-compliance": (0, 1), "testing": (0, 1),
          "data-management": (0, 1), "configuration-management": (1, 1)}),
        ("Spring review", date(2026, 4, 22), "Ada Lovelace", 6,
         {"build-ci": (2, 2), "environments-deployment": (1, 2), "release-compliance": (1, 1), "testing": (1, 2),
          "data-management": (0, 1), "configuration-management": (1, 2)}),
        ("Autumn review", date(2026, 9, 30), "Ada Lovelace", 8,
         {"build-ci": (2, 3), "environments-deployment": (2, 2), "release-compliance": (1, 2), "testing": (1, 2),
          "data-management": (1, 1), "configuration-management": (2, 2)}),
    ]),
    ("Mobile Apps", [
        ("Maturity baseline", date(2026, 2, 18), "Katherine Johnson", 11,
         {"build-ci": (0, 1), "environments-deployment": (-1, 0), "release-compliance": (0, 0), "testing": (-1, 0),
          "data-management": (0, 0), "configuration-management": (0, 1)}),
        ("Summer review", date(2026, 8, 26), "Katherine Johnson", 10,
         {"build-ci": (1, 1), "environments-deployment": (0, 1), "release-compliance": (0, 1), "testing": (0, 1),
          "data-management": (0, 0), "configuration-management": (0, 1)}),
    ]),
    ("Data Platform", [
        ("Winter workshop", date(2025, 12, 3), "Margaret Hamilton", 5,
         {"build-ci": (1, 2), "environments-deployment": (0, 1), "testing": (0, 1), "data-management": (1, 2)}),
        ("Summer workshop", date(2026, 6, 10), "Margaret Hamilton", 6,
         {"build-ci": (1, 2), "environments-deployment": (1, 1), "release-compliance": (0, 1), "testing": (0, 1),
          "data-management": (2, 3), "configuration-management": (0, 1)}),
    ]),
    ("Identity & Access", [
        ("First maturity workshop", date(2026, 5, 20), "Grace Hopper", 6,
         {"build-ci": (1, 2), "environments-deployment": (0, 1), "release-compliance": (1, 2), "testing": (0, 1),
          "data-management": (-1, 0), "configuration-management": (0, 1)}),
    ]),
]
DEMO_TEAMS = (DEMO_TEAM, *(name for name, _ in _OTHER_TEAMS))


def create_demo_workshop(service: WorkshopService) -> Workshop:
    """The whole demo (every demo team and workshop); returns the showcase: Payments Platform's
    latest workshop, created first so that it is workshop 1 of a new database. Refused, with
    nothing written, when a team of the demo is already there."""
    for name in DEMO_TEAMS:
        found = service.repo.find_team(name)
        if found is not None:
            kind = "the demo's" if found.is_demo else "a real team of the same name"
            raise ValidationError(
                f'The demo was not added: "{found.name}" is already in this database ({kind}). Nothing was saved.'
            )
    title, held_on, facilitator, participants = _SHOWCASE
    showcase = _start(service, DEMO_TEAM, title, held_on, facilitator, participants)
    earlier = [_earlier_workshop(service, *entry) for entry in _EARLIER]
    _vote(service, [showcase, *earlier])
    for before, after in zip(earlier, earlier[1:]):
        _carry_open(service, before, after)
    _fill_showcase(service, showcase, earlier[-1])
    for name, workshops in _OTHER_TEAMS:
        for title, held_on, facilitator, participants, ratings in workshops:
            workshop = _start(service, name, title, held_on, facilitator, participants)
            _rate(service, workshop, ratings)
            service.set_closed(workshop.id, True)
    return showcase


def _start(service: WorkshopService, team: str, title: str, held_on: date, facilitator: str, people: int) -> Workshop:
    draft = WorkshopDraft(team_name=team, title=title, held_on=held_on, facilitator=facilitator,
                          participant_count=people)  # fmt: skip
    return service.start_workshop(draft, start_from_previous=False, demo=True)


def _rate(service: WorkshopService, workshop: Workshop, ratings: dict[str, tuple[int, int]]) -> None:
    for practice_id, (current, target) in ratings.items():
        service.save_rating(workshop.id, Rating(practice_id, current, target))


def _add_actions(service: WorkshopService, workshop: Workshop, actions: list[tuple]) -> None:
    for practice_id, title, owner, due_on, status, priority, level in actions:
        cell_id = service.model.cell(practice_id, level).id if level is not None else None
        service.add_action(workshop.id, ActionDraft(practice_id, title, owner, due_on, status, priority, cell_id))


def _earlier_workshop(service, title, held_on, facilitator, people, ratings, notes, actions) -> Workshop:
    workshop = _start(service, DEMO_TEAM, title, held_on, facilitator, people)
    _rate(service, workshop, ratings)
    for cell_id, text in notes.items():
        service.save_note(workshop.id, cell_id, text)
    _add_actions(service, workshop, actions)
    return workshop


def _vote(service: WorkshopService, workshops: list[Workshop]) -> None:
    """The rounds of :data:`DEMO_ROUNDS`, cast through the voting server's own writer, at fixed times."""
    from ..store.votes import VoteWriter  # the votes' code loads when the demo is made, not at launch
    from .voting import VotingService

    by_title = {workshop.title: workshop for workshop in workshops}
    for title, practice_id, opened_at, votes in DEMO_ROUNDS:
        named = isinstance(votes[0], tuple)
        now = [opened_at]
        voting = VotingService(service, clock=lambda: now[0])
        opened = voting.open_round(by_title[title].id, practice_id, named=named)
        writer = VoteWriter(service.database_path, clock=lambda: opened_at + _CAST_AFTER)
        writer.start()
        try:
            cast = [vote if named else (f"demo-phone-{n:02d}-{opened.id:04d}", vote) for n, vote in enumerate(votes)]
            for future in [writer.submit(opened.id, voter, level) for voter, level in cast]:
                future.result(10)
        finally:
            writer.close()
        now[0] = opened_at + _REVEALED_AFTER
        voting.reveal(opened.id)


def _carry_open(service: WorkshopService, before: Workshop, after: Workshop) -> list:
    """Carry ``before``'s open actions into ``after`` and mark them done there (the next workshop
    found them finished); then close ``before``."""
    carried = service.carry_over(after.id, service.previous_open_actions(after.id))
    for action in carried:
        service.update_action(action.id, replace(action.draft(), status=ActionStatus.DONE))
    service.set_closed(before.id, True)
    return carried


def _fill_showcase(service: WorkshopService, showcase: Workshop, previous: Workshop) -> None:
    """The showcase's levels, notes, agenda and time spent; its actions, those still open last time
    carried in (with where they stand today) and the rest new."""
    _rate(service, showcase, DEMO_RATINGS)
    for cell_id, text in DEMO_NOTES.items():
        service.save_note(showcase.id, cell_id, text)
    carried = {a.title: a for a in service.carry_over(showcase.id, service.previous_open_actions(showcase.id))}
    service.set_closed(previous.id, True)
    for practice_id, title, owner, due_on, status, priority, level in DEMO_ACTIONS:
        cell_id = service.model.cell(practice_id, level).id if level is not None else None
        draft = ActionDraft(practice_id, title, owner, due_on, status, priority, cell_id)
        if title in carried:
            service.update_action(carried[title].id, draft)
        else:
            service.add_action(showcase.id, draft)
    service.set_agenda(showcase.id, spread_minutes(DEMO_AGENDA_MINUTES, [p.id for p in service.model.practices]))
    service.save_time_spent(showcase.id, DEMO_SPENT_SECONDS)


def write_demo_exports(service: WorkshopService, workshop_id: int, folder: Path) -> list[Path]:
    """The demo's sample action plan as PDF, JSON and CSV, dated the day of the workshop."""
    from .exports import FORMATS, export_workshop
    from .history import history_of

    from .voting import VotingService

    state = service.load(workshop_id)
    history = history_of(service, workshop_id)
    rounds = VotingService(service).rounds_of(workshop_id)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        export_workshop(
            service.model, state, fmt, folder / f"{DEMO_EXPORT_NAME}.{fmt}", state.workshop.held_on, history=history,
            rounds=rounds,
        )
        for fmt in FORMATS
    ]
