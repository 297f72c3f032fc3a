"""File ▸ Organisation settings…: the organisation database's address, checked on the spot.

The address is kept in the user's settings, never in the workshops file; a password never goes in
it: libpq's ``~/.pgpass`` (or ``PGPASSWORD``, or the OS keyring) holds it. The check connects on a
thread of its own, so a server that does not answer never freezes the window."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)  # fmt: skip

from ...domain.errors import DomainError
from ...services import organisation_db
from ..widgets import error_label

EXAMPLE = "postgresql://alice@db.example.org/maturity_workshop"
HELP = (  # lines of their own: a dialog's layout gives a wrapped label too little height
    "The address your organisation's database administrator gave you.\n"
    "Your password is never kept here: put it in ~/.pgpass (host:port:database:role:password),\n"
    "or the keyring. A server elsewhere than this computer is reached encrypted, its certificate checked."
)


class _Check(QObject):
    """Connect once, off the ui thread; ``done`` says (reached, the words for it)."""

    done = Signal(bool, str)

    def run(self, url: str) -> None:
        def check() -> None:
            try:
                said, ok = organisation_db.check_organisation(url), True
            except DomainError as error:
                said, ok = str(error), False
            except Exception as error:  # noqa: BLE001 - said in the dialog, never a traceback
                said, ok = f"The check failed: {error}", False
            try:
                self.done.emit(ok, said)
            except RuntimeError:  # the dialog was closed meanwhile
                pass

        threading.Thread(target=check, name="organisation-check", daemon=True).start()


class OrganisationSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Organisation settings")
        self.url = QLineEdit(organisation_db.saved_organisation_url())
        self.url.setObjectName("organisationUrl")
        self.url.setPlaceholderText(EXAMPLE)
        help_text = QLabel(HELP)
        help_text.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label = QLabel()
        self.result_label.setObjectName("organisationCheckResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.hide()
        self.error = error_label()
        self.check_button = QPushButton("&Check connection")
        self.check_button.setObjectName("organisationCheckButton")
        self.check_button.clicked.connect(self.check)
        self._check = _Check(self)
        self._check.done.connect(self._checked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # wrapped lines and errors get their room
        layout.addWidget(QLabel("Organisation database address:"))
        layout.addWidget(self.url)
        from_environment = organisation_db.organisation_url_from_environment()
        if from_environment:
            note = QLabel(f"MATURITY_WORKSHOP_ORG_URL is set, and is used instead: {from_environment}")
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(help_text)
        layout.addWidget(self.check_button)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @Slot()
    def check(self) -> None:
        url = self.url.text().strip()
        if not url:
            self._show_error("Type the address first.")
            return
        self.error.hide()
        self.check_button.setEnabled(False)
        self.result_label.setText("Checking…")
        self.result_label.show()
        self._check.run(url)

    @Slot(bool, str)
    def _checked(self, ok: bool, said: str) -> None:
        self.check_button.setEnabled(True)
        if ok:
            self.result_label.setText(f"✓ {said}")
            self.adjustSize()
        else:
            self.result_label.hide()
            self._show_error(said)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.adjustSize()  # room for the message's lines

    def accept(self) -> None:
        try:
            organisation_db.save_organisation_url(self.url.text())
        except DomainError as error:
            self._show_error(str(error))
            return
        super().accept()
