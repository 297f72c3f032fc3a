"""Undoable edits to a workshop's actions: add, edit, remove and move.

Each ``redo`` and ``undo`` goes through the editor, which writes through the service first and only
then shows the change; a failed write is handled by :class:`SavedCommand`.
An added or removed action keeps its id across undo and redo (``restore_action``), so the commands
after it on the stack still find it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...domain.actions import Action, ActionDraft
from .saved_command import SavedCommand

if TYPE_CHECKING:
    from .editor import WorkshopEditor


def _quoted(title: str, limit: int = 40) -> str:
    return f"“{title if len(title) <= limit else title[: limit - 1].rstrip() + '…'}”"


class AddActionCommand(SavedCommand):
    def __init__(self, editor: WorkshopEditor, workshop_id: int, draft: ActionDraft) -> None:
        practice = editor.service.model.practice(draft.practice_id).name
        super().__init__(f"Add action: {practice}")
        self.editor, self.workshop_id, self.draft = editor, workshop_id, draft
        self.action: Action | None = None  # as saved; put back with this id on redo after undo

    def _redo(self) -> bool:
        if self.action is None:
            self.action = self.editor.apply_add_action(self.workshop_id, self.draft)
            return self.action is not None
        return self.editor.apply_restore_action(self.workshop_id, self.action) is not None

    def _undo(self) -> bool:
        assert self.action is not None
        removed = self.editor.apply_delete_action(self.workshop_id, self.action.id)
        if removed is not None:
            self.action = removed
        return removed is not None


class EditActionCommand(SavedCommand):
    def __init__(self, editor: WorkshopEditor, workshop_id: int, action: Action, after: ActionDraft) -> None:
        super().__init__(f"Edit action {_quoted(action.title)}")
        self.editor, self.workshop_id, self.action_id = editor, workshop_id, action.id
        self.before, self.after = action.draft(), after

    def _redo(self) -> bool:
        return self.editor.apply_update_action(self.workshop_id, self.action_id, self.after) is not None

    def _undo(self) -> bool:
        return self.editor.apply_update_action(self.workshop_id, self.action_id, self.before) is not None


class RemoveActionCommand(SavedCommand):
    def __init__(self, editor: WorkshopEditor, workshop_id: int, action: Action) -> None:
        super().__init__(f"Remove action {_quoted(action.title)}")
        self.editor, self.workshop_id, self.action = editor, workshop_id, action

    def _redo(self) -> bool:
        removed = self.editor.apply_delete_action(self.workshop_id, self.action.id)
        if removed is not None:
            self.action = removed
        return removed is not None

    def _undo(self) -> bool:
        return self.editor.apply_restore_action(self.workshop_id, self.action) is not None


class MoveActionCommand(SavedCommand):
    def __init__(self, editor: WorkshopEditor, workshop_id: int, action: Action, before: int, after: int) -> None:
        super().__init__(f"Move action {_quoted(action.title)} {'up' if after < before else 'down'}")
        self.editor, self.workshop_id, self.action_id = editor, workshop_id, action.id
        self.before, self.after = before, after

    def _redo(self) -> bool:
        return self.editor.apply_move_action(self.workshop_id, self.action_id, self.after) is not None

    def _undo(self) -> bool:
        return self.editor.apply_move_action(self.workshop_id, self.action_id, self.before) is not None
