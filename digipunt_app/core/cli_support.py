"""What every headless command shares: its one-line messages and opening the store."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def say(text: str) -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(f"digipunt: {text}", file=sys.stderr, flush=True)


def open_store(args: argparse.Namespace) -> Any:
    """The store of ``--data-dir`` (or the default folder); a recovery is said on stderr."""
    from digipunt_app.core.config import data_dir
    from digipunt_app.core.store import Store

    store = Store.open(data_dir(getattr(args, "data_dir", None)))
    if store.recovery_message:
        err(store.recovery_message)
    return store
