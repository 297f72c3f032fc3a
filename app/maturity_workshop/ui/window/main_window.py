"""The main window: the workshop's heading, the grid, the note and actions panels, menus and status bar.

It builds the widgets and wires them: the editor makes every change, the controllers
(``workshops/``, ``backups/``) run the commands that are more than one edit, and they reach the
window only through the :class:`~..shell.Shell` methods below."""

from __future__ import annotations

import logging
import time
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from ... import APP_NAME
from ...domain.errors import DomainError
from ...domain.timebox import MonotonicClock
from ...domain.workshop import Workshop
from ...services.workshops import WorkshopService
from ..actions.list_model import ActionListModel
from ..actions.panel import ActionsPanel
from ..backups.controller import BackupController
from ..board.controller import BoardController
from ..editing.editor import WorkshopEditor
from ..grid.last_time import LastTimeToggle
from ..grid.model import GridModel
from ..grid.view import GridView
from ..notes.panel import NotesPanel
from ..publishing.controller import QUIT_WAIT_S, PublishingController
from ..prompts import Prompts
from ..timebox.controller import TimeBoxController
from ..timebox.label import TimerLabel
from ..widgets import isolated
from .commands import WindowCommands
from .first_use import FirstUse
from .pages import WelcomePage, WorkshopHeader
from .read_only import ReadOnlyMode
from .save_status import SaveStatus
from .side_strip import SideStrip

ZOOM_KEY = "ui.zoom"

log = logging.getLogger(__name__)


