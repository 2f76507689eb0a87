"""Digipunt: record digital help sessions offline and sync them to the regional coordinator."""

from typing import Any


def __getattr__(name: str) -> Any:
    """``__version__`` on first use: importlib.metadata costs ~0.1 s, too much for every start."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("digipunt")
    except PackageNotFoundError:  # frozen or not installed: the build writes _version.py
        try:
            from digipunt_app._version import __version__ as value
        except ImportError:
            value = "0.0.0"
    globals()["__version__"] = value
    return value
