"""Starting a real PostgreSQL cluster of our own, for the organisation database's tests and the
publishing benchmark, and setting it up as the organisation's administrator would.

A cluster lives in a folder of its own under /tmp (mode 0755, so that the server's user can enter
it: pytest's own temporary folders are 0700 under root), listens on a unix socket in that folder
(and, when asked, on 127.0.0.1 at a free port, never another address), and trusts that socket's
connections (a test server, with no password to leak). Under root, ``initdb`` and ``pg_ctl`` refuse
to run: there the cluster runs as Debian's ``postgres`` user, through ``runuser``. Debian keeps the
binaries in ``/usr/lib/postgresql/<version>/bin``, off the PATH. A watchdog beside the server stops
it if this process dies without stopping it (killed): it waits on a pipe from this process, which
the kernel closes whatever way the process ends.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .roles import ADMIN, FACILITATORS, READER

SERVER_USER = "postgres"  # Debian's, who runs the cluster when the tests run as root
SUPERUSER = "postgres"  # the cluster's own superuser role, made by initdb
SOCKET_PORT = 5432  # names the socket file of a cluster without a TCP port
SETUP_SQL = Path(__file__).resolve().parents[2] / "scripts" / "organisation-setup.sql"
TEMPLATE = "maturity_workshop"  # the database the set-up script makes


class Unavailable(Exception):
    """PostgreSQL's server, or what running it needs, is not installed here; the message says how to get it."""


def postgres_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: the PATH's, else Debian's newest version's."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(Path(f).parent.name or 0))
    return next((Path(f) for f in reversed(folders) if (Path(f) / "initdb").is_file()), None)


def _as_server_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        import pwd

        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise Unavailable(f"the {SERVER_USER} user is missing (Debian's postgresql package makes it; .ci/run "
                          "installs it)") from None  # fmt: skip
    if shutil.which("runuser") is None:
        raise Unavailable("runuser is missing (Debian: util-linux)")
    return ["runuser", "-u", SERVER_USER, "--"]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    folder: Path  # the cluster's data is in folder/data; the socket in folder
    port: int
    tcp: bool = False  # also listening on 127.0.0.1:port
    bin: Path = field(default_factory=lambda: postgres_bin() or Path("/nonexistent"))
    as_user: list[str] = field(default_factory=list)

    def url(self, user: str = SUPERUSER, database: str = "postgres") -> str:
        """SQLAlchemy's URL for ``user`` on ``database``, through psycopg 3 and the unix socket."""
        return f"postgresql+psycopg://{user}@/{database}?host={self.folder}&port={self.port}"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _pg_ctl(self, *args: str) -> list[str]:
        return [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), *args]

    def start(self) -> None:
        listen = "127.0.0.1" if self.tcp else ""
        options = (f"-k {self.folder} -p {self.port} -c listen_addresses='{listen}' -c unix_socket_permissions=0700 "
                   "-c fsync=off -c max_connections=40")  # fmt: skip
        _run(self._pg_ctl("-o", options, "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start"))

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(self._pg_ctl("-m", mode, "-w", "stop"), capture_output=True, timeout=120, check=False)

    def own(self, path: Path, mode: int = 0o600) -> None:
        """Give ``path`` to the server's user, with ``mode`` (its TLS key must be its own and 0600)."""
        if self.as_user:
            shutil.chown(path, SERVER_USER, SERVER_USER)
        path.chmod(mode)

    def psql(self, *args: str, database: str = "postgres") -> str:
        """Run ``psql`` as the cluster's superuser over the socket, as an administrator would."""
        binary = self.bin / "psql"
        done = subprocess.run(
            [str(binary if binary.is_file() else "psql"), "-X", "-q", "-h", str(self.folder), "-p", str(self.port),
             "-U", SUPERUSER, "-d", database, "-v", "ON_ERROR_STOP=1", *args],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"psql {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done.stdout


@contextmanager
def running_cluster(*, tcp: bool = False, hba: str | None = None,
                    prepare: Callable[[Cluster], None] | None = None) -> Iterator[Cluster]:  # fmt: skip
    """A new cluster, started, and stopped and removed at the end. ``tcp``: it also listens on
    127.0.0.1 at a free port; ``hba``: the lines of its pg_hba.conf (else it trusts its socket only);
    ``prepare``: called with the cluster made but not yet started (to add files and settings)."""
    bin_folder = postgres_bin()
    if bin_folder is None:
        raise Unavailable("PostgreSQL's server (initdb, pg_ctl) is not installed (Debian and Ubuntu: apt-get "
                          "install postgresql; .ci/run installs it)")  # fmt: skip
    as_user = _as_server_user()
    folder = Path(tempfile.mkdtemp(prefix="maturity-pg-", dir="/tmp"))
    folder.chmod(0o755)
    if as_user:
        shutil.chown(folder, SERVER_USER, SERVER_USER)
    cluster = Cluster(folder, free_port() if tcp else SOCKET_PORT, tcp, bin_folder, as_user)
    watchdog = None
    try:
        _run([*as_user, str(bin_folder / "initdb"), "-D", str(cluster.data), "-U", SUPERUSER, "--auth=trust",
              "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])  # fmt: skip
        if hba is not None:
            (cluster.data / "pg_hba.conf").write_text(hba, encoding="utf-8")
        if prepare is not None:
            prepare(cluster)
        cluster.start()
        watchdog = subprocess.Popen(  # stops the server when this process's end of the pipe closes
            [*as_user, "sh", "-c", 'cat >/dev/null; "$0" -D "$1/data" -m immediate stop >/dev/null 2>&1; rm -rf "$1"',
             str(bin_folder / "pg_ctl"), str(folder)],
            stdin=subprocess.PIPE,
        )  # fmt: skip
        yield cluster
    finally:
        if cluster.data.exists():
            cluster.stop()
        if watchdog is not None:
            watchdog.stdin.close()
            watchdog.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class OrgDatabase:
    """An organisation database on a test cluster, made from the set-up script's."""

    server: Cluster
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


def set_up_organisation(cluster: Cluster) -> OrgDatabase:
    """The set-up script run, the tables made by ``org-schema`` as the administrator, and the
    people's roles: two facilitators and a reader. The database the script makes."""
    cluster.psql("-f", str(SETUP_SQL))
    for role in FACILITATORS:
        cluster.psql("-c", f"CREATE ROLE {role} LOGIN IN ROLE maturity_facilitator")
    cluster.psql("-c", f"CREATE ROLE {READER} LOGIN IN ROLE maturity_reader")
    from maturity_workshop.org.connection import create_engine, parse_url
    from maturity_workshop.org.schema import upgrade

    database = OrgDatabase(cluster, TEMPLATE)
    engine = create_engine(parse_url(database.url(ADMIN)))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return database
