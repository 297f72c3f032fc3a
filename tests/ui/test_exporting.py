"""File ▸ Export action plan from the window."""

from __future__ import annotations

from pypdf import PdfReader

from maturity_workshop.ui.workshops.exporting import suggested_name


def test_ctrl_e_exports_the_pdf_with_the_note_being_typed(qtbot, window, tmp_path, prompts):
    prompts.file_next(str(tmp_path / "plan.pdf"), "PDF action plan (*.pdf)")
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "Typed just before exporting")
    window.commands.export_plan.trigger()
    assert prompts.save_file_started_at.endswith("Platform team - Spring review - 2026-03-12 - action plan.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "plan.pdf").pages)
    assert "Platform team" in text
    assert "Typed just before exporting" in " ".join(text.split())
    assert "Exported to" in window.statusBar().currentMessage()


def test_the_chosen_filter_decides_the_format_and_the_extension(qtbot, window, tmp_path, prompts):
    prompts.file_next(str(tmp_path / "plan"), "CSV, one row per practice (*.csv)")
    window.commands.export_plan.trigger()
    assert (tmp_path / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbfpractice_id,")


def test_an_unwritable_place_is_a_clear_message(qtbot, window, tmp_path, prompts, warnings_shown):
    prompts.file_next(str(tmp_path / "missing" / "plan.pdf"), "PDF action plan (*.pdf)")
    window.commands.export_plan.trigger()
    assert warnings_shown and "does not exist" in warnings_shown[-1]


def test_cancelling_writes_nothing(qtbot, window, tmp_path, prompts):
    prompts.file_next("", "")
    before = sorted(tmp_path.iterdir())
    window.commands.export_plan.trigger()
    assert sorted(tmp_path.iterdir()) == before
    assert "Exported" not in window.statusBar().currentMessage()


def test_the_suggested_name_is_safe_for_any_file_system(service, workshop):
    state = service.load(workshop.id)
    renamed = service.rename_workshop(workshop.id, 'Q1: "rates" <b>/\\?*|')
    state.workshop = renamed
    name = suggested_name(state)
    assert not set('\\/:*?"<>|') & set(name)
    assert name.startswith("Platform team - Q1_ _rates_ _b_")
