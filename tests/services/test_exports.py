"""Writing exports: atomically, with a clear message when the place cannot be written."""

from __future__ import annotations

import os
from datetime import date

import pytest

from maturity_workshop.services.exports import ExportError, export_workshop, render, write_atomically


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
