"""The window's commands: every menu item and shortcut as a QAction, named by what it does, and the
menus that hold them. The window connects each command to the controller or widget that does it.

(A QAction is a command of the window; the team's agreed *actions* are ``domain.actions``.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

Key = QKeySequence.StandardKey


class WindowCommands:
    def __init__(self, window: QMainWindow, grid: QWidget, undo_stack: QUndoStack) -> None:
        self._window, self._grid = window, grid
        self.new_workshop = self._command("&New workshop…", [Key.New])
        self.open_workshops = self._command("&Open workshop…", [Key.Open])
        self.export_plan = self._command("&Export action plan…", ["Ctrl+E"])
        self.export_history = self._command("Export team &history…")  # the open workshop's team
        self.save_board_picture = self._command("Save &board as picture…")
        self.restore_backup = self._command("Restore from &backup…")
        self.publish = self._command("&Publish to organisation", ["Ctrl+Shift+P"])  # ``ui/publishing/``
        self.organisation_settings = self._command("Organisation se&ttings…")
        self.quit = self._command("&Quit", [Key.Quit])
        self.rename_workshop = self._command("&Rename workshop…", ["F2"])
        self.close_workshop = self._command("&Close workshop")
        self.delete_workshop = self._command("&Delete workshop…")
        self.edit_agenda = self._command("&Agenda…")  # the time box (``ui/timebox/``)
        self.compare_workshops = self._command("Co&mpare with…")  # the team's history (``ui/history/``)
        self.team_history = self._command("Team &history", ["Ctrl+H"])
        self.organisation = self._command("Or&ganisation", ["Ctrl+G"])  # every team (``ui/organisation/``)

        self._undo_stack = undo_stack
        self.undo = self._history_step("&Undo", [Key.Undo], undo=True)
        self.redo = self._history_step("&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], undo=False)

        # Single keys act only while the grid has the focus: typed in a note they are letters.
        self.set_current = self._command("Set as &current level", ["Space", "Return", "Enter"], on_grid=True)
        self.set_target = self._command("Set as &target", ["T"], on_grid=True)
        self.clear_practice = self._command("C&lear practice", ["Delete", "Backspace"], on_grid=True)
        self.edit_note = self._command("Edit &note", ["N"], on_grid=True)
        self.add_action = self._command("Add &action…", ["A"], on_grid=True)
        self.focus_practice = self._command("&Focus on this practice", ["F"], on_grid=True, checked=False)
        self.next_practice = self._command("Ne&xt practice", ["PgDown"], on_grid=True)
        self.previous_practice = self._command("Pre&vious practice", ["PgUp"], on_grid=True)
        self.toggle_clock = self._command("Start or &pause the clock", ["P"], on_grid=True)
        self.back_to_grid = QAction("Back to the grid", window)  # Esc, added to the side panels
        self.back_to_grid.setShortcut(QKeySequence("Esc"))
        self.back_to_grid.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.zoom_in = self._command("Zoom &in", ["Ctrl+=", "Ctrl++"])
        self.zoom_out = self._command("Zoom &out", ["Ctrl+-"])
        self.zoom_reset = self._command("&Actual size", ["Ctrl+0"])
        self.show_notes = self._command("Show &note panel", ["F9"], checked=True)
        self.show_actions_panel = self._command("Show a&ctions panel", ["Shift+F9"], checked=True)
        self.show_last_time = self._command("Show &last time", ["L"], on_grid=True, checked=True)

        # Presentation mode: the board for the room (``ui/board/``).
        self.present = self._command("&Present", ["F5"], checked=False)
        self.blank_board = self._command("&Blank the board", ["B"], on_grid=True)
        self.freeze_board = self._command("&Freeze the board", ["Shift+B"], on_grid=True)
        self.leave_presentation = self._command("&Leave presentation", ["Esc"], on_grid=True)
        self.notes_on_board = self._command("Show notes on the &board", checked=True)

        # Voting from phones (``ui/voting/``): V, R and M act on the grid, as the other single keys.
        self.start_voting = self._command("Start &voting…")
        self.open_round = self._command("Open a &round on this practice", ["V"], on_grid=True)
        self.vote_all = self._command("Vote on a&ll practices")
        self.reveal_votes = self._command("Re&veal the votes", ["R"], on_grid=True)
        self.take_median = self._command("Take the &median as the level", ["M"], on_grid=True)
        self.cancel_round = self._command("Cancel the round")
        self.stop_voting = self._command("Stop v&oting")

    def _command(self, text: str, shortcuts=(), on_grid: bool = False, checked: bool | None = None) -> QAction:
        command = QAction(text, self._window)
        command.setShortcuts([QKeySequence(s) for s in shortcuts])
        if checked is not None:
            command.setCheckable(True)
            command.setChecked(checked)
        if on_grid:
            command.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self._grid.addAction(command)
        else:
            self._window.addAction(command)
        return command

    def _history_step(self, name: str, shortcuts, undo: bool) -> QAction:
        """Undo or redo, named after the step it takes ("&Undo Set current level: Testing"), which
        the status bar then reports ("Undone: Set current level: Testing")."""
        stack = self._undo_stack
        command = self._command(name, shortcuts)
        can, named = (stack.canUndoChanged, stack.undoTextChanged) if undo else (stack.canRedoChanged, stack.redoTextChanged)
        command.setEnabled(stack.canUndo() if undo else stack.canRedo())
        can.connect(command.setEnabled)
        named.connect(lambda text: command.setText(f"{name} {text}" if text else name))
        command.triggered.connect(lambda: self._take_step(undo))
        return command

    def _take_step(self, undo: bool) -> None:
        stack = self._undo_stack
        step = stack.command(stack.index() - 1 if undo else stack.index())
        if step is None:
            return
        if undo:
            stack.undo()
        else:
            stack.redo()
        if getattr(step, "step_saved", True):  # a step that could not be saved has said so already
            self._window.statusBar().showMessage(f"{'Undone' if undo else 'Redone'}: {step.text()}", 5000)

    @property
    def on_a_workshop(self) -> tuple[QAction, ...]:
        """What changes the open workshop itself."""
        return (self.rename_workshop, self.close_workshop, self.delete_workshop)

    @property
    def on_the_board(self) -> tuple[QAction, ...]:
        """What the board's own grid answers too, when it has the keyboard (one screen)."""
        return (self.set_current, self.set_target, self.clear_practice, self.blank_board, self.freeze_board,
                self.leave_presentation, self.focus_practice, self.next_practice, self.previous_practice,
                self.toggle_clock, self.show_last_time, self.open_round, self.reveal_votes, self.take_median)

    @property
    def editing(self) -> tuple[QAction, ...]:
        """What changes the open workshop's levels, actions and time spent."""
        return (self.set_current, self.set_target, self.clear_practice, self.add_action, self.edit_agenda,
                self.toggle_clock)

    def build_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_workshop, self.open_workshops])
        file_menu.addSeparator()
        file_menu.addActions([self.export_plan, self.export_history, self.save_board_picture])
        file_menu.addSeparator()
        file_menu.addActions([self.publish, self.organisation_settings])
        file_menu.addSeparator()
        file_menu.addAction(self.restore_backup)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.set_current, self.set_target, self.clear_practice, self.edit_note, self.add_action])
        workshop_menu = bar.addMenu("&Workshop")
        workshop_menu.addActions(list(self.on_a_workshop))
        workshop_menu.addSeparator()
        workshop_menu.addActions([self.edit_agenda, self.toggle_clock])
        workshop_menu.addSeparator()
        workshop_menu.addAction(self.compare_workshops)
        workshop_menu.addSeparator()
        workshop_menu.addActions([self.start_voting, self.open_round, self.vote_all, self.reveal_votes,
                                  self.take_median, self.cancel_round, self.stop_voting])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view_menu.addSeparator()
        view_menu.addActions([self.focus_practice, self.next_practice, self.previous_practice])
        view_menu.addSeparator()
        view_menu.addActions([self.show_notes, self.show_actions_panel, self.show_last_time])
        view_menu.addSeparator()
        view_menu.addActions([self.team_history, self.organisation])
        view_menu.addSeparator()
        view_menu.addAction(self.present)
        self.present_on = view_menu.addMenu("Present &on")  # the screens, listed when it opens
        view_menu.addActions([self.notes_on_board, self.blank_board, self.freeze_board, self.leave_presentation])

    def cell_menu(self, parent: QWidget) -> QMenu:
        """The grid's right-click menu."""
        menu = QMenu(parent)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions([self.set_current, self.set_target, self.clear_practice])
        menu.addSeparator()
        menu.addActions([self.edit_note, self.add_action])
        return menu
