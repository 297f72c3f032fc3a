"""maturity-workshop --self-test: the whole app end to end on a throwaway database, and a clear
message when something is broken."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from maturity_workshop import cli, selftest

CHECKS = ("resources", "database", "workshop", "read back", "PDF export", "JSON export", "organisation", "window")


def test_the_self_test_passes_offscreen_with_no_display_and_leaves_nothing_behind(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    data_dir = tmp_path / "user-data"
    environment = {
        k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    environment.update(TMPDIR=str(scratch), MATURITY_WORKSHOP_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "maturity_workshop", "--self-test"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for check in CHECKS:
        assert f"ok      {check}" in result.stdout
    assert "offscreen platform" in result.stdout
    assert "Self-test passed" in result.stdout
    assert result.stderr == "", result.stderr
    assert not data_dir.exists(), "the self-test must not touch the user's data folder"
    assert list(scratch.iterdir()) == [], "the self-test must remove its temporary folder"


def test_a_failed_check_says_which_and_why_and_exits_1(monkeypatch):
    def broken(self):
        raise selftest.SelfTestFailure("the new database is at schema None, not 0002")

    monkeypatch.setattr(selftest._Run, "database_opens", broken)
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_self_test(out, err) == 1
    assert "ok      resources" in out.getvalue()
    assert "FAILED  database: the new database is at schema None, not 0002" in out.getvalue()
    assert "self-test failed at 'database'" in err.getvalue()
    assert "workshop" not in out.getvalue(), "the checks after a failure do not run"


def test_an_unexpected_error_is_a_failure_too_with_its_traceback(monkeypatch):
    def broken(self):
        raise ImportError("No module named 'alembic'")

    monkeypatch.setattr(selftest._Run, "database_opens", broken)
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_self_test(out, err) == 1
    assert "FAILED  database: ImportError: No module named 'alembic'" in out.getvalue()
    assert "Traceback" in err.getvalue()


def test_the_flag_runs_the_self_test_before_anything_else(monkeypatch):
    monkeypatch.setattr(selftest, "run_self_test", lambda: 7)
    assert cli.main(["--self-test"]) == 7
