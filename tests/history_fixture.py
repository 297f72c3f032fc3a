"""A team's history made through the service, for the tests of its views: four workshops of
"Platform team", created out of the order they were held in, and one of another team.

    held on      title     build-ci  testing   data-management
    2025-01-10   first     0 → 1     –         -1 → 0
    2025-06-02   second    1 → 2     0 → 1     –  (not rated: a gap)
    2025-06-02   third     2 → 2     0 → 2     0 → 1   (same day, created after "second")
    2025-11-20   fourth    1 → 3     1 → 2     –       (build-ci went down; data-management rated before, not now)

The fourth is created first, so the order by creation alone is wrong. Actions: "dashboard" in
the first, carried into the second and done there; "flaky" in the second, dropped; "coverage" in
the third, carried into the fourth and still open there; "stays open" in the third, never carried.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from maturity_workshop.domain import ActionDraft, ActionStatus, Rating, Workshop, WorkshopDraft
from maturity_workshop.services import WorkshopService

TEAM = "Platform team"
LEVELS = {
    "first": {"build-ci": (0, 1), "data-management": (-1, 0)},
    "second": {"build-ci": (1, 2), "testing": (0, 1)},
    "third": {"build-ci": (2, 2), "testing": (0, 2), "data-management": (0, 1)},
    "fourth": {"build-ci": (1, 3), "testing": (1, 2)},
}
HELD_ON = {
    "first": date(2025, 1, 10),
    "second": date(2025, 6, 2),
    "third": date(2025, 6, 2),
    "fourth": date(2025, 11, 20),
}


@dataclass
class History:
    workshops: dict[str, Workshop]  # by title
    other_team: Workshop
    actions: dict[str, int]  # action title (and "... carried") -> id


def make_history(service: WorkshopService) -> History:
    workshops: dict[str, Workshop] = {}
    for title in ("fourth", "first", "second", "third"):  # created out of the order held
        workshops[title] = service.start_workshop(
            WorkshopDraft(TEAM, title, HELD_ON[title], "Ada", 7), start_from_previous=False
        )
        for practice_id, (current, target) in LEVELS[title].items():
            service.save_rating(workshops[title].id, Rating(practice_id, current, target))
    service.save_note(workshops["first"].id, "build-ci.repeatable", "Builds by hand on Fridays.")
    service.save_note(workshops["fourth"].id, "build-ci.consistent", "The build server was lost in the move.")
    ids: dict[str, int] = {}

    def add(workshop: str, title: str, practice: str = "build-ci", status: ActionStatus = ActionStatus.OPEN) -> None:
        ids[title] = service.add_action(workshops[workshop].id, ActionDraft(practice, title, status=status)).id

    add("first", "dashboard")
    [carried] = service.carry_over(workshops["second"].id, [service.repo.list_actions(workshops["first"].id)[0]])
    service.update_action(carried.id, replace(carried.draft(), status=ActionStatus.DONE))
    ids["dashboard carried"] = carried.id
    add("second", "flaky", "testing", ActionStatus.DROPPED)
    add("third", "coverage", "testing")
    add("third", "stays open", "testing")
    coverage = next(a for a in service.repo.list_actions(workshops["third"].id) if a.title == "coverage")
    [carried] = service.carry_over(workshops["fourth"].id, [coverage])
    ids["coverage carried"] = carried.id
    other = service.start_workshop(WorkshopDraft("Other team", "elsewhere", date(2025, 3, 1)), start_from_previous=False)
    service.save_rating(other.id, Rating("build-ci", 3, 3))
    return History(workshops, other, ids)


# The room's votes on the history, each (workshop, practice, levels, how it ends): testing's spread
# goes 2 → 1 → 0 (at "fourth" voted twice: the second round stands), build-ci's 0 → 3; the
# cancelled, open and other team's rounds count for nothing.
VOTES = [
    ("second", "testing", (0, 1, 2, 0), "reveal"),
    ("second", "build-ci", (3, -1), "cancel"),
    ("third", "testing", (0, 1, 1), "reveal"),
    ("third", "build-ci", (2, 2), "reveal"),
    ("fourth", "testing", (-1, 3), "reveal"),
    ("fourth", "testing", (1, 1, 1), "reveal"),
    ("fourth", "build-ci", (0, 3), "reveal"),
    ("fourth", "data-management", (0, 3, 1), "open"),
]


def vote_history(service: WorkshopService, made: History) -> None:
    """The rounds of :data:`VOTES`, through the window's service and the voting server's writer."""
    from maturity_workshop.services.voting import VotingService

    from .export.voted import cast

    voting = VotingService(service)

    def held(workshop: Workshop, practice: str, levels: tuple[int, ...], end: str) -> None:
        opened = voting.open_round(workshop.id, practice)
        cast(service.database_path, [(opened.id, f"history-phone-{n:04d}", level) for n, level in enumerate(levels)])
        {"reveal": voting.reveal, "cancel": voting.cancel, "open": lambda _: None}[end](opened.id)

    for title, practice, levels, end in VOTES:
        held(made.workshops[title], practice, levels, end)
    held(made.other_team, "testing", (-1, 3), "reveal")
