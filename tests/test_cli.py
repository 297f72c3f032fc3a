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
