"""File ▸ Export action plan from the window."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog
from pypdf import PdfReader

from maturity_workshop.ui.workshops.exporting import suggested_name


def _answer(monkeypatch, path, chosen="PDF action plan (*.pdf)"):
    asked = []

    def fake(parent, caption, start, filters):
        asked.append(start)
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_ctrl_e_exports_the_pdf_with_the_note_being_typed(qtbot, window, tmp_path, monkeypatch):
    asked = _answer(monkeypatch, tmp_path / "plan.pdf")
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "Typed just before exporting")
    window.export_action.trigger()
    assert asked and asked[0].endswith("Platform team - Spring review - 2026-03-12 - action plan.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "plan.pdf").pages)
    assert "Platform team" in text
    assert "Typed just before exporting" in " ".join(text.split())
    assert "Exported to" in window.statusBar().currentMessage()


def test_the_chosen_filter_decides_the_format_and_the_extension(qtbot, window, tmp_path, monkeypatch):
    _answer(monkeypatch, tmp_path / "plan", "CSV, one row per practice (*.csv)")
    window.export_action.trigger()
    assert (tmp_path / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbfpractice_id,")


def test_an_unwritable_place_is_a_clear_message(qtbot, window, tmp_path, monkeypatch, warnings_shown):
    _answer(monkeypatch, tmp_path / "missing" / "plan.pdf")
    window.export_action.trigger()
    assert warnings_shown and "does not exist" in warnings_shown[-1]


def test_cancelling_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    before = sorted(tmp_path.iterdir())
    window.export_action.trigger()
    assert sorted(tmp_path.iterdir()) == before
    assert "Exported" not in window.statusBar().currentMessage()


def test_the_suggested_name_is_safe_for_any_file_system(service, workshop):
    state = service.load(workshop.id)
    renamed = service.rename_workshop(workshop.id, 'Q1: "rates" <b>/\\?*|')
    state.workshop = renamed
    name = suggested_name(state)
    assert not set('\\/:*?"<>|') & set(name)
    assert name.startswith("Platform team - Q1_ _rates_ _b_")
