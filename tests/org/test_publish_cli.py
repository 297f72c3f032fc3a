"""``maturity-workshop publish``: it prints the summary; it is refused while a window has the file
open, and says so, as it does with no organisation database set up or no workshops file."""

from __future__ import annotations

import os
from datetime import date

from maturity_workshop.cli import main
from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.services import WorkshopService

from .published import S, assert_server_holds


def _one_workshop(db_path, model, **open_args) -> WorkshopService:
    service = WorkshopService.open(db_path, model, **open_args)
    workshop = service.start_workshop(WorkshopDraft("Platform team", "Spring review", date(2026, 3, 12)))
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    return service


def test_publish_prints_the_summary_and_the_server_holds_the_file(db_path, model, org_database, capsys):
    _one_workshop(db_path, model).close()
    assert main(["publish", "--db", str(db_path), "--url", org_database.url("alice")]) == 0
    assert capsys.readouterr().out == "Published 1 workshop to the organisation; 0 unchanged; 0 waiting.\n"
    assert_server_holds(org_database, db_path)
    assert main(["publish", "--db", str(db_path), "--url", org_database.url("alice")]) == 0
    assert capsys.readouterr().out == (
        "Nothing to publish: the organisation database has 1 workshop of this file, as they are here.\n"
    )


def test_publish_is_refused_while_a_window_has_the_file(db_path, model, org_database, capsys):
    service = _one_workshop(db_path, model, exclusive=True)
    try:
        assert main(["publish", "--db", str(db_path), "--url", org_database.url("alice")]) == 1
        said = capsys.readouterr().err
        assert f"open in another Maturity Workshop (process {os.getpid()}" in said and "Traceback" not in said
        assert service.lock.held
    finally:
        service.close()
    assert org_database.sql(f"SELECT count(*) FROM {S}.workshop") == [(0,)]


def test_publish_with_no_organisation_database_set_up_says_so(db_path, model, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("MATURITY_WORKSHOP_ORG_URL", raising=False)
    monkeypatch.setenv("MATURITY_WORKSHOP_CONFIG_DIR", str(tmp_path / "config"))
    _one_workshop(db_path, model).close()
    assert main(["publish", "--db", str(db_path)]) == 1
    said = capsys.readouterr().err
    assert said.startswith("maturity-workshop: No organisation database is set up on this computer")
    from maturity_workshop.services.publishing import organisation_configured

    assert not organisation_configured()


def test_publish_with_no_workshops_file_says_so_and_makes_none(tmp_path, org_database, capsys):
    missing = tmp_path / "none.sqlite3"
    assert main(["publish", "--db", str(missing), "--url", org_database.url("alice")]) == 1
    assert "There is no workshop database at" in capsys.readouterr().err
    assert not missing.exists()


def test_publish_to_a_server_that_is_not_there_fails_with_the_reason(db_path, model, tmp_path, capsys):
    _one_workshop(db_path, model).close()
    url = f"postgresql://alice@/nowhere?host={tmp_path}&port=5999"
    assert main(["publish", "--db", str(db_path), "--url", url]) == 1
    said = capsys.readouterr().err
    assert said.startswith("Not published: The organisation database (nowhere on ") and "1 waiting." in said
    assert "Traceback" not in said


def test_the_publishing_service_loads_no_organisation_code_until_it_is_called():
    import subprocess
    import sys

    probe = ("import sys, maturity_workshop.services.publishing; "
             "print(sorted(m for m in sys.modules if m.startswith(('maturity_workshop.org', 'psycopg', 'sqlalchemy'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
