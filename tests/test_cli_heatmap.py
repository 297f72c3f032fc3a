"""``maturity-workshop heatmap``: the organisation's heat map read back as a spreadsheet reads it
(the csv module), with names shown or hidden and the date's filter; bad input a message and exit 1."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from maturity_workshop.domain import WorkshopDraft
from tests.organisation_fixture import HIDDEN, make_organisation

from .cli_runs import run_main as _main


@pytest.fixture
def database(service, db_path):
    """The organisation fixture, and a team whose name a spreadsheet would run; closed."""
    make_organisation(service)
    service.start_workshop(WorkshopDraft('=HYPERLINK("http://x")', "@once", date(2025, 2, 1)), False)
    service.close()
    return db_path


def _read(path) -> list[dict[str, str]]:
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read the accents right
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_the_csv_reads_back_a_row_per_team(capsys, database, tmp_path) -> None:
    out = tmp_path / "heat.csv"
    code, said, _ = _main(capsys, "heatmap", "--db", str(database), "--format", "csv", "-o", str(out))
    assert code == 0 and "5 of 6 teams" in said
    rows = _read(out)
    assert [r["team"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "alpha crew", "Demo squad", "Other team",
                                         "Platform team"]  # fmt: skip
    platform = rows[-1]
    assert (platform["held_on"], platform["previous_held_on"], platform["latest_workshop"]) == ("2025-11-20", "2025-06-02", "fourth")
    assert (platform["build-ci.level"], platform["build-ci.target"], platform["build-ci.gap"]) == ("1", "3", "2")
    assert (platform["build-ci.change"], platform["testing.change"], platform["data-management.level"]) == ("-1", "1", "")
    assert rows[2]["demo"] == "yes" and rows[1]["demo"] == "no"


def test_hidden_names_and_the_since_filter_keep_the_letters(capsys, database, tmp_path) -> None:
    out = tmp_path / "heat.csv"
    code, _, _ = _main(capsys, "heatmap", "--db", str(database), "-f", "csv", "-o", str(out), "--hide-names",
                       "--since", "2025-03-01")  # fmt: skip
    assert code == 0
    rows = _read(out)
    # the formula-named team is first by name, so the fixture's letters move one on
    shifted = {name: f"Team {chr(ord(letter[-1]) + 1)}" for name, letter in HIDDEN.items()}
    assert [r["team"] for r in rows] == [shifted["Demo squad"], shifted["Other team"], shifted["Platform team"]]
    assert {r["latest_workshop"] for r in rows} == {""}
    assert "Platform" not in out.read_text(encoding="utf-8-sig")


def test_org_with_no_organisation_database_and_no_copy_says_so(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("MATURITY_WORKSHOP_ORG_URL", raising=False)
    monkeypatch.setenv("MATURITY_WORKSHOP_CONFIG_DIR", str(tmp_path / "settings"))
    code, _, err = _main(capsys, "heatmap", "--org", "--db", str(tmp_path / "workshops.sqlite3"), "-f", "csv",
                         "-o", str(tmp_path / "x.csv"))  # fmt: skip
    assert code == 1 and "No organisation database is set up" in err and "Traceback" not in err
    assert "No copy of the organisation was synced" in err
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "organisation-cache.sqlite3").exists()


@pytest.mark.parametrize("args, words", [
    (("--since", "last year"), "is not a date"),
    (("--format", "xlsx"), "invalid choice"),
])  # fmt: skip
def test_bad_input_is_a_message(capsys, database, tmp_path, args, words) -> None:
    argv = ["heatmap", "--db", str(database), "-f", "csv", "-o", str(tmp_path / "x.csv"), *args]
    with pytest.raises(SystemExit) as exit_:
        _main(capsys, *argv)
    assert exit_.value.code == 2
    assert words in capsys.readouterr().err


def test_a_missing_database_is_a_message(capsys, tmp_path) -> None:
    code, _, err = _main(capsys, "heatmap", "--db", str(tmp_path / "none.db"), "-f", "csv", "-o", str(tmp_path / "x.csv"))
    assert code == 1 and "no workshop database" in err and not (tmp_path / "none.db").exists()


def test_the_pdf_is_one_page_with_the_teams_and_the_legend(capsys, database, tmp_path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "heat.pdf"
    code, _, _ = _main(capsys, "heatmap", "--db", str(database), "-f", "pdf", "-o", str(out))
    assert code == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Platform team" in text and "Demo squad (demo)" in text and "gap 2" in text and "not rated" in text
    hidden = tmp_path / "hidden.pdf"
    _main(capsys, "heatmap", "--db", str(database), "-f", "pdf", "-o", str(hidden), "--hide-names")
    assert "Platform" not in PdfReader(hidden).pages[0].extract_text()
