"""The OS keyring, when the ``keyring`` package is installed: the password kept under the service
``maturity-workshop`` and the name ``ROLE@HOST/DATABASE`` lets the app into a server that asks for
one (scram-sha-256 on 127.0.0.1), with no PGPASSWORD and no .pgpass; a password in the URL, or
PGPASSWORD, wins, and the keyring is not even asked. A keyring that fails leaves libpq's own ways."""

from __future__ import annotations

import secrets

import pytest

from maturity_workshop.org.connection import KEYRING_SERVICE, OrgError
from maturity_workshop.services.organisation_db import check_organisation

from ..packaging.tools import required
from .cluster import TEMPLATE, Unavailable, running_cluster, set_up_organisation

HBA = "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"

try:
    from keyring.backend import KeyringBackend
except ImportError:  # the test extra brings it
    KeyringBackend = object


class MemoryKeyring(KeyringBackend):
    """A keyring kept in memory, which records what it is asked."""

    priority = 1

    def __init__(self, failing: bool = False) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}
        self.asked: list[tuple[str, str]] = []
        self.failing = failing

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.append((service, username))
        if self.failing:
            raise RuntimeError("the keyring is locked")
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(scope="module")
def scram_server():
    try:
        with running_cluster(tcp=True, hba=HBA) as cluster:
            set_up_organisation(cluster)
            password = f"pw-{secrets.token_hex(12)}"
            cluster.psql("-c", f"ALTER ROLE alice PASSWORD '{password}'")
            yield cluster, password
    except Unavailable as missing:
        required("PostgreSQL's server", str(missing))


@pytest.fixture
def memory_keyring(tmp_path, monkeypatch):
    try:
        import keyring
    except ImportError:
        required("the keyring package", "pip install keyring, or the test extra")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(previous)


def _url(cluster, password: str | None = None) -> str:
    secret = f":{password}" if password else ""
    return f"postgresql://alice{secret}@127.0.0.1:{cluster.port}/{TEMPLATE}"


NAME = (KEYRING_SERVICE, f"alice@127.0.0.1/{TEMPLATE}")


def test_the_keyrings_password_lets_the_app_in(scram_server, memory_keyring) -> None:
    cluster, password = scram_server
    with pytest.raises(OrgError, match="refused the password for alice"):
        check_organisation(_url(cluster))  # nothing in the keyring, no PGPASSWORD, no .pgpass
    assert memory_keyring.asked == [NAME]
    memory_keyring.set_password(*NAME, password)
    assert check_organisation(_url(cluster)) == f"Reached the organisation database {TEMPLATE} on 127.0.0.1 as alice."
    assert memory_keyring.asked == [NAME, NAME]


def test_a_password_in_the_url_or_pgpassword_wins_and_the_keyring_is_not_asked(
    scram_server, memory_keyring, monkeypatch
) -> None:
    cluster, password = scram_server
    memory_keyring.set_password(*NAME, f"wrong-{secrets.token_hex(4)}")
    assert check_organisation(_url(cluster, password)).endswith("as alice.")
    monkeypatch.setenv("PGPASSWORD", password)
    assert check_organisation(_url(cluster)).endswith("as alice.")
    assert memory_keyring.asked == []


def test_a_keyring_that_fails_leaves_pgpass(scram_server, memory_keyring, tmp_path, monkeypatch) -> None:
    cluster, password = scram_server
    memory_keyring.failing = True
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{cluster.port}:{TEMPLATE}:alice:{password}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert check_organisation(_url(cluster)).endswith("as alice.")
    assert memory_keyring.asked == [NAME]
