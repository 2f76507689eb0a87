"""Digipunt: record digital help sessions offline and sync them to the regional coordinator."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("digipunt")
except PackageNotFoundError:  # frozen or not installed: the build writes _version.py
    try:
        from digipunt_app._version import __version__  # type: ignore[no-redef]
    except ImportError:
        __version__ = "0.0.0"
