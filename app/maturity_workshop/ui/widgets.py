"""Small widgets and helpers that several parts of the window share."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

ERROR_STYLE = "color: #B91C1C; font-weight: bold;"


def error_label() -> QLabel:
    """A hidden label for a dialog's error message, shown in red and bold when set."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def isolated(text: str) -> str:
    """User text (a name, a title) set apart from the text around it, U+2068 FIRST STRONG ISOLATE
    to U+2069 POP DIRECTIONAL ISOLATE: a right-to-left name, or one holding a bidi override, cannot
    reorder what is shown beside it."""
    return f"\u2068{text}\u2069"


class ElidedLabel(QLabel):
    """One line of plain text that never widens its window: when the room is short it is drawn
    cut with "…", and the whole text is its tooltip. ``text()`` is always the whole text."""

    MIN_CHARS = 12

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._update_tip()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = self.fontMetrics().averageCharWidth() * self.MIN_CHARS
        return QSize(min(width, super().sizeHint().width()), super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The text as drawn at the label's width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        self.style().drawItemText(
            painter, self.contentsRect(), int(self.alignment()), self.palette(), self.isEnabled(),
            self.shown_text(), self.foregroundRole(),
        )  # fmt: skip

    def _update_tip(self) -> None:
        self.setToolTip(self.text() if self.is_elided() else "")


def elided(widget: QWidget, text: str, chars: int = 50) -> str:
    """``text`` cut with "…" to the width of ``chars`` average characters of ``widget``'s font (a
    name in a sentence of a dialog, which would otherwise widen the dialog past the screen)."""
    metrics = widget.fontMetrics()
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, metrics.averageCharWidth() * chars)


def scaled_bold(widget: QWidget, scale: float) -> QFont:
    """``widget``'s font, ``scale`` times larger and bold."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


def back_to_grid(page: QWidget, back) -> QPushButton:
    """A page's way back to the grid: its button, and Esc anywhere on the page; both call ``back``."""
    button = QPushButton("Back to the grid  Esc")
    button.clicked.connect(back)
    action = QAction("Back to the grid", page)
    action.setShortcut(QKeySequence("Esc"))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(back)
    page.addAction(action)
    return button


def local_time(moment: datetime) -> str:
    """A moment in the computer's time zone, the way people read it: "Thu 26 Nov 2026, 07:12"."""
    return moment.astimezone().strftime("%a %d %b %Y, %H:%M")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class JobProgress(QWidget):
    """In the status bar while a job runs on its own thread (an export, a publish): what it does,
    how far it got, and its Cancel. The job gives ``progressed(done, total)`` and ``cancel()``; the
    widgets are named ``{name}Progress``, ``{name}ProgressBar`` and ``{name}CancelButton``."""

    def __init__(self, name: str, text: str, cancel_text: str, job, tooltip: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName(f"{name}Progress")
        label = QLabel(text)
        label.setToolTip(tooltip)
        self.bar = QProgressBar()
        self.bar.setObjectName(f"{name}ProgressBar")
        self.bar.setRange(0, 0)  # busy until the first step says how many there are
        self.bar.setMaximumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.cancel_button = QPushButton(cancel_text)
        self.cancel_button.setObjectName(f"{name}CancelButton")
        self.cancel_button.clicked.connect(job.cancel)
        self.cancel_button.clicked.connect(lambda: self.cancel_button.setEnabled(False))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        job.progressed.connect(self.show_step)

    def show_step(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))


def tell_if_there(signal, *args) -> None:
    """Emit ``signal`` from a worker thread, unless its object went meanwhile (the window closed
    while the worker ran on, at quit): then nobody is left to tell."""
    try:
        signal.emit(*args)
    except RuntimeError:
        pass
