"""The page size and text of a PDF the app wrote (``QPdfWriter``, ``QPrinter`` to a PDF file),
read with poppler's ``pdfinfo``/``pdftotext`` as the report tests do; a test that needs them is
skipped where poppler-utils is not installed (`.ci/run` installs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def _poppler(tool: str, path: Path) -> str:
    if not shutil.which(tool):
        pytest.skip(f"poppler-utils ({tool}) not installed")
    return subprocess.run([tool, str(path), "-"] if tool == "pdftotext" else [tool, str(path)],
                          check=True, capture_output=True, text=True).stdout


def page_size_mm(path: Path) -> tuple[float, float]:
    """Width and height of the first page, in millimetres."""
    size = re.search(r"Page size:\s*([\d.]+) x ([\d.]+) pts", _poppler("pdfinfo", path))
    assert size is not None, "no page size"
    return float(size.group(1)) * 25.4 / 72, float(size.group(2)) * 25.4 / 72


def text_runs(path: Path) -> list[str]:
    """The text drawn on the pages, one string per line."""
    return _poppler("pdftotext", path).splitlines()
