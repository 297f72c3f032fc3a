"""Never die silently: a log file, a crash file, and hooks that report what nothing else caught.

* **The log** (``maturity-workshop.log`` in the user log folder, rotated at 1 MB, 5 kept): the app's
  start (version, Qt, the database), the database opened, upgraded or locked, every failure message
  shown to the facilitator, and the traceback of every error nothing else caught.
* **The crash file** (``crash.log`` beside it): ``faulthandler`` writes the Python stack there when
  the process dies of a fatal signal (a segfault in Qt, an abort), which no Python code can log.
  The next start copies what it holds into the log, then empties it.
* **The hooks**: ``sys.excepthook`` (which PySide6 calls for an exception raised in a Qt slot or
  virtual method) and ``threading.excepthook`` log the traceback and call the reporter, which in the
  window shows a dialog naming the log file (``ui/error_report.py``), so the app never vanishes or
  fails without a word.

The folder is ``platformdirs.user_log_dir("maturity-workshop")`` (``~/.local/state/maturity-workshop/log``
on Linux, ``~/Library/Logs/maturity-workshop`` on macOS, ``%LOCALAPPDATA%\\maturity-workshop\\Logs``
on Windows), or ``$MATURITY_WORKSHOP_LOG_DIR``. No Qt here: the command line uses it too.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from . import APP_NAME

LOG_DIR_ENV = "MATURITY_WORKSHOP_LOG_DIR"
LOG_FILE_NAME = "maturity-workshop.log"
CRASH_FILE_NAME = "crash.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUP_COUNT = 5
LOGGER_NAME = "maturity_workshop"  # the package's loggers (maturity_workshop.store.lock...) all go here
_FORMAT = "%(asctime)s %(levelname)-7s [%(process)d] %(name)s: %(message)s"
_CRASH_MARKERS = ("Fatal Python error", "Traceback", "Current thread", "Thread 0x")

log = logging.getLogger(LOGGER_NAME)

Reporter = Callable[[str], None]


class _State:
    handler: logging.Handler | None = None
    log_file: Path | None = None
    crash_file: TextIO | None = None
    crash_path: Path | None = None
    faulthandler_was_enabled = False
    hooks_installed = False
    previous_excepthook = None
    previous_threading_excepthook = None
    reporter: Reporter | None = None


_state = _State()


def log_dir() -> Path:
    """The folder of the log and crash files."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("maturity-workshop", appauthor=False))


def log_file() -> Path | None:
    """The log file being written, or None when there is none (not started, or not writable)."""
    return _state.log_file


def start(reporter: Reporter | None = None) -> Path | None:
    """Start the log, the crash file and the hooks (again: a no-op); returns the log file."""
    path = start_logging()
    enable_crash_file()
    install_excepthooks()
    if reporter is not None:
        set_reporter(reporter)
    return path


def start_logging(folder: Path | None = None) -> Path | None:
    """Log the app's messages (INFO and above) to the rotating file in ``folder``. Returns the file,
    or None when it cannot be written: then the app runs on, logging to stderr only."""
    from logging.handlers import RotatingFileHandler

    folder = Path(folder) if folder is not None else log_dir()
    path = folder / LOG_FILE_NAME
    if _state.handler is not None and _state.log_file == path:
        return path
    stop_logging()
    log.setLevel(logging.INFO)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUP_COUNT, encoding="utf-8")
    except OSError as error:
        _to_stderr(f"{APP_NAME}: the log file {path} cannot be written ({error.strerror or error}).")
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    log.addHandler(handler)
    _state.handler, _state.log_file = handler, path
    return path


def stop_logging() -> None:
    handler, _state.handler, _state.log_file = _state.handler, None, None
    if handler is not None:
        log.removeHandler(handler)
        handler.close()
        log.setLevel(logging.NOTSET)


