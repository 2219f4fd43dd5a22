"""SQL for the application services: small functions on a Connection, returning plain data.

Core statements (not the ORM unit of work) on the hot paths: one autosave is a handful of
single-row statements in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Connection, Table, delete, func, insert, or_, select, update

from assessments import jsonnum

from .base import utcnow
from .errors import Conflict, NotFound
from .tables import Answer, Assessment, Enterprise, Evidence, ExportSnapshot, JournalEntry

ENT = cast(Table, Enterprise.__table__)
ASS = cast(Table, Assessment.__table__)
ANS = cast(Table, Answer.__table__)
JOU = cast(Table, JournalEntry.__table__)
EVI = cast(Table, Evidence.__table__)
EXP = cast(Table, ExportSnapshot.__table__)


def as_utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _t(row: Any) -> tuple[Any, ...]:
    """A result row as a plain tuple (rows are typed loosely; the columns are fixed here)."""
    return tuple(row)


def _pk(result: Any) -> int:
    return int(result.inserted_primary_key[0])


def dumps(value: Any) -> str:
    """Stored JSON: decimals as typed (``jsonnum``), so a value reads back as the same decimal."""
    return jsonnum.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """Stored JSON back; a number with a fraction becomes the Decimal it was written as."""
    return jsonnum.loads(text)


@dataclass(frozen=True)
class EnterpriseRow:
    id: int
    name: str
    uscc: str
    industry_code: str | None
    county: str | None
    address: str | None
    contact: str | None
    phone: str | None


class AssessmentRow(NamedTuple):
    """One line of the assessment list (a NamedTuple: 10 000 of them are built per listing)."""

    id: int
    enterprise_id: int
    enterprise_name: str
    uscc: str
    county: str | None
    year: int
    criteria_id: str
    criteria_version: str
    status: str
    total: float | None
    grade: str | None
    revision: int
    resume_page: str | None
    updated_at: datetime


@dataclass(frozen=True)
class StoredAnswer:
    value: Any
    kept: Any  # a value hidden by N/A or a changed choice; None when nothing is kept
    updated_at: datetime


@dataclass(frozen=True)
class JournalRow:
    id: int
    key: str
    old: Any
    new: Any
    action: str
    at: datetime


@dataclass(frozen=True)
class EvidenceRow:
    id: int
    assessment_id: int
    question: str
    original_name: str
    stored_name: str
    sha256: str
    size: int
    added_at: datetime


_ASSESSMENT_COLUMNS = (
    ASS.c.id,
    ASS.c.enterprise_id,
    ENT.c.name,
    ENT.c.uscc,
    ENT.c.county,
    ASS.c.year,
    ASS.c.criteria_id,
    ASS.c.criteria_version,
    ASS.c.status,
    ASS.c.total,
    ASS.c.grade,
    ASS.c.revision,
    ASS.c.resume_page,
    ASS.c.updated_at,
)


def _assessment_row(r: Any) -> AssessmentRow:
    t = _t(r)
    return AssessmentRow(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], as_utc(t[13]))


def _evidence_row(r: Any) -> EvidenceRow:
    t = _t(r)
    return EvidenceRow(t[0], t[1], t[2], t[3], t[4], t[5], t[6], as_utc(t[7]))


# --------------------------------------------------------------------------- enterprises


def insert_enterprise(conn: Connection, profile: Mapping[str, str | None]) -> int:
    existing = conn.execute(select(ENT.c.id, ENT.c.name).where(ENT.c.uscc == profile["uscc"])).first()
    if existing is not None:
        raise Conflict(
            f"统一社会信用代码 {profile['uscc']} 的企业已存在（#{existing.id} {existing.name}）",
            f"an enterprise with code {profile['uscc']} exists already (#{existing.id})",
        )
    now = utcnow()
    return _pk(conn.execute(insert(ENT).values(**profile, created_at=now, updated_at=now)))


def update_enterprise(conn: Connection, enterprise_id: int, profile: Mapping[str, str | None]) -> None:
    conn.execute(update(ENT).where(ENT.c.id == enterprise_id).values(**profile, updated_at=utcnow()))


def enterprise_by_uscc(conn: Connection, uscc: str) -> EnterpriseRow | None:
    r = conn.execute(
        select(*ENT.c["id", "name", "uscc", "industry_code", "county", "address", "contact", "phone"]).where(
            ENT.c.uscc == uscc
        )
    ).first()
    return EnterpriseRow(*_t(r)) if r else None


def get_enterprise(conn: Connection, enterprise_id: int) -> EnterpriseRow:
    r = conn.execute(
        select(*ENT.c["id", "name", "uscc", "industry_code", "county", "address", "contact", "phone"]).where(
            ENT.c.id == enterprise_id
        )
    ).first()
    if r is None:
        raise NotFound(f"没有编号为 {enterprise_id} 的企业", f"no enterprise #{enterprise_id}")
    return EnterpriseRow(*_t(r))


def list_enterprises(conn: Connection, search: str = "") -> list[EnterpriseRow]:
    q = select(*ENT.c["id", "name", "uscc", "industry_code", "county", "address", "contact", "phone"]).order_by(
        ENT.c.name
    )
    if search:
        like = f"%{search}%"
        q = q.where(or_(ENT.c.name.like(like), ENT.c.uscc.like(like), ENT.c.county.like(like)))
    return [EnterpriseRow(*_t(r)) for r in conn.execute(q)]


# --------------------------------------------------------------------------- assessments


def insert_assessment(conn: Connection, enterprise_id: int, year: int, criteria_id: str, criteria_version: str) -> int:
    now = utcnow()
    result = conn.execute(
        insert(ASS).values(
            enterprise_id=enterprise_id,
            year=year,
            criteria_id=criteria_id,
            criteria_version=criteria_version,
            status="draft",
            revision=0,
            created_at=now,
            updated_at=now,
        )
    )
    return _pk(result)


def get_assessment(conn: Connection, assessment_id: int) -> AssessmentRow:
    r = conn.execute(
        select(*_ASSESSMENT_COLUMNS).join(ENT, ENT.c.id == ASS.c.enterprise_id).where(ASS.c.id == assessment_id)
    ).first()
    if r is None:
        raise NotFound(f"没有编号为 {assessment_id} 的评估", f"no assessment #{assessment_id}")
    return _assessment_row(r)


def get_revision(conn: Connection, assessment_id: int) -> int | None:
    """The assessment's revision now (bumped by every write, from any program instance)."""
    r = conn.execute(select(ASS.c.revision).where(ASS.c.id == assessment_id)).first()
    return int(r[0]) if r else None


