"""One sync at a time per data folder, across processes (the window's timer and ``digipunt sync``).

An exclusive OS file lock on ``<data dir>/sync.lock``, taken without waiting. The OS drops it when
the holder dies (even by kill -9 or a power cut), so whoever gets it knows that no push is in
flight anywhere: leases left by a crashed sync can be lifted at once instead of waiting for them to
expire.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO


class SyncLock:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / "sync.lock"
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; False when another sync is running."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held until release()
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                self._file.seek(0)
                msvcrt.locking(self._file.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        finally:
            self._file.close()
            self._file = None

    def __enter__(self) -> SyncLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
