"""Render the app icon (packaging/icons/digipunt.svg) to the PNG and ICO files the installers use.

    .venv/bin/pip install pillow    # only for this script (writes the multi-size .ico)
    .venv/bin/python packaging/make_icons.py

Writes ``packaging/icons/digipunt-256.png`` (Linux .desktop entry, hicolor theme) and
``packaging/windows/digipunt.ico`` (16-256 px, for the .exe and the Inno Setup installer).
The outputs are committed, so building the bundle needs neither Qt SVG nor Pillow at build time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "icons" / "digipunt.svg"
PNG = HERE / "icons" / "digipunt-256.png"
ICO = HERE / "windows" / "digipunt.ico"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def render_png(svg: Path, png: Path, size: int = 256) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(png)):
        raise OSError(f"could not write {png}")


def write_ico(png: Path, ico: Path) -> None:
    from PIL import Image

    with Image.open(png) as image:
        image.save(ico, sizes=ICO_SIZES)


if __name__ == "__main__":
    render_png(SVG, PNG)
    write_ico(PNG, ICO)
    print(f"wrote {PNG.relative_to(HERE.parent)} and {ICO.relative_to(HERE.parent)}")