def find_assessment(conn: Connection, enterprise_id: int, year: int) -> int | None:
    r = conn.execute(
        select(ASS.c.id).where(ASS.c.enterprise_id == enterprise_id, ASS.c.year == year).order_by(ASS.c.id.desc())
    ).first()
    return int(r[0]) if r else None


def list_assessments(
    conn: Connection, search: str = "", status: str | None = None, limit: int | None = None
) -> list[AssessmentRow]:
    q = (
        select(*_ASSESSMENT_COLUMNS)
        .join(ENT, ENT.c.id == ASS.c.enterprise_id)
        .order_by(ASS.c.updated_at.desc(), ASS.c.id.desc())
    )
    if search:
        like = f"%{search}%"
        q = q.where(or_(ENT.c.name.like(like), ENT.c.uscc.like(like), ENT.c.county.like(like)))
    if status:
        q = q.where(ASS.c.status == status)
    if limit:
        q = q.limit(limit)
    if conn.dialect.name == "sqlite":
        # The list is read whole at every start and search; building rows straight from the
        # driver halves its cost over the Core result machinery (benchmarks/bench_storage.py).
        compiled = q.compile(dialect=conn.dialect)
        params = tuple(compiled.params[name] for name in compiled.positiontup or ())
        db = conn.connection.driver_connection
        assert db is not None
        parse = datetime.fromisoformat
        return [
            AssessmentRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
                parse(r[13]).replace(tzinfo=UTC),
            )
            for r in db.execute(str(compiled), params)
        ]
    return [_assessment_row(r) for r in conn.execute(q)]


def update_summary(
    conn: Connection, assessment_id: int, *, status: str, total: float | None, grade: str | None
) -> None:
    conn.execute(
        update(ASS)
        .where(ASS.c.id == assessment_id)
        .values(status=status, total=total, grade=grade, revision=ASS.c.revision + 1, updated_at=utcnow())
    )


def correct_summary(
    conn: Connection, assessment_id: int, expected_revision: int, *, status: str, total: float | None, grade: str | None
) -> bool:
    """Correct the list summary after re-scoring with a newer program: no answer changed, so the
    edit time stays; the revision moves (cached copies reload). False if someone wrote meanwhile."""
    result = conn.execute(
        update(ASS)
        .where(ASS.c.id == assessment_id, ASS.c.revision == expected_revision)
        .values(status=status, total=total, grade=grade, revision=ASS.c.revision + 1)
    )
    return bool(result.rowcount == 1)


def touch_assessment(conn: Connection, assessment_id: int, at: datetime) -> None:
    """Record a change that is not an answer (evidence attached or removed) as the last change.
    The revision stays: the answers a cached copy holds are still current."""
    conn.execute(update(ASS).where(ASS.c.id == assessment_id).values(updated_at=at))


