"""Report speed for any period: per-day aggregates kept by triggers, a small index for reach.

``report_day`` holds, per Europe/Brussels ``local_date``, how many live (not deleted) sessions
and how many of their minutes fall under each code of each breakdown:

==============  =============================================================================
dim             code
==============  =============================================================================
total           ``''`` (every session of the day)
estimated       ``''`` (adult confirmed, first visit ``yes``, no visitor code: DESIGN §3)
outcome         the outcome
channel         the channel
age_band        the age band
helper          the helper id (sessions without a helper: dim ``no_helper``, code ``''``)
service         each entry of ``services`` (as ``json_each`` lists it)
referral        each entry of ``referrals``
target_group    each entry of ``target_groups``
==============  =============================================================================

Triggers on ``help_session`` keep it right for every writer (entry form, import, sync pull,
retention, enrolment): an insert adds the row's contributions, a delete subtracts them, an update
of a counted column subtracts the old version and adds the new one (a tombstone contributes
nothing, so deleting and undeleting just toggle it). Rows whose count drops to 0 stay (at most
one per day and code); the report skips them. A report over a period then sums at most ~100
rows per day instead of reading every session.

Unique adults with a code cannot be summed per day, so they come from
``ix_help_session_reach``: a partial index over (local_date, visitor_code) of the live,
adult-confirmed sessions with a code, read without touching the table (``deleted`` and
``adult_confirmed`` ride along so that SQLite sees the index as covering).

The reports' earlier covering index ``ix_help_session_report`` (made on the first report, ~2 s)
is dropped.

Revision ID: 0004_report_day
Revises: 0003_notes_index
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0004_report_day"
down_revision = "0003_notes_index"
branch_labels = None
depends_on = None

# The columns a report reads; an update that touches none of them leaves report_day alone.
_COUNTED = (
    "local_date", "deleted", "duration_min", "outcome", "channel", "age_band", "helper_id",
    "adult_confirmed", "first_visit", "visitor_code", "services", "referrals", "target_groups",
)


# (dim, code, list column expanded by json_each or None, condition or None); {r} is the row.
_ARMS = (
    ("total", "''", None, None),
    ("outcome", "{r}.outcome", None, None),
    ("channel", "{r}.channel", None, None),
    ("age_band", "{r}.age_band", None, None),
    ("helper", "{r}.helper_id", None, "{r}.helper_id IS NOT NULL"),
    ("no_helper", "''", None, "{r}.helper_id IS NULL"),
    (
        "estimated",
        "''",
        None,
        "{r}.adult_confirmed = 1 AND {r}.first_visit = 'yes' "
        "AND COALESCE({r}.visitor_code, '') = ''",
    ),
    ("service", "j.value", "services", None),
    ("referral", "j.value", "referrals", None),
    ("target_group", "j.value", "target_groups", None),
)


def _parts(row: str) -> str:
    """(local_date, dim, code, minutes) of every contribution of ``row`` (NEW or OLD in a
    trigger), one line per counted code."""
    arms = []
    for dim, code, listed, cond in _ARMS:
        arms.append(
            f"SELECT {row}.local_date AS local_date, '{dim}' AS dim, {code} AS code, "
            f"{row}.duration_min AS minutes"
            + (f" FROM json_each({row}.{listed}) AS j" if listed else "")
            + (f" WHERE {cond}" if cond else "")
        )
    return "\n        UNION ALL ".join(arm.format(r=row) for arm in arms)


def _apply(row: str, sign: int) -> str:
    """Add (sign 1) or subtract (sign -1) ``row``'s contributions when it is live."""
    return f"""
        INSERT INTO report_day (dim, local_date, code, sessions, minutes)
        SELECT p.dim, p.local_date, p.code, {sign}, {sign} * p.minutes
        FROM ({_parts(row)}) AS p
        WHERE {row}.deleted = 0 AND p.code IS NOT NULL
        ON CONFLICT (dim, local_date, code) DO UPDATE SET
            sessions = sessions + excluded.sessions, minutes = minutes + excluded.minutes;
    """


_CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _COUNTED)

_TABLE = """
CREATE TABLE report_day (
    dim TEXT NOT NULL,
    local_date TEXT NOT NULL,
    code TEXT NOT NULL,
    sessions INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    PRIMARY KEY (dim, local_date, code)
) WITHOUT ROWID
"""

_TRIGGERS = [
    f"""
    CREATE TRIGGER help_session_report_insert AFTER INSERT ON help_session
    WHEN NEW.deleted = 0
    BEGIN
        {_apply("NEW", 1)}
    END
    """,
    f"""
    CREATE TRIGGER help_session_report_delete AFTER DELETE ON help_session
    WHEN OLD.deleted = 0
    BEGIN
        {_apply("OLD", -1)}
    END
    """,
    f"""
    CREATE TRIGGER help_session_report_update AFTER UPDATE OF {", ".join(_COUNTED)}
    ON help_session
    WHEN (OLD.deleted = 0 OR NEW.deleted = 0) AND ({_CHANGED})
    BEGIN
        {_apply("OLD", -1)}
        {_apply("NEW", 1)}
    END
    """,
]

# Filling for the sessions already there: the counted columns of the live sessions are copied
# once into a narrow temp table (one scan of the wide session rows; scanning them once per
# breakdown took 3x longer), then each breakdown is one GROUP BY over it.
_LIVE = (
    f"CREATE TEMP TABLE report_live AS SELECT {', '.join(_COUNTED)} "
    "FROM help_session WHERE deleted = 0"
)


def _fill() -> list[str]:
    out = []
    for dim, code, listed, cond in _ARMS:
        source = "temp.report_live AS h" + (f", json_each(h.{listed}) AS j" if listed else "")
        where = " AND ".join(c for c in (cond, f"{code} IS NOT NULL") if c).format(r="h")
        out.append(
            "INSERT INTO report_day (dim, local_date, code, sessions, minutes) "
            f"SELECT '{dim}', h.local_date, {code.format(r='h')} AS code, COUNT(*), "
            f"SUM(h.duration_min) FROM {source} WHERE {where} GROUP BY h.local_date, code"
        )
    return out


_REACH_INDEX = """
CREATE INDEX ix_help_session_reach
ON help_session (local_date, visitor_code, deleted, adult_confirmed)
WHERE deleted = 0 AND adult_confirmed = 1 AND COALESCE(visitor_code, '') <> ''
"""


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_help_session_report")
    op.execute(_TABLE)
    op.execute(_LIVE)
    for sql in _fill():
        op.execute(sql)
    op.execute("DROP TABLE temp.report_live")
    for sql in _TRIGGERS:
        op.execute(sql)
    op.execute(_REACH_INDEX)


def downgrade() -> None:
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS help_session_report_{trigger}")
    op.execute("DROP INDEX IF EXISTS ix_help_session_reach")
    op.execute("DROP TABLE IF EXISTS report_day")
