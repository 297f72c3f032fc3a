"""The main window: the workshop's heading, the grid, the note and actions panels, menus and status bar."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...domain.errors import DomainError
from ...domain.workshop import Workshop
from ...services.workshops import WorkshopService
from ..actions.list_model import ActionListModel
from ..actions.panel import ActionsPanel
from ..backups.dialogs import install_backup_actions
from ..editing.editor import WorkshopEditor
from ..grid.model import GridModel
from ..grid.view import GridView
from ..notes.panel import NotesPanel
from .pages import WelcomePage, WorkshopHeader
from .read_only import apply_read_only
from ..workshops.commands import WorkshopManagement

ZOOM_KEY = "ui.zoom"

log = logging.getLogger(__name__)


class MainWindow(WorkshopManagement, QMainWindow):
    def __init__(self, service: WorkshopService) -> None:
        super().__init__()
        self.service = service
        self.model = service.model
        self.setWindowTitle(APP_NAME)

        self.grid_model = GridModel(self.model, self)
        self.grid = GridView(self.grid_model)
        self.notes = NotesPanel(self.model)
        self.action_list = ActionListModel(self.model, self)
        self.actions_panel = ActionsPanel(
            self.model, self.action_list, current_level=lambda practice_id: self.grid_model.rating(practice_id).current
        )
        self._export_folder = ""
        self.editor = WorkshopEditor(service, self.grid_model, self, actions=self.action_list)

        self._build_pages()
        self._build_actions()
        self._build_menus()
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)

        self.editor.saved.connect(self._on_saved)
        self.editor.failed.connect(self._on_failed)
        self.editor.refused.connect(self._on_refused)
        self.editor.noteApplied.connect(self.notes.note_applied)
        self.editor.stateReloaded.connect(self._sync_notes_panel)
        self.editor.stateReloaded.connect(self._sync_actions_panel)
        self.notes.noteEdited.connect(self.editor.set_note)
        self.actions_panel.addRequested.connect(self.editor.add_action)
        self.actions_panel.editRequested.connect(self.editor.edit_action)
        self.actions_panel.removeRequested.connect(self.editor.remove_action)
        self.actions_panel.moveRequested.connect(self.editor.move_action)
        self.grid.setCurrentRequested.connect(self._set_current_at)
        self.grid.setTargetRequested.connect(self._set_target_at)
        self.grid.customContextMenuRequested.connect(self._show_cell_menu)
        self.grid.selectionModel().currentChanged.connect(self._on_focus_moved)

        zoom = service.get_setting(ZOOM_KEY)
        if zoom and zoom.lstrip("-").isdigit():
            self.grid.set_zoom(int(zoom))
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 180, fm.height() * 48)
        apply_read_only(self)  # workshops opened read-only: a banner, and nothing offers to change them

    # -- building -------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)

        self.welcome_page = WelcomePage()
        self.start_button = self.welcome_page.start_button
        self.open_button = self.welcome_page.open_button
        self.start_button.clicked.connect(self.new_workshop)
        self.open_button.clicked.connect(self.open_workshops)

        workshop_page = QWidget()
        self.header = WorkshopHeader()
        self.heading, self.closed_banner = self.header.heading, self.header.closed_banner

        # The right side: the focused cell's note above its practice's actions.
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.setObjectName("sidePanels")
        self.side.addWidget(self.notes)
        self.side.addWidget(self.actions_panel)
        self.side.setStretchFactor(0, 2)
        self.side.setStretchFactor(1, 3)
        self.side.setCollapsible(0, False)
        self.side.setCollapsible(1, False)
        char = self.fontMetrics().averageCharWidth()
        self.side.setMinimumWidth(char * 36)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([char * 132, char * 48])  # the side starts wide enough for the action cards

        layout = QVBoxLayout(workshop_page)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)

        self.workshop_page = workshop_page
        self.pages.addWidget(self.welcome_page)
        self.pages.addWidget(workshop_page)

    def _action(self, text: str, slot, shortcuts=(), on_grid: bool = False) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        if on_grid:  # single-key shortcuts act only while the grid has the focus
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.grid.addAction(action)
        else:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&New workshop…", self.new_workshop, [QKeySequence.StandardKey.New])
        self.export_action = self._action("&Export action plan…", self.export_plan, ["Ctrl+E"])
        self.open_action = self._action("&Open workshop…", self.open_workshops, [QKeySequence.StandardKey.Open])
        self.quit_action = self._action("&Quit", self.close, [QKeySequence.StandardKey.Quit])
        self.rename_action = self._action("&Rename workshop…", self.rename_workshop, ["F2"])
        self.close_workshop_action = self._action("&Close workshop", self.toggle_closed)
        self.delete_action = self._action("&Delete workshop…", self.delete_workshop)

        self.undo_action = self.editor.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
        self.redo_action = self.editor.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])

        self.set_current_action = self._action(
            "Set as &current level", self._set_current_here, ["Space", "Return", "Enter"], on_grid=True
        )
        self.set_target_action = self._action("Set as &target", self._set_target_here, ["T"], on_grid=True)
        self.clear_action = self._action("C&lear practice", self._clear_here, ["Delete", "Backspace"], on_grid=True)
        self.note_action = self._action("Edit &note", self.edit_note, ["N"], on_grid=True)
        self.add_action_action = self._action("Add &action…", self.add_action, ["A"], on_grid=True)
        self.back_to_grid_action = QAction("Back to the grid", self)
        self.back_to_grid_action.setShortcut(QKeySequence("Esc"))
        self.back_to_grid_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.back_to_grid_action.triggered.connect(lambda: self.grid.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.notes.addAction(self.back_to_grid_action)
        self.actions_panel.addAction(self.back_to_grid_action)

        self.zoom_in_action = self._action("Zoom &in", lambda: self.zoom_by(1), ["Ctrl+=", "Ctrl++"])
        self.zoom_out_action = self._action("Zoom &out", lambda: self.zoom_by(-1), ["Ctrl+-"])
        self.zoom_reset_action = self._action("&Actual size", lambda: self.zoom_by(None), ["Ctrl+0"])
        self.toggle_notes_action = self._action("Show &note panel", self._toggle_notes, ["F9"])
        self.toggle_notes_action.setCheckable(True)
        self.toggle_notes_action.setChecked(True)
        self.toggle_actions_panel_action = self._action("Show a&ctions panel", self._toggle_actions_panel, ["Shift+F9"])
        self.toggle_actions_panel_action.setCheckable(True)
        self.toggle_actions_panel_action.setChecked(True)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        install_backup_actions(self, file_menu)  # File ▸ Restore from backup…
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.set_current_action, self.set_target_action, self.clear_action, self.note_action])
        edit_menu.addAction(self.add_action_action)
        workshop_menu = bar.addMenu("&Workshop")
        workshop_menu.addActions([self.rename_action, self.close_workshop_action, self.delete_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        view_menu.addActions([self.toggle_notes_action, self.toggle_actions_panel_action])

    # -- opening workshops ----------------------------------------------------------------------
    def open_last_or_welcome(self) -> None:
        """On launch: the workshop open last, or the welcome page that offers to start one."""
        try:
            workshop = self.service.last_workshop()
        except DomainError as error:
            self._on_failed(str(error))
            workshop = None
        if workshop is None:
            try:
                workshops = self.service.list_workshops()
            except DomainError as error:
                self._on_failed(str(error))
                workshops = []
            workshop = workshops[0] if workshops else None
        self.show_workshop(workshop.id if workshop else None)

    def show_workshop(self, workshop_id: int | None) -> None:
        self.notes.flush()
        try:
            self.editor.open(workshop_id)
        except DomainError as error:
            self._on_failed(str(error))
            self.editor.open(None)
        state = self.editor.state
        if state is None:
            try:
                self.open_button.setVisible(bool(self.service.list_workshops()))
            except DomainError:
                self.open_button.setVisible(True)
            self.pages.setCurrentWidget(self.welcome_page)
            self.setWindowTitle(APP_NAME)
            self._sync_notes_panel()
            self._sync_actions_panel()
            self._update_actions()
            return
        try:
            self.service.remember_last_workshop(state.workshop.id)
        except DomainError:
            pass  # only decides what opens at the next launch; the workshop itself is open and saved
        self.saved_label.clear()
        self.pages.setCurrentWidget(self.workshop_page)
        self._show_heading(state.workshop)
        if not self.grid.currentIndex().isValid():
            self.grid.setCurrentIndex(self.grid_model.index(self.grid_model.rowCount() - 1, 0))
        self._sync_notes_panel()
        self._sync_actions_panel()
        self._update_actions()
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_heading(self, workshop: Workshop) -> None:
        self.header.show_workshop(workshop)
        self.setWindowTitle(f"{workshop.team_name} · {workshop.title} — {APP_NAME}")

    def _update_actions(self) -> None:
        has = self.editor.state is not None
        writable = has and not self.editor.read_only
        for action in (self.rename_action, self.close_workshop_action, self.delete_action, self.export_action):
            action.setEnabled(has and (action is self.export_action or not self.service.read_only))
        for action in (self.set_current_action, self.set_target_action, self.clear_action, self.add_action_action):
            action.setEnabled(writable)
        closed = has and self.editor.state.workshop.closed
        self.close_workshop_action.setText("Re&open workshop" if closed else "&Close workshop")

    # -- the grid's gestures --------------------------------------------------------------------
    def _cell_for(self, index: QModelIndex):
        return self.grid_model.cell_at(index) if index.isValid() else None

    @Slot(QModelIndex)
    def _set_current_at(self, index: QModelIndex) -> None:
        cell = self._cell_for(index)
        if cell is not None:
            self.editor.set_current(cell.practice_id, cell.level)

    @Slot(QModelIndex)
    def _set_target_at(self, index: QModelIndex) -> None:
        cell = self._cell_for(index)
        if cell is not None:
            self.editor.set_target(cell.practice_id, cell.level)

    def _set_current_here(self) -> None:
        self._set_current_at(self.grid.currentIndex())

    def _set_target_here(self) -> None:
        self._set_target_at(self.grid.currentIndex())

    def _clear_here(self) -> None:
        cell = self._cell_for(self.grid.currentIndex())
        if cell is not None:
            self.editor.clear(cell.practice_id)

    @Slot(QPoint)
    def _show_cell_menu(self, position: QPoint) -> None:
        index = self.grid.indexAt(position)
        if not index.isValid():
            return
        self.grid.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions([self.set_current_action, self.set_target_action, self.clear_action])
        menu.addSeparator()
        menu.addActions([self.note_action, self.add_action_action])
        menu.popup(self.grid.viewport().mapToGlobal(position))

    @Slot(QModelIndex, QModelIndex)
    def _on_focus_moved(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._sync_notes_panel()
        self._sync_actions_panel()

    def _sync_notes_panel(self) -> None:
        cell = self._cell_for(self.grid.currentIndex()) if self.editor.state else None
        note = self.grid_model.note(cell.id) if cell else ""
        self.notes.show_cell(cell, note, read_only=self.editor.read_only)

    def _sync_actions_panel(self) -> None:
        cell = self._cell_for(self.grid.currentIndex()) if self.editor.state else None
        self.editor.show_actions_of(cell.practice_id if cell else None)
        self.actions_panel.set_read_only(self.editor.read_only)

    # -- actions --------------------------------------------------------------------------------
    @Slot()
    def add_action(self) -> None:
        """Add an action to the focused practice (A on the grid)."""
        if self.editor.state is None:
            return
        if self.editor.read_only:
            self.editor.refused.emit(self.editor.read_only_reason())
            return
        self._sync_actions_panel()
        self.actions_panel.add()

    @Slot()
    def edit_note(self) -> None:
        """Write on the focused cell's note (N on the grid), showing the note panel if hidden."""
        if not self.toggle_notes_action.isChecked():
            self.toggle_notes_action.setChecked(True)
            self._toggle_notes(True)
        self.notes.focus_editor()

    # -- view -----------------------------------------------------------------------------------
    def zoom_by(self, steps: int | None) -> None:
        self.grid.set_zoom(0 if steps is None else self.grid.zoom + steps)
        try:
            self.service.set_setting(ZOOM_KEY, str(self.grid.zoom))
        except DomainError:
            pass  # the zoom is a convenience; failing to remember it must not interrupt the workshop

    def _toggle_notes(self, visible: bool) -> None:
        if not visible:
            self.notes.flush()
        self.notes.setVisible(visible)
        self._update_side()

    def _toggle_actions_panel(self, visible: bool) -> None:
        self.actions_panel.setVisible(visible)
        self._update_side()

    def _update_side(self) -> None:
        """The side takes room only while it shows a panel."""
        self.side.setVisible(self.toggle_notes_action.isChecked() or self.toggle_actions_panel_action.isChecked())
        self.grid.relayout()

    # -- feedback -------------------------------------------------------------------------------
    @Slot(datetime)
    def _on_saved(self, when: datetime) -> None:
        local = when.astimezone()
        self.saved_label.setText(f"All changes saved · {local.strftime('%H:%M:%S')}")

    @Slot(str)
    def _on_refused(self, message: str) -> None:
        """A gesture that cannot apply here (a closed workshop): said in the status bar, no dialog."""
        self.statusBar().showMessage(message, 8000)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        """A change that could not be saved: said plainly, in a dialog the facilitator must see."""
        log.warning("Shown to the user: %s", message)
        self.saved_label.setText("⚠ Last change NOT saved")
        self.statusBar().showMessage(message, 10000)
        if self.isVisible():
            QMessageBox.warning(self, APP_NAME, message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes.flush()
        if self.notes.has_unsaved_text(self.grid_model.note(self.notes.cell.id) if self.notes.cell else ""):
            answer = QMessageBox.question(
                self,
                APP_NAME,
                "The note you were writing could not be saved. Close anyway and lose it?",
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        super().closeEvent(event)
