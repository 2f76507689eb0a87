"""Group commit: one thread per server process runs the sync writes, many requests per transaction.

A push used to be one transaction of its own, on a thread-pool thread, serialised behind the
others (SQLite has one writer; PostgreSQL's feed lock serialises the feed rows anyway). With the
database made durable (SQLite ``synchronous=FULL``: every commit waits for the disk), a burst of
pushes would wait for a disk flush each. Here the jobs that arrive while one transaction runs are
taken together into the next one:

- each job's records are landed under a SAVEPOINT of its own, so a job that fails (403, a bug)
  is rolled back alone and the others still commit;
- then the feed rows of every job are written after one ``lock_feed`` (PostgreSQL), so session
  writes come before the feed lock as with a single push;
- then one COMMIT; only after it are the answers handed back (an ``accepted`` answer is durable).

If the group's feed or commit fails, each job is run again alone. Answers are delivered to the
asyncio loop of the request (``call_soon_threadsafe``). The thread holds the process-wide SQLite
write lock of ``Database.write`` while a transaction is open.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from typing import Any, Protocol

from sqlalchemy.engine import Connection

from sync.server.rawsql import raw

log = logging.getLogger("digipunt.server")


def _is_problem(err: BaseException) -> bool:
    """An answer the job chose (``ApiProblem``: 403, 409, ...), not a failure to retry."""
    from sync.server.problems import ApiProblem  # not at import: the admin CLI needs no FastAPI

    return isinstance(err, ApiProblem)


MAX_GROUP = 64


class WriteJob(Protocol):
    """Work for the writer: ``land`` (records, under a savepoint), then ``feed`` (feed rows)."""

    def land(self, conn: Connection) -> bool:
        """Write the records; True when feed rows follow."""

    def feed(self, cur: Any) -> None:
        """Write the feed rows (the feed lock is held)."""


class _Ticket:
    __slots__ = ("job", "loop", "future", "error")

    def __init__(self, job: WriteJob, loop: asyncio.AbstractEventLoop,
                 future: asyncio.Future[Any]) -> None:
        self.job = job
        self.loop = loop
        self.future = future
        self.error: BaseException | None = None


def _resolve(future: asyncio.Future[Any], job: WriteJob, error: BaseException | None) -> None:
    if future.done():  # the request went away meanwhile
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(job)


class GroupWriter:
    """The writer threads of one ``Database`` (started on first use, stopped by ``close``).

    SQLite has one writer at a time: one thread. PostgreSQL runs several transactions at once
    (only their feed rows queue on the feed lock): ``threads`` writers, each with its own
    connection, each taking the next group.
    """

    def __init__(self, db: Any, threads: int = 1) -> None:
        self.db = db
        self.threads = threads
        self._queue: queue.SimpleQueue[_Ticket | None] = queue.SimpleQueue()
        self._running: list[threading.Thread] = []
        self._start_lock = threading.Lock()
        self._local = threading.local()

    async def run(self, job: WriteJob) -> WriteJob:
        """Run ``job`` in the next group transaction; returns it once committed."""
        if not self._running:
            self._start()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.put(_Ticket(job, loop, future))
        return await future

    def _start(self) -> None:
        with self._start_lock:
            if not self._running:
                for n in range(self.threads):
                    thread = threading.Thread(target=self._main, name=f"digipunt-writer-{n}",
                                              daemon=True)
                    thread.start()
                    self._running.append(thread)

    def close(self) -> None:
        running, self._running = self._running, []
        for _ in running:
            self._queue.put(None)
        for thread in running:
            thread.join(timeout=30)

    def _main(self) -> None:
        try:
            while True:
                first = self._queue.get()
                if first is None:
                    return
                group = [first]
                while len(group) < MAX_GROUP:
                    try:
                        more = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        self._queue.put(None)  # stop after this group
                        break
                    group.append(more)
                self._run(group)
        finally:
            conn = getattr(self._local, "conn", None)
            if conn is not None:
                conn.close()
                self._local.conn = None

    def _connection(self) -> Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self.db.write_connection()
        return conn

    def _run(self, group: list[_Ticket]) -> None:
        lock = self.db.sqlite_write_lock
        if lock is not None:
            lock.acquire()
        retry: list[_Ticket] = []
        try:
            self._transaction(group, retry)
        finally:
            if lock is not None:
                lock.release()
        for ticket in group:
            if ticket not in retry:
                ticket.loop.call_soon_threadsafe(_resolve, ticket.future, ticket.job,
                                                 ticket.error)
        for ticket in retry:
            ticket.error = None
            self._run([ticket])

    def _transaction(self, group: list[_Ticket], retry: list[_Ticket]) -> None:
        try:
            conn = self._connection()
            tx = conn.begin()
        except Exception as err:  # no database: every job fails
            self._drop_connection()
            for ticket in group:
                ticket.error = err
            return
        try:
            land_group(self.db, conn, group, retry)
            tx.commit()
        except Exception as err:
            self._failed(tx, group, retry, err)

    def _failed(self, tx: Any, group: list[_Ticket], retry: list[_Ticket],
                err: Exception) -> None:
        """The group's feed or commit failed: roll back; each job runs again alone."""
        try:
            tx.rollback()
        except Exception:  # the connection is gone: a new one next time
            self._drop_connection()
        if len(group) == 1:
            log.exception("sync write failed", exc_info=err)
            group[0].error = err
        else:
            retry[:] = [t for t in group if t.error is None or not _is_problem(t.error)]
            for t in retry:
                t.error = None

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.invalidate()
                conn.close()
            except Exception:
                pass


def land_group(db: Any, conn: Connection, group: list[_Ticket], retry: list[_Ticket]) -> None:
    """Every job's records under a savepoint of its own, then every feed row after one lock.

    On PostgreSQL a job's RELEASE and the next job's SAVEPOINT go out in one round trip."""
    from sync.server.push import pipelined

    cur = raw(conn).cursor()
    try:
        feeding: list[_Ticket] = []
        cur.execute("SAVEPOINT dp_job")
        for n, ticket in enumerate(group):
            last = n == len(group) - 1
            try:
                wants_feed = ticket.job.land(conn)
            except Exception as err:
                cur.execute("ROLLBACK TO SAVEPOINT dp_job")
                ticket.error = err
                if len(group) > 1 and not _is_problem(err):
                    retry.append(ticket)  # a deadlock or a lost race: alone, once more
            else:
                if wants_feed:
                    feeding.append(ticket)
            with pipelined(cur):
                cur.execute("RELEASE SAVEPOINT dp_job")
                if not last:
                    cur.execute("SAVEPOINT dp_job")
        if feeding:
            db.lock_feed_raw(cur)
            for ticket in feeding:
                ticket.job.feed(cur)
    finally:
        cur.close()
