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

On PostgreSQL every statement is a round trip to another process, so a group runs without the
savepoints (``_land_group_pg``): a job that answers a problem (403, 409) has written nothing but
the device's ``last_seen``, and any other failure rolls the whole group back, after which each job
runs again alone. The common pushes of a group (new records only) are one statement each, all
sent in one pipeline (``push_pg.py``); the feed lock, the feed rows of every job and the COMMIT go
out in a second one: a group of such pushes costs two round trips.

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

from sync.server.rawsql import pipelined, raw

log = logging.getLogger("digipunt.server")


def _is_problem(err: BaseException) -> bool:
    """An answer the job chose (``ApiProblem``: 403, 409, ...), not a failure to retry."""
    from sync.server.problems import ApiProblem  # not at import: the admin CLI needs no FastAPI

    return isinstance(err, ApiProblem)


MAX_GROUP = 64
#: times a job alone runs again after PostgreSQL chose its transaction as a deadlock victim
#: (or failed it to serialize): a job waiting for a device row behind two groups that lock
#: theirs in opposite orders can be the victim although it holds nothing (``_transient``)
TRANSIENT_TRIES = 3


class WriteJob(Protocol):
    """Work for the writer: ``land`` (records, under a savepoint), then ``feed`` (feed rows)."""

    def land(self, conn: Connection) -> bool:
        """Write the records; True when feed rows follow. An ``ApiProblem`` must be raised
        before writing anything but the device's ``last_seen`` (or after rolling back a
        savepoint of the job's own): on PostgreSQL a group's jobs share one transaction."""

    def feed(self, cur: Any) -> None:
        """Write the feed rows (the feed lock is held). Statements only: on PostgreSQL ``cur``
        queues them in the writer's pipeline and gives no results back."""


def _transient(err: BaseException) -> bool:
    """A PostgreSQL deadlock victim (40P01) or serialization failure (40001), also as
    SQLAlchemy wraps it: the transaction was rolled back and running the job again succeeds."""
    for exc in (err, getattr(err, "orig", None)):
        if getattr(exc, "sqlstate", None) in ("40P01", "40001"):
            return True
    return False


class _Ticket:
    __slots__ = ("job", "loop", "future", "error", "tries")

    def __init__(self, job: WriteJob, loop: asyncio.AbstractEventLoop,
                 future: asyncio.Future[Any]) -> None:
        self.job = job
        self.loop = loop
        self.future = future
        self.error: BaseException | None = None
        self.tries = 0  # runs again alone after a transient failure (``TRANSIENT_TRIES``)

    def again(self, err: BaseException) -> bool:
        """Run this job again alone after ``err`` when it failed by a transient one."""
        if not _transient(err) or self.tries >= TRANSIENT_TRIES:
            return False
        self.tries += 1
        return True


def _resolve(future: asyncio.Future[Any], job: WriteJob, error: BaseException | None) -> None:
    if future.done():  # the request went away meanwhile
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(job)


def _resolve_all(tickets: list[_Ticket]) -> None:
    for ticket in tickets:
        _resolve(ticket.future, ticket.job, ticket.error)


def _wake(tickets: list[_Ticket]) -> None:
    """Hand the answers of a group to their event loops: one ``call_soon_threadsafe`` per loop
    (each wakes the loop through a pipe and takes the GIL from this thread), not one per job."""
    by_loop: dict[asyncio.AbstractEventLoop, list[_Ticket]] = {}
    for ticket in tickets:
        by_loop.setdefault(ticket.loop, []).append(ticket)
    for loop, mine in by_loop.items():
        loop.call_soon_threadsafe(_resolve_all, mine)


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
        _wake([ticket for ticket in group if ticket not in retry])
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
            if group[0].again(err):
                retry[:] = group
                return
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
    """Every job's records, then every feed row after one lock (the caller commits).

    PostgreSQL: ``_land_group_pg`` (no savepoint per job, the tail in one round trip). SQLite:
    each job runs under a savepoint of its own."""
    if not db.is_sqlite:
        _land_group_pg(db, conn, group)
        return
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
                if (len(group) > 1 and not _is_problem(err)) or ticket.again(err):
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


class _GroupFailed(Exception):
    """A job of a PostgreSQL group failed in a way that may have left writes of its own: the
    whole group is rolled back and each job runs again alone (a job alone raises its error
    itself: ``GroupWriter._failed`` runs it again when that was transient)."""


def _aborted(dbapi: Any) -> bool:
    """The PostgreSQL transaction is in error (a statement failed): only a rollback helps."""
    from psycopg.pq import TransactionStatus  # only on PostgreSQL (SQLite never gets here)

    return bool(dbapi.info.transaction_status == TransactionStatus.INERROR)


