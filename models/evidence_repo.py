"""SQL for evidence files and filed snapshots (Core statements, named columns)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from .base import utcnow
from .errors import Conflict, NotFound
from .rows import ASS, EVI, EVIDENCE_COLUMNS, EXP, EvidenceRow, as_utc, dumps, evidence_row, loads


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
            f"同一文件已作为 {question} 的佐证材料附加过（“{dup.original_name}”），无需重复附加",
            f"the same file is already attached to {question} ('{dup.original_name}')",
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
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def list_evidence(conn: Connection, assessment_id: int) -> list[EvidenceRow]:
    rows = conn.execute(
        select(*EVIDENCE_COLUMNS).where(EVI.c.assessment_id == assessment_id).order_by(EVI.c.question, EVI.c.id)
    )
    return [evidence_row(r) for r in rows]


def get_evidence(conn: Connection, evidence_id: int) -> EvidenceRow:
    r = conn.execute(select(*EVIDENCE_COLUMNS).where(EVI.c.id == evidence_id)).first()
    if r is None:
        raise NotFound(f"没有编号为 {evidence_id} 的佐证材料", f"no evidence #{evidence_id}")
    return evidence_row(r)


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
    key = r.inserted_primary_key
    assert key is not None
    return int(key[0])


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
        "at": as_utc(r.at),
        "fingerprint": r.fingerprint,
        "document": loads(r.document_json),
        "result": loads(r.result_json),
        "files": loads(r.files_json),
    }
