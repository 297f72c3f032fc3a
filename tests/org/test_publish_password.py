"""A server that asks for a password (scram-sha-256 on 127.0.0.1): a wrong one is said to be wrong;
the right one, from a .pgpass file, publishes; and the password is written nowhere the app writes:
not the workshops file (nor its write-ahead log), its backups, or the app's log."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from maturity_workshop.cli import main
from maturity_workshop.store.backups import backup_folder

from ..packaging.tools import required
from .cluster import TEMPLATE, Unavailable, running_cluster, set_up_organisation
from .published import assert_server_holds, many_workshops

HBA = "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"


@pytest.fixture
def password_organisation():
    try:
        with running_cluster(tcp=True, hba=HBA) as cluster:
            yield set_up_organisation(cluster)
    except Unavailable as missing:
        required("PostgreSQL's server", str(missing))


def _files_under(*places: Path) -> list[Path]:
    found = []
    for place in places:
        if place.is_file():
            found.append(place)
        elif place.is_dir():
            found.extend(p for p in place.rglob("*") if p.is_file())
    return found


def test_a_wrong_password_is_said_and_the_right_one_from_pgpass_publishes_and_is_kept_nowhere(
    password_organisation, db_path, model, tmp_path, monkeypatch, capsys
):
    organisation = password_organisation
    password = f"pw-{secrets.token_hex(12)}"
    organisation.server.psql("-c", f"ALTER ROLE alice PASSWORD '{password}'")
    many_workshops(db_path, model, 3, teams=2)
    url = f"postgresql://alice@127.0.0.1:{organisation.server.port}/{TEMPLATE}"
    logs = tmp_path / "logs"
    monkeypatch.setenv("MATURITY_WORKSHOP_LOG_DIR", str(logs))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))

    monkeypatch.setenv("PGPASSWORD", f"wrong-{secrets.token_hex(4)}")
    assert main(["publish", "--db", str(db_path), "--url", url]) == 1
    said = capsys.readouterr().err
    assert "refused the password for alice" in said and "~/.pgpass" in said and "3 waiting." in said
    assert "Traceback" not in said

    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{organisation.server.port}:{TEMPLATE}:alice:{password}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert main(["publish", "--db", str(db_path), "--url", url]) == 0
    assert "Published 3 workshops" in capsys.readouterr().out
    assert_server_holds(organisation, db_path)

    written = _files_under(db_path, Path(f"{db_path}-wal"), backup_folder(db_path), logs)
    assert db_path in written and any(p.parent == logs for p in written)
    for path in written:
        assert password.encode() not in path.read_bytes(), path