class _Queued:
    """The cursor ``WriteJob.feed`` gets on PostgreSQL: its statements join the writer's open
    pipeline (they return nothing that is read), so no ``pipelined`` block of its own syncs."""

    connection = None  # ``rawsql.pipelined`` finds no pipeline to open: statements just queue

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, query: Any, params: Any = None) -> None:
        self._cur.execute(query, params)

    @property
    def raw_cursor(self) -> Any:
        """A ``psycopg.RawCursor`` on the same connection (``rawsql.pg_insert_rows``)."""
        import psycopg

        return psycopg.RawCursor(self._cur.connection)


def _land_quick_pg(dbapi: Any, group: list[_Ticket], landed: list[_Ticket]) -> list[_Ticket]:
    """Every common push of the group as one statement, all in one pipeline (``push_pg``);
    the jobs left to run their own ``land``, in queue order. Those that landed join ``landed``.

    When a statement fails (a lost race: another transaction stored one of the ids meanwhile)
    the savepoint taken first is rolled back and every job runs its own ``land``."""
    from sync.server.push_pg import plan

    quick = [(ticket, q) for ticket in group if (q := plan(ticket.job)) is not None]
    if not quick:
        return group
    import psycopg

    cursors = [psycopg.RawCursor(dbapi) for _ in range(len(quick) + 1)]
    ctl = cursors[-1]  # the savepoint's (a cursor keeps the last result of its own)
    try:
        try:
            with dbapi.pipeline():
                ctl.execute("SAVEPOINT dp_group")
                for cur, (_ticket, q) in zip(cursors, quick, strict=False):
                    cur.execute(q.statement, q.params)
                ctl.execute("RELEASE SAVEPOINT dp_group")  # skipped after an error
        except psycopg.Error as err:
            if not _aborted(dbapi):
                raise
            if err.sqlstate not in ("23505", "40P01"):  # a lost race or a deadlock: expected
                log.warning("quick push statement failed: %r", err)  # now and then; this not
            with dbapi.pipeline():
                ctl.execute("ROLLBACK TO SAVEPOINT dp_group")
                ctl.execute("RELEASE SAVEPOINT dp_group")
            return group
        left: set[int] = set()
        for cur, (ticket, q) in zip(cursors, quick, strict=False):
            done = q.landed(cur.fetchone())
            if done is None:  # no such device: the job finds none either
                continue
            if done:
                landed.append(ticket)
            else:
                left.add(id(ticket))
    finally:
        for cur in cursors:
            cur.close()
    quick_ids = {id(ticket) for ticket, _ in quick}
    return [t for t in group if id(t) not in quick_ids or id(t) in left]


def _land_group_pg(db: Any, conn: Connection, group: list[_Ticket]) -> None:
    """The jobs of a group (one or several) in one PostgreSQL transaction, without a savepoint
    per job: the common pushes first, one statement each (``_land_quick_pg``), then each other
    job's own ``land``.

    A job either lands whole, or raises ``ApiProblem`` (403, 409) having written nothing but the
    device's ``last_seen`` (the push code checks ownership before writing; its careful path
    rolls back a savepoint of its own), or fails otherwise: then the group is rolled back and
    every job without an answer runs again alone (``GroupWriter._failed``); a job alone raises
    its error, and ``_failed`` runs it again when the error was transient (a deadlock).
    The feed lock, every feed row and the COMMIT go out in one pipeline (one round trip); the
    lock is taken after every job's session writes, as a single push does."""
    from sync.server.push_pg import write_feed_quick

    dbapi = raw(conn)
    quick: list[_Ticket] = []  # landed by their one statement: their feed rows in one more
    feeding: list[_Ticket] = []
    for ticket in _land_quick_pg(dbapi, group, quick):
        try:
            wants_feed = ticket.job.land(conn)
        except Exception as err:
            ticket.error = err
            if not _is_problem(err) or _aborted(dbapi):
                if len(group) == 1:
                    raise
                raise _GroupFailed() from err
            continue
        if _aborted(dbapi):  # an error swallowed on the way: nothing of this group may commit
            raise _GroupFailed()
        if wants_feed:
            feeding.append(ticket)
    cur = dbapi.cursor()
    try:
        with dbapi.pipeline():
            if feeding or quick:
                db.lock_feed_raw(cur)
                if quick:
                    write_feed_quick(cur, [ticket.job for ticket in quick])
                queued = _Queued(cur)
                for ticket in feeding:
                    ticket.job.feed(queued)
            cur.execute("COMMIT")  # the caller's commit then finds nothing left to do
        if cur.statusmessage != "COMMIT":  # "ROLLBACK": the transaction was in error after all
            raise _GroupFailed()
    finally:
        cur.close()
