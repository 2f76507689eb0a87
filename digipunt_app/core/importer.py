"""Import help sessions from a spreadsheet (CSV or XLSX), DESIGN.md §8.

- CSV: ``;``, ``,`` or tab (sniffed), UTF-8 with or without BOM (Windows-1252 as a fallback);
  XLSX: the first sheet (openpyxl, read-only).
- A header row names the columns (English codes or Dutch words, see ``table_format``); unknown
  columns are ignored.
- Each bad row is reported with its line number and reason; the other rows are imported.
- Importing the same file twice adds nothing: each row gets a fingerprint of its content (plus
  how many identical rows came before it in the file) stored as ``import_key``; a row whose
  ``id`` column names a session this store already holds (an export of this store) is skipped.
- ``progress(done, total)`` is called as rows are handled; ``cancel()`` returning True stops the
  import after the current batch (rows done so far stay; importing again adds the rest).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from digipunt_app.core import helpers as helper_ops
from digipunt_app.core import outbox
from digipunt_app.core.catalog import Catalog, load_catalog
from digipunt_app.core.ids import new_id
from digipunt_app.core.local_info import current_device_id, current_digipunt_id
from digipunt_app.core.models import HelpSession, Outbox
from digipunt_app.core.records import SessionDraft, StoreError, ValidationError
from digipunt_app.core.session_rules import BRUSSELS, CleanSession, validate
from digipunt_app.core.table_format import (
    NO,
    REQUIRED,
    VALUE_ALIASES,
    YES,
    fold,
    header_key,
    split_list,
)

BATCH = 500
DEFAULT_TIME = time(12, 0)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class ImportFileError(StoreError):
    """The file as a whole cannot be imported (unreadable, no header, missing columns)."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"regel {self.line}: {self.message}"


@dataclass
class ImportResult:
    total: int = 0
    added: int = 0
    already_present: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    cancelled: bool = False
    helpers_added: list[str] = field(default_factory=list)


# --- reading files -------------------------------------------------------------------------------
def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise ImportFileError(f"Het bestand {path.name} is geen leesbaar Excel-bestand.") from exc
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        book.close()


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Header keys and ``(line, {column: value})`` for every non-empty data row."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path)
    else:
        raise ImportFileError(
            f"Kan {path.name} niet inlezen: gebruik een .csv- of .xlsx-bestand."
        )
    try:
        _, header_cells = next(rows)
    except StopIteration:
        raise ImportFileError(f"Het bestand {path.name} is leeg.") from None
    header = [header_key(str(c)) if c is not None else "" for c in header_cells]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(
            "De kolom(men) " + ", ".join(f"'{c}'" for c in missing) + " ontbreekt in de "
            "kopregel. Nodig: date (datum) en services (diensten)."
        )
    data = []
    for line, cells in rows:
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        values = {
            key: cells[i] if i < len(cells) else None for i, key in enumerate(header) if key
        }
        data.append((line, values))
    return header, data


# --- parsing values ------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        raise ValidationError("De datum ontbreekt.", "started_at")
    head = text.split("T")[0].split(" ")[0]
    try:
        if len(head) == 10 and head[4] == "-":
            return date.fromisoformat(head)
        for sep in ("/", "-", "."):
            parts = head.split(sep)
            if len(parts) == 3:
                d, m, y = (int(p) for p in parts)
                if y < 100:
                    y += 2000
                return date(y, m, d)
    except ValueError:
        pass
    raise ValidationError(
        f"Onleesbare datum '{text}': gebruik dd/mm/jjjj of jjjj-mm-dd.", "started_at"
    )


def parse_time(value: Any, date_cell: Any) -> time:
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    text = _text(value).lower().replace("u", ":").replace("h", ":").replace(".", ":")
    if not text:
        if isinstance(date_cell, datetime) and date_cell.time() != time(0):
            return date_cell.time()
        if isinstance(date_cell, str) and "T" in date_cell:
            try:
                return datetime.fromisoformat(date_cell).time()
            except ValueError:
                pass
        return DEFAULT_TIME
    if text.endswith(":"):
        text += "00"
    parts = text.split(":")
    try:
        hour, minute = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
        return time(hour, minute)
    except (ValueError, IndexError):
        raise ValidationError(f"Onleesbaar uur '{_text(value)}': gebruik uu:mm.", "started_at") \
            from None


def _code(field_name: str, value: Any, default: str) -> str:
    text = fold(_text(value))
    if not text:
        return default
    aliases = VALUE_ALIASES.get(field_name, {})
    return aliases.get(text, text.replace(" ", "_"))


def _codes(field_name: str, value: Any) -> list[str]:
    aliases = VALUE_ALIASES.get(field_name, {})
    out = []
    for part in split_list(_text(value)):
        key = fold(part)
        out.append(aliases.get(key, key))
    return out


_LABEL_MAPS: dict[int, tuple[Catalog, dict[str, str]]] = {}


def _label_map(catalog: Catalog) -> dict[str, str]:
    """Folded code and labels (nl, fr, en) -> service code; built once per catalog."""
    hit = _LABEL_MAPS.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    by_label: dict[str, str] = {}
    for service in catalog.services:
        by_label[fold(service.code)] = service.code
        for label in service.labels.values():
            by_label.setdefault(fold(label), service.code)
    _LABEL_MAPS.clear()
    _LABEL_MAPS[id(catalog)] = (catalog, by_label)
    return by_label


def _services(value: Any, catalog: Catalog) -> list[str]:
    by_label = _label_map(catalog)
    out = []
    for part in split_list(_text(value)):
        code = by_label.get(fold(part))
        if code is None:
            raise ValidationError(f"Onbekende dienst '{part}'.", "services")
        out.append(code)
    return out