def set_resume_page(conn: Connection, assessment_id: int, page: str | None) -> None:
    conn.execute(update(ASS).where(ASS.c.id == assessment_id).values(resume_page=page))


def delete_assessment(conn: Connection, assessment_id: int) -> None:
    for table in (ANS, JOU, EVI, EXP):
        conn.execute(delete(table).where(table.c.assessment_id == assessment_id))
    conn.execute(delete(ASS).where(ASS.c.id == assessment_id))


def count_assessments(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(ASS)).scalar_one())


# --------------------------------------------------------------------------- answers


def load_answers(conn: Connection, assessment_id: int) -> dict[str, StoredAnswer]:
    rows = conn.execute(
        select(ANS.c.key, ANS.c.value_json, ANS.c.kept_json, ANS.c.updated_at).where(
            ANS.c.assessment_id == assessment_id
        )
    )
    return {
        k: StoredAnswer(loads(v), loads(kept) if kept is not None else None, as_utc(at))
        for k, v, kept, at in map(_t, rows)
    }


def write_answer(
    conn: Connection, assessment_id: int, key: str, value: Any, kept: Any, *, exists: bool, at: datetime
) -> None:
    kept_json = dumps(kept) if kept is not None else None
    if exists:
        conn.execute(
            update(ANS)
            .where(ANS.c.assessment_id == assessment_id, ANS.c.key == key)
            .values(value_json=dumps(value), kept_json=kept_json, updated_at=at)
        )
    else:
        conn.execute(
            insert(ANS).values(
                assessment_id=assessment_id, key=key, value_json=dumps(value), kept_json=kept_json, updated_at=at
            )
        )


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


def _sqlite_ts(at: datetime) -> str:
    # The text format SQLAlchemy's SQLite DateTime type writes and reads (UTC wall time).
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def autosave(conn: Connection, assessment_id: int, expected_revision: int, w: AutosaveWrite) -> bool:
    """Write one answer, its journal row and the summary in the caller's transaction.

    Optimistic concurrency: the assessment row is updated only if its revision is still the one
    the caller validated against (another program instance may have written meanwhile); returns
    False then, and nothing was written. On SQLite the three statements go straight to the
    driver: this is the hot path of typing, and SQLAlchemy's per-statement overhead (~0.2 ms)
    would triple its cost (benchmarks/bench_storage.py). Other databases take the Core path.
    """
    if conn.dialect.name == "sqlite":
        db = conn.connection.driver_connection
        assert db is not None
        return autosave_driver(db, assessment_id, expected_revision, w)
    result = conn.execute(
        update(ASS)
        .where(ASS.c.id == assessment_id, ASS.c.revision == expected_revision)
        .values(status=w.status, total=w.total, grade=w.grade, revision=ASS.c.revision + 1, updated_at=w.at)
    )
    if result.rowcount != 1:
        return False
    if w.value is None and w.kept is None:
        delete_answer(conn, assessment_id, w.key)
    else:
        write_answer(conn, assessment_id, w.key, w.value, w.kept, exists=w.exists, at=w.at)
    add_journal(conn, assessment_id, [(w.key, w.old, w.value, w.action)], w.at)
    return True


def autosave_driver(db: Any, assessment_id: int, expected_revision: int, w: AutosaveWrite) -> bool:
    """`autosave` on a sqlite3 connection; the caller commits (or rolls back)."""
    delete_row = w.value is None and w.kept is None
    value_json = dumps(w.value)
    kept_json = dumps(w.kept) if w.kept is not None else None
    old_json = dumps(w.old) if w.old is not None else None
    new_json = dumps(w.value) if w.value is not None else None
    ts = _sqlite_ts(w.at)
    cur = db.execute(
        "UPDATE assessments SET status = ?, total = ?, grade = ?, revision = revision + 1, updated_at = ?"
        " WHERE id = ? AND revision = ?",
        (w.status, w.total, w.grade, ts, assessment_id, expected_revision),
    )
    if cur.rowcount != 1:
        return False
    if delete_row:
        db.execute("DELETE FROM answers WHERE assessment_id = ? AND key = ?", (assessment_id, w.key))
    elif w.exists:
        db.execute(
            "UPDATE answers SET value_json = ?, kept_json = ?, updated_at = ? WHERE assessment_id = ? AND key = ?",
            (value_json, kept_json, ts, assessment_id, w.key),
        )
    else:
        db.execute(
            "INSERT INTO answers (assessment_id, key, value_json, kept_json, updated_at) VALUES (?, ?, ?, ?, ?)",
            (assessment_id, w.key, value_json, kept_json, ts),
        )
    db.execute(
        "INSERT INTO journal (assessment_id, key, old_json, new_json, action, at) VALUES (?, ?, ?, ?, ?, ?)",
        (assessment_id, w.key, old_json, new_json, w.action, ts),
    )
    return True


