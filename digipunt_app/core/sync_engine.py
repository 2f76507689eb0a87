"""The app's side of sync protocol v1 (DESIGN.md §5): enrolment, push, pull. No Qt.

``SyncEngine(store)`` is used by the CLI (``digipunt enrol``/``sync``) and by the Qt client (which
runs it on its network worker). All database work is in ``sync_engine_store`` (one short SQLAlchemy
session per step); all HTTP is in ``sync.client``. One ``sync_once()``:

0. takes the per-folder sync lock (``sync_engine_lock``): one sync at a time on this PC, and
   leases left by a crashed sync are lifted at once;
1. refreshes ``/v1/sync/config`` when it is older than an hour (so an idle sync is one request);
2. pushes the outbox in batches of ``max_batch_records``. The rows of a batch are leased first (a
   crash leaves at most an expiring lease) and the batch's body is kept as its in-flight copy
   until its answers are applied, so a lost answer followed by a local edit is resent in order
   instead of becoming a false conflict. The push is a pipeline: one worker thread makes the
   requests; while a batch is on the wire this thread leases, writes and gzips the next one and
   queues it behind, so it goes out the moment the answer is in, before the answers are applied.
   So the app's work per batch overlaps the server's;
3. applies the results: accepted/duplicate -> ``synced_rev``, outbox row gone unless edited
   meanwhile; conflict -> the local version is kept in the conflicts table and the server copy comes
   by pull; rejected -> kept with its reason, not resent until edited;
4. pulls until ``has_more`` is false; each page is applied and its cursor stored in one transaction
   (with cursor 0 -- a new PC, a restored backup -- it also pulls once before pushing). The pull
   after a push is queued behind the last batch and applied after its answers.

Failures never lose anything: the outbox stays, the result says what went wrong in plain Dutch, and
``next_attempt_at`` backs off exponentially with full jitter. Every answer's ``server_time`` is
compared with the PC clock (injectable: ``clock=``); more than five minutes apart is a warning.
"""

from __future__ import annotations

import platform
import random
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from digipunt_app.core import sync_engine_store as local
from digipunt_app.core.sync_engine_lock import SyncLock
from sync import client as sc
from sync.protocol import PullResponse

CLOCK_WARNING_SECONDS = 300.0
CONFIG_MAX_AGE = timedelta(hours=1)
DEFAULT_LEASE = timedelta(minutes=2)
PULL_LIMIT = 1000
MAX_PUSH_PASSES = 4
BACKOFF_BASE_SECONDS = 10.0
BACKOFF_CAP_SECONDS = 15 * 60.0

Clock = Callable[[], datetime]
Progress = Callable[[str, int, int], None]  # (phase "push"|"pull", done, total)


def utc_now() -> datetime:
    return datetime.now(UTC)


def backoff_seconds(failures: int, rng: random.Random) -> float:
    """Full-jitter exponential backoff: uniform(0, min(cap, base * 2**(failures-1)))."""
    if failures <= 0:
        return 0.0
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** min(failures - 1, 20))
    return rng.uniform(ceiling / 10, ceiling)


class SyncCancelled(Exception):
    """The volunteer cancelled; everything done so far is kept."""


@dataclass
class SyncResult:
    """What one ``sync_once()`` did; ``error`` is a plain Dutch message when ``ok`` is false."""

    ok: bool = True
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    pending: int = 0
    requests: int = 0
    error: str | None = None
    revoked: bool = False
    cancelled: bool = False
    busy: bool = False  # another sync of this PC was running; nothing was done
    network_seconds: float = 0.0  # waiting for the server (its work plus the network)
    clock_skew_seconds: float | None = None
    rejected_details: list[str] = field(default_factory=list)

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew_seconds is not None and abs(
            self.clock_skew_seconds
        ) > CLOCK_WARNING_SECONDS

    def summary(self) -> str:
        """One line for the CLI and the status bar."""
        if self.cancelled:
            return f"Synchroniseren gestopt; nog {self.pending} wachtend."
        if not self.ok:
            return self.error or "Synchroniseren is niet gelukt."
        parts = [f"{self.accepted + self.duplicates} verstuurd", f"{self.pulled} ontvangen"]
        if self.conflicts:
            parts.append(f"{self.conflicts} conflict(en) te bekijken")
        if self.rejected:
            parts.append(f"{self.rejected} geweigerd")
        parts.append(f"{self.pending} wachtend")
        return "Gesynchroniseerd: " + ", ".join(parts) + "."


