"""Maturity Workshop's stand-in for PyInstaller's own hook of this Qt module: it collects the same
plugins and translations, less those the spec lists in hooksconfig["PySide6"]["drop"] (each with
its reason, in packaging/maturity-workshop.spec). Dropping them here, before PyInstaller follows
their library dependencies, also keeps out what only they need (GTK, cairo and pango for the GTK
theme plugin, for one); filtering the finished Analysis could not."""

import os

from PyInstaller.utils.hooks import get_hook_config
from PyInstaller.utils.hooks.qt import add_qt6_dependencies


def _qt_path(source: str, destination: str) -> str:
    """'plugins/imageformats/qgif.so' for Qt's libqgif.so, whether Qt sits in PySide6/Qt (Linux,
    macOS) or straight in PySide6 (Windows); the 'lib' prefix is dropped so one name fits all."""
    path = destination.replace("\\", "/").rstrip("/")
    for prefix in ("PySide6/Qt/", "PySide6/"):
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    name = os.path.basename(source)
    return f"{path}/{name.removeprefix('lib')}"


def hook(hook_api):
    hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
    drop = tuple(get_hook_config(hook_api, "PySide6", "drop") or ())

    def kept(entries):
        return [(src, dest) for src, dest in entries if not _qt_path(src, dest).startswith(drop)]

    hook_api.add_imports(*hiddenimports)
    hook_api.add_binaries(kept(binaries))
    hook_api.add_datas(kept(datas))
