"""SQL of the session list (count and ordered ids), built so each filter is an index range scan.

The list must stay fast at 200,000 sessions (DESIGN.md §10: open <= 150 ms, filter p95 <= 50 ms),
so this module writes the SQL by hand and runs it on the DBAPI cursor (no ORM rows for 200k ids):

- no service filter: ``FROM help_session h`` with ``h.deleted = 0`` first, matching the
  ``ix_help_session_*_list`` indexes (``deleted, <column>, started_at, id``);
- service filter: ``FROM session_service ss`` (which carries ``started_at`` and ``deleted``) joined
  to ``help_session`` only when another filter needs it;
- notes search: ``notes <> '' AND notes LIKE ?`` so the partial index ``ix_help_session_notes_list``
  (only sessions with notes, already in list order) is scanned instead of the table;
- the ordered ids come back as one ``group_concat`` string split in Python: ~25% faster than
  200k one-column rows (the order of an ordered subquery feeding an aggregate is kept by SQLite;
  a test checks it against the plain query).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from digipunt_app.core.models import from_db_time, to_db_time
from digipunt_app.core.records import SessionFilter, SessionRow

SORT_COLUMNS = {
    "started_at": None,
    "duration_min": "h.duration_min",
    "outcome": "h.outcome",
    "channel": "h.channel",
    "helper": "lower(hp.display_name)",
}


def _where(flt: SessionFilter) -> tuple[str, str, list[Any], bool]:
    """FROM clause, WHERE clause, params, and whether ``ss`` drives the query."""
    from digipunt_app.core.sessions import utc_bounds

    params: list[Any] = []
    where: list[str] = []
    by_service = bool(flt.service)
    t = "ss" if by_service else "h"
    if by_service:
        where.append("ss.service = ?")
        params.append(flt.service)
    if not flt.include_deleted:
        where.append(f"{t}.deleted = 0")
    start, end = utc_bounds(flt)
    if start is not None:
        where.append(f"{t}.started_at >= ?")
        params.append(to_db_time(start))
    if end is not None:
        where.append(f"{t}.started_at < ?")
        params.append(to_db_time(end))
    needs_h = False
    if flt.helper_id:
        where.append("h.helper_id = ?")
        params.append(flt.helper_id)
        needs_h = True
    if flt.outcome:
        where.append("h.outcome = ?")
        params.append(flt.outcome)
        needs_h = True
    text = (flt.text or "").strip()
    if text:
        needs_h = True
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("h.notes <> '' AND h.notes LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    if by_service:
        source = "session_service ss"
        if needs_h:
            source += " JOIN help_session h ON h.id = ss.session_id"
    else:
        source = "help_session h"
    return source, " AND ".join(where) or "1", params, by_service


def count_sql(flt: SessionFilter) -> tuple[str, list[Any]]:
    source, where, params, _ = _where(flt)
    return f"SELECT count(*) FROM {source} WHERE {where}", params


def ids_sql(
    flt: SessionFilter,
    sort_key: str,
    descending: bool,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list[Any]]:
    source, where, params, by_service = _where(flt)
    t, id_col = ("ss", "ss.session_id") if by_service else ("h", "h.id")
    column = SORT_COLUMNS[sort_key]
    if column is None:
        direction = "DESC" if descending else "ASC"
        order = f"{t}.started_at {direction}, {id_col} {direction}"
    else:
        if not source.startswith("help_session") and " h " not in f"{source} ":
            source += " JOIN help_session h ON h.id = ss.session_id"
        if sort_key == "helper":
            source += " LEFT JOIN helper hp ON hp.id = h.helper_id"
        order = f"{column} {'DESC' if descending else 'ASC'}, h.started_at DESC, h.id DESC"
    sql = f"SELECT {id_col} AS id FROM {source} WHERE {where} ORDER BY {order}"
    if limit is not None:  # one page of the list (the UI model fetches pages lazily)
        sql += " LIMIT ? OFFSET ?"
        params = [*params, int(limit), int(offset)]
    return sql, params


def run_count(db: Session, flt: SessionFilter, cache: dict[str, Any] | None = None) -> int:
    sql, params = count_sql(flt)
    cur = db.connection().connection.driver_connection.execute(sql, params)  # type: ignore[union-attr]
    return int(cur.fetchone()[0])


def run_ids(
    db: Session,
    flt: SessionFilter,
    sort_key: str,
    descending: bool,
    cache: dict[str, Any],
    limit: int | None = None,
    offset: int = 0,
) -> list[str]:
    sql, params = ids_sql(flt, sort_key, descending, limit, offset)
    conn = db.connection().connection.driver_connection
    if limit is None:  # all ids: one string, split in C (ids are UUIDs: no commas)
        joined = conn.execute(  # type: ignore[union-attr]
            f"SELECT group_concat(id, ',') FROM ({sql})", params
        ).fetchone()[0]
        return joined.split(",") if joined else []
    cur = conn.execute(sql, params)  # type: ignore[union-attr]
    return [row[0] for row in cur.fetchall()]


_ROWS_SQL = (
    "SELECT h.id, h.rev, h.started_at, h.local_date, h.duration_min, h.services, h.outcome, "
    "h.channel, h.age_band, h.adult_confirmed, h.helper_id, hp.display_name, h.visitor_code, "
    "h.notes, h.deleted, h.synced_rev FROM help_session h LEFT JOIN helper hp "
    "ON hp.id = h.helper_id WHERE h.id IN ({marks})"
)


def run_rows(db: Session, ids: list[str]) -> list[SessionRow]:
    """List rows for ``ids`` (any order; at most a few hundred per call)."""
    if not ids:
        return []
    sql = _ROWS_SQL.format(marks=",".join("?" * len(ids)))
    cur = db.connection().connection.driver_connection.execute(sql, ids)  # type: ignore[union-attr]
    return [
        SessionRow(
            id=r[0],
            rev=r[1],
            started_at=from_db_time(r[2]),
            local_date=date.fromisoformat(r[3]),
            duration_min=r[4],
            services=tuple(json.loads(r[5])),
            outcome=r[6],
            channel=r[7],
            age_band=r[8],
            adult_confirmed=bool(r[9]),
            helper_id=r[10],
            helper_name=r[11],
            visitor_code=r[12],
            notes=r[13],
            deleted=bool(r[14]),
            pending_sync=r[1] != r[15],
        )
        for r in cur.fetchall()
    ]