def enable_crash_file(folder: Path | None = None) -> Path | None:
    """Have ``faulthandler`` write the stacks of a fatal crash to ``crash.log``. What an earlier
    run left there is copied into the log first, so the log tells the whole story."""
    folder = Path(folder) if folder is not None else log_dir()
    path = folder / CRASH_FILE_NAME
    if _state.crash_file is not None and _state.crash_path == path:
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _harvest_crash_file(path)
        crash_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
    except OSError as error:
        log.warning("The crash file %s cannot be written (%s).", path, error.strerror or error)
        return None
    if _state.crash_file is None:
        _state.faulthandler_was_enabled = faulthandler.is_enabled()
    else:
        _state.crash_file.close()
    faulthandler.enable(file=crash_file, all_threads=True)
    _state.crash_file, _state.crash_path = crash_file, path
    return path


def _harvest_crash_file(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    if any(marker in text for marker in _CRASH_MARKERS):
        log.error("An earlier run of %s crashed; what it wrote in %s:\n%s", APP_NAME, path, text[-20_000:].rstrip())
    path.write_text("", encoding="utf-8")


def install_excepthooks() -> None:
    """Log every exception nothing caught, on any thread, and report it (see :func:`set_reporter`)."""
    if _state.hooks_installed:
        return
    _state.previous_excepthook = sys.excepthook
    _state.previous_threading_excepthook = threading.excepthook
    sys.excepthook = _excepthook
    threading.excepthook = _threading_excepthook
    _state.hooks_installed = True


def set_reporter(reporter: Reporter | None) -> None:
    """What tells the user about an uncaught error (the window's dialog); it is given the message,
    and may be called from any thread."""
    _state.reporter = reporter


def stop() -> None:
    """Undo :func:`start`: the hooks, the crash file and the log file (for tests, and embedding)."""
    if _state.hooks_installed:
        if sys.excepthook is _excepthook:
            sys.excepthook = _state.previous_excepthook or sys.__excepthook__
        if threading.excepthook is _threading_excepthook:
            threading.excepthook = _state.previous_threading_excepthook or threading.__excepthook__
        _state.hooks_installed = False
    _state.reporter = None
    if _state.crash_file is not None:
        faulthandler.disable()
        if _state.faulthandler_was_enabled and sys.__stderr__ is not None:
            faulthandler.enable(file=sys.__stderr__)
        _state.crash_file.close()
        _state.crash_file = _state.crash_path = None
    stop_logging()


def user_message(error: BaseException) -> str:
    """What the facilitator is told about an error nothing caught."""
    where = _state.log_file
    details = (
        f"The details were written to the log file:\n{where}\n\nPlease send that file to whoever looks after "
        f"{APP_NAME}, with a few words on what you were doing."
        if where is not None
        else "The details could not be written to a log file."
    )
    summary = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return (
        f"Something unexpected went wrong in {APP_NAME}:\n\n{summary}\n\n"
        "Everything saved so far is safe: each change is saved the moment it is made. You can carry on; "
        f"if the window does not behave as it should, close it and start {APP_NAME} again.\n\n{details}"
    )


def _excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    _handle(exc_type, exc, tb, None)


def _threading_excepthook(args) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    _handle(args.exc_type, args.exc_value, args.exc_traceback, name)


def _handle(exc_type, exc, tb, thread_name: str | None) -> None:
    where = f" in the thread {thread_name}" if thread_name else ""
    try:
        log.critical("Unexpected error%s:", where, exc_info=(exc_type, exc, tb))
    except Exception:  # noqa: BLE001 - the hook must never raise
        pass
    reporter = _state.reporter
    if reporter is None:  # the command line: say it where the user is looking
        where = f"\n(This was also written to {_state.log_file}.)" if _state.log_file else ""
        _to_stderr("".join(traceback.format_exception(exc_type, exc, tb)) + where)
        return
    if exc is None:
        return
    try:
        reporter(user_message(exc))
    except Exception:  # noqa: BLE001 - a failing dialog must not hide the first error
        try:
            log.exception("The error could not be shown to the user.")
        except Exception:  # noqa: BLE001
            pass


def _to_stderr(text: str) -> None:
    stream = sys.stderr or sys.__stderr__
    if stream is None:  # a windowed build has no console
        return
    try:
        print(text.rstrip(), file=stream, flush=True)
    except Exception:  # noqa: BLE001
        pass
