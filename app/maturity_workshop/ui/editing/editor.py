"""Edits to the open workshop, as undoable commands that are saved the moment they are made.

Every command's ``redo`` and ``undo`` writes to the database through the service before the grid
(or the actions panel) shows the change, so what the room sees is what is saved. A write that fails
leaves the window on what the database holds and says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...domain.actions import Action, ActionDraft, in_practice_order
from ...domain.clock import utcnow
from ...domain.errors import DomainError, NotFoundError
from ...domain.workshop import Rating, WorkshopState
from ...services.workshops import WorkshopService
from .action_commands import AddActionCommand, EditActionCommand, MoveActionCommand, RemoveActionCommand
from ..actions.list_model import ActionListModel
from ..grid.last_time import described, levels_of, load_last_time
from ..grid.model import GridModel
from .saved_command import SavedCommand

NOTE_COMMAND_ID = 1


class WorkshopEditor(QObject):
    """The open workshop: applies edits to the database, the grid model and the actions list model,
    and keeps the undo stack."""

    saved = Signal(datetime)
    failed = Signal(str)  # a change could not be saved
    refused = Signal(str)  # a gesture that does not apply (no workshop, a closed one)
    noteApplied = Signal(str, str)  # cell id, text: the note panel follows undo and redo
    noteStored = Signal(str, bool)  # cell id, and whether the note handed on (set_note) is in the database
    stateReloaded = Signal()

    def __init__(
        self,
        service: WorkshopService,
        grid: GridModel,
        parent: QObject | None = None,
        actions: ActionListModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.grid = grid
        self.actions = actions if actions is not None else ActionListModel(service.model, self)
        self.undo_stack = QUndoStack(self)
        self.state: WorkshopState | None = None
        self._handing_on: str | None = None  # the cell whose typed note set_note is writing

    # -- which workshop -------------------------------------------------------------------------
    @property
    def workshop_id(self) -> int | None:
        return self.state.workshop.id if self.state else None

    @property
    def read_only(self) -> bool:
        """No edits: no workshop, a closed one, or a database opened read-only (another app writes it)."""
        return self.state is None or self.state.workshop.closed or self.service.read_only

    def read_only_reason(self) -> str:
        """Why an edit does not apply here, for the status bar."""
        if self.state is None:
            return "Start or open a workshop first."
        if self.service.read_only:
            return self.service.read_only_reason
        return "This workshop is closed, so it is read-only. Reopen it to make changes."

    def open(self, workshop_id: int | None) -> None:
        self.undo_stack.clear()
        self.state = self.service.load(workshop_id) if workshop_id is not None else None
        self._show_state()
        self.show_actions_of(self.actions.practice_id, force=True)

    def reload(self) -> None:
        """Show what the database holds (after a failed write, or a rename or close)."""
        if self.state is None:
            return
        self.state = self.service.load(self.state.workshop.id)
        self._show_state()
        self.show_actions_of(self.actions.practice_id, force=True)
        self.stateReloaded.emit()

    def _show_state(self) -> None:
        """The state on the grid, with where the team stood last time (read again each time: a date
        changed, or a workshop deleted or restored, may make another workshop the previous one)."""
        if self.state is None:
            self.grid.set_workshop(None)
            return
        found = load_last_time(self.service, self.state.workshop.id)
        label = described(found.previous) if found.previous else ""
        self.grid.set_workshop(self.state, levels_of(found, self.service.model), label)

    def show_actions_of(self, practice_id: str | None, force: bool = False) -> None:
        """The practice whose actions the actions list shows (the grid's focused one)."""
        if not force and practice_id == self.actions.practice_id:
            return
        self.actions.show(practice_id, self.state.actions_of(practice_id) if self.state and practice_id else [])

    # -- the gestures ---------------------------------------------------------------------------
    def set_current(self, practice_id: str, level: int) -> None:
        before = self.grid.rating(practice_id)
        self._push_rating(before, Rating(practice_id, level, before.target), "Set current level")

    def set_target(self, practice_id: str, level: int) -> None:
        before = self.grid.rating(practice_id)
        self._push_rating(before, Rating(practice_id, before.current, level), "Set target level")

    def clear(self, practice_id: str) -> None:
        before = self.grid.rating(practice_id)
        self._push_rating(before, Rating(practice_id), "Clear practice")

    def set_note(self, cell_id: str, text: str) -> None:
        """The note typed in the panel; ``noteStored`` then says whether the database holds it."""
        before = self.grid.note(cell_id)
        if before == text or (not before and not text.strip()):
            self.noteStored.emit(cell_id, True)  # nothing to write: the database holds it already
            return
        if not self._check_writable():
            self.noteStored.emit(cell_id, False)
            return
        self._handing_on = cell_id
        try:
            self.undo_stack.push(NoteCommand(self, self.workshop_id, cell_id, before, text))
        finally:
            self._handing_on = None

    def add_action(self, draft: ActionDraft) -> None:
        if self._check_writable():
            self.undo_stack.push(AddActionCommand(self, self.workshop_id, draft))

    def edit_action(self, action_id: int, draft: ActionDraft) -> None:
        before = self.action(action_id)
        if before is None or before.draft() == draft or not self._check_writable():
            return
        self.undo_stack.push(EditActionCommand(self, self.workshop_id, before, draft))

    def remove_action(self, action_id: int) -> None:
        action = self.action(action_id)
        if action is not None and self._check_writable():
            self.undo_stack.push(RemoveActionCommand(self, self.workshop_id, action))

    def move_action(self, action_id: int, position: int) -> None:
        action = self.action(action_id)
        if action is None or self.state is None:
            return
        count = len(self.state.actions_of(action.practice_id))
        if not 0 <= position < count or position == action.position or not self._check_writable():
            return
        self.undo_stack.push(MoveActionCommand(self, self.workshop_id, action, action.position, position))

    def action(self, action_id: int) -> Action | None:
        if self.state is None:
            return None
        return next((a for a in self.state.actions if a.id == action_id), None)

    def _push_rating(self, before: Rating, after: Rating, text: str) -> None:
        if before == after or not self._check_writable():
            return
        practice = self.service.model.practice(after.practice_id).name
        self.undo_stack.push(RatingCommand(self, self.workshop_id, before, after, f"{text}: {practice}"))

    def _check_writable(self) -> bool:
        if self.read_only:
            self.refused.emit(self.read_only_reason())
            return False
        return True

    # -- applying, called by the commands --------------------------------------------------------
    def apply_rating(self, workshop_id: int, rating: Rating) -> bool:
        if workshop_id != self.workshop_id:
            return False
        try:
            saved_at = self.service.save_rating(workshop_id, rating)
        except DomainError as error:
            self._after_failure(error)
            return False
        self.grid.set_rating(rating)
        assert self.state is not None
        self.state.ratings[rating.practice_id] = rating
        self.saved.emit(saved_at)
        return True

    def apply_note(self, workshop_id: int, cell_id: str, text: str) -> bool:
        if workshop_id != self.workshop_id:
            return False
        try:
            saved_at = self.service.save_note(workshop_id, cell_id, text)
        except DomainError as error:
            if cell_id == self._handing_on:
                self.noteStored.emit(cell_id, False)  # before the warning, which waits for the facilitator
            self._after_failure(error)
            return False
        stored = text if text.strip() else ""
        self.grid.set_note(cell_id, stored)
        assert self.state is not None
        if stored:
            self.state.notes[cell_id] = stored
        else:
            self.state.notes.pop(cell_id, None)
        self.noteApplied.emit(cell_id, stored)
        self.saved.emit(saved_at)
        if cell_id == self._handing_on:
            self.noteStored.emit(cell_id, True)
        return True

    def apply_add_action(self, workshop_id: int, draft: ActionDraft) -> Action | None:
        return self._apply_action(workshop_id, lambda: self.service.add_action(workshop_id, draft), "insert")

    def apply_restore_action(self, workshop_id: int, action: Action) -> Action | None:
        """Put back a removed action with its id and place (redo of an add, undo of a removal)."""
        if action.workshop_id != workshop_id:
            return None
        return self._apply_action(workshop_id, lambda: self.service.restore_action(action), "insert")

    def apply_update_action(self, workshop_id: int, action_id: int, draft: ActionDraft) -> Action | None:
        return self._apply_action(workshop_id, lambda: self.service.update_action(action_id, draft), "update")

    def apply_move_action(self, workshop_id: int, action_id: int, position: int) -> Action | None:
        return self._apply_action(workshop_id, lambda: self.service.move_action(action_id, position), "move")

    def apply_delete_action(self, workshop_id: int, action_id: int) -> Action | None:
        """Remove an action; returns it as it was (with its place), to put it back on undo."""
        return self._apply_action(workshop_id, lambda: self.service.delete_action(action_id), "remove")

    def _apply_action(self, workshop_id: int, write: Callable[[], Action], change: str) -> Action | None:
        """Write through the service, then bring the state and the actions list in line with it."""
        if workshop_id != self.workshop_id:
            return None
        try:
            action = write()
        except DomainError as error:
            self._after_failure(error)
            return None
        assert self.state is not None
        siblings = [a for a in self.state.actions_of(action.practice_id) if a.id != action.id]
        if change == "remove":
            self.actions.remove(action.id)
        else:
            siblings.insert(max(0, min(action.position, len(siblings))), action)
            if change == "insert":
                self.actions.insert(action)
            elif change == "update":
                self.actions.replace(action)
            else:
                self.actions.move(action.id, action.position)
        self._keep_actions(action.practice_id, siblings)
        self.saved.emit(utcnow())
        return action

    def _keep_actions(self, practice_id: str, siblings: list[Action]) -> None:
        """Replace ``practice_id``'s actions in the state, numbered from 0, keeping model order."""
        assert self.state is not None
        numbered = [a if a.position == i else replace(a, position=i) for i, a in enumerate(siblings)]
        others = [a for a in self.state.actions if a.practice_id != practice_id]
        self.state.actions = in_practice_order(self.service.model, [*others, *numbered])

    def _after_failure(self, error: DomainError) -> None:
        """A write failed. The grid, the panels and the state change only after a write succeeds, so
        they still show what is saved, and the note editor keeps what was typed, to try again. Only
        when the thing edited is gone (removed elsewhere) is the view brought back to the database."""
        self.failed.emit(str(error))
        if isinstance(error, NotFoundError):
            try:
                self.reload()
            except DomainError:
                pass  # the workshop itself is gone or unreadable; the window says so on the next step

    def history_broken(self) -> None:
        """An undo or redo could not be saved: the stack no longer matches the database, so it is
        cleared (once the stack has finished the step it is in)."""
        QTimer.singleShot(0, self._clear_history)

    def _clear_history(self) -> None:
        if self.undo_stack.count():
            self.undo_stack.clear()
            self.refused.emit("The undo history was cleared, because a change could not be saved.")


class RatingCommand(SavedCommand):
    def __init__(self, editor: WorkshopEditor, workshop_id: int, before: Rating, after: Rating, text: str) -> None:
        super().__init__(text)
        self.editor, self.workshop_id, self.before, self.after = editor, workshop_id, before, after

    def _redo(self) -> bool:
        return self.editor.apply_rating(self.workshop_id, self.after)

    def _undo(self) -> bool:
        return self.editor.apply_rating(self.workshop_id, self.before)


class NoteCommand(SavedCommand):
    """Typing in one cell's note is one undo step, however many times it was saved meanwhile."""

    def __init__(self, editor: WorkshopEditor, workshop_id: int, cell_id: str, before: str, after: str) -> None:
        cell = editor.service.model.cell_by_id(cell_id)
        practice = editor.service.model.practice(cell.practice_id).name
        super().__init__(f"Edit note: {practice}, level {cell.level}")
        self.editor, self.workshop_id, self.cell_id, self.before, self.after = (
            editor,
            workshop_id,
            cell_id,
            before,
            after,
        )

    def id(self) -> int:
        return NOTE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NoteCommand) or other.cell_id != self.cell_id:
            return False
        if other.workshop_id != self.workshop_id or other.isObsolete():  # never merge text that was not saved
            return False
        self.after = other.after
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def _redo(self) -> bool:
        return self.editor.apply_note(self.workshop_id, self.cell_id, self.after)

    def _undo(self) -> bool:
        return self.editor.apply_note(self.workshop_id, self.cell_id, self.before)