def delete_answer(conn: Connection, assessment_id: int, key: str) -> None:
    conn.execute(delete(ANS).where(ANS.c.assessment_id == assessment_id, ANS.c.key == key))


def add_journal(
    conn: Connection, assessment_id: int, entries: Iterable[tuple[str, Any, Any, str]], at: datetime
) -> None:
    rows = [
        {
            "assessment_id": assessment_id,
            "key": key,
            "action": action,
            "at": at,
            "old_json": dumps(old) if old is not None else None,
            "new_json": dumps(new) if new is not None else None,
        }
        for key, old, new, action in entries
    ]
    if rows:
        conn.execute(insert(JOU), rows)


def journal(conn: Connection, assessment_id: int, limit: int | None = None) -> list[JournalRow]:
    q = (
        select(JOU.c.id, JOU.c.key, JOU.c.old_json, JOU.c.new_json, JOU.c.action, JOU.c.at)
        .where(JOU.c.assessment_id == assessment_id)
        .order_by(JOU.c.id.desc())
    )
    if limit:
        q = q.limit(limit)
    return [
        JournalRow(i, k, loads(o) if o is not None else None, loads(n) if n is not None else None, a, as_utc(t))
        for i, k, o, n, a, t in map(_t, conn.execute(q))
    ]


# --------------------------------------------------------------------------- evidence and exports


def insert_evidence(
    conn: Connection, assessment_id: int, question: str, original: str, stored: str, sha: str, size: int
) -> int:
    dup = conn.execute(
        select(EVI.c.original_name).where(
            EVI.c.assessment_id == assessment_id, EVI.c.question == question, EVI.c.sha256 == sha
        )
    ).first()
    if dup is not None:
        raise Conflict(
            f"同一文件已作为 {question} 的佐证材料附加过（“{dup[0]}”），无需重复附加",
            f"the same file is already attached to {question} ('{dup[0]}')",
        )
    result = conn.execute(
        insert(EVI).values(
            assessment_id=assessment_id,
            question=question,
            original_name=original,
            stored_name=stored,
            sha256=sha,
            size=size,
            added_at=utcnow(),
        )
    )
    return _pk(result)


_EVIDENCE_COLUMNS = (
    EVI.c.id,
    EVI.c.assessment_id,
    EVI.c.question,
    EVI.c.original_name,
    EVI.c.stored_name,
    EVI.c.sha256,
    EVI.c.size,
    EVI.c.added_at,
)


def list_evidence(conn: Connection, assessment_id: int) -> list[EvidenceRow]:
    rows = conn.execute(
        select(*_EVIDENCE_COLUMNS).where(EVI.c.assessment_id == assessment_id).order_by(EVI.c.question, EVI.c.id)
    )
    return [_evidence_row(r) for r in rows]


def get_evidence(conn: Connection, evidence_id: int) -> EvidenceRow:
    r = conn.execute(select(*_EVIDENCE_COLUMNS).where(EVI.c.id == evidence_id)).first()
    if r is None:
        raise NotFound(f"没有编号为 {evidence_id} 的佐证材料", f"no evidence #{evidence_id}")
    return _evidence_row(r)


def delete_evidence(conn: Connection, evidence_id: int) -> None:
    conn.execute(delete(EVI).where(EVI.c.id == evidence_id))


def stored_name_in_use(conn: Connection, stored: str) -> bool:
    return conn.execute(select(EVI.c.id).where(EVI.c.stored_name == stored).limit(1)).first() is not None


def insert_export(
    conn: Connection, assessment_id: int, fingerprint: str, document: Any, result: Any, files: list[str]
) -> int:
    conn.execute(update(EXP).where(EXP.c.assessment_id == assessment_id).values(is_current=False))
    r = conn.execute(
        insert(EXP).values(
            assessment_id=assessment_id,
            at=utcnow(),
            fingerprint=fingerprint,
            document_json=dumps(document),
            result_json=dumps(result),
            files_json=dumps(files),
            is_current=True,
        )
    )
    conn.execute(update(ASS).where(ASS.c.id == assessment_id).values(status="exported"))
    return _pk(r)


def latest_export(conn: Connection, assessment_id: int) -> dict[str, Any] | None:
    r = conn.execute(
        select(EXP.c.at, EXP.c.fingerprint, EXP.c.document_json, EXP.c.result_json, EXP.c.files_json)
        .where(EXP.c.assessment_id == assessment_id)
        .order_by(EXP.c.id.desc())
        .limit(1)
    ).first()
    if r is None:
        return None
    return {
        "at": as_utc(r[0]),
        "fingerprint": r[1],
        "document": loads(r[2]),
        "result": loads(r[3]),
        "files": loads(r[4]),
    }
