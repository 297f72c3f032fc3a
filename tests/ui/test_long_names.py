"""Names of 200 characters (the longest allowed) never make the window or a dialog wider than a
1280-pixel screen: the heading elides with the whole text in its tooltip, dialogs elide or wrap."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from maturity_workshop.domain import ActionDraft, WorkshopDraft
from maturity_workshop.domain.limits import MAX_NAME_LENGTH
from maturity_workshop.ui.actions.dialogs import CarryOverDialog
from maturity_workshop.ui.workshops.dialogs import NewWorkshopDialog, OpenWorkshopDialog, confirm_delete

SCREEN = 1280
NAMES = {
    "words": ("Platform engineering and developer experience " * 5)[:MAX_NAME_LENGTH],
    "unbroken": ("Donaudampfschifffahrtsgesellschaftskapitän" * 5)[:MAX_NAME_LENGTH],  # no space to wrap at
    "cjk": "会議の行動計画" * 28 + "チーム",
}


@pytest.fixture(params=list(NAMES))
def long_name(request) -> str:
    assert len(NAMES[request.param]) <= MAX_NAME_LENGTH
    return NAMES[request.param]


@pytest.fixture
def long_workshops(service, long_name):
    """Two workshops of a team with a long name and long titles; the first has an open action."""
    first = service.start_workshop(WorkshopDraft(long_name, long_name[::-1], date(2026, 3, 1), long_name, 9))
    service.add_action(first.id, ActionDraft("testing", long_name, "Ana"))
    second = service.start_workshop(WorkshopDraft(long_name, long_name, date(2026, 6, 1), long_name, 9))
    return first, second


def test_the_window_stays_within_the_screen_and_the_heading_elides(qtbot, window, long_workshops, long_name):
    window.show_workshop(long_workshops[1].id)
    window.resize(SCREEN, 720)
    qtbot.waitUntil(lambda: window.width() == SCREEN)
    assert window.minimumSizeHint().width() < SCREEN and window.minimumWidth() < SCREEN
    heading = window.header.heading
    assert heading.text() == f"\u2068{long_name}\u2069 · \u2068{long_name}\u2069", "the whole text is kept, each name isolated"
    assert heading.is_elided() and heading.toolTip() == heading.text()
    assert heading.shown_text().rstrip("\u2068\u2069").endswith("…") and heading.geometry().right() < SCREEN
    assert window.header.details.is_elided() and long_name in window.header.details.toolTip()


def test_a_short_heading_is_whole_and_has_no_tooltip(qtbot, window):
    assert not window.header.heading.is_elided() and window.header.heading.toolTip() == ""


def test_the_new_workshop_dialog_stays_within_the_screen(qtbot, service, long_workshops, long_name):
    dialog = NewWorkshopDialog(service, team_name=long_name)
    qtbot.addWidget(dialog)
    assert dialog.start_from_previous.isVisibleTo(dialog), "it offers the long-named previous workshop"
    assert dialog.sizeHint().width() < SCREEN and dialog.minimumSizeHint().width() < SCREEN
    assert dialog.start_from_previous.toolTip() == long_name


def test_the_open_workshop_list_stays_within_the_screen(qtbot, service, long_workshops, prompts):
    dialog = OpenWorkshopDialog(service, long_workshops[1].id, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() < SCREEN and dialog.sizeHint().width() < SCREEN
    header = dialog.table.horizontalHeader()
    assert max(header.sectionSize(column) for column in range(header.count())) < SCREEN // 2


def test_the_carry_over_dialog_stays_within_the_screen(qtbot, service, model, long_workshops):
    first, second = long_workshops
    dialog = CarryOverDialog(model, service.previous_open_actions(second.id), first)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.sizeHint().width() < SCREEN and dialog.width() < SCREEN


def test_the_delete_question_names_the_workshop_within_the_screen(
    qtbot, window, long_workshops, prompts, long_name
):
    prompts.confirm_next(False)
    assert not confirm_delete(prompts, window, long_workshops[1])
    message = prompts.questions[-1].message
    assert long_name not in message and "…" in message and "2026-06-01" in message, "the names are elided"
    box = QMessageBox(QMessageBox.Icon.Warning, "Delete workshop", message)  # as the real prompt shows it
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.width() < SCREEN