@dataclass
class _Leased:
    """A leased batch (its request body ready); ``before``: where its outbox walk began."""

    batch: local.PushBatch
    before: int


@dataclass
class _Flight:
    """A batch on the wire and the answer to come."""

    leased: _Leased
    answer: Future[tuple[bytes, int]]  # the answer's body and HTTP status (``push_raw``)


class _NotSent(Exception):
    """A request queued behind one that failed: it was never sent."""


def _unless_failed(prior: Future[Any] | None, call: Callable[..., Any], *args: Any) -> Any:
    """``call(*args)`` on the wire thread, unless the request queued before it failed (that one
    is done by now: one wire thread, first in first out)."""
    if prior is not None and prior.exception() is not None:
        raise _NotSent
    return call(*args)


@dataclass
class _Asked:
    """A pull page requested ahead (from ``cursor``)."""

    cursor: int
    page: Future[PullResponse]


@dataclass
class _OutboxWalk:
    """Where a push is in the outbox: batch size, last outbox id leased, pass number."""

    limit: int
    after: int = 0
    partial: bool = False  # an older unanswered version went: one more pass for the newer
    passes: int = 1


class NotEnrolled(sc.SyncError):
    retryable = False
    default_message = (
        "Deze pc is nog niet ingeschreven. Schrijf in met het serveradres en een code "
        "van de coördinator."
    )


