"""SQL for enterprises and assessments: small functions on a Connection, returning plain rows.

Core statements inside the caller's transaction (one unit of work per service operation, see
`app.service.core`); answers and the journal are in `answers_repo`, evidence and filed
snapshots in `evidence_repo`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, CursorResult, delete, func, insert, or_, select, update

from .base import utcnow
from .errors import Conflict, NotFound
from .rows import (
    ANS,
    ASS,
    ASSESSMENT_COLUMNS,
    ENT,
    ENTERPRISE_COLUMNS,
    EVI,
    EXP,
    JOU,
    AssessmentRow,
    EnterpriseRow,
    EvidenceRow,
    JournalRow,
    StoredAnswer,
    assessment_row,
    assessment_rows,
    enterprise_row,
)

__all__ = [
    "ASS",
    "ENT",
    "AssessmentRow",
    "EnterpriseRow",
    "EvidenceRow",
    "JournalRow",
    "StoredAnswer",
]


def _pk(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


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
    r = conn.execute(select(*ENTERPRISE_COLUMNS).where(ENT.c.uscc == uscc)).first()
    return enterprise_row(r) if r else None


def get_enterprise(conn: Connection, enterprise_id: int) -> EnterpriseRow:
    r = conn.execute(select(*ENTERPRISE_COLUMNS).where(ENT.c.id == enterprise_id)).first()
    if r is None:
        raise NotFound(f"没有编号为 {enterprise_id} 的企业", f"no enterprise #{enterprise_id}")
    return enterprise_row(r)


def list_enterprises(conn: Connection, search: str = "") -> list[EnterpriseRow]:
    q = select(*ENTERPRISE_COLUMNS).order_by(ENT.c.name)
    if search:
        like = f"%{search}%"
        q = q.where(or_(ENT.c.name.like(like), ENT.c.uscc.like(like), ENT.c.county.like(like)))
    return [enterprise_row(r) for r in conn.execute(q)]


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
        select(*ASSESSMENT_COLUMNS).join(ENT, ENT.c.id == ASS.c.enterprise_id).where(ASS.c.id == assessment_id)
    ).first()
    if r is None:
        raise NotFound(f"没有编号为 {assessment_id} 的评估", f"no assessment #{assessment_id}")
    return assessment_row(r)


def get_revision(conn: Connection, assessment_id: int) -> int | None:
    """The assessment's revision now (bumped by every write, from any program instance)."""
    r = conn.execute(select(ASS.c.revision).where(ASS.c.id == assessment_id)).first()
    return int(r.revision) if r else None


def find_assessment(conn: Connection, enterprise_id: int, year: int) -> int | None:
    r = conn.execute(
        select(ASS.c.id).where(ASS.c.enterprise_id == enterprise_id, ASS.c.year == year).order_by(ASS.c.id.desc())
    ).first()
    return int(r.id) if r else None


def list_assessments(
    conn: Connection, search: str = "", status: str | None = None, limit: int | None = None
) -> list[AssessmentRow]:
    q = (
        select(*ASSESSMENT_COLUMNS)
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
    return assessment_rows(conn.execute(q))


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


def touch_assessment(conn: Connection, assessment_id: int, at: object) -> None:
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
