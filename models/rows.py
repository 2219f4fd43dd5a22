"""The plain rows the repository returns (never ORM objects), built from named columns.

Every row type names its columns once: the SELECT lists labels equal to the field names, and
the row is built by name from the result, so adding or reordering a column cannot shift values.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Column, Table

from assessments import jsonnum

from .list_row import AssessmentRow as AssessmentRow
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


def dumps(value: Any) -> str:
    """Stored JSON: decimals as typed (``jsonnum``), so a value reads back as the same decimal."""
    return jsonnum.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """Stored JSON back; a number with a fraction becomes the Decimal it was written as."""
    return jsonnum.loads(text)


def loads_or_none(text: str | None) -> Any:
    return loads(text) if text is not None else None


def dumps_or_none(value: Any) -> str | None:
    return dumps(value) if value is not None else None


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


ENTERPRISE_COLUMNS: tuple[Any, ...] = tuple(ENT.c[f.name] for f in fields(EnterpriseRow))

# The list's columns, labelled with the AssessmentRow field each one fills.
_ASSESSMENT_SOURCES: dict[str, Column[Any]] = {
    "id": ASS.c.id,
    "enterprise_id": ASS.c.enterprise_id,
    "enterprise_name": ENT.c.name,
    "uscc": ENT.c.uscc,
    "county": ENT.c.county,
    "year": ASS.c.year,
    "criteria_id": ASS.c.criteria_id,
    "criteria_version": ASS.c.criteria_version,
    "status": ASS.c.status,
    "total": ASS.c.total,
    "grade": ASS.c.grade,
    "revision": ASS.c.revision,
    "resume_page": ASS.c.resume_page,
    "updated_at": ASS.c.updated_at,
}
assert tuple(_ASSESSMENT_SOURCES) == AssessmentRow._fields, "every AssessmentRow field has its column"
ASSESSMENT_COLUMNS: tuple[Any, ...] = tuple(col.label(name) for name, col in _ASSESSMENT_SOURCES.items())
EVIDENCE_COLUMNS: tuple[Any, ...] = tuple(EVI.c[f.name] for f in fields(EvidenceRow))


def enterprise_row(r: Any) -> EnterpriseRow:
    return EnterpriseRow(**r._mapping)


def assessment_row(r: Any) -> AssessmentRow:
    m = r._mapping
    return AssessmentRow(**{**m, "updated_at": as_utc(m["updated_at"])})


def assessment_rows(result: Any) -> list[AssessmentRow]:
    """Every row of a result selecting ``ASSESSMENT_COLUMNS``, checked by name once for the whole
    result (the list reads 10 000 rows at every start: no per-row mapping)."""
    if tuple(result.keys()) != AssessmentRow._fields:
        raise AssertionError(f"the list's columns are not AssessmentRow's fields: {tuple(result.keys())}")
    make = AssessmentRow._make
    return [make((*r[:-1], as_utc(r[-1]))) for r in result]


def evidence_row(r: Any) -> EvidenceRow:
    m = r._mapping
    return EvidenceRow(**{**m, "added_at": as_utc(m["added_at"])})
