"""Two screens: the board goes full screen on the projector and the window stays on the laptop as
the facilitator's console, both showing the same workshop as it changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).with_name("two_screens_child.py")
SCREENS = {
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1440, "height": 900, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "projector", "x": 1440, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]
}


def test_the_board_takes_the_projector_and_follows_the_console(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    environment = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path / "workshops.sqlite3")],
        capture_output=True, text=True, timeout=120, env=environment,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["screens"] == ["laptop", "projector"]
    assert seen["board_screen"] == "projector" and seen["console_screen"] == "laptop"
    assert seen["board_geometry"] == [1440, 0, 1920, 1080] and seen["board_full_screen"]
    assert seen["console_visible"] and not seen["shares"]
    assert seen["text_px"] >= 22
    assert seen["click_repainted"], "a level set on the console shows on the board"
    assert seen["note_on_board"].endswith("Said on the console")
    assert seen["undo_repainted"] and not seen["note_after_undo"], "undo on the console shows on the board"
    assert seen["board_current"]
    assert seen["presenting_after_dialog"], "with a projector, dialogs open on the console and the board stays"
