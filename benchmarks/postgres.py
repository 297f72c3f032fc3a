"""A PostgreSQL server of the benchmarks' own, on loopback: a cluster in a temporary folder,
listening on 127.0.0.1 only (a free port), trusting its connections (nothing to leak), set up as
the organisation's administrator does (scripts/organisation-setup.sql, then ``org-schema``), with
two facilitators and a reader. Stopped when the block ends; a watchdog stops it if this process
dies first. As root (CI), the cluster runs as Debian's ``postgres`` user."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP_SQL = ROOT / "scripts" / "organisation-setup.sql"
DATABASE = "maturity_workshop"  # the set-up script's
FACILITATORS, READER, ADMIN = ("alice", "bob"), "carol", "maturity_admin"


def _bin() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(Path(f).parent.name or 0))
    if not folders:
        raise SystemExit("PostgreSQL's server is not installed (Debian: apt-get install postgresql)")
    return Path(folders[-1])


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    port: int

    def url(self, role: str = READER) -> str:
        """The URL the app is given for ``role``."""
        return f"postgresql://{role}@127.0.0.1:{self.port}/{DATABASE}"

    def psql(self, *args: str) -> str:
        binary = _bin() / "psql"
        return _run([str(binary) if binary.is_file() else "psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                     "-d", "postgres", "-v", "ON_ERROR_STOP=1", *args])  # fmt: skip


@contextmanager
def organisation_server() -> Iterator[Server]:
    """The organisation's database on a server of its own, its schema made, for the block."""
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="mw-bench-pg-", dir="/tmp"))
    folder.chmod(0o755)
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    data, pg_ctl, port = folder / "data", str(_bin() / "pg_ctl"), _free_port()
    watchdog = None
    try:
        _run([*as_user, str(_bin() / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
              "--locale=C.UTF-8", "--no-sync"])  # fmt: skip
        options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "server.log"), "-w", "start"])
        watchdog = subprocess.Popen(  # stops the server when this process's end of the pipe closes
            [*as_user, "sh", "-c", 'cat >/dev/null; "$0" -D "$1/data" -m immediate stop >/dev/null 2>&1',
             pg_ctl, str(folder)], stdin=subprocess.PIPE,
        )  # fmt: skip
        server = Server(port)
        server.psql("-f", str(SETUP_SQL))
        for role in FACILITATORS:
            server.psql("-c", f"CREATE ROLE {role} LOGIN IN ROLE maturity_facilitator")
        server.psql("-c", f"CREATE ROLE {READER} LOGIN IN ROLE maturity_reader")
        from maturity_workshop.services.organisation_db import upgrade_organisation_schema

        upgrade_organisation_schema(server.url(ADMIN))
        yield server
    finally:
        if data.exists():
            subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True,
                           timeout=120, check=False)  # fmt: skip
        if watchdog is not None:
            watchdog.stdin.close()
            watchdog.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


# -- the organisation's workshops, as its facilitators would have published them ---------------
def fill(server: Server, teams: int, workshops: int, first: int = 0, actions: int = 10) -> int:
    """``workshops`` more workshops (numbered from ``first``) for each of ``teams`` teams, every
    practice rated and timed, a third of the cells noted, ``actions`` actions (3 carried from the
    team's previous workshop) and two revealed rounds of votes each; published by the two
    facilitators in turn. Written with COPY, as the server's superuser. Returns the workshops made."""
    import random
    import uuid
    from datetime import UTC, date, datetime, timedelta

    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from maturity_workshop.domain.identity import action_uuid, team_uuid
    from maturity_workshop.services.models import default_model

    practices = [p.id for p in default_model().practices]
    rows: dict[str, list[tuple]] = {t: [] for t in ("team", "workshop", "rating", "cell_note", "action",
                                                  "practice_time", "vote_round")}  # fmt: skip
    chance = random.Random(first)
    for team in range(teams):
        team_id = team_uuid(f"team {team:03d}")
        publisher = FACILITATORS[team % 2]
        if first == 0:
            rows["team"].append((team_id, f"Team {team:03d}", f"team {team:03d}", publisher))
        previous = None
        for number in range(first, first + workshops):
            held = date(2022, 1, 3) + timedelta(days=number * 45 + team % 30)
            moment = datetime.combine(held, datetime.min.time(), UTC) + timedelta(hours=9)
            workshop = str(uuid.uuid5(uuid.UUID(team_id), str(number)))
            rows["workshop"].append((workshop, team_id, f"Review {number + 1}", held, "Ada", 9, "cd-maturity", "1.0",
                                     True, moment, moment, uuid.uuid4().hex, publisher))  # fmt: skip
            for p in practices:
                level = chance.randint(0, 3)
                rows["rating"].append((workshop, p, level, min(3, level + chance.randint(0, 2))))
                rows["practice_time"].append((workshop, p, 15, chance.randint(300, 1200)))
                rows["cell_note"].extend((workshop, f"{p}.{cell}", f"Note on {p} {cell}") for cell in range(2))
            for a in range(actions):
                carried = action_uuid(previous, a) if previous and a < 3 else None
                rows["action"].append((action_uuid(workshop, a), workshop, practices[a % len(practices)], None,
                                       f"Action {a}", "Grace", None, "open", "medium", a // len(practices), carried))
            for n, p in enumerate(practices[:2], 1):
                counts = [0, chance.randint(0, 3), chance.randint(0, 4), chance.randint(0, 4), chance.randint(0, 2)]
                rows["vote_round"].append((workshop, n, p, "revealed", False, 12, moment, moment, counts))
            previous = workshop
    columns = {
        "team": "uuid, name, name_key, published_by",
        "workshop": "uuid, team_uuid, title, held_on, facilitator, participant_count, model_id, model_version, closed, "
                    "created_at, updated_at, content_hash, published_by",
        "rating": "workshop_uuid, practice_id, current_level, target_level",
        "cell_note": "workshop_uuid, cell_id, text",
        "action": "uuid, workshop_uuid, practice_id, cell_id, title, owner, due_on, status, priority, position, "
                  "carried_from_uuid",
        "practice_time": "workshop_uuid, practice_id, planned_minutes, spent_seconds",
        "vote_round": "workshop_uuid, number, practice_id, state, named, phone_cap, opened_at, revealed_at, counts",
    }  # fmt: skip
    engine = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/{DATABASE}", poolclass=NullPool)
    try:
        connection = engine.raw_connection()
        try:
            with connection.driver_connection.cursor() as cursor:
                for table, names in columns.items():
                    with cursor.copy(f"COPY maturity.{table} ({names}) FROM STDIN") as copy:
                        for row in rows[table]:
                            copy.write_row(row)
            connection.commit()
        finally:
            connection.close()
    finally:
        engine.dispose()
    return len(rows["workshop"])
