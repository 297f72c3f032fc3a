"""The side panel listing the focused practice's actions, with Add, Edit, Remove, Move up and Move down.

The panel opens the add and edit dialogs and hands on what the facilitator asked for (the
``…Requested`` signals); the editor saves it and updates the list model the panel shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QFontMetricsF, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.actions import Action, ActionPriority, ActionStatus
from ...domain.model import MaturityModel
from ..prompts import Prompts
from .list_model import SETTLED_TEXT, ActionListModel, ActionRole

Index = QModelIndex | QPersistentModelIndex

STATUS_LOOK = {  # caption, background, text
    ActionStatus.OPEN: ("○ Open", QColor("#DBEAFE"), QColor("#1E3A8A")),
    ActionStatus.IN_PROGRESS: ("◐ In progress", QColor("#FEF3C7"), QColor("#78350F")),
    ActionStatus.DONE: ("✓ Done", QColor("#DCFCE7"), QColor("#14532D")),
    ActionStatus.DROPPED: ("✕ Dropped", QColor("#E5E7EB"), QColor("#4B5563")),
}
PRIORITY_TEXT = {
    ActionPriority.HIGH: ("▲ High priority", QColor("#B91C1C")),
    ActionPriority.MEDIUM: ("Medium priority", QColor("#374151")),
    ActionPriority.LOW: ("▼ Low priority", QColor("#4B5563")),
}
TEXT = QColor("#111827")
SELECTED_BACKGROUND = QColor("#E0E7FF")
SELECTED_EDGE = QColor("#1E40AF")
SEPARATOR = QColor("#E5E7EB")


@dataclass
class _Token:
    text: str
    color: QColor
    bold: bool = False
    background: QColor | None = None  # drawn as a pill
    new_line: bool = False  # starts a line of its own
    rect: QRect | None = None


class ActionDelegate(QStyledItemDelegate):
    """Paints an action as a small card: the title; its status and priority; then its owner, due
    date and level (each group wrapping onto more lines if the width needs it). Done and dropped
    actions are greyed (and a dropped one struck through)."""

    def _metrics(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFontMetrics, QFontMetrics]:
        font = QFont(option.font)
        title_font = QFont(font)
        title_font.setBold(True)
        return font, title_font, QFontMetrics(font), QFontMetrics(title_font)

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> int:
        view = option.widget
        if isinstance(view, QAbstractItemView):
            return view.viewport().width()
        return option.rect.width()

    def _tokens(self, index: Index) -> list[_Token]:
        action: Action = index.data(ActionRole.ACTION)
        settled = not action.status.is_open
        caption, background, text = STATUS_LOOK[action.status]
        tokens = [_Token(caption, text, background=background)]
        priority, color = PRIORITY_TEXT[action.priority]
        if settled:
            color = SETTLED_TEXT
        tokens.append(_Token(priority, color, bold=action.priority == ActionPriority.HIGH and not settled))
        plain = SETTLED_TEXT if settled else TEXT
        owner = _Token(action.owner, plain) if action.owner else _Token("no owner yet", SETTLED_TEXT)
        owner.new_line = True
        tokens.append(owner)
        if action.due_on:
            tokens.append(_Token(f"due {action.due_on.isoformat()}", plain))
        level = index.data(ActionRole.LEVEL)
        if level is not None:
            tokens.append(_Token(f"about level {level}", SETTLED_TEXT))
        return tokens

    def _layout(self, option: QStyleOptionViewItem, index: Index, left: int, top: int, width: int):
        """Where the title and each token go; returns (title rect, tokens, bottom)."""
        _font, title_font, fm, title_fm = self._metrics(option)
        pad_x, pad_y = fm.averageCharWidth(), fm.height() // 3
        inner = max(fm.averageCharWidth() * 8, width - 2 * pad_x)
        x0, y = left + pad_x, top + pad_y
        flags = int(Qt.TextFlag.TextWordWrap)
        title_height = title_fm.boundingRect(0, 0, inner, 1_000_000, flags, index.data() or "").height()
        title_rect = QRect(x0, y, inner, title_height)
        y += title_height + fm.height() // 4
        line_height = fm.height() + fm.height() // 3
        pill_pad = max(2, fm.averageCharWidth() * 2 // 3)
        gap = fm.averageCharWidth() * 3 // 2
        tokens = self._tokens(index)
        x = x0
        for token in tokens:
            token_fm = QFontMetricsF(title_font if token.bold else _font)
            w = math.ceil(token_fm.horizontalAdvance(token.text)) + 1 + (2 * pill_pad if token.background else 0)
            w = min(w, inner)
            if x > x0 and (token.new_line or x + w > x0 + inner):
                x, y = x0, y + line_height
            token.rect = QRect(x, y, w, line_height)
            x += w + gap
        return title_rect, tokens, y + line_height + pad_y

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if not index.isValid() or index.data(ActionRole.ACTION) is None:
            return super().sizeHint(option, index)
        width = self._width(option)
        _title, _tokens, bottom = self._layout(option, index, 0, 0, width)
        return QSize(width, bottom)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        action: Action | None = index.data(ActionRole.ACTION)
        if action is None:
            super().paint(painter, option, index)
            return
        font, title_font, fm, _title_fm = self._metrics(option)
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        settled = not action.status.is_open
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(rect, SELECTED_BACKGROUND if selected else option.palette.color(QPalette.ColorRole.Base))
        if selected:
            edge = max(3, fm.averageCharWidth() // 2)
            painter.fillRect(QRect(rect.left(), rect.top(), edge, rect.height()), SELECTED_EDGE)
        painter.setPen(QPen(SEPARATOR))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        title_rect, tokens, _bottom = self._layout(option, index, rect.left(), rect.top(), rect.width())
        title = QFont(title_font)
        title.setStrikeOut(action.status == ActionStatus.DROPPED)
        painter.setFont(title)
        painter.setPen(SETTLED_TEXT if settled else TEXT)
        painter.drawText(title_rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), index.data() or "")

        for token in tokens:
            assert token.rect is not None
            painter.setFont(title_font if token.bold else font)
            if token.background is not None:
                pill = token.rect.adjusted(0, fm.height() // 12, 0, -(fm.height() // 12))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(token.background)
                radius = pill.height() / 2
                painter.drawRoundedRect(pill, radius, radius)
            painter.setPen(token.color)
            text = QFontMetrics(painter.font()).elidedText(token.text, Qt.TextElideMode.ElideRight, token.rect.width())
            align = Qt.AlignmentFlag.AlignCenter if token.background else Qt.AlignmentFlag.AlignVCenter
            painter.drawText(token.rect, int(align), text)

        if option.state & QStyle.StateFlag.State_HasFocus and self.parent() and self.parent().hasFocus():
            painter.setPen(QPen(SELECTED_EDGE, 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


class ActionListView(QListView):
    """A list whose cards are re-measured when its width changes (their text wraps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The cards are measured at the viewport's width. A viewport made here is known to Python
        # as the plain widget it is; the one Qt makes is looked up among every kind of widget
        # there is the first time it is asked for (some 8 ms at launch).
        self.setViewport(QWidget())

    def resizeEvent(self, event) -> None:
        old_width = event.oldSize().width()
        super().resizeEvent(event)
        if event.size().width() != old_width:
            self.scheduleDelayedItemsLayout()


class ActionsPanel(QWidget):
    addRequested = Signal(object)  # ActionDraft
    editRequested = Signal(int, object)  # action id, ActionDraft
    removeRequested = Signal(int)  # action id
    moveRequested = Signal(int, int)  # action id, new position
    read_only_hint = "This workshop is closed: actions are read-only."  # the window says why if not closed

    def __init__(
        self,
        model: MaturityModel,
        actions: ActionListModel,
        prompts: Prompts,
        current_level: Callable[[str], int | None] = lambda _practice_id: None,
        parent: QWidget | None = None,
    ) -> None:
        """``current_level(practice_id)`` says where the team is now, so that Add can propose the
        cell one level up; the add and edit dialogs are shown through ``prompts``."""
        super().__init__(parent)
        self.prompts = prompts
        self.setObjectName("actionsPanel")
        self.maturity_model = model
        self.list_model = actions
        self.current_level = current_level
        self._read_only = True

        self.heading = QLabel("Actions")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)

        self.list = ActionListView()
        self.list.setObjectName("actionList")
        self.list.setModel(actions)
        self.list.setItemDelegate(ActionDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Actions of the focused practice")
        self.list.doubleClicked.connect(lambda _index: self.edit())

        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_hint.setStyleSheet(f"color: {SETTLED_TEXT.name()};")
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.add_button.setToolTip("Add an action to this practice (A on the grid)")
        self.edit_button.setToolTip("Edit the selected action (Enter, or double-click it)")
        self.remove_button.setToolTip("Remove the selected action (Delete); Ctrl+Z brings it back")
        self.up_button.setToolTip("Move the selected action up (Ctrl+Up)")
        self.down_button.setToolTip("Move the selected action down (Ctrl+Down)")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move_by(-1))
        self.down_button.clicked.connect(lambda: self.move_by(1))
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.edit_button, 0, 1)
        buttons.addWidget(self.remove_button, 0, 2)
        buttons.addWidget(self.up_button, 1, 0)
        buttons.addWidget(self.down_button, 1, 1)

        for keys, slot in (
            (["Return", "Enter", "F2"], self.edit),
            (["Delete", "Backspace"], self.remove),
            (["Ctrl+Up"], lambda: self.move_by(-1)),
            (["Ctrl+Down"], lambda: self.move_by(1)),
            (["Insert"], self.add),
        ):
            shortcut = QAction(self.list)
            shortcut.setShortcuts([QKeySequence(k) for k in keys])
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.triggered.connect(slot)
            self.list.addAction(shortcut)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

        actions.modelReset.connect(self._on_reset)
        actions.rowsInserted.connect(self._on_rows_inserted)
        actions.rowsRemoved.connect(lambda *_: self._update())
        actions.rowsMoved.connect(lambda *_: self._update())
        actions.dataChanged.connect(lambda *_: self._update())
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update())
        self._on_reset()

    # -- what it shows --------------------------------------------------------------------------
    @property
    def practice_id(self) -> str | None:
        return self.list_model.practice_id

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update()

    def selected_action(self) -> Action | None:
        index = self.list.currentIndex()
        return self.list_model.action_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.list_model.rowCount():
            self.list.setCurrentIndex(self.list_model.index(row))

    def _on_reset(self) -> None:
        practice_id = self.practice_id
        name = self.maturity_model.practice(practice_id).name if practice_id else ""
        self.heading.setText(f"Actions · {name}" if name else "Actions")
        self._update()

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        self.select_row(first)  # an added (or put back) action is the one to look at
        self._update()

    def set_read_only_hint(self, hint: str) -> None:
        """What the panel says while it is read-only (the workshop is closed, unless told otherwise)."""
        self.read_only_hint = hint
        self._update()

    def _update(self) -> None:
        writable = not self._read_only and self.practice_id is not None
        action = self.selected_action()
        row = self.list.currentIndex().row() if action else -1
        count = self.list_model.rowCount()
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and action is not None)
        self.remove_button.setEnabled(writable and action is not None)
        self.up_button.setEnabled(writable and action is not None and row > 0)
        self.down_button.setEnabled(writable and action is not None and row < count - 1)
        if self.practice_id is None:
            self.empty_hint.setText("Select a cell to see its practice's actions.")
        elif self._read_only:
            self.empty_hint.setText("No actions were agreed for this practice.")
        else:
            self.empty_hint.setText("No actions for this practice yet. Add one, or press A on the grid.")
        self.empty_hint.setVisible(count == 0)
        closed = self._read_only and self.practice_id is not None
        self.hint.setText(self.read_only_hint if closed else "")
        self.hint.setVisible(bool(self.hint.text()))

    # -- the gestures ---------------------------------------------------------------------------
    def add(self) -> None:
        from .dialogs import ActionDialog  # not at launch
        practice_id = self.practice_id
        if self._read_only or practice_id is None:
            return
        current = self.current_level(practice_id)
        above = [v for v in self.maturity_model.level_values if current is not None and v > current]
        dialog = ActionDialog(self.maturity_model, practice_id, self, about_level=min(above) if above else None)
        if self.prompts.run(dialog):
            self.addRequested.emit(dialog.validated_draft())

    def edit(self) -> None:
        from .dialogs import ActionDialog  # not at launch
        action = self.selected_action()
        if self._read_only or action is None:
            return
        dialog = ActionDialog(self.maturity_model, action.practice_id, self, action=action)
        if self.prompts.run(dialog):
            self.editRequested.emit(action.id, dialog.validated_draft())

    def remove(self) -> None:
        action = self.selected_action()
        if not self._read_only and action is not None:
            self.removeRequested.emit(action.id)

    def move_by(self, steps: int) -> None:
        action = self.selected_action()
        if self._read_only or action is None:
            return
        row = self.list.currentIndex().row()
        target = row + steps
        if 0 <= target < self.list_model.rowCount():
            self.moveRequested.emit(action.id, target)
