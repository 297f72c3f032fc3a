"""Starting the app from the command line."""

from __future__ import annotations

import os
import subprocess
import sys

from maturity_workshop.locations import default_database_path, resource_dir


def _run(args, tmp_path, **env):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run(
        [sys.executable, "-m", "maturity_workshop", *args],
        capture_output=True, text=True, timeout=120, env=environment, cwd=tmp_path,
    )


def test_db_option_opens_that_file_and_shows_the_window(tmp_path):
    database = tmp_path / "elsewhere" / "team.sqlite3"
    data_dir = tmp_path / "user-data"
    result = _run(["--db", str(database), "--report-startup"], tmp_path, MATURITY_WORKSHOP_DATA_DIR=str(data_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ready"
    assert database.exists()
    assert not data_dir.exists(), "--db must not touch the default data folder"


def test_without_db_the_user_data_folder_is_used(tmp_path):
    data_dir = tmp_path / "user-data"
    result = _run(["--report-startup"], tmp_path, MATURITY_WORKSHOP_DATA_DIR=str(data_dir))
    assert result.returncode == 0, result.stderr
    assert (data_dir / "workshops.sqlite3").exists()


def test_default_database_lives_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("MATURITY_WORKSHOP_DATA_DIR", str(tmp_path))
    assert default_database_path() == tmp_path / "workshops.sqlite3"


def test_resources_are_found_from_the_checkout():
    folder = resource_dir()
    assert (folder / "models" / "cd-maturity.toml").is_file()
    assert (folder / "fonts" / "DejaVuSans.ttf").is_file()


def test_demo_list_and_export(tmp_path):
    import json

    database = str(tmp_path / "w.sqlite3")
    result = _run(["demo", "--db", database], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Created the demo workshop 1" in result.stdout
    listing = _run(["list", "--db", database], tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "Payments Platform" in listing.stdout and listing.stdout.splitlines()[1].startswith("1 ")
    out = tmp_path / "plan.json"
    exported = _run(["export", "1", "--db", database, "--format", "json", "-o", str(out), "--date", "2026-10-20"], tmp_path)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["exported_on"] == "2026-10-20" and data["workshop"]["team"] == "Payments Platform"


def test_export_errors_are_clear_and_exit_non_zero(tmp_path):
    database = str(tmp_path / "w.sqlite3")
    assert _run(["demo", "--db", database], tmp_path).returncode == 0
    missing = _run(["export", "42", "--db", database, "-f", "csv", "-o", str(tmp_path / "x.csv")], tmp_path)
    assert missing.returncode == 1 and "Workshop 42 does not exist" in missing.stderr
    nowhere = _run(["export", "1", "--db", database, "-f", "csv", "-o", str(tmp_path / "no" / "x.csv")], tmp_path)
    assert nowhere.returncode == 1 and "does not exist" in nowhere.stderr
    bad_date = _run(["export", "1", "--db", database, "-o", str(tmp_path / "x.pdf"), "--date", "tomorrow"], tmp_path)
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr


def test_export_to_a_named_pipe_is_refused_without_blocking(tmp_path):
    import stat

    database = str(tmp_path / "w.sqlite3")
    assert _run(["demo", "--db", database], tmp_path).returncode == 0
    pipe = tmp_path / "plan.pdf"
    os.mkfifo(pipe)
    refused = _run(["export", "1", "--db", database, "-o", str(pipe)], tmp_path)
    assert refused.returncode == 1 and "named pipe" in refused.stderr and "Traceback" not in refused.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    too_long = _run(["export", "1", "--db", database, "-o", str(tmp_path / ("計画" * 50 + ".pdf"))], tmp_path)
    assert too_long.returncode == 1 and "at most 255" in too_long.stderr and "Traceback" not in too_long.stderr
