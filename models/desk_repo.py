"""SQL for the bureau desk: store a received file once, keep one current filing per enterprise
and year, list the ranking, record correction requests. Plain data in, plain data out.

Several reviewers may import at once into one PostgreSQL database: a file is inserted with
``ON CONFLICT (sha256) DO NOTHING`` (the second import of the same bytes is a duplicate, not an
error), and the current filing of an (USCC, year) is recomputed under a transaction-scoped
advisory lock on that pair, so two imports never leave two current filings. On SQLite the
write transaction (BEGIN IMMEDIATE) already serialises them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, Text, and_, func, literal, select, text, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from assessments import jsonnum

from .base import utcnow
from .desk_tables import DeskFile, DeskRequest

FILES = cast(Table, DeskFile.__table__)
REQUESTS = cast(Table, DeskRequest.__table__)
NO_GRADE = 99


def dumps(value: Any) -> str:
    return jsonnum.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(value: str | None) -> Any:
    return None if value is None else jsonnum.loads(value)


def as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def known_hashes(conn: Connection, hashes: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(hashes), 500):
        chunk = list(hashes[start : start + 500])
        found.update(conn.execute(select(FILES.c.sha256).where(FILES.c.sha256.in_(chunk))).scalars())
    return found


def insert_file(conn: Connection, values: Mapping[str, Any]) -> int | None:
    """Store a received file; None when a file with the same SHA-256 is already stored."""
    # Whole seconds: what the list shows, the same on every database.
    row = {**values, "received_at": values.get("received_at") or utcnow().replace(microsecond=0)}
    row["list_body"] = list_body(row)
    dialect = conn.dialect.name
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = make(FILES).values(**row).on_conflict_do_nothing(index_elements=["sha256"]).returning(FILES.c.id)
    new_id = conn.execute(stmt).scalar()
    return None if new_id is None else int(new_id)


def lock_enterprise_year(conn: Connection, uscc: str, year: int) -> None:
    """Serialise the current-filing update of one (USCC, year) among PostgreSQL sessions."""
    if conn.dialect.name != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(f"dnz-desk/{uscc}/{year}".encode()).digest()[:8], "big", signed=True)
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


# Which file of one filing (the same fingerprint, e.g. its .xlsx and its .pdf) stands for it in
# the list: the worst, so that a tampered copy is never hidden behind a genuine one.
_STANDS_FOR = {"modified": 0, "unverifiable": 1, "verified": 2}


def refresh_current(conn: Connection, uscc: str, year: int, describe: Callable[[str, str], list[str]]) -> None:
    """Number the filings of (uscc, year) by export time (files with one fingerprint are one
    filing: version 1, 2, …), link each to the filing before it, mark the newest current, and
    describe what changed between neighbours (``describe(old_doc_json, new_doc_json)``, only for
    links that are new)."""
    rows = conn.execute(
        select(
            FILES.c.id,
            FILES.c.previous_id,
            FILES.c.document_json,
            FILES.c.version,
            FILES.c.is_current,
            FILES.c.fingerprint,
            FILES.c.status,
        )
        .where(FILES.c.uscc == uscc, FILES.c.year == year)
        .order_by(func.coalesce(FILES.c.exported_at, ""), FILES.c.id)
    ).all()
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(row.fingerprint or f"file-{row.id}", []).append(row)
    ordered = list(groups.values())
    previous: Any = None
    for number, group in enumerate(ordered, 1):
        stands = min(group, key=lambda r: (_STANDS_FOR.get(r.status, 1), r.id))
        prev_id = previous.id if previous is not None else None
        for row in group:
            changes: dict[str, Any] = {}
            if row.previous_id != prev_id:
                changes["previous_id"] = prev_id
                if previous is not None and previous.document_json and row.document_json:
                    changes["changes_json"] = dumps(describe(previous.document_json, row.document_json))
                else:
                    changes["changes_json"] = None
            if row.version != number:
                changes["version"] = number
            current = number == len(ordered) and row.id == stands.id
            if row.is_current != current:
                changes["is_current"] = current
            if changes:
                conn.execute(update(FILES).where(FILES.c.id == row.id).values(**changes))
        previous = stands


# The keys of ``desk list --json`` that never change after import, stored as ``list_body``.
FIXED_LIST_KEYS = ("uscc", "name", "county", "year", "total", "grade", "status", "file", "received_at")


def list_body(values: Mapping[str, Any]) -> str:
    """The stored JSON members of a file's list object (see DeskFile.list_body)."""
    received: datetime = values["received_at"]
    member = {
        "uscc": values.get("uscc"), "name": values.get("name"), "county": values.get("county"),
        "year": values.get("year"), "total": values.get("total"), "grade": values.get("grade"),
        "status": values["status"], "file": values["file_name"],
        "received_at": as_utc(received).isoformat(timespec="seconds"),
    }  # fmt: skip
    return json.dumps(member, ensure_ascii=False, separators=(",", ":"))[1:-1]


