"""Where the desktop app keeps its files.

One place decides the data and log folders (DESIGN.md §4):

- ``--data-dir DIR`` wins when given;
- PORTABLE mode: a file named ``portable.txt`` next to the executable (``sys.executable``'s folder
  when frozen by PyInstaller, the project root when run from source) keeps everything in a
  ``data/`` folder beside it, so the app can run from a USB stick;
- otherwise platformdirs' per-user data folder (``user_data_dir("Digipunt", False)``).

Logs go to ``<data>/logs`` in portable or ``--data-dir`` mode, else to platformdirs' log folder.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_NAME = "Digipunt"
PORTABLE_MARKER = "portable.txt"
DATA_FILE_NAME = "digipunt.sqlite3"
BACKUP_DIR_NAME = "backups"


def app_dir() -> Path:
    """The folder of the executable (frozen) or of the source checkout (from source)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def portable_dir(base: Path | None = None) -> Path | None:
    """``<base>/data`` when ``<base>/portable.txt`` exists, else None."""
    base = app_dir() if base is None else base
    if (base / PORTABLE_MARKER).is_file():
        return base / "data"
    return None


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    log_dir: Path
    portable: bool

    @property
    def data_file(self) -> Path:
        return self.data_dir / DATA_FILE_NAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_DIR_NAME


def resolve_paths(data_dir: str | Path | None = None, base: Path | None = None) -> Paths:
    """Decide the data and log folders (nothing is created here)."""
    if data_dir is not None:
        root = Path(data_dir).expanduser().resolve()
        return Paths(root, root / "logs", portable=False)
    portable = portable_dir(base)
    if portable is not None:
        return Paths(portable, portable / "logs", portable=True)
    return Paths(
        Path(user_data_dir(APP_NAME, False)),
        Path(user_log_dir(APP_NAME, False)),
        portable=False,
    )


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder (see module docstring)."""
    return resolve_paths(override).data_dir


def log_dir(override: str | Path | None = None) -> Path:
    """The log folder (see module docstring)."""
    return resolve_paths(override).log_dir
