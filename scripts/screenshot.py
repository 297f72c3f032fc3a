"""Refresh the README's pictures of the demo workshop, each made by ``maturity-workshop snapshot``
(offscreen, exactly what the board or the console shows at that size):

* ``docs/screenshot.png``: the console (the window) at 1920x1080;
* ``docs/board-1920x1080.png`` and ``docs/board-1280x720.png``: the board in presentation mode;
* ``docs/board-focus.png``: the board focused on one practice (Testing), at 1920x1080;
* ``docs/last-time.png``: the board at 1280x720, with where the team stood last time;
* ``docs/history.png`` and ``docs/compare.png``: the team's history page (Ctrl+H) at 1920x1080,
  and the workshop compared with the one before it at 1440x900;
* ``docs/organisation.png`` and ``docs/organisation-hidden.png``: the organisation page (Ctrl+G),
  every demo team by practices, with the teams' names shown and hidden, at 1920x1080;
* ``docs/organisation-board.png``: the board's heat map for the room while that page shows (names
  shown), at 1920x1080;
* ``docs/voting-open-*.png`` and ``docs/voting-revealed-*.png``: the board at 1920x1080 and
  1280x720 with a round of votes open (the QR code, the address, the room code, the count) and
  after a reveal (the votes on each cell, the median, the spread), from rounds the script adds.

Each shows the demo team's latest workshop, with last time shown (the demo gives that team four
workshops).

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
    "last-time.png": ["--size", "1280x720"],
    "history.png": ["--history", "--size", "1920x1080"],
    "compare.png": ["--compare", "--size", "1440x900"],
    "organisation.png": ["--organisation", "--size", "1920x1080"],
    "organisation-hidden.png": ["--organisation-hidden", "--size", "1920x1080"],
    "organisation-board.png": ["--organisation-board", "--size", "1920x1080"],
    "voting-open-1920x1080.png": ["--size", "1920x1080", "--round", "open"],
    "voting-open-1280x720.png": ["--size", "1280x720", "--round", "open"],
    "voting-revealed-1920x1080.png": ["--size", "1920x1080", "--round", "revealed", "--focus", "testing"],
    "voting-revealed-1280x720.png": ["--size", "1280x720", "--round", "revealed", "--focus", "testing"],
}
REVEALED_VOTES = ("testing", [0, 1, 1, 1, 2, 1, 0, 2])  # spread 2: split
OPEN_VOTES = ("data-management", [0, 0, 1, 0, 1, -1, 0])  # 7 of the room so far


def add_rounds(database: Path, workshop_id: int) -> None:
    """A revealed round on Testing and, open after it, one on Data management, with phones' votes
    written as the voting server writes them."""
    from maturity_workshop.services import WorkshopService
    from maturity_workshop.services.models import default_model
    from maturity_workshop.services.voting import VotingService

    service = WorkshopService.open(database, default_model())
    try:
        votes = VotingService(service)
        writer = votes.vote_writer()
        writer.start()
        try:
            for (practice, levels), reveal in ((REVEALED_VOTES, True), (OPEN_VOTES, False)):
                opened = votes.open_round(workshop_id, practice)
                for n, level in enumerate(levels):
                    writer.submit(opened.id, f"picture-phone-{n:04d}-xxxx", level).result(10)
                if reveal:
                    votes.reveal(opened.id)
        finally:
            writer.close()
    finally:
        service.close()
def latest_demo_workshop(database: Path) -> int:
    """The demo team's latest workshop: the one with a history to show."""
    from maturity_workshop.domain.history import held_order
    from maturity_workshop.services import WorkshopService
    from maturity_workshop.services.demo import DEMO_TEAM
    from maturity_workshop.services.models import default_model

    service = WorkshopService.open(database, default_model())
    try:
        return max((w for w in service.list_workshops() if w.team_name == DEMO_TEAM), key=held_order).id
    finally:
        service.close()


def main() -> int:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "maturity_workshop"]
    with tempfile.TemporaryDirectory(prefix="mw-pictures-") as folder:
        database = Path(folder) / "demo.sqlite3"
        subprocess.run([*command, "demo", "--db", str(database)], check=True, env=environment, stdout=subprocess.DEVNULL)
        workshop = str(latest_demo_workshop(database))
        add_rounds(database, int(workshop))
        for name, options in PICTURES.items():
            result = subprocess.run(
                [*command, "snapshot", workshop, "--db", str(database), "-o", str(DOCS / name), *options],
                env=environment, capture_output=True, text=True,
            )
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return result.returncode
            print(result.stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
