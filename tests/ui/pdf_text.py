"""Just enough of a PDF reader for the PDFs Qt writes (``QPdfWriter``, ``QPrinter`` to a PDF
file): the page size and the text drawn on the page, to check that a card or report really
landed in the file. Qt writes every glyph as ``<hex> Tj`` inside ``BT ... ET`` blocks, with a
``/ToUnicode`` CMap (``bfrange`` arrays) per embedded font subset."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\[([^\]]*)\]")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_BLOCK = re.compile(rb"BT(.*?)ET", re.S)
_GLYPH = re.compile(rb"<([0-9A-Fa-f]+)>\s*Tj")


def _streams(data: bytes) -> list[bytes]:
    out = []
    for match in _STREAM.finditer(data):
        raw = match.group(1)
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return out


def page_size_mm(path: Path) -> tuple[float, float]:
    """Width and height of the first page's MediaBox, in millimetres."""
    box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]",
                    path.read_bytes())
    assert box is not None, "no MediaBox"
    x0, y0, x1, y1 = (float(v) for v in box.groups())
    return (x1 - x0) * 25.4 / 72, (y1 - y0) * 25.4 / 72


def text_runs(path: Path) -> list[str]:
    """Each ``BT ... ET`` block decoded with each font's ToUnicode map (the block's own font
    gives readable text; the others give noise, harmless for ``in`` checks)."""
    streams = _streams(path.read_bytes())
    maps: list[dict[int, str]] = []
    for stream in streams:
        if b"beginbfrange" not in stream:
            continue
        table: dict[int, str] = {}
        for first, _last, targets in _RANGE.findall(stream):
            for i, target in enumerate(_HEX.findall(targets)):
                table[int(first, 16) + i] = chr(int(target, 16))
        maps.append(table)
    runs = []
    for stream in streams:
        for block in _BLOCK.findall(stream):
            glyphs = [int(g, 16) for g in _GLYPH.findall(block)]
            for table in maps:
                runs.append("".join(table.get(g, "\ufffd") for g in glyphs))
    return runs
