"""Push cost (issue 4): drop the service index nothing reads; SQLite's report marks as WHEN clauses.

- ``ix_help_session_service_service`` (SQLite and PostgreSQL): every service row of every pushed
  session paid a B-tree insert into it, and no query reads by service alone (the reports group
  the rows of a digipunt/date range by service: ``ix_help_session_service_local_date``; the
  aggregates of migration 0004 answer whole months). ~1.4 ms of a 500-session push on SQLite.
- SQLite's per-row insert and delete triggers on ``help_session`` (migration 0004) ran an
  ``INSERT ... SELECT ... WHERE NOT EXISTS`` for every row; now the look-up is the trigger's
  ``WHEN`` clause and the INSERT runs only for a (digipunt, month) not marked yet, which a push
  of many sessions of a few months mostly is not (~1 ms of a 500-session push). Same names,
  same marks; the update trigger (two marks: old and new row) and PostgreSQL's statement
  triggers are unchanged.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 17:45:00
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_MONTH = "date({r}.local_date, 'start of month')"
_WHEN = ("WHEN NOT EXISTS (SELECT 1 FROM report_dirty WHERE month = " + _MONTH
         + " AND digipunt_id = {r}.digipunt_id)")
_MARK = "INSERT INTO report_dirty (digipunt_id, month) VALUES ({r}.digipunt_id, " + _MONTH + ");"


def _trigger(name: str, event: str, r: str) -> str:
    return (f"CREATE TRIGGER {name} AFTER {event} ON help_session "
            f"{_WHEN.format(r=r)} BEGIN {_MARK.format(r=r)} END")


SQLITE_TRIGGERS = {
    "help_session_report_ins": _trigger("help_session_report_ins", "INSERT", "NEW"),
    "help_session_report_del": _trigger("help_session_report_del", "DELETE", "OLD"),
}

# Migration 0004's triggers, for the downgrade.
_OLD_MARK = """
    INSERT INTO report_dirty (digipunt_id, month)
    SELECT {r}.digipunt_id, date({r}.local_date, 'start of month')
    WHERE NOT EXISTS (
        SELECT 1 FROM report_dirty
        WHERE month = date({r}.local_date, 'start of month') AND digipunt_id = {r}.digipunt_id
    );"""
_OLD_TRIGGERS = [
    "CREATE TRIGGER help_session_report_ins AFTER INSERT ON help_session BEGIN"
    + _OLD_MARK.format(r="NEW") + "\nEND",
    "CREATE TRIGGER help_session_report_del AFTER DELETE ON help_session BEGIN"
    + _OLD_MARK.format(r="OLD") + "\nEND",
]


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_help_session_service_service")
    if _sqlite():
        for name, statement in SQLITE_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(statement)


def downgrade() -> None:
    op.create_index("ix_help_session_service_service", "help_session_service", ["service"])
    if _sqlite():
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in _OLD_TRIGGERS:
            op.execute(statement)