class SyncEngine:
    """Push and pull for one local store. Not thread-safe: use it from one worker at a time."""

    def __init__(
        self,
        store: object,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        lease: timedelta = DEFAULT_LEASE,
        timeout: tuple[float, float] = sc.DEFAULT_TIMEOUT,
        verify: bool | str = True,
    ) -> None:
        self.store = store
        self.clock = clock
        self.rng = rng or random.Random()
        self.lease = lease
        self.timeout = timeout
        self.verify = verify

    # --- enrolment ---------------------------------------------------------------------------
    def enrol(self, server_url: str, code: str, device_name: str | None = None) -> local.SyncState:
        """Enrol this PC with a one-time code; re-home records made before enrolment.

        Raises ``sync.client.SyncError`` subclasses with a plain Dutch message.
        """
        url = sc.normalise_server_url(server_url)
        with self._client(url, token=None) as client:
            answer = client.enrol(code, device_name or default_device_name())
            client.token = answer.token
            config = client.config()
        local.save_enrolment(self.store, url, answer, config, now=self.clock())
        self._measure(answer.server_time)
        self._measure(config.server_time)
        return local.load_state(self.store)

    # --- sync --------------------------------------------------------------------------------
    def state(self) -> local.SyncState:
        return local.load_state(self.store)

    def due(self) -> bool:
        """True when a timer-driven sync should run now (enrolled and not backing off)."""
        state = local.load_state(self.store)
        if not state.enrolled:
            return False
        return state.next_attempt_at is None or state.next_attempt_at <= self.clock()

    def sync_once(
        self,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SyncResult:
        """Push everything waiting, then pull everything new. Never raises for sync failures."""
        result = SyncResult()
        state = local.load_state(self.store)
        if not state.enrolled:
            result.ok = False
            result.error = str(NotEnrolled())
            result.pending = local.pending_count(self.store)
            return result
        lock = SyncLock(Path(self.store.data_dir))
        if not lock.acquire():
            result.ok = False
            result.busy = True
            result.error = "Er loopt al een synchronisatie op deze pc; even geduld."
            result.pending = local.pending_count(self.store)
            return result
        try:
            return self._sync_locked(state, result, progress, cancelled)
        finally:
            lock.release()

    def _sync_locked(
        self,
        state: local.SyncState,
        result: SyncResult,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> SyncResult:
        # We hold the lock, so no push is in flight anywhere: leases left by a crash go now.
        local.release(self.store, None)
        client = self._client(state.server_url, token=state.token)
        # One worker thread makes the requests of a push (and the pull right after it); all
        # database work stays on this thread.
        wire = ThreadPoolExecutor(max_workers=1, thread_name_prefix="digipunt-sync")
        try:
            state = self._refresh_config(client, state)
            if state.cursor == 0:
                # A new PC (or a restored backup): take what the server has first, so the pull
                # after the push does not bring this PC's own first push back.
                self._pull_all(client, result, progress, cancelled)
            asked = self._push_all(client, wire, state, result, progress, cancelled)
            self._pull_all(client, result, progress, cancelled, asked)
        except SyncCancelled:
            result.cancelled = True
        except sc.SyncError as err:
            result.ok = False
            result.error = str(err)
            result.revoked = isinstance(err, sc.DeviceRevoked) and state.enrolled
        finally:
            wire.shutdown(wait=True)  # a request still out is waited for, never left running
            result.requests = client.stats.requests
            result.network_seconds = client.stats.seconds
            client.close()
        self._finish(result)
        return result

    def sync_until_done(
        self, attempts: int = 5, sleep: Callable[[float], None] | None = None
    ) -> SyncResult:
        """``sync_once`` with retries (backoff with jitter) for retryable failures."""
        import time

        sleeper = sleep or time.sleep
        result = self.sync_once()
        for failures in range(1, attempts):
            if result.ok or result.revoked or not result.error:
                break
            sleeper(backoff_seconds(failures, self.rng))
            result = self.sync_once()
        return result

    # --- steps -------------------------------------------------------------------------------
    def _client(self, url: str, token: str | None) -> sc.SyncClient:
        return sc.SyncClient(url, token, timeout=self.timeout, verify=self.verify)

    def _refresh_config(
        self, client: sc.SyncClient, state: local.SyncState
    ) -> local.SyncState:
        """The state with a config at most an hour old (fetched again when older)."""
        now = self.clock()
        fetched = state.config_fetched_at
        if state.max_batch_records and fetched and abs(now - fetched) < CONFIG_MAX_AGE:
            return state
        config = client.config()
        self._measure(config.server_time)
        local.save_config(self.store, config, now=now)
        return local.load_state(self.store)

    def _push_all(
        self,
        client: sc.SyncClient,
        wire: ThreadPoolExecutor,
        state: local.SyncState,
        result: SyncResult,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> _Asked | None:
        """Push the outbox batch by batch, as a pipeline: while one batch is on the wire (the
        ``wire`` thread does the HTTP; all database work stays on this thread) the next one is
        leased, written and gzipped, and as soon as the answer is in, that next batch goes out
        before the answers are applied. So the app's work per batch overlaps the server's. A
        failed push lifts the leases of both batches. The pull that follows is asked for while
        the last batch's answers are applied (returned; None when nothing was pushed)."""
        total = local.pending_count(self.store) if progress else 0
        walk = _OutboxWalk(limit=max(1, state.max_batch_records or 500))
        max_bytes = state.max_body_bytes or 5_000_000

        def lease_next() -> _Leased | None:
            """The next batch of this pass, leased, its body ready (None: the pass is done)."""
            while True:
                batch = local.lease_batch(
                    self.store, state, now=self.clock(), lease=self.lease, limit=walk.limit,
                    max_bytes=max_bytes, after_outbox_id=walk.after,
                )
                if batch.scanned == 0:
                    return None
                before, walk.after = walk.after, batch.last_outbox_id
                walk.partial = walk.partial or bool(batch.partial)
                if batch.leased_ids:
                    return _Leased(batch, before)

        def send(leased: _Leased, after: _Flight | None) -> _Flight:
            """Queue the push of ``leased`` on the wire thread: it goes out as soon as the
            answer to ``after`` is in (unless that push failed), without waiting for this
            thread."""
            prior = after.answer if after else None
            body, encoding = leased.batch.body, leased.batch.encoding
            return _Flight(leased, wire.submit(_unless_failed, prior, client.push_raw, body,
                                               encoding))

        flight: _Flight | None = None  # the batch on the wire
        asked: _Asked | None = None
        while True:
            if cancelled and cancelled():
                if flight:  # its answer is on its way: keep it, then stop
                    response = self._settle(flight, None, walk)
                    if response is not None:
                        self._apply(flight.leased.batch, response, result)
                raise SyncCancelled
            # If this fails while a batch is on the wire, the sync waits for that push before it
            # ends; its records stay in flight (resent as duplicates next time).
            ahead = lease_next()
            last = ahead is None and (not walk.partial or walk.passes >= MAX_PUSH_PASSES)
            if flight is None:
                if ahead is not None:
                    flight = send(ahead, None)
                    continue
                if last:
                    return asked
                # Older unanswered versions went first: one more pass sends the newer ones.
                walk.passes += 1
                walk.partial = False
                walk.after = 0
                continue
            # The next batch (or, after the last one, the pull) goes out the moment this answer
            # is in, before its results are applied here.
            queued = send(ahead, flight) if ahead is not None else None
            if last:
                cursor = local.load_cursor(self.store)
                asked = _Asked(cursor, wire.submit(
                    _unless_failed, flight.answer, client.pull, cursor, PULL_LIMIT
                ))
            landed, flight = flight, queued
            response = self._settle(landed, queued, walk)
            if response is None:  # too large: walked back, smaller batches
                flight = asked = None
                continue
            self._apply(landed.leased.batch, response, result)
            if progress:
                progress("push", result.pushed, max(total, result.pushed))

    def _settle(
        self, flight: _Flight, queued: _Flight | None, walk: _OutboxWalk
    ) -> sc.PushAnswer | None:
        """The answer to the batch on the wire. On failure the leases of that batch and of the
        one queued behind it are lifted (that one is never sent when the request failed; after
        an unreadable answer it was, and its answer is dropped: resent as duplicates next
        time); 413 halves the batch and walks back (None)."""
        leased = flight.leased
        try:
            return sc.SyncClient.parse_push_answer(*flight.answer.result())
        except sc.SyncError as err:
            if queued is not None:
                queued.answer.exception()  # wait until it is skipped (or done)
            self._release(leased, queued.leased if queued else None)
            if not isinstance(err, sc.TooLarge):
                # The answer is unknown: the version stays "in flight" and is resent (in
                # order, before any newer edit) next time; the leases are lifted so that can be
                # at once.
                raise
            # The server's limits are lower than the config said: halve the batch.
            if len(leased.batch.leased_ids) <= 1:
                raise
            walk.limit = max(1, len(leased.batch.leased_ids) // 2)
            walk.after = leased.before
            return None

    def _apply(
        self, batch: local.PushBatch, response: sc.PushAnswer, result: SyncResult
    ) -> None:
        self._measure(response["server_time"])
        counts = local.apply_push_results(self.store, batch, response["results"])
        result.pushed += len(batch.leased_ids)
        result.accepted += counts.accepted
        result.duplicates += counts.duplicates
        result.conflicts += counts.conflicts
        result.rejected += counts.rejected
        result.rejected_details.extend(counts.rejected_details)

    def _release(self, leased: _Leased, ahead: _Leased | None) -> None:
        batches = [leased.batch] + ([ahead.batch] if ahead else [])
        local.release(
            self.store, [i for b in batches for i in b.leased_ids], [b.batch_id for b in batches]
        )

    def _pull_all(
        self,
        client: sc.SyncClient,
        result: SyncResult,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        asked: _Asked | None = None,
    ) -> None:
        """Pull until ``has_more`` is false; ``asked``: the first page, already requested."""
        cursor = asked.cursor if asked else local.load_cursor(self.store)
        while True:
            if asked:
                page, asked = asked.page.result(), None
            else:
                if cancelled and cancelled():
                    raise SyncCancelled
                page = client.pull(cursor, PULL_LIMIT)
            self._measure(page.server_time)
            applied = local.apply_pull(self.store, page, from_cursor=cursor)
            result.pulled += applied.changes
            result.conflicts += applied.conflicts
            cursor = page.next_cursor
            if progress:
                progress("pull", result.pulled, result.pulled)
            if not page.has_more:
                return

    def _measure(self, server_time: datetime) -> None:
        """Note the clock skew; stored when it moved by a second or more (not once per batch:
        that would be a transaction per request)."""
        skew = (server_time - self.clock()).total_seconds()
        self._last_skew = skew
        saved = getattr(self, "_saved_skew", None)
        if saved is None or abs(saved - skew) >= 1.0:
            local.save_skew(self.store, skew)
            self._saved_skew = skew

    def _finish(self, result: SyncResult) -> None:
        now = self.clock()
        result.clock_skew_seconds = getattr(self, "_last_skew", None)
        result.pending = local.pending_count(self.store)
        if result.ok:
            local.record_outcome(
                self.store, now=now, ok=True, error=None, revoked=False, failures=0,
                next_attempt_at=None,
            )
        elif result.cancelled:
            pass
        else:
            failures = local.load_state(self.store).failures + 1
            retry_in = backoff_seconds(failures, self.rng)
            local.record_outcome(
                self.store, now=now, ok=False, error=result.error, revoked=result.revoked,
                failures=failures, next_attempt_at=now + timedelta(seconds=retry_in),
            )


def default_device_name() -> str:
    return (platform.node() or "pc")[:120]
