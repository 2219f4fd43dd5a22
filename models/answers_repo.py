"""SQL for answers, the journal and the one autosave write (Core statements, named columns).

An autosave is one unit of work in the caller's write transaction: the assessment's summary
row (guarded by its revision), the answer row and the journal row. There is one path for every
database; `benchmarks/bench_storage.py` measures it against raw sqlite3 in the same run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from .rows import ANS, ASS, JOU, JournalRow, StoredAnswer, as_utc, dumps, dumps_or_none, loads, loads_or_none


def load_answers(conn: Connection, assessment_id: int) -> dict[str, StoredAnswer]:
    rows = conn.execute(
        select(ANS.c.key, ANS.c.value_json, ANS.c.kept_json, ANS.c.updated_at).where(
            ANS.c.assessment_id == assessment_id
        )
    )
    return {
        r.key: StoredAnswer(value=loads(r.value_json), kept=loads_or_none(r.kept_json), updated_at=as_utc(r.updated_at))
        for r in rows
    }


# The autosave's statements, built once: executing a prepared statement with a parameter dict skips
# building the statement and its cache key on every keystroke (half the Core overhead measured).
_BUMP_SUMMARY = (
    update(ASS)
    .where(ASS.c.id == bindparam("aid"), ASS.c.revision == bindparam("expected"))
    .values(
        status=bindparam("status"),
        total=bindparam("total"),
        grade=bindparam("grade"),
        revision=ASS.c.revision + 1,
        updated_at=bindparam("at"),
    )
)
_UPDATE_ANSWER = (
    update(ANS)
    .where(ANS.c.assessment_id == bindparam("aid"), ANS.c.key == bindparam("answer_key"))
    .values(value_json=bindparam("value_json"), kept_json=bindparam("kept_json"), updated_at=bindparam("at"))
)
_INSERT_ANSWER = insert(ANS).values(
    assessment_id=bindparam("aid"),
    key=bindparam("answer_key"),
    value_json=bindparam("value_json"),
    kept_json=bindparam("kept_json"),
    updated_at=bindparam("at"),
)
_DELETE_ANSWER = delete(ANS).where(ANS.c.assessment_id == bindparam("aid"), ANS.c.key == bindparam("answer_key"))
_INSERT_JOURNAL = insert(JOU)


def write_answer(
    conn: Connection, assessment_id: int, key: str, value: Any, kept: Any, *, exists: bool, at: datetime
) -> None:
    params = {"aid": assessment_id, "answer_key": key, "value_json": dumps(value), "kept_json": dumps_or_none(kept),
              "at": at}  # fmt: skip
    conn.execute(_UPDATE_ANSWER if exists else _INSERT_ANSWER, params)


def delete_answer(conn: Connection, assessment_id: int, key: str) -> None:
    conn.execute(_DELETE_ANSWER, {"aid": assessment_id, "answer_key": key})


@dataclass(frozen=True)
class AutosaveWrite:
    """One autosave: the answer row, its journal row and the assessment's new summary."""

    key: str
    value: Any  # None: no current value (row deleted, or kept-only)
    kept: Any
    exists: bool  # an answer row exists already
    old: Any  # for the journal
    action: str
    status: str
    total: float | None
    grade: str | None
    at: datetime


def autosave(conn: Connection, assessment_id: int, expected_revision: int, w: AutosaveWrite) -> bool:
    """Write one answer, its journal row and the summary in the caller's transaction.

    Optimistic concurrency: the assessment row is updated only if its revision is still the one
    the caller validated against (another program instance may have written meanwhile); returns
    False then, and nothing was written (the caller rolls the transaction back).
    """
    params = {"aid": assessment_id, "expected": expected_revision, "status": w.status, "total": w.total,
              "grade": w.grade, "at": w.at}  # fmt: skip
    if conn.execute(_BUMP_SUMMARY, params).rowcount != 1:
        return False
    if w.value is None and w.kept is None:
        delete_answer(conn, assessment_id, w.key)
    else:
        write_answer(conn, assessment_id, w.key, w.value, w.kept, exists=w.exists, at=w.at)
    add_journal(conn, assessment_id, [(w.key, w.old, w.value, w.action)], w.at)
    return True


def add_journal(
    conn: Connection, assessment_id: int, entries: Iterable[tuple[str, Any, Any, str]], at: datetime
) -> None:
    rows = [
        {
            "assessment_id": assessment_id,
            "key": key,
            "action": action,
            "at": at,
            "old_json": dumps_or_none(old),
            "new_json": dumps_or_none(new),
        }
        for key, old, new, action in entries
    ]
    if len(rows) == 1:
        conn.execute(_INSERT_JOURNAL, rows[0])  # one row: a plain INSERT, not executemany
    elif rows:
        conn.execute(_INSERT_JOURNAL, rows)


def journal(conn: Connection, assessment_id: int, limit: int | None = None) -> list[JournalRow]:
    q = (
        select(JOU.c.id, JOU.c.key, JOU.c.old_json, JOU.c.new_json, JOU.c.action, JOU.c.at)
        .where(JOU.c.assessment_id == assessment_id)
        .order_by(JOU.c.id.desc())
    )
    if limit:
        q = q.limit(limit)
    return [
        JournalRow(
            id=r.id, key=r.key, old=loads_or_none(r.old_json), new=loads_or_none(r.new_json), action=r.action,
            at=as_utc(r.at),
        )
        for r in conn.execute(q)
    ]  # fmt: skip
