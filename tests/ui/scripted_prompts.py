"""The window's questions answered by the test: a :class:`~maturity_workshop.ui.prompts.Prompts`
that records what it is asked and answers from a script. A question the test did not script fails
the test (an AssertionError, which pytest-qt reports) instead of blocking on a modal dialog."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QDialog, QWidget

from maturity_workshop.ui.prompts import Prompts


@dataclass
class Question:
    title: str
    message: str
    yes: str


@dataclass
class ScriptedPrompts(Prompts):
    warnings: list[str] = field(default_factory=list)  # every warn(), in order
    criticals: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)  # every confirm(), in order
    confirm_answers: deque[bool] = field(default_factory=deque)
    text_answers: deque[str | None] = field(default_factory=deque)
    file_answers: deque[tuple[str, str]] = field(default_factory=deque)
    dialogs: dict[type, Callable[[QDialog], bool]] = field(default_factory=dict)
    shown: list[QDialog] = field(default_factory=list)  # every dialog run, in order
    always_confirm: bool | None = None  # answers every confirm() once the script is used up
    save_file_started_at: str = ""  # where the last save dialog started
    save_file_filters: list[str] = field(default_factory=list)

    # -- scripting ------------------------------------------------------------------------------
    def confirm_next(self, *answers: bool) -> ScriptedPrompts:
        self.confirm_answers.extend(answers)
        return self

    def text_next(self, *answers: str | None) -> ScriptedPrompts:
        self.text_answers.extend(answers)
        return self

    def file_next(self, path: str, chosen_filter: str = "") -> ScriptedPrompts:
        self.file_answers.append((path, chosen_filter))
        return self

    def answer(self, dialog_type: type, answer: Callable[[QDialog], bool]) -> ScriptedPrompts:
        """Run every ``dialog_type`` dialog with ``answer(dialog)``: it may fill the dialog in and
        click its buttons; what it returns is whether the dialog was accepted."""
        self.dialogs[dialog_type] = answer
        return self

    # -- Prompts --------------------------------------------------------------------------------
    def warn(self, parent: QWidget | None, message: str) -> None:
        self.warnings.append(message)

    def critical(self, parent: QWidget | None, message: str) -> None:
        self.criticals.append(message)

    def confirm(self, parent: QWidget | None, title: str, message: str, yes: str = "", warning: bool = False) -> bool:
        self.questions.append(Question(title, message, yes))
        if self.confirm_answers:
            return self.confirm_answers.popleft()
        if self.always_confirm is not None:
            return self.always_confirm
        raise AssertionError(f"an unexpected question: {message!r}")

    def text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        if not self.text_answers:
            raise AssertionError(f"an unexpected request for text: {title!r}")
        return self.text_answers.popleft()

    def save_file(self, parent: QWidget | None, title: str, start: str, filters: list[str]) -> tuple[str, str]:
        self.save_file_started_at = start
        self.save_file_filters = filters
        if not self.file_answers:
            raise AssertionError(f"an unexpected save dialog: {title!r}")
        return self.file_answers.popleft()

    def run(self, dialog: QDialog) -> bool:
        self.shown.append(dialog)
        for dialog_type, answer in self.dialogs.items():
            if isinstance(dialog, dialog_type):
                return bool(answer(dialog))
        raise AssertionError(f"an unexpected dialog: {type(dialog).__name__}")