def list_current_json(
    conn: Connection, *, year: int | None = None, county: str | None = None, status: str | None = None,
    grade: str | None = None,
) -> str:  # fmt: skip
    """The current filings as one JSON array, best first (grade, then total highest first, then
    name), each with its rank within its year — joined by the database from the stored members
    (``list_body``) in one statement: a list of ten thousand filings is one value to fetch."""
    rank = func.row_number().over(
        partition_by=FILES.c.year,
        order_by=(FILES.c.grade_order, FILES.c.total.desc().nulls_last(), FILES.c.name, FILES.c.id),
    )
    obj = (
        literal('{"id":') + sql_cast(FILES.c.id, Text) + literal(',"rank":') + sql_cast(rank, Text)
        + literal(',"version":') + sql_cast(FILES.c.version, Text)
        + literal(',"review_state":"') + FILES.c.review_state + literal('",') + FILES.c.list_body + literal("}")
    )  # fmt: skip
    inner = select(obj.label("o")).where(FILES.c.is_current.is_(True))
    for column, value in (("year", year), ("county", county), ("status", status), ("grade", grade)):
        if value is not None:
            inner = inner.where(FILES.c[column] == value)
    inner = inner.order_by(
        FILES.c.year.desc().nulls_last(), FILES.c.grade_order, FILES.c.total.desc().nulls_last(),
        FILES.c.name, FILES.c.id,
    )  # fmt: skip
    t = inner.subquery("t")
    # Both aggregates take the rows in the order of the ordered subquery.
    joined = func.string_agg(t.c.o, ",") if conn.dialect.name == "postgresql" else func.group_concat(t.c.o, ",")
    value = conn.execute(select(func.coalesce(joined, ""))).scalar()
    return f"[{value or ''}]"


def history(conn: Connection, uscc: str, year: int) -> list[dict[str, Any]]:
    """Every filing of (uscc, year), oldest first, with its changes since the one before."""
    rows = conn.execute(
        select(
            FILES.c.id,
            FILES.c.version,
            FILES.c.status,
            FILES.c.file_name,
            FILES.c.exported_at,
            FILES.c.total,
            FILES.c.grade,
            FILES.c.changes_json,
            FILES.c.previous_id,
            FILES.c.is_current,
            FILES.c.answers_request,
            FILES.c.fingerprint,
        )
        .where(FILES.c.uscc == uscc, FILES.c.year == year)
        .order_by(FILES.c.version, FILES.c.id)
    ).all()
    return [{**row._asdict(), "changes": loads(row.changes_json) or []} for row in rows]


def get_file(conn: Connection, file_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(FILES).where(FILES.c.id == file_id)).first()
    return None if row is None else dict(row._mapping)


def current_file(conn: Connection, uscc: str, year: int) -> dict[str, Any] | None:
    row = conn.execute(
        select(FILES).where(FILES.c.uscc == uscc, FILES.c.year == year, FILES.c.is_current.is_(True))
    ).first()
    return None if row is None else dict(row._mapping)


def failed_current(conn: Connection, year: int | None) -> list[dict[str, Any]]:
    """Current filings that did not verify, with their differences (for the summary)."""
    query = select(FILES.c.uscc, FILES.c.name, FILES.c.county, FILES.c.year, FILES.c.file_name, FILES.c.status,
                   FILES.c.summary, FILES.c.differences_json).where(
        FILES.c.is_current.is_(True), FILES.c.status != "verified")  # fmt: skip
    if year is not None:
        query = query.where(FILES.c.year == year)
    rows = conn.execute(query.order_by(FILES.c.county, FILES.c.name, FILES.c.file_name)).all()
    return [{**row._asdict(), "differences": loads(row.differences_json) or []} for row in rows]


def dimension_scores(conn: Connection, year: int | None) -> list[tuple[str | None, dict[str, Any]]]:
    query = select(FILES.c.county, FILES.c.dimensions_json).where(
        FILES.c.is_current.is_(True), FILES.c.dimensions_json.is_not(None)
    )
    if year is not None:
        query = query.where(FILES.c.year == year)
    return [(row.county, loads(row.dimensions_json) or {}) for row in conn.execute(query)]


def add_request(conn: Connection, values: Mapping[str, Any]) -> None:
    conn.execute(REQUESTS.insert().values(**values))
    conn.execute(update(FILES).where(FILES.c.id == values["file_id"]).values(
        review_state="returned", review_note=values["note"]))  # fmt: skip


def request_for(conn: Connection, request_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(REQUESTS).where(REQUESTS.c.request_id == request_id)).first()
    return None if row is None else dict(row._mapping)


def open_request_for(conn: Connection, file_id: int) -> dict[str, Any] | None:
    """The newest request sent back for a file, if any."""
    row = conn.execute(
        select(REQUESTS).where(REQUESTS.c.file_id == file_id).order_by(REQUESTS.c.id.desc()).limit(1)
    ).first()
    return None if row is None else dict(row._mapping)


def mark_answer(conn: Connection, file_id: int, request_id: str) -> None:
    conn.execute(update(FILES).where(and_(FILES.c.id == file_id)).values(answers_request=request_id))
