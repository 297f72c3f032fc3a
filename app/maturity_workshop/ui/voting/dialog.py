"""Workshop ▸ Start voting…: the network interface the phones reach (the default route's first,
loopback for testing only), named or anonymous, the phones a round lets in, whether a round reveals
itself once every participant voted, and the laptop's hotspot (its password typed for this session
and held in memory only: never saved, so never in a backup)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit
from PySide6.QtWidgets import QSpinBox, QVBoxLayout, QWidget

from ...domain.voting import DEFAULT_PHONE_CAP, MAX_PHONE_CAP
from ..widgets import error_label
from .room import VotingSetup, check_hotspot


class StartVotingDialog(QDialog):
    def __init__(self, choices: Sequence, default, participants: int, parent: QWidget | None = None) -> None:
        """``choices``: the network interfaces (``voting.network.NetworkInterface``), ``default``
        the one chosen first."""
        super().__init__(parent)
        self.setWindowTitle("Start voting")
        self.choices = list(choices)
        self.interface = QComboBox()
        for choice in self.choices:
            self.interface.addItem(choice.label, choice.address)
        if default in self.choices:
            self.interface.setCurrentIndex(self.choices.index(default))
        self.named = QCheckBox("Named vote: names are kept (the board and the phones say so)")
        self.phone_cap = QSpinBox()
        self.phone_cap.setRange(1, MAX_PHONE_CAP)
        self.phone_cap.setValue(DEFAULT_PHONE_CAP)
        who = f"all {participants} participants" if participants else "the workshop's participants"
        self.reveal_when_all_voted = QCheckBox(f"Reveal by itself once {who} have voted")
        self.reveal_when_all_voted.setEnabled(participants > 0)
        self.hotspot_name = QLineEdit()
        self.hotspot_name.setPlaceholderText("optional: the laptop's Wi-Fi hotspot")
        self.hotspot_password = QLineEdit()
        self.hotspot_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.hotspot_password.setPlaceholderText("kept only until voting stops, never saved")
        self.error = error_label()  # red, plain text: a typed network name never reads as markup
        self.error.setObjectName("votingSetupError")

        form = QFormLayout()
        form.addRow("&Network the phones reach:", self.interface)
        form.addRow("", self.named)
        form.addRow("&Phones a round lets in:", self.phone_cap)
        form.addRow("", self.reveal_when_all_voted)
        form.addRow("&Hotspot name:", self.hotspot_name)
        form.addRow("Hotspot pass&word:", self.hotspot_password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start voting")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel("Whoever is on that network and sees the QR code can vote; the hotspot's QR code lets "
                      "whoever sees it join the Wi-Fi.")  # fmt: skip
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def choose(self, address: str) -> None:
        """Pick the interface with ``address`` (a test picks loopback)."""
        self.interface.setCurrentIndex(self.interface.findData(address))

    def problem(self) -> str | None:
        if self.interface.currentIndex() < 0:
            return "This computer has no network interface with an IPv4 address for the phones to reach."
        return check_hotspot(self.hotspot_name.text().strip(), self.hotspot_password.text())

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()

    def setup(self) -> VotingSetup:
        return VotingSetup(
            address=str(self.interface.currentData()),
            named=self.named.isChecked(),
            phone_cap=self.phone_cap.value(),
            reveal_when_all_voted=self.reveal_when_all_voted.isChecked() and self.reveal_when_all_voted.isEnabled(),
            hotspot_name=self.hotspot_name.text().strip(),
            hotspot_password=self.hotspot_password.text(),
        )
