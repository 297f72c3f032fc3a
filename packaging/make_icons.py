"""Render the application icon, resources/icons/maturity-workshop.svg, for launchers and installers.

    .venv/bin/python packaging/make_icons.py

writes, all committed:

* packaging/icons/hicolor/NxN/apps/<APP_ID>.png for N in 16 24 32 48 64 128 256 512 (the sizes the
  freedesktop hicolor icon theme and its launchers look for), and
  packaging/icons/hicolor/scalable/apps/<APP_ID>.svg, a copy of the source;
* packaging/icons/maturity-workshop.ico (16 to 256 px) for the Windows build;
* packaging/icons/maturity-workshop.icns (32 to 1024 px) for the macOS build.

Qt renders the SVG (QtSvg into a QImage, offscreen, antialiased, on a transparent background);
Pillow, which reportlab already brings, packs the .ico and .icns. Run it again after changing the SVG.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "app"))

from maturity_workshop import APP_ID

SOURCE = ROOT / "resources" / "icons" / "maturity-workshop.svg"
ICONS = ROOT / "packaging" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int) -> bytes:
    """The icon as PNG bytes, ``size`` pixels square."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not an SVG that Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # QPainter wants one
    rendered = {size: render(size) for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))}

    for size in PNG_SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rendered[size])
        print(f"Wrote {path.relative_to(ROOT)}")
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    print(f"Wrote {scalable.relative_to(ROOT)}")

    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in rendered.items()}
    ico = ICONS / "maturity-workshop.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=[images[s] for s in ICO_SIZES]
    )
    print(f"Wrote {ico.relative_to(ROOT)}")
    icns = ICONS / "maturity-workshop.icns"
    images[max(ICNS_SIZES)].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES])
    print(f"Wrote {icns.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
