"""A model of the truth: random gestures on the real window's editor (levels, targets, clears,
notes typed or set, actions added, edited, moved and removed, undo, redo, closing and opening the
file again), and after every step the database, the editor's state, the grid and the actions list
equal a plain model kept by the test.

The model of the undo stack follows QUndoStack: a push drops what was undone; a note edit merges
into the step just before it when that step is a note edit of the same cell (the app never marks
the stack clean, so the clean index stays 0 and never stops a merge); a merge that brings the note
back to what it was before the step removes the step. Adding, editing, moving or removing an
action is one step; undone and redone, an action keeps its id and its place. A gesture that changes
nothing pushes nothing. After reopening, the history is empty."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from itertools import count

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QCoreApplication, QEvent

from maturity_workshop.domain.actions import ActionDraft, ActionPriority, ActionStatus
from maturity_workshop.domain.workshop import Rating, WorkshopDraft
from maturity_workshop.services.models import default_model
from maturity_workshop.services.workshops import WorkshopService
from maturity_workshop.domain.cells import CellState
from maturity_workshop.ui.grid.model import CellRole
from maturity_workshop.ui.window.main_window import MainWindow

from ..ui.scripted_prompts import ScriptedPrompts

MODEL = default_model()
# A few practices and cells, so that gestures meet: the same cell twice in a row, undo into redo.
PRACTICES = ["build-ci", "testing", "data-management"]
LEVELS = list(MODEL.level_values)
CELLS = ["testing.consistent", "testing.repeatable", "build-ci.consistent", "data-management.optimising"]
# Few texts, so that an edit often brings a note back to what it was; now and then any text, but
# for the characters the note editor (QPlainTextEdit.toPlainText) does not give back as they were
# set: CR, no-break space, U+2028, U+2029, U+FDD0 and U+FDD1.
# Line and paragraph separators are saved as line breaks, and Qt's editor turns a typed CR into a
# paragraph break and drops its internal frame markers: the other characters come back as typed.
NOT_KEPT_BY_THE_EDITOR = "\r\u2028\u2029\ufdd0\ufdd1"
TEXTS = st.one_of(
    st.sampled_from(["", " ", "\n\t", "a", "ab", "Flaky tests", "ünïcode ✓ 日本", "  padded  "]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=NOT_KEPT_BY_THE_EDITOR), max_size=12),
)
EMPTY = (None, None)
# An action's fields but its practice and cell, already as the service cleans them.
ACTION_FIELDS = st.fixed_dictionaries(
    {
        "title": st.sampled_from(["Run the tests on every push", "Pair on the pipeline", "ünïcode ✓ 日本"]),
        "owner": st.sampled_from(["", "Ada", "Grace Hopper"]),
        "due_on": st.sampled_from([None, date(2026, 6, 1), date(2026, 9, 30)]),
        "status": st.sampled_from(ActionStatus),
        "priority": st.sampled_from(ActionPriority),
    }
)


@dataclass
class Step:
    """One entry of the undo stack: a rating change or a note change (raw texts, as the command has them)."""

    kind: str  # "rating", "note" or "action"
    key: str | int  # practice id, cell id or action id (an action: (practice, draft, position) or None)
    before: object
    after: object


def stored(text: str) -> str:
    return text if text.strip() else ""


def test_the_window_the_database_and_a_model_agree(qapp, tmp_path):
    template = tmp_path / "template.sqlite3"
    service = WorkshopService.open(template, MODEL)
    workshop_id = service.start_workshop(WorkshopDraft("Model team", "Truth", date(2026, 5, 4))).id
    service.close()
    numbers = count()

    class EditorMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.prompts = ScriptedPrompts(always_confirm=True)  # records every warning and question
            self.path = tmp_path / f"example-{next(numbers)}.sqlite3"
            shutil.copyfile(template, self.path)
            self.ratings: dict[str, tuple[int | None, int | None]] = {}
            self.notes: dict[str, str] = {}
            self.actions: dict[str, list[tuple[int, ActionDraft]]] = {}  # each practice's, in order
            self.window: MainWindow | None = None
            self.service: WorkshopService | None = None
            self.last_note_cell: str | None = None  # kept across a reopen: no merge into a lost history
            self._open_window()

        # -- the window ------------------------------------------------------------------------
        def _open_window(self) -> None:
            self.service = WorkshopService.open(self.path, MODEL)
            self.window = MainWindow(self.service, self.prompts)
            self.window.show_last_or_welcome()
            if self.window.editor.workshop_id != workshop_id:  # the first time: nothing remembered yet
                self.window.show_workshop(workshop_id)
            self.window.show()
            self.steps: list[Step] = []
            self.index = 0
            self.gestures = 0  # since the window opened

        def _close_window(self) -> None:
            self.window.close()
            self.window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.service.close()
            self.window = self.service = None

        def teardown(self) -> None:
            if self.window is not None:
                self._close_window()

        @property
        def editor(self):
            return self.window.editor

        # -- the model of the undo stack --------------------------------------------------------
        def _set(self, step: Step, value: object) -> None:
            self.gestures += 1
            if step.kind == "rating":
                self.ratings[step.key] = value
            elif step.kind == "action":
                for listed in self.actions.values():
                    listed[:] = [(i, d) for i, d in listed if i != step.key]
                if value is not None:
                    practice, draft, position = value
                    self.actions.setdefault(practice, []).insert(position, (step.key, draft))
            elif stored(value):
                self.notes[step.key] = stored(value)
            else:
                self.notes.pop(step.key, None)

        def _push(self, step: Step) -> None:
            self._set(step, step.after)
            del self.steps[self.index:]
            previous = self.steps[-1] if self.steps else None
            if step.kind == "note" and previous is not None and previous.kind == "note" and previous.key == step.key:
                previous.after = step.after
                if previous.after == previous.before:  # obsolete: the stack drops it
                    self.steps.pop()
                    self.index -= 1
                    event("a note edit merged back to where it began, so the step went")
                else:
                    event("a note edit merged into the step before")
                return
            self.steps.append(step)
            self.index += 1

        def _rating(self, practice_id: str, after: tuple[int | None, int | None]) -> None:
            before = self.ratings.get(practice_id, EMPTY)
            if after != before:
                self._push(Step("rating", practice_id, before, after))

        # -- the gestures -----------------------------------------------------------------------
        @rule(practice=st.sampled_from(PRACTICES), level=st.sampled_from(LEVELS))
        def set_level(self, practice, level):
            self.editor.set_current(practice, level)
            self._rating(practice, (level, self.ratings.get(practice, EMPTY)[1]))

        @rule(practice=st.sampled_from(PRACTICES), level=st.sampled_from(LEVELS))
        def set_target(self, practice, level):
            self.editor.set_target(practice, level)
            self._rating(practice, (self.ratings.get(practice, EMPTY)[0], level))

        @rule(practice=st.sampled_from(PRACTICES))
        def clear(self, practice):
            self.editor.clear(practice)
            self._rating(practice, EMPTY)

        @rule(cell=st.sampled_from(CELLS), text=TEXTS, typed=st.booleans())
        def set_note(self, cell, text, typed):
            self._note(cell, text, typed)

        @precondition(lambda self: self.last_note_cell is not None)
        @rule(text=TEXTS, typed=st.booleans())
        def note_again(self, text, typed):
            """Go on writing the note just written: the edits merge into one undo step."""
            self._note(self.last_note_cell, text, typed)

        def _note(self, cell: str, text: str, typed: bool) -> None:
            self.last_note_cell = cell
            if typed:  # as the facilitator does it: focus the cell, type in the note panel, move on
                found = MODEL.cell_by_id(cell)
                self.window.grid.setCurrentIndex(self.window.grid_model.index_of(found.practice_id, found.level))
                assert self.window.notes.cell.id == cell
                self.window.notes.editor.setPlainText(text)
                self.window.notes.flush()
            else:
                self.editor.set_note(cell, text)
            before = self.notes.get(cell, "")
            if before != text and (before or text.strip()):
                self._push(Step("note", cell, before, text))
                if not stored(text):
                    event("a note removed by white space")

        def _action(self, pick: int) -> tuple[int, tuple[str, ActionDraft, int]]:
            listed = [(i, (p, d, n)) for p, actions in self.actions.items() for n, (i, d) in enumerate(actions)]
            return listed[pick % len(listed)]

        def _show_actions_of(self, practice: str, focus: bool) -> None:
            """Now and then focus a cell of the practice, so the actions list shows its actions."""
            if focus:
                self.window.grid.setCurrentIndex(self.window.grid_model.index_of(practice, LEVELS[1]))

        @rule(practice=st.sampled_from(PRACTICES), fields=ACTION_FIELDS, at_cell=st.booleans(), focus=st.booleans())
        def add_action(self, practice, fields, at_cell, focus):
            self._show_actions_of(practice, focus)
            draft = ActionDraft(practice, cell_id=MODEL.cell(practice, LEVELS[2]).id if at_cell else None, **fields)
            known = {a.id for a in self.editor.state.actions}
            self.editor.add_action(draft)
            (added,) = [a.id for a in self.editor.state.actions if a.id not in known]  # the database gives the id
            self._push(Step("action", added, None, (practice, draft, len(self.actions.get(practice, [])))))

        @precondition(lambda self: any(self.actions.values()))
        @rule(pick=st.integers(0, 99), fields=ACTION_FIELDS, focus=st.booleans())
        def edit_action(self, pick, fields, focus):
            action_id, (practice, before, position) = self._action(pick)
            self._show_actions_of(practice, focus)
            after = ActionDraft(practice, cell_id=before.cell_id, **fields)
            self.editor.edit_action(action_id, after)
            if after != before:
                self._push(Step("action", action_id, (practice, before, position), (practice, after, position)))

        @precondition(lambda self: any(self.actions.values()))
        @rule(pick=st.integers(0, 99), to=st.integers(0, 9), focus=st.booleans())
        def move_action(self, pick, to, focus):
            action_id, (practice, draft, position) = self._action(pick)
            self._show_actions_of(practice, focus)
            to %= len(self.actions[practice])
            self.editor.move_action(action_id, to)
            if to != position:
                self._push(Step("action", action_id, (practice, draft, position), (practice, draft, to)))

        @precondition(lambda self: any(self.actions.values()))
        @rule(pick=st.integers(0, 99), focus=st.booleans())
        def remove_action(self, pick, focus):
            action_id, place = self._action(pick)
            self._show_actions_of(place[0], focus)
            self.editor.remove_action(action_id)
            self._push(Step("action", action_id, place, None))

        @precondition(lambda self: self.index > 0)
        @rule()
        def undo(self):
            self.editor.undo_stack.undo()
            self.index -= 1
            self._set(self.steps[self.index], self.steps[self.index].before)

        @precondition(lambda self: self.index < len(self.steps))
        @rule()
        def redo(self):
            self.editor.undo_stack.redo()
            self._set(self.steps[self.index], self.steps[self.index].after)
            self.index += 1

        @precondition(lambda self: self.gestures >= 4)
        @rule()
        def reopen(self):
            self._close_window()
            self._open_window()
            assert self.editor.workshop_id == workshop_id

        # -- what must hold after every step ----------------------------------------------------
        @invariant()
        def the_database_holds_the_model(self):
            connection = sqlite3.connect(self.path)
            try:
                ratings = connection.execute(
                    "SELECT practice_id, current_level, target_level FROM rating WHERE workshop_id = ?", (workshop_id,)
                ).fetchall()
                notes = connection.execute(
                    "SELECT cell_id, text FROM cell_note WHERE workshop_id = ?", (workshop_id,)
                ).fetchall()
            finally:
                connection.close()
            expected = {p: r for p, r in self.ratings.items() if r != EMPTY}
            assert {p: (c, t) for p, c, t in ratings if (c, t) != EMPTY} == expected
            assert dict(notes) == self.notes

        @invariant()
        def the_window_shows_the_model(self):
            editor, grid = self.editor, self.window.grid_model
            assert self.prompts.warnings == [] and self.prompts.questions == [], "the window reported a failure"
            assert {p: (r.current, r.target) for p, r in editor.state.ratings.items() if not r.is_empty} == {
                p: r for p, r in self.ratings.items() if r != EMPTY
            }
            assert editor.state.notes == self.notes
            for practice in MODEL.practices:
                current, target = self.ratings.get(practice.id, EMPTY)
                assert grid.rating(practice.id) == Rating(practice.id, current, target)
                for level in LEVELS:
                    cell = MODEL.cell(practice.id, level)
                    index = grid.index_of(practice.id, level)
                    state = (
                        CellState.UNRATED if current is None
                        else CellState.CURRENT if level == current
                        else CellState.BEHIND if level < current
                        else CellState.AHEAD
                    )
                    assert index.data(CellRole.STATE) == state, cell.id
                    assert index.data(CellRole.IS_TARGET) == (target == level), cell.id
                    assert index.data(CellRole.HAS_NOTE) == (cell.id in self.notes), cell.id
                    assert index.data(CellRole.NOTE) == self.notes.get(cell.id, ""), cell.id
            panel = self.window.notes
            if panel.cell is not None:  # white space typed on a cell with no note stays in the editor
                assert stored(panel.typed_text()) == self.notes.get(panel.cell.id, ""), panel.cell.id

        @invariant()
        def the_actions_are_the_models(self):
            expected = {i: (p, d, n) for p, actions in self.actions.items() for n, (i, d) in enumerate(actions)}
            connection = sqlite3.connect(self.path)
            try:
                rows = connection.execute(
                    "SELECT id, practice_id, title, owner, due_on, status, priority, cell_id, position FROM action"
                    " WHERE workshop_id = ?",
                    (workshop_id,),
                ).fetchall()
            finally:
                connection.close()
            assert {i: row for i, *row in rows} == {
                i: [p, d.title, d.owner, d.due_on and d.due_on.isoformat(), d.status.value, d.priority.value, d.cell_id, n]
                for i, (p, d, n) in expected.items()
            }
            assert {a.id: (a.practice_id, a.draft(), a.position) for a in self.editor.state.actions} == expected
            listed = self.editor.actions
            if listed.practice_id is not None:
                assert [(a.id, a.draft(), a.position) for a in listed.actions()] == [
                    (i, d, n) for n, (i, d) in enumerate(self.actions.get(listed.practice_id, []))
                ]

        @invariant()
        def the_undo_stack_is_the_models(self):
            assert self.editor.undo_stack.count() == len(self.steps)
            assert self.editor.undo_stack.index() == self.index

    run_state_machine_as_test(
        EditorMachine,
        settings=settings(
            max_examples=50,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
