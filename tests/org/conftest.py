"""A real PostgreSQL server for the organisation database's tests, started once a session and
stopped at its end.

The cluster lives in a folder of its own under /tmp (mode 0755, so that the server's user can enter
it: pytest's own temporary folders are 0700 under root), listens on a unix socket in that folder
only (no TCP port: nothing outside this machine can reach it, and the socket is its owner's alone),
and trusts that socket's connections (a test server, with no password to leak). CI runs as root,
and ``initdb`` and ``pg_ctl`` refuse root: there the cluster runs as Debian's ``postgres`` user,
through ``runuser``. Debian keeps the binaries in ``/usr/lib/postgresql/<version>/bin``, off the
PATH. A watchdog beside the server stops it if this process dies without its teardown (killed):
it waits on a pipe from this process, which the kernel closes whatever way the process ends.

Without PostgreSQL a test asking for the server is skipped, saying how to install it; under
CI=true it fails (``.ci/run`` installs Debian's ``postgresql``).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..packaging.tools import required
from .roles import ADMIN, FACILITATORS, READER

SERVER_USER = "postgres"  # Debian's, who runs the cluster when the tests run as root
SUPERUSER = "postgres"  # the cluster's own superuser role, made by initdb
PORT = 5432  # names the socket file only: the server listens on no TCP port


def postgres_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: the PATH's, else Debian's newest version's."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(Path(f).parent.name or 0))
    return next((Path(f) for f in reversed(folders) if (Path(f) / "initdb").is_file()), None)


@dataclass(frozen=True)
class PostgresServer:
    folder: Path  # the cluster's data is in folder/data; the socket in folder
    port: int

    def url(self, user: str = SUPERUSER, database: str = "postgres") -> str:
        """SQLAlchemy's URL for ``user`` on ``database``, through psycopg 3 and the unix socket."""
        return f"postgresql+psycopg://{user}@/{database}?host={self.folder}&port={self.port}"


def _as_server_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        import pwd

        pwd.getpwnam(SERVER_USER)
    except KeyError:
        required(f"the {SERVER_USER} user", "Debian's postgresql package makes it; .ci/run installs it")
    if shutil.which("runuser") is None:
        required("runuser", "Debian: util-linux")
    return ["runuser", "-u", SERVER_USER, "--"]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_folder = postgres_bin()
    if bin_folder is None:
        required("PostgreSQL's server (initdb, pg_ctl)", "Debian and Ubuntu: apt-get install postgresql; "
                 ".ci/run installs it")
    as_user = _as_server_user()
    folder = Path(tempfile.mkdtemp(prefix="maturity-pg-", dir="/tmp"))
    folder.chmod(0o755)
    if as_user:
        shutil.chown(folder, SERVER_USER, SERVER_USER)
    data, pg_ctl = folder / "data", str(bin_folder / "pg_ctl")
    watchdog = None
    try:
        _run([*as_user, str(bin_folder / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
              "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        options = (f"-k {folder} -p {PORT} -c listen_addresses='' -c unix_socket_permissions=0700 "
                   "-c fsync=off -c max_connections=40")
        _run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "server.log"), "-w",
              "-t", "60", "start"])
        watchdog = subprocess.Popen(  # stops the server when this process's end of the pipe closes
            [*as_user, "sh", "-c", 'cat >/dev/null; "$0" -D "$1/data" -m immediate stop >/dev/null 2>&1; rm -rf "$1"',
             pg_ctl, str(folder)],
            stdin=subprocess.PIPE,
        )
        yield PostgresServer(folder, PORT)
    finally:
        if data.exists():
            subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True,
                           timeout=120, check=False)
        if watchdog is not None:
            watchdog.stdin.close()
            watchdog.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


# -- the organisation's database, as its administrator sets it up -------------------------------
SETUP_SQL = Path(__file__).resolve().parents[2] / "scripts" / "organisation-setup.sql"
TEMPLATE = "maturity_workshop"  # the database the set-up script makes: each test gets a copy of it


def psql(server: PostgresServer, *args: str, database: str = "postgres") -> str:
    """Run ``psql`` as the cluster's superuser over the socket, as an administrator would."""
    binary = postgres_bin() / "psql"
    done = subprocess.run(
        [str(binary if binary.is_file() else "psql"), "-X", "-q", "-h", str(server.folder), "-p", str(server.port),
         "-U", SUPERUSER, "-d", database, "-v", "ON_ERROR_STOP=1", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"psql {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


@dataclass(frozen=True)
class OrgDatabase:
    """A fresh organisation database on the test server, made from the set-up script's."""

    server: PostgresServer
    name: str

    def url(self, role: str = "alice") -> str:
        """The URL the app is given for ``role`` (the socket's trust stands in for a password)."""
        return f"postgresql://{role}@/{self.name}?host={self.server.folder}&port={self.server.port}"

    def sql(self, statement: str, role: str = SUPERUSER) -> list[tuple]:
        """Run ``statement`` as ``role`` and return its rows."""
        from sqlalchemy import create_engine, text
        from sqlalchemy.pool import NullPool

        engine = create_engine(self.server.url(role, self.name), poolclass=NullPool)
        try:
            with engine.begin() as connection:
                result = connection.execute(text(statement))
                return [tuple(row) for row in result] if result.returns_rows else []
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def org_cluster(postgres_server: PostgresServer) -> PostgresServer:
    """The server with the set-up script run, the tables made by ``org-schema`` as the administrator,
    and the people's roles: two facilitators and a reader."""
    psql(postgres_server, "-f", str(SETUP_SQL))
    for role in FACILITATORS:
        psql(postgres_server, "-c", f"CREATE ROLE {role} LOGIN IN ROLE maturity_facilitator")
    psql(postgres_server, "-c", f"CREATE ROLE {READER} LOGIN IN ROLE maturity_reader")
    from maturity_workshop.org.connection import create_engine, parse_url
    from maturity_workshop.org.schema import upgrade

    admin = OrgDatabase(postgres_server, TEMPLATE).url(ADMIN)
    engine = create_engine(parse_url(admin))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return postgres_server


_COUNTER = iter(range(1, 1_000_000))


@pytest.fixture
def org_database(org_cluster: PostgresServer) -> Iterator[OrgDatabase]:
    name = f"org_{os.getpid()}_{next(_COUNTER)}"
    psql(org_cluster, "-c", f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} OWNER maturity_owner")
    psql(org_cluster, "-c", f"REVOKE ALL ON DATABASE {name} FROM PUBLIC",
         "-c", f"GRANT CONNECT ON DATABASE {name} TO maturity_owner, maturity_facilitator, maturity_reader")
    yield OrgDatabase(org_cluster, name)
    psql(org_cluster, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def empty_org_database(org_cluster: PostgresServer) -> Iterator[OrgDatabase]:
    """A database as the set-up script leaves it, before ``org-schema`` made its tables."""
    name = f"org_{os.getpid()}_{next(_COUNTER)}_empty"
    psql(org_cluster, "-v", f"dbname={name}", "-f", str(SETUP_SQL))
    yield OrgDatabase(org_cluster, name)
    psql(org_cluster, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
