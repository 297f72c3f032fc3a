"""``maturity-workshop pull`` and ``heatmap --org``: the organisation copied beside the workshops
file, its heat map read back with the csv module; when the server cannot be reached, the copy
synced before, said so; with no copy either, a message and exit 1."""

from __future__ import annotations

import csv
import io

from tests.cli_runs import run_main

from .roles import READER
from .server_rows import put_organisation

URL_ENV = "MATURITY_WORKSHOP_ORG_URL"


def _rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _nowhere(org_database, tmp_path) -> str:
    folder = tmp_path / "no-server"
    folder.mkdir(exist_ok=True)
    return f"postgresql://{READER}@/{org_database.name}?host={folder}&port=5432"


def test_pull_says_what_it_copied_and_where(capsys, org_database, tmp_path) -> None:
    put_organisation(org_database)
    database = tmp_path / "workshops.sqlite3"
    code, said, err = run_main(capsys, "pull", "--db", str(database), "--url", org_database.url(READER))
    assert code == 0, err
    assert "Pulled 2 teams and 3 workshops" in said and f"as {READER}" in said and "UTC" in said
    assert str(tmp_path / "organisation-cache.sqlite3") in said
    assert (tmp_path / "organisation-cache.sqlite3").is_file() and not database.exists()


def test_heatmap_org_reads_the_organisations_heat_map_fresh_from_its_database(capsys, org_database, tmp_path, monkeypatch) -> None:
    put_organisation(org_database)
    monkeypatch.setenv(URL_ENV, org_database.url("alice"))
    out = tmp_path / "heat.csv"
    code, said, err = run_main(capsys, "heatmap", "--org", "--db", str(tmp_path / "workshops.sqlite3"), "-f", "csv",
                               "-o", str(out))  # fmt: skip
    assert code == 0 and err == "" and "2 of 2 teams" in said
    payments, search = _rows(out)
    assert (payments["team"], payments["held_on"], payments["previous_held_on"]) == ("Payments", "2026-10-01", "2026-05-01")
    assert [payments[f"build-ci.{what}"] for what in ("level", "target", "gap", "change")] == ["2", "3", "1", "1"]
    assert [payments[f"testing.{what}"] for what in ("level", "gap", "change")] == ["2", "0", "2"]
    assert (search["team"], search["build-ci.level"], search["build-ci.change"]) == ("Search", "3", "")
    assert not (tmp_path / "organisation-cache.sqlite3").exists()  # read fresh: no copy made or needed


def test_heatmap_org_offline_reads_the_copy_synced_before_and_says_so(capsys, org_database, tmp_path, monkeypatch) -> None:
    put_organisation(org_database)
    database = tmp_path / "workshops.sqlite3"
    assert run_main(capsys, "pull", "--db", str(database), "--url", org_database.url(READER))[0] == 0
    monkeypatch.setenv(URL_ENV, _nowhere(org_database, tmp_path))
    out = tmp_path / "heat.csv"

    code, said, err = run_main(capsys, "heatmap", "--org", "--db", str(database), "-f", "csv", "-o", str(out))

    assert code == 0 and "Traceback" not in err
    assert "cannot be reached" in err and "this is the copy synced" in err
    assert [row["team"] for row in _rows(out)] == ["Payments", "Search"]


def test_heatmap_org_offline_with_no_copy_is_a_message_and_exit_1(capsys, org_database, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(URL_ENV, _nowhere(org_database, tmp_path))
    out = tmp_path / "heat.csv"
    code, _, err = run_main(capsys, "heatmap", "--org", "--db", str(tmp_path / "workshops.sqlite3"), "-f", "csv",
                            "-o", str(out))  # fmt: skip
    assert code == 1 and "cannot be reached" in err and "No copy of the organisation was synced" in err
    assert "Traceback" not in err and not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["no-server"]
