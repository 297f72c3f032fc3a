"""Writing exports: atomically, with a clear message when the place cannot be written."""

from __future__ import annotations

import os
import socket
import stat
import threading
import time
from datetime import date

import pytest

from maturity_workshop.services.exports import (
    ExportCancelled,
    ExportError,
    export_workshop,
    render,
    write_atomically,
)


def test_write_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_atomically(tmp_path / "nope" / "plan.pdf", b"x")


def test_a_folder_as_the_target_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="folder"):
        write_atomically(tmp_path, b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_is_a_clear_error_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "plan.csv"
    target.write_bytes(b"old")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="Cannot write the export"):
            write_atomically(target, b"new")
    finally:
        tmp_path.chmod(0o700)
    assert target.read_bytes() == b"old"


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.csv"
    target.write_bytes(b"old")

    def no_space(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_unknown_format_is_refused(service, workshop, model):
    with pytest.raises(ExportError, match="Unknown export format"):
        render(model, service.load(workshop.id), "docx", date(2026, 1, 1))


def test_export_workshop_writes_the_rendered_bytes(service, workshop, model, tmp_path):
    state = service.load(workshop.id)
    path = export_workshop(model, state, "json", tmp_path / "w.json", date(2026, 1, 2))
    assert path.read_bytes() == render(model, state, "json", date(2026, 1, 2))


def _write_within_a_second(target, content=b"new"):
    """Write in a thread: a writer that opened a named pipe would block there, so wait at most a
    second and fail the test instead of hanging it."""
    outcome: list = []

    def write():
        try:
            outcome.append(write_atomically(target, content))
        except Exception as error:  # handed to the test
            outcome.append(error)

    worker = threading.Thread(target=write, daemon=True)
    started = time.perf_counter()
    worker.start()
    worker.join(1.0)
    assert not worker.is_alive(), "the write blocked"
    return outcome[0], time.perf_counter() - started


def test_a_named_pipe_is_refused_at_once_and_left_alone(tmp_path):
    target = tmp_path / "plan.pdf"
    os.mkfifo(target)
    error, seconds = _write_within_a_second(target)
    assert isinstance(error, ExportError) and "named pipe" in str(error)
    assert stat.S_ISFIFO(os.lstat(target).st_mode) and seconds < 0.5
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_a_socket_is_refused_and_left_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a socket's address is short: bind it by a relative name
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("plan.csv")
        error, _ = _write_within_a_second(tmp_path / "plan.csv")
        assert isinstance(error, ExportError) and "socket" in str(error)
        assert stat.S_ISSOCK(os.lstat(tmp_path / "plan.csv").st_mode)
    finally:
        server.close()


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_link_to_a_device_is_refused_and_the_device_left_alone(tmp_path, device):
    link = tmp_path / "plan.pdf"
    link.symlink_to(device)
    error, _ = _write_within_a_second(link)
    assert isinstance(error, ExportError) and "device" in str(error)
    assert os.readlink(link) == device and stat.S_ISCHR(os.stat(device).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device needs root")
def test_a_device_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "null"
    os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    error, _ = _write_within_a_second(target)
    assert isinstance(error, ExportError) and "device" in str(error)
    assert stat.S_ISCHR(os.lstat(target).st_mode)


def test_a_link_is_followed_and_stays_a_link(tmp_path):
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    real = elsewhere / "plan.pdf"
    real.write_bytes(b"old")
    here = tmp_path / "mine"
    here.mkdir()
    link = here / "plan.pdf"
    link.symlink_to(real)
    assert write_atomically(link, b"new") == link
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"
    assert [p.name for p in elsewhere.iterdir()] == ["plan.pdf"] and [p.name for p in here.iterdir()] == ["plan.pdf"]


def test_a_link_to_nothing_is_refused_and_kept(tmp_path):
    link = tmp_path / "plan.pdf"
    link.symlink_to(tmp_path / "gone" / "plan.pdf")
    with pytest.raises(ExportError, match="a link to .*which does not exist"):
        write_atomically(link, b"new")
    assert link.is_symlink() and [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_an_existing_file_keeps_its_permission_bits(tmp_path):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"


def test_a_new_file_gets_what_the_umask_allows(tmp_path):
    target = tmp_path / "plan.pdf"
    mask = os.umask(0o022)
    os.umask(mask)
    write_atomically(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_a_name_just_under_the_limit_is_written_through_a_short_temporary(tmp_path, monkeypatch):
    name = "p" * 251 + ".pdf"  # 255 bytes: the longest name allowed, with no room for a suffix
    seen: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (seen.append(os.path.basename(src)), real_replace(src, dst)))
    write_atomically(tmp_path / name, b"new")
    assert (tmp_path / name).read_bytes() == b"new"
    assert len(seen) == 1 and seen[0].startswith(".mw-") and seen[0].endswith(".tmp") and len(seen[0]) < 32


@pytest.mark.parametrize(
    "name", ["p" * 300 + ".pdf", "会議の行動計画" * 13 + ".pdf", "🚀" * 64 + ".pdf"], ids=["ascii", "cjk", "emoji"]
)
def test_a_name_over_the_limit_in_bytes_is_a_clear_error(tmp_path, name):
    assert len(name) < 256 or name.startswith("p")  # the CJK and emoji names are short in characters
    with pytest.raises(ExportError, match=r"file name is \d+ bytes long.*at most 255"):
        write_atomically(tmp_path / name, b"new")
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_export_leaves_no_file_and_the_old_one_untouched(service, workshop, model, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plan.pdf"
    target.write_bytes(b"old")
    steps: list[tuple[int, int]] = []
    with pytest.raises(ExportCancelled):
        export_workshop(
            model, service.load(workshop.id), "pdf", target, date(2026, 1, 2),
            progress=lambda done, total: steps.append((done, total)), cancelled=lambda: len(steps) >= 3,
        )  # fmt: skip
    assert len(steps) == 3 and target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["plan.pdf"]


def test_cancelled_after_rendering_still_puts_nothing_in_place(service, workshop, model, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    answers = iter([False, False, True])  # not at the start nor the end of rendering; before the rename
    with pytest.raises(ExportCancelled):
        export_workshop(model, service.load(workshop.id), "json", folder / "w.json", date(2026, 1, 2),
                        cancelled=lambda: next(answers))  # fmt: skip
    assert list(folder.iterdir()) == []


def test_a_pdf_export_reports_its_steps_to_the_end(service, workshop, model, tmp_path):
    steps: list[tuple[int, int]] = []
    export_workshop(model, service.load(workshop.id), "pdf", tmp_path / "plan.pdf", date(2026, 1, 2),
                    progress=lambda done, total: steps.append((done, total)))  # fmt: skip
    totals = {total for _, total in steps[1:]}
    assert len(steps) > 10 and len(totals) == 1
    done = [d for d, _ in steps[1:]]
    assert done == sorted(done) and done[-1] == totals.pop()
