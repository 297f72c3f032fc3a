"""Where the app finds its resources and keeps its user data.

Resources (model files, fonts, icons, themes) are found in three layouts:

* an installed wheel, where they sit inside the package (``maturity_workshop/resources``);
* a PyInstaller bundle, where they sit beside the executable (``sys._MEIPASS/resources``);
* a source checkout, where they are the top-level ``resources/`` folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

_PACKAGE_DIR = Path(__file__).resolve().parent
_APP_DIR_NAME = "maturity-workshop"


def resource_dir() -> Path:
    """The folder holding ``models/``, ``fonts/``, ``icons/`` and ``themes/``."""
    candidates = [_PACKAGE_DIR / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(_PACKAGE_DIR.parent.parent / "resources")
    for candidate in candidates:
        if (candidate / "models").is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"The app's resources folder was not found (looked in: {searched}).")


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """The per-user folder for the workshop database and its backups."""
    override = os.environ.get("MATURITY_WORKSHOP_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(_APP_DIR_NAME, appauthor=False))


def default_database_path() -> Path:
    return user_data_dir() / "workshops.sqlite3"


def user_config_dir() -> Path:
    """The per-user folder for settings kept apart from the workshops (the organisation's address)."""
    override = os.environ.get("MATURITY_WORKSHOP_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(_APP_DIR_NAME, appauthor=False))
