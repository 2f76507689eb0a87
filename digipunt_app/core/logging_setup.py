"""Rotating log file for the desktop app, with personal data masked before anything is written.

Called once at start by ``digipunt_app.cli.main`` with the log folder from ``core.config`` (the
platformdirs user log dir, or ``data/logs`` beside the executable in portable mode). Logs are for IT
staff chasing a problem: what happened and when, never what a volunteer typed. Code that logs must
not pass visitor data at all; :class:`RedactingFilter` is the safety net for what slips through
(exception messages, URLs, paths), masking e-mail addresses, IBANs, phone and national register
numbers, visitor codes and bearer tokens.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_FILE_NAME = "digipunt.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5  # digipunt.log + 5 old files: at most ~6 MB on a shared PC
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_HANDLER_NAME = "digipunt-file"


def _mask_phone(match: re.Match[str]) -> str:
    """Belgian phone numbers have 9 (landline) or 10 (mobile) digits in national form."""
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    international = text.startswith(("+", "00"))
    wanted = {10, 11, 12, 13} if international else {9, 10}
    return "[telefoon]" if digits in wanted else text


_Mask = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]
_MASKS: list[_Mask] = [
    (re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1[token]"),
    (re.compile(r"(?i)\b(token|code|password|secret)(\s*[=:]\s*)[^\s&,;]+"), r"\1\2[weg]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b"), "[iban]"),
    # Visitor codes in canonical form (XXXX-XXXX-C, Crockford base32).
    (
        re.compile(r"\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]\b"),
        "[bezoekerscode]",
    ),
    # National register numbers: yy.mm.dd-xxx.cc, with or without punctuation.
    (re.compile(r"\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}\b"), "[nummer]"),
    # Phone numbers (+32 / 0032 / 0...), judged by their digit count so dates stay readable.
    (re.compile(r"(?<![\w.:/-])(?:\+|00|0)\d(?:[\s./-]?\d){7,12}\b"), _mask_phone),
]


def redact(text: str) -> str:
    """``text`` with anything that looks like personal data or a secret replaced by a label."""
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks personal data in the final message, arguments and traceback of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_file(log_dir: Path) -> Path:
    return Path(log_dir) / LOG_FILE_NAME


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send the app's logging to a rotating file in ``log_dir``; returns the file's path.

    Safe to call more than once (the previous file handler is replaced). When the folder cannot be
    created or written (read-only USB stick, locked-down profile) the app still runs: logging falls
    back to stderr and ``None`` is returned.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    path = log_file(log_dir)
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
        result: Path | None = path
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        result = None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(min(level, root.level) if root.level != logging.NOTSET else level)
    _install_excepthooks()
    _log_start()
    return result


def _log_start() -> None:
    """One line per start, so IT staff can match a problem to a version and platform.

    Cheap on purpose (it runs before the window shows): the version comes from the build's
    ``_version.py`` or the installed ``digipunt-*.dist-info`` folder's name, not from
    ``importlib.metadata`` (~20 ms of imports), and the platform from ``os.uname`` rather than
    the ``platform`` module."""
    build = "bundle" if getattr(sys, "frozen", False) else "source"
    logging.getLogger("digipunt").info(
        "Digipunt %s start (%s, Python %s, %s)",
        _version(),
        build,
        sys.version.split()[0],
        _platform_name(),
    )


def _version() -> str:
    try:
        from digipunt_app._version import __version__ as frozen_version  # written by the build

        return str(frozen_version)
    except ImportError:
        pass
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as found:
                for item in found:
                    name = item.name
                    if name.startswith("digipunt-") and name.endswith(".dist-info"):
                        return name[len("digipunt-"):-len(".dist-info")]
        except OSError:
            continue
    return "0.0.0"


def _platform_name() -> str:
    if hasattr(os, "uname"):
        u = os.uname()
        return f"{u.sysname}-{u.release}-{u.machine}"
    if sys.platform == "win32":
        v = sys.getwindowsversion()
        return f"Windows-{v.major}.{v.minor}.{v.build}"
    return sys.platform


def _log_uncaught(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    logging.getLogger("digipunt").critical("Onverwachte fout", exc_info=(exc_type, exc, tb))
    sys.__excepthook__(exc_type, exc, tb)


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    logging.getLogger("digipunt").critical(
        "Onverwachte fout in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def _install_excepthooks() -> None:
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
