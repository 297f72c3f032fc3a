"""A real PostgreSQL server for the organisation database's tests, started once a session and
stopped at its end (``cluster.py``: a folder of its own under /tmp, a unix socket only, trust on
it, a watchdog that stops it if this process is killed).

Without PostgreSQL a test asking for the server is skipped, saying how to install it; under
CI=true it fails (``.ci/run`` installs Debian's ``postgresql``).
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator

import pytest

from ..packaging.tools import required
from .cluster import SETUP_SQL, TEMPLATE, Cluster, OrgDatabase, Unavailable, running_cluster, set_up_organisation

PostgresServer = Cluster


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Cluster]:
    try:
        with running_cluster() as cluster:
            yield cluster
    except Unavailable as missing:
        required("PostgreSQL's server", str(missing))


def psql(server: Cluster, *args: str, database: str = "postgres") -> str:
    """Run ``psql`` as the cluster's superuser over the socket, as an administrator would."""
    return server.psql(*args, database=database)


# -- the organisation's database, as its administrator sets it up -------------------------------
@pytest.fixture(scope="session")
def org_cluster(postgres_server: Cluster) -> Cluster:
    """The server with the set-up script run, the tables made by ``org-schema`` as the administrator,
    and the people's roles: two facilitators and a reader."""
    set_up_organisation(postgres_server)
    return postgres_server


_COUNTER = iter(range(1, 1_000_000))


@pytest.fixture
def org_database(org_cluster: Cluster) -> Iterator[OrgDatabase]:
    name = f"org_{os.getpid()}_{next(_COUNTER)}"
    psql(org_cluster, "-c", f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} OWNER maturity_owner")
    psql(org_cluster, "-c", f"REVOKE ALL ON DATABASE {name} FROM PUBLIC",
         "-c", f"GRANT CONNECT ON DATABASE {name} TO maturity_owner, maturity_facilitator, maturity_reader")
    yield OrgDatabase(org_cluster, name)
    psql(org_cluster, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def empty_org_database(org_cluster: Cluster) -> Iterator[OrgDatabase]:
    """A database as the set-up script leaves it, before ``org-schema`` made its tables."""
    name = f"org_{os.getpid()}_{next(_COUNTER)}_empty"
    psql(org_cluster, "-v", f"dbname={name}", "-f", str(SETUP_SQL))
    yield OrgDatabase(org_cluster, name)
    psql(org_cluster, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on 127.0.0.1 that takes connections and never answers: a server that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def take() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=take, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    listener.close()