class MainWindow(FirstUse, QMainWindow):
    def __init__(
        self, service: WorkshopService, prompts: Prompts | None = None, clock: MonotonicClock = time.monotonic,
        shown_at_once: bool = False,
    ) -> None:
        """``shown_at_once``: shown as soon as built (launch), so the grid is laid out only at its real size."""
        super().__init__()
        self.service = service
        self.model = service.model
        self.prompts = prompts or Prompts()
        self.setWindowTitle(APP_NAME)

        self.grid_model = GridModel(self.model, self)
        self.grid = GridView(self.grid_model, lay_out_when_shown=shown_at_once)
        self.notes = NotesPanel(self.model)
        self.action_list = ActionListModel(self.model, self)
        self.actions_panel = ActionsPanel(
            self.model, self.action_list, self.prompts, current_level=lambda practice_id: self.grid_model.rating(practice_id).current
        )
        self.editor = WorkshopEditor(service, self.grid_model, self, actions=self.action_list)
        self.backups = BackupController(service, self, self.prompts, self)
        self.timebox = TimeBoxController(service, self.editor, self, self.prompts, clock, self)
        self.read_only_mode = ReadOnlyMode(service)

        self._build_pages()
        self.commands = WindowCommands(self, self.grid, self.editor.undo_stack)
        self.commands.build_menus(self)
        self.side_strip = SideStrip(self.commands.show_notes, self.commands.show_actions_panel)
        self.side_strip.hide()
        self._body.addWidget(self.side_strip)
        self._connect_commands()
        self.last_time = LastTimeToggle(service, self.grid_model, self.commands.show_last_time, self)
        self.welcome_page.show_shortcuts(self.commands.new_workshop, self.commands.open_workshops)
        self.grid.textSizeChanged.connect(self.header.follow_grid_text)
        self.header.follow_grid_text(self.grid.point_size)
        self.saved_label = SaveStatus(self.notes, self.editor)  # "Saving…", then "All changes saved"
        self.timer_label = TimerLabel(self.model, with_practice=True)  # the focused practice's time
        self.timebox.readingChanged.connect(self.timer_label.show_reading)
        self.statusBar().addPermanentWidget(self.timer_label)
        self.statusBar().addPermanentWidget(self.saved_label)

        self.editor.saved.connect(self.saved)
        self.editor.failed.connect(self.failed)
        self.editor.refused.connect(self.refused)
        self.editor.noteApplied.connect(self.notes.note_applied)
        self.editor.stateReloaded.connect(self._sync_panels)
        self.notes.noteEdited.connect(self.editor.set_note)
        self.actions_panel.addRequested.connect(self.editor.add_action)
        self.actions_panel.editRequested.connect(self.editor.edit_action)
        self.actions_panel.removeRequested.connect(self.editor.remove_action)
        self.actions_panel.moveRequested.connect(self.editor.move_action)
        self.grid.setCurrentRequested.connect(self._set_current_at)
        self.grid.setTargetRequested.connect(self._set_target_at)
        self.grid.customContextMenuRequested.connect(self._show_cell_menu)
        self.grid.selectionModel().currentChanged.connect(self._on_focus_moved)

        try:
            zoom = service.get_setting(ZOOM_KEY)
        except DomainError:
            zoom = None  # a convenience: the grid fits the window as it is
        if zoom and zoom.lstrip("-").isdigit():
            self.grid.set_zoom(int(zoom))
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 180, fm.height() * 48)
        if self.read_only_mode.active:
            self._show_read_only()

    # -- building -------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)

        self.welcome_page = WelcomePage()
        self.start_button = self.welcome_page.start_button
        self.open_button = self.welcome_page.open_button

        workshop_page = QWidget()
        self.header = WorkshopHeader(self.grid_model)
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
        self._body = QHBoxLayout()
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.addWidget(self.splitter, 1)
        layout.addLayout(self._body, 1)

        self.workshop_page = workshop_page
        self.pages.addWidget(self.welcome_page)
        self.pages.addWidget(workshop_page)

    def _connect_commands(self) -> None:
        c = self.commands
        c.edit_agenda.triggered.connect(self.timebox.edit_agenda)
        c.toggle_clock.triggered.connect(self.timebox.toggle)
        c.restore_backup.triggered.connect(self.backups.restore)
        self.publishing = PublishingController(self.service, self, self.prompts, c.publish, c.organisation_settings, self)
        self.statusBar().addPermanentWidget(self.publishing.status)
        c.restore_backup.setEnabled(self.backups.can_restore)
        c.quit.triggered.connect(self.close)
        c.set_current.triggered.connect(lambda: self._set_current_at(self.grid.currentIndex()))
        c.set_target.triggered.connect(lambda: self._set_target_at(self.grid.currentIndex()))
        c.clear_practice.triggered.connect(self._clear_here)
        c.edit_note.triggered.connect(self.edit_note)
        c.add_action.triggered.connect(self.add_action)
        c.back_to_grid.triggered.connect(lambda: self.grid.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.notes.addAction(c.back_to_grid)
        self.actions_panel.addAction(c.back_to_grid)
        c.zoom_in.triggered.connect(lambda: self.zoom_by(1))
        c.zoom_out.triggered.connect(lambda: self.zoom_by(-1))
        c.zoom_reset.triggered.connect(lambda: self.zoom_by(None))
        c.show_notes.toggled.connect(self._toggle_notes)
        c.show_actions_panel.toggled.connect(self._toggle_actions_panel)
        self.board = BoardController(
            self.service, self, self.grid, c, self, self.prompts,
            workshop=lambda: self.editor.state.workshop if self.editor.state else None,
            set_current_at=self._set_current_at, set_target_at=self._set_target_at, parent=self,
        )
        self.board.boardMade.connect(self._show_the_clock_on)
        self.wire_first_use()  # the controllers nothing at launch needs: made on their first command

    def _show_the_clock_on(self, board) -> None:
        self.timebox.readingChanged.connect(board.timer.show_reading)
        board.timer.show_reading(self.timebox.reading())

    def _show_read_only(self) -> None:
        """Workshops opened read-only: a banner says why, and nothing offers to change them."""
        bar, self.read_only_banner = self.read_only_mode.build_banner()
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.notes.set_read_only_hint(self.read_only_mode.hint)
        self.actions_panel.set_read_only_hint(self.read_only_mode.hint)
        self.commands.new_workshop.setEnabled(False)
        self.start_button.setEnabled(False)

    # -- the Shell the controllers talk to ------------------------------------------------------
    def dialog_parent(self) -> QWidget:
        if hasattr(self, "board"):  # with one screen, a dialog never opens over the board
            self.board.before_dialog()
        return self

    def flush_note(self) -> None:
        self.notes.flush()
        self.timebox.save()

    def show_page(self, page: QWidget | None) -> None:
        if page is not None and self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page or (self.workshop_page if self.editor.state else self.welcome_page))
        if page is None:
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_last_or_welcome(self) -> None:
        """On launch, and after a restore: the workshop open last, or the welcome page."""
        try:
            workshop = self.service.last_workshop()
        except DomainError as error:
            self.failed(str(error))
            workshop = None
        if workshop is None:
            try:
                workshops = self.service.list_workshops()
            except DomainError as error:
                self.failed(str(error))
                workshops = []
            workshop = workshops[0] if workshops else None
        self.show_workshop(workshop.id if workshop else None)

    def show_workshop(self, workshop_id: int | None) -> None:
        self.flush_note()  # the note being typed, and the time counted on the open workshop
        try:
            self.editor.open(workshop_id)
        except DomainError as error:
            self.failed(str(error))
            self.editor.open(None)
        self.timebox.open()
        state = self.editor.state
        if state is None:
            try:
                self.open_button.setVisible(bool(self.service.list_workshops()))
            except DomainError:
                self.open_button.setVisible(True)
            self.pages.setCurrentWidget(self.welcome_page)
            self.setWindowTitle(APP_NAME)
            self.board.show_workshop(None)
            self._sync_panels()
            self._update_commands()
            return
        try:
            self.service.remember_last_workshop(state.workshop.id)
        except DomainError:
            pass  # only decides what opens at the next launch; the workshop itself is open and saved
        self.saved_label.reset()
        self.pages.setCurrentWidget(self.workshop_page)
        self._show_heading(state.workshop)
        if self.read_only_mode.active:  # a copy from the organisation names who published it
            self.read_only_banner.setText(self.read_only_mode.banner_for(state.workshop.id))
        if not self.grid.currentIndex().isValid():  # the focus moves in: the panels follow it
            self.grid.setCurrentIndex(self.grid_model.index(self.grid_model.rowCount() - 1, 0))
        else:
            self._sync_panels()
        self._update_commands()
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def workshop_changed(self, workshop: Workshop) -> None:
        self._show_heading(workshop)
        self._sync_panels()
        self._update_commands()
        if workshop.closed:  # finished: it goes to the organisation (when set up)
            self.publishing.workshop_closed()

    @Slot(datetime)
    def saved(self, when: datetime) -> None:
        self.saved_label.saved(when)

    @Slot(str)
    def refused(self, message: str) -> None:
        """A gesture that cannot apply here (a closed workshop): said in the status bar, no dialog."""
        self.statusBar().showMessage(message, 8000)

    @Slot(str)
    def failed(self, message: str, saving: bool = True) -> None:
        """A change that could not be saved (or, ``saving`` False, something else that failed, such
        as an export): said plainly, in a dialog the facilitator must see."""
        log.warning("Shown to the user: %s", message)
        if saving:
            self.saved_label.failed()
        self.statusBar().showMessage(message, 10000)
        if self.isVisible():
            self.prompts.warn(self.dialog_parent(), message)

    def tell(self, message: str, milliseconds: int = 5000) -> None:
        self.statusBar().showMessage(message, milliseconds)

    def show_progress(self, widget: QWidget) -> None:
        self.statusBar().insertPermanentWidget(0, widget)

    # -- what the window shows ------------------------------------------------------------------
    def _show_heading(self, workshop: Workshop) -> None:
        self.header.show_workshop(workshop)
        self.board.show_workshop(workshop)
        self.setWindowTitle(f"{isolated(workshop.team_name)} · {isolated(workshop.title)} — {APP_NAME}")

    def _update_commands(self) -> None:
        c = self.commands
        has = self.editor.state is not None
        writable = has and not self.editor.read_only
        c.export_plan.setEnabled(has)
        c.export_history.setEnabled(has)
        for command in c.on_a_workshop:
            command.setEnabled(has and not self.service.read_only)
        for command in c.editing:
            command.setEnabled(writable)
        closed = has and self.editor.state.workshop.closed
        c.close_workshop.setText("Re&open workshop" if closed else "&Close workshop")

    def _cell_for(self, index: QModelIndex):
        return self.grid_model.cell_at(index) if index.isValid() else None

    def _sync_panels(self) -> None:
        """The note panel edits the focused cell's note; the actions panel lists its practice's actions."""
        cell = self._cell_for(self.grid.currentIndex()) if self.editor.state else None
        self.notes.show_cell(cell, self.grid_model.note(cell.id) if cell else "", read_only=self.editor.read_only)
        self.editor.show_actions_of(cell.practice_id if cell else None)
        self.timebox.follow(cell.practice_id if cell else None)
        self.actions_panel.set_read_only(self.editor.read_only)

    # -- the grid's gestures --------------------------------------------------------------------
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

    def _clear_here(self) -> None:
        cell = self._cell_for(self.grid.currentIndex())
        if cell is not None:
            self.editor.clear(cell.practice_id)

    @Slot(QPoint)
    def _show_cell_menu(self, position: QPoint) -> None:
        index = self.grid.indexAt(position)
        if index.isValid():
            self.grid.setCurrentIndex(index)
            self.commands.cell_menu(self).popup(self.grid.viewport().mapToGlobal(position))

    @Slot(QModelIndex, QModelIndex)
    def _on_focus_moved(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._sync_panels()

    @Slot()
    def add_action(self) -> None:
        """Add an action to the focused practice (A on the grid)."""
        if self.editor.state is None:
            return
        if self.editor.read_only:
            self.refused(self.editor.read_only_reason())
            return
        self._sync_panels()
        self.actions_panel.add()

    @Slot()
    def edit_note(self) -> None:
        """Write on the focused cell's note (N on the grid), showing the note panel if hidden."""
        self.commands.show_notes.setChecked(True)
        self.notes.focus_editor()

    # -- view -----------------------------------------------------------------------------------
    def zoom_by(self, steps: int | None) -> None:
        before = self.grid.point_size
        self.grid.set_zoom(0 if steps is None else self.grid.zoom + steps)
        if steps is not None and steps > 0 and self.grid.point_size < before + 0.1:
            self.grid.set_zoom(self.grid.zoom - steps)  # larger would cut a word in two
            self.refused("The grid's text is as large as its columns allow. F focuses on one practice, larger.")
            return
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
        """The side takes room only while it shows a panel; folded away, it leaves a strip."""
        shown = self.commands.show_notes.isChecked() or self.commands.show_actions_panel.isChecked()
        self.side.setVisible(shown)
        self.side_strip.setVisible(not shown)
        self.grid.relayout()

    def fit_panels_to_screen(self) -> None:
        """At launch: on a screen too small for the grid and the side panels together (a 1280x720
        projector), the panels start folded into a strip, so the grid never needs a scroll bar."""
        self.grid.relayout()
        if self.side.isVisible() and self.grid.verticalScrollBar().maximum() > 0:
            self.commands.show_notes.setChecked(False)
            self.commands.show_actions_panel.setChecked(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.board.leave()
        self.notes.flush()
        if self.notes.has_unsaved_text(self.grid_model.note(self.notes.cell.id) if self.notes.cell else ""):
            if not self.prompts.confirm(
                self,
                APP_NAME,
                "The note you were writing could not be saved. Close anyway and lose it?",
                yes="&Close without it",
                warning=True,
            ):
                event.ignore()
                return
        until = time.monotonic() + QUIT_WAIT_S  # a sync and a publish together: the network's share of quit
        self.shut_down_first_use(until)
        self.timebox.close()
        self.publishing.at_quit(until)  # what is left goes at the next start
        super().closeEvent(event)
