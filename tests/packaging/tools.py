"""What the packaging tests share: the checkout's files, and the policy for outside tools."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from maturity_workshop import APP_ID

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGING = REPO_ROOT / "packaging"
DESKTOP_FILE = PACKAGING / f"{APP_ID}.desktop"
METAINFO_FILE = PACKAGING / f"{APP_ID}.metainfo.xml"
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]
SCRIPT_NAME = next(iter(PYPROJECT["project"]["gui-scripts"]))


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def required(what: str, how_to_get_it: str) -> None:
    """Skip a test that needs ``what`` on a developer's machine; fail it in CI, which must run it
    (``.ci/run`` installs what it can)."""
    message = f"{what} is not available here ({how_to_get_it})"
    if in_ci():
        pytest.fail(f"{message}; CI must run this check.")
    pytest.skip(message)


def tool(name: str, debian_package: str) -> str:
    """The path of command-line tool ``name``, or skip (fail in CI) saying how to install it."""
    path = shutil.which(name)
    if path is None:
        required(name, f"Debian and Ubuntu: apt-get install {debian_package}; .ci/run installs it")
    return path
