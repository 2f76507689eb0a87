"""Writing a benchmark's figures into its section of BENCHMARKS.md."""

from __future__ import annotations

import re
from pathlib import Path


def write_section(path: Path, name: str, body: str) -> None:
    """Replace (or append) the ``<!-- section: name -->`` block of BENCHMARKS.md."""
    start, end = f"<!-- section: {name} -->", f"<!-- /section: {name} -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
