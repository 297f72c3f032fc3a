"""Refresh the README's pictures of the demo workshop, each made by ``maturity-workshop snapshot``
(offscreen, exactly what the board or the console shows at that size):

* ``docs/screenshot.png``: the console (the window) at 1920x1080;
* ``docs/board-1920x1080.png`` and ``docs/board-1280x720.png``: the board in presentation mode;
* ``docs/board-focus.png``: the board focused on one practice (Testing), at 1920x1080;
* ``docs/history.png`` and ``docs/compare.png``: a team's history page (Ctrl+H) and two of its
  workshops compared, at 1920x1080, on a team of five workshops made here through the service
  (:func:`history_database`), until the demo holds a team with a history.

Run it with ``./dev screenshot``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PICTURES = {
    "screenshot.png": ["--console", "--size", "1920x1080", "--cell", "testing.consistent"],
    "board-1920x1080.png": ["--size", "1920x1080", "--cell", "testing.consistent"],
    "board-1280x720.png": ["--size", "1280x720", "--cell", "testing.consistent"],
    "board-focus.png": ["--size", "1920x1080", "--focus", "testing", "--cell", "testing.consistent"],
}
HISTORY_PICTURES = {  # by the index of the workshop open: the history with "Autumn review" open shows
    # what became of its actions (done, carried over); compare puts "Winter review" beside it
    "history.png": (3, ["--history", "--size", "1920x1080"]),
    "compare.png": (4, ["--compare", "--size", "1440x900"]),
}

# Payments Platform's workshops: (title, held on, facilitator, people, {practice: (current, target)}).
HISTORY = [
    ("Kick-off", "2025-02-11", "Ada Lovelace", 9,
     {"build-ci": (0, 1), "environments-deployment": (-1, 0), "release-compliance": (-1, 0), "testing": (0, 1),
      "data-management": (-1, 0), "configuration-management": (0, 1)}),
    ("Spring check-in", "2025-05-06", "Ada Lovelace", 8,
     {"build-ci": (1, 2), "environments-deployment": (0, 1), "release-compliance": (-1, 0), "testing": (0, 1),
      "configuration-management": (1, 2)}),
    ("Summer review", "2025-08-19", "Grace Hopper", 10,
     {"build-ci": (2, 2), "environments-deployment": (0, 1), "release-compliance": (0, 1), "testing": (1, 2),
      "data-management": (0, 1), "configuration-management": (1, 2)}),
    ("Autumn review", "2025-11-04", "Grace Hopper", 9,
     {"build-ci": (2, 3), "environments-deployment": (1, 2), "release-compliance": (0, 1), "testing": (1, 2),
      "data-management": (0, 1), "configuration-management": (2, 2)}),
    ("Winter review", "2026-02-10", "Ada Lovelace", 11,
     {"build-ci": (1, 3), "environments-deployment": (1, 2), "release-compliance": (1, 2), "testing": (2, 3),
      "data-management": (1, 1), "configuration-management": (2, 3)}),
]
NOTES = {
    3: {"build-ci.quantitatively-managed": "Pipelines report lead time; flaky stage still blocks merges."},
    4: {"build-ci.consistent": "The build farm moved data centres: two weeks of manual builds.",
        "testing.quantitatively-managed": "Contract tests now gate every release of the ledger API."},
}
ACTIONS = [  # (workshop index, practice, title, owner, status, carried into the next one)
    (0, "build-ci", "Build every merge on the CI server", "Priya", "open", True),
    (0, "testing", "Agree a definition of a flaky test", "Tom", "dropped", False),
    (1, "environments-deployment", "Script the staging environment", "Lena", "done", False),
    (2, "release-compliance", "Release notes from the commit log", "Omar", "done", False),
    (3, "build-ci", "Restore the build farm's caches", "Priya", "open", True),
    (3, "data-management", "Versioned database migrations", "Lena", "in_progress", True),
    (3, "testing", "Contract tests for the ledger API", "Tom", "done", False),
]


def history_database(path: Path) -> list[int]:
    """Make Payments Platform's five workshops (and one of another team) in ``path``; their ids."""
    from datetime import date
    from dataclasses import replace

    from maturity_workshop.domain import ActionDraft, ActionStatus, Rating, WorkshopDraft
    from maturity_workshop.services import WorkshopService
    from maturity_workshop.services.models import default_model

    service = WorkshopService.open(path, default_model())
    try:
        made = []
        for title, held, facilitator, people, levels in HISTORY:
            workshop = service.start_workshop(
                WorkshopDraft("Payments Platform", title, date.fromisoformat(held), facilitator, people),
                start_from_previous=False,
            )
            for practice_id, (current, target) in levels.items():
                service.save_rating(workshop.id, Rating(practice_id, current, target))
            for cell_id, text in NOTES.get(len(made), {}).items():
                service.save_note(workshop.id, cell_id, text)
            made.append(workshop)
            for index, practice_id, action, owner, status, carried in ACTIONS:
                if index == len(made) - 2 and carried:  # carried from the workshop before into this one
                    [source] = [a for a in service.repo.list_actions(made[index].id) if a.title == action]
                    [copy] = service.carry_over(workshop.id, [source])
                    if len(made) == 2:
                        service.update_action(copy.id, replace(copy.draft(), status=ActionStatus.DONE))
            for index, practice_id, action, owner, status, carried in ACTIONS:
                if index == len(made) - 1:
                    service.add_action(workshop.id, ActionDraft(practice_id, action, owner, status=ActionStatus(status)))
        service.start_workshop(WorkshopDraft("Mobile Apps", "First look", date(2025, 9, 2)), start_from_previous=False)
        service.remember_last_workshop(made[-1].id)
        return [workshop.id for workshop in made]
    finally:
        service.close()


def main() -> int:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "maturity_workshop"]
    with tempfile.TemporaryDirectory(prefix="mw-pictures-") as folder:
        database = Path(folder) / "demo.sqlite3"
        subprocess.run([*command, "demo", "--db", str(database)], check=True, env=environment, stdout=subprocess.DEVNULL)
        history = Path(folder) / "history.sqlite3"
        made = history_database(history)
        pictures = [(database, 1, name, options) for name, options in PICTURES.items()]
        pictures += [(history, made[index], name, options) for name, (index, options) in HISTORY_PICTURES.items()]
        for db, workshop_id, name, options in pictures:
            result = subprocess.run(
                [*command, "snapshot", str(workshop_id), "--db", str(db), "-o", str(DOCS / name), *options],
                env=environment, capture_output=True, text=True,
            )
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return result.returncode
            print(result.stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
