"""The launcher entry, the AppStream metainfo and the icons under packaging/."""

from __future__ import annotations

import configparser
import struct
import subprocess
import xml.etree.ElementTree as ET

from maturity_workshop import APP_ID, APP_NAME

from .tools import DESKTOP_FILE, METAINFO_FILE, PACKAGING, REPO_ROOT, SCRIPT_NAME, VERSION, tool

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_metainfo_validates_with_appstreamcli():
    appstreamcli = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", "--explain", str(METAINFO_FILE)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_desktop_file_validates_with_desktop_file_validate():
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run(
        [validate, str(DESKTOP_FILE)], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", f"desktop-file-validate warns:\n{result.stdout}"


def test_the_files_are_named_with_the_app_id_the_window_announces():
    # create_application() calls QGuiApplication.setDesktopFileName(APP_ID): on Wayland that is the
    # window's app id, which the desktop shell matches against <APP_ID>.desktop for its icon and name.
    assert DESKTOP_FILE.is_file() and METAINFO_FILE.is_file()
    entry = _desktop_entry()
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == SCRIPT_NAME
    assert entry["StartupWMClass"] == SCRIPT_NAME  # X11: Qt's WM_CLASS instance is the program name


def test_the_metainfo_names_the_app_its_launcher_and_the_current_version():
    component = ET.parse(METAINFO_FILE).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == APP_NAME
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.findtext("provides/binary") == SCRIPT_NAME
    newest = component.find("releases/release")
    assert newest is not None and newest.get("version") == VERSION, (
        "add a <release> for the version in pyproject.toml, newest first"
    )


def _png_size_and_colour_type(data: bytes) -> tuple[int, int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height, _depth, colour_type = struct.unpack(">IIBB", data[16:26])
    return width, height, colour_type


def test_every_launcher_icon_size_is_there_with_transparency():
    for size in ICON_SIZES:
        path = PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert path.is_file(), f"{path} is missing: run .venv/bin/python packaging/make_icons.py"
        width, height, colour_type = _png_size_and_colour_type(path.read_bytes())
        assert (width, height) == (size, size), path
        assert colour_type == 6, f"{path} has no alpha channel"


def test_the_icons_were_made_from_the_current_svg():
    source = REPO_ROOT / "resources" / "icons" / "maturity-workshop.svg"
    copy = PACKAGING / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert copy.read_bytes() == source.read_bytes(), (
        "the icon's SVG changed: run .venv/bin/python packaging/make_icons.py and commit its output"
    )
    assert (PACKAGING / "icons" / "maturity-workshop.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (PACKAGING / "icons" / "maturity-workshop.icns").read_bytes()[:4] == b"icns"