def _yes_no(value: Any, field_name: str, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(_text(value))
    if text == "" and default is not None:
        return default
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(f"'{_text(value)}' is geen ja of nee.", field_name)


def row_to_draft(values: dict[str, Any], catalog: Catalog) -> SessionDraft:
    day = parse_date(values.get("date"))
    moment = datetime.combine(day, parse_time(values.get("time"), values.get("date")), BRUSSELS)
    duration_text = _text(values.get("duration_min"))
    try:
        duration = int(float(duration_text.replace(",", "."))) if duration_text else 15
    except ValueError:
        raise ValidationError(
            f"De duur '{duration_text}' is geen aantal minuten.", "duration_min"
        ) from None
    age_band = _code("age_band", values.get("age_band"), "unknown")
    from sync.protocol import ADULT_AGE_BANDS

    adult = _yes_no(values.get("adult"), "adult_confirmed", age_band in ADULT_AGE_BANDS)
    return SessionDraft(
        started_at=moment,
        duration_min=duration,
        channel=_code("channel", values.get("channel"), "walk_in"),
        services=_services(values.get("services"), catalog),
        outcome=_code("outcome", values.get("outcome"), "solved_together"),
        referrals=_codes("referrals", values.get("referrals")),
        age_band=age_band,
        adult_confirmed=adult,
        target_groups=_codes("target_groups", values.get("target_groups")),
        language=_code("language", values.get("language"), "nl"),
        interpreter=_yes_no(values.get("interpreter"), "interpreter", False),
        first_visit=_code("first_visit", values.get("first_visit"), "unknown"),
        visitor_code=_text(values.get("visitor_code")) or None,
        postcode=_text(values.get("postcode")) or None,
        notes=_text(values.get("notes")),
    )


def _fingerprint(clean_columns: dict[str, Any], helper_name: str) -> str:
    data = {k: v for k, v in clean_columns.items() if k != "helper_id"}
    data["helper"] = fold(helper_name)
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


# --- the import ----------------------------------------------------------------------------------
@dataclass
class _Parsed:
    line: int
    clean: CleanSession
    helper_name: str
    import_key: str
    known_id: str


def import_file(
    store: Any,
    path: Path | str,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportResult:
    """Import ``path`` into ``store``; see the module docstring. Raises ``ImportFileError``."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"Het bestand {path} bestaat niet.")
    _, rows = read_table(path)
    catalog = load_catalog(store)
    result = ImportResult(total=len(rows))
    seen: Counter[str] = Counter()
    helper_ids: dict[str, str] = {}
    for start in range(0, len(rows), BATCH):
        if cancel is not None and cancel():
            result.cancelled = True
            break
        parsed: list[_Parsed] = []
        for line, values in rows[start:start + BATCH]:
            try:
                parsed.append(_parse_row(line, values, catalog, seen))
            except ValidationError as exc:
                result.problems.append(RowProblem(line, str(exc)))
        with store.session(write=True) as db:
            _store_batch(db, parsed, helper_ids, result)
        if progress is not None:
            progress(min(start + BATCH, len(rows)), len(rows))
    result.problems.sort(key=lambda p: p.line)
    return result


def _parse_row(
    line: int, values: dict[str, Any], catalog: Catalog, seen: Counter[str]
) -> _Parsed:
    clean = validate(row_to_draft(values, catalog), catalog)
    helper_name = " ".join(_text(values.get("helper")).split())
    fingerprint = _fingerprint(clean.columns(), helper_name)
    seen[fingerprint] += 1
    return _Parsed(
        line=line,
        clean=clean,
        helper_name=helper_name,
        import_key=f"imp:{fingerprint}:{seen[fingerprint]}",
        known_id=_text(values.get("id")),
    )


def _store_batch(
    db: Any, parsed: list[_Parsed], helper_ids: dict[str, str], result: ImportResult
) -> None:
    """Insert the new rows of one batch (with their outbox rows) in a few statements."""
    keys = [p.import_key for p in parsed]
    ids = [p.known_id for p in parsed if p.known_id]
    present_keys = set(
        db.scalars(select(HelpSession.import_key).where(HelpSession.import_key.in_(keys)))
    )
    present_ids = set(db.scalars(select(HelpSession.id).where(HelpSession.id.in_(ids))))
    now = datetime.now(UTC)
    digipunt_id, device_id = current_digipunt_id(db), current_device_id(db)
    sessions: list[dict[str, Any]] = []
    for p in parsed:
        if p.import_key in present_keys or (p.known_id and p.known_id in present_ids):
            result.already_present += 1
            continue
        columns = p.clean.columns()
        if p.helper_name:
            try:
                columns["helper_id"] = _helper_id(db, p.helper_name, helper_ids, result)
            except ValidationError as exc:
                result.problems.append(RowProblem(p.line, str(exc)))
                continue
        sessions.append({
            **columns,
            "id": new_id(),
            "digipunt_id": digipunt_id,
            "device_id": device_id,
            "created_at": now,
            "updated_at": now,
            "rev": 1,
            "synced_rev": 0,
            "deleted": False,
            "import_key": p.import_key,
        })
    if sessions:
        db.execute(insert(HelpSession), sessions)
        db.execute(
            insert(Outbox),
            [
                {"record_type": outbox.HELP_SESSION, "record_id": row["id"], "rev": 1,
                 "queued_at": now, "attempts": 0}
                for row in sessions
            ],
        )
    result.added += len(sessions)


def _helper_id(db: Any, name: str, cache: dict[str, str], result: ImportResult) -> str:
    key = fold(name)
    if key not in cache:
        helper = helper_ops.find_helper_by_name(db, name)
        if helper is None:
            helper = helper_ops.add_helper_in(db, name)
            result.helpers_added.append(helper.display_name)
        cache[key] = helper.id
    return cache[key]
