"""Never die silently: the rotating log, the crash file, and the hooks for errors nothing caught."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs
import pytest

from maturity_workshop import diagnostics


@pytest.fixture
def logs(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(diagnostics.LOG_DIR_ENV, str(folder))
    yield folder
    diagnostics.stop()


def _python(code: str, env_logs: Path) -> subprocess.CompletedProcess:
    environment = dict(os.environ, **{diagnostics.LOG_DIR_ENV: str(env_logs)})
    return subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60, env=environment
    )


def test_the_log_folder_is_the_users_unless_overridden(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(diagnostics.LOG_DIR_ENV, raising=False)
    assert diagnostics.log_dir() == Path(platformdirs.user_log_dir("maturity-workshop", appauthor=False))
    monkeypatch.setenv(diagnostics.LOG_DIR_ENV, str(tmp_path / "elsewhere"))
    assert diagnostics.log_dir() == tmp_path / "elsewhere"


def test_the_tests_never_log_into_the_real_user_folder() -> None:
    assert os.environ[diagnostics.LOG_DIR_ENV] != platformdirs.user_log_dir("maturity-workshop", appauthor=False)


def test_the_apps_messages_go_to_a_rotating_log_file(logs: Path) -> None:
    path = diagnostics.start()
    assert path == logs / "maturity-workshop.log"
    handler = next(h for h in logging.getLogger("maturity_workshop").handlers if isinstance(h, RotatingFileHandler))
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)
    logging.getLogger("maturity_workshop.store.lock").warning("Took over a stale lock, in a test")
    logging.getLogger("elsewhere").warning("not the app's")
    handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "WARNING" in text and "maturity_workshop.store.lock: Took over a stale lock, in a test" in text
    assert "not the app's" not in text
    assert diagnostics.start() == path and diagnostics.log_file() == path  # a second start changes nothing
    assert sum(isinstance(h, RotatingFileHandler) for h in logging.getLogger("maturity_workshop").handlers) == 1


def test_the_log_rotates_and_keeps_five(logs: Path, monkeypatch) -> None:
    monkeypatch.setattr(diagnostics, "MAX_LOG_BYTES", 2_000)
    path = diagnostics.start_logging()
    for number in range(400):
        diagnostics.log.info("line %d %s", number, "x" * 80)
    names = sorted(p.name for p in logs.glob("maturity-workshop.log*"))
    assert names == ["maturity-workshop.log"] + [f"maturity-workshop.log.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 2_200 for p in logs.glob("maturity-workshop.log*"))
    assert "line 399" in path.read_text(encoding="utf-8")


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path, monkeypatch, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(diagnostics.LOG_DIR_ENV, str(blocker / "logs"))
    try:
        assert diagnostics.start() is None
        assert "cannot be written" in capsys.readouterr().err
        assert "could not be written to a log file" in diagnostics.user_message(RuntimeError("x"))
    finally:
        diagnostics.stop()


def test_an_error_in_a_thread_is_logged_and_reported(logs: Path) -> None:
    reported: list[str] = []
    diagnostics.start(reporter=reported.append)

    def fail() -> None:
        raise ValueError("broken in a worker")

    worker = threading.Thread(target=fail, name="exporter")
    worker.start()
    worker.join()
    text = (logs / "maturity-workshop.log").read_text(encoding="utf-8")
    assert "Unexpected error in the thread exporter" in text
    assert "Traceback" in text and 'raise ValueError("broken in a worker")' in text
    assert len(reported) == 1
    assert "ValueError: broken in a worker" in reported[0]
    assert str(logs / "maturity-workshop.log") in reported[0]


def test_stop_puts_the_previous_hooks_back(logs: Path) -> None:
    before = (sys.excepthook, threading.excepthook)
    diagnostics.start()
    assert sys.excepthook is not before[0] and threading.excepthook is not before[1]
    diagnostics.stop()
    assert (sys.excepthook, threading.excepthook) == before


def test_an_uncaught_error_on_the_command_line_is_printed_and_logged(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    result = _python(
        "from maturity_workshop import diagnostics\n"
        "diagnostics.start()\n"
        "raise RuntimeError('nobody caught this')\n",
        logs,
    )
    assert result.returncode == 1
    assert "RuntimeError: nobody caught this" in result.stderr
    assert str(logs / "maturity-workshop.log") in result.stderr
    text = (logs / "maturity-workshop.log").read_text(encoding="utf-8")
    assert "CRITICAL" in text and "Traceback" in text and "RuntimeError: nobody caught this" in text


@pytest.mark.skipif(not hasattr(signal, "SIGSEGV"), reason="needs SIGSEGV")
def test_a_fatal_crash_leaves_its_stack_in_the_crash_file_and_the_next_start_logs_it(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    crashed = _python(
        "import faulthandler\n"
        "from maturity_workshop import diagnostics\n"
        "diagnostics.start()\n"
        "def deep_in_qt():\n"
        "    faulthandler._sigsegv()\n"
        "deep_in_qt()\n",
        logs,
    )
    assert crashed.returncode != 0
    crash_text = (logs / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash_text and "deep_in_qt" in crash_text

    again = _python("from maturity_workshop import diagnostics\ndiagnostics.start()\n", logs)
    assert again.returncode == 0, again.stderr
    log_text = (logs / "maturity-workshop.log").read_text(encoding="utf-8")
    assert "An earlier run of Maturity Workshop crashed" in log_text and "deep_in_qt" in log_text
    assert (logs / "crash.log").read_text(encoding="utf-8") == "", "emptied once copied into the log"
