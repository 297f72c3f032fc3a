"""Several teams made through the service, for the tests of the organisation's heat map: the
history fixture's "Platform team" and "Other team", and three more.

    team            latest (previous)          build-ci         testing        data-management
    alpha crew      2024-09-01 (2024-05-01)    1/3 (was 2)      2/2 (new)      –
    Demo squad *    2025-12-01                 0/2              –              –
    Gone team       (its one workshop deleted: no row, but a hidden name)
    Other team      2025-03-01                 3/3              –              –
    Platform team   2025-11-20 (2025-06-02)    1/3 (was 2)      1/2 (was 0)    – (was 0)

(level/target; * a demo team). Hidden names, by name: alpha crew A, Demo squad B, Gone team C,
Other team D, Platform team E.
"""

from __future__ import annotations

from datetime import date

from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.services import WorkshopService
from tests.history_fixture import make_history

HIDDEN = {"alpha crew": "Team A", "Demo squad": "Team B", "Other team": "Team D", "Platform team": "Team E"}


def make_organisation(service: WorkshopService) -> None:
    make_history(service)
    for held_on, levels in ((date(2024, 9, 1), {"build-ci": (1, 3), "testing": (2, 2)}),
                            (date(2024, 5, 1), {"build-ci": (2, 3)})):  # fmt: skip
        workshop = service.start_workshop(WorkshopDraft("alpha crew", "review", held_on), start_from_previous=False)
        for practice_id, (current, target) in levels.items():
            service.save_rating(workshop.id, Rating(practice_id, current, target))
    demo = service.start_workshop(WorkshopDraft("Demo squad", "demo", date(2025, 12, 1)), demo=True)
    service.save_rating(demo.id, Rating("build-ci", 0, 2))
    gone = service.start_workshop(WorkshopDraft("Gone team", "gone", date(2025, 2, 1)))
    service.delete_workshop(gone.id)


def make_many_teams(service: WorkshopService, count: int) -> list[str]:
    """``count`` teams, "Squad 001 delivery"..., each with one workshop rated on every practice (levels and
    targets going round the model's); returns their names, in the heat map's order."""
    levels = sorted(level.value for level in service.model.levels)
    names = [f"Squad {n:03d} delivery" for n in range(1, count + 1)]
    for n, name in enumerate(names):
        workshop = service.start_workshop(WorkshopDraft(name, "review", date(2025, 1 + n % 12, 1 + n % 28)), False)
        for i, practice in enumerate(service.model.practices):
            current = levels[(n + i) % len(levels)]
            service.save_rating(workshop.id, Rating(practice.id, current, levels[-1]))
    return names
