"""Evidence files: copied into the managed store and listed under a question."""

from __future__ import annotations

from pathlib import Path

from assessments.criteria import load_criteria
from assessments.text_guard import clean_name
from models import answers_repo, evidence_repo, repo
from models.base import utcnow
from models.rows import EvidenceRow

from ..evidence_store import EvidenceError, store_file
from .core import ServiceCore


class EvidenceService(ServiceCore):
    def attach_evidence(self, assessment_id: int, question: str, source: Path) -> EvidenceRow:
        """Copy a file into the managed store and list it under ``question`` (e.g. "P4", "V1")."""
        row = self.get_assessment(assessment_id)
        criteria = load_criteria(row.criteria_id)
        known = {v.id for v in criteria.vetoes} | {i.id for i in criteria.indicators} | {"general"}
        if question not in known:
            raise EvidenceError(f"未知的题目“{question}”", f"unknown question {question!r}", field="佐证材料")
        self._refuse_if_read_only()
        # A file name is not typed: cleaned, never refused (an undecodable name arrives with
        # lone surrogates; a direction override would make "报告\u202efdp.exe" read "报告exe.pdf").
        name = clean_name(source.name)[:255]
        stored, sha, size = store_file(self.evidence_dir, source)
        with self._write() as conn:
            evidence_id = evidence_repo.insert_evidence(conn, assessment_id, question, name, stored, sha, size)
            now = utcnow()
            answers_repo.add_journal(conn, assessment_id, [(f"evidence.{question}", None, name, "attach")], now)
            repo.touch_assessment(conn, assessment_id, now)
            return evidence_repo.get_evidence(conn, evidence_id)

    def list_evidence(self, assessment_id: int) -> list[EvidenceRow]:
        with self._read() as conn:
            return evidence_repo.list_evidence(conn, assessment_id)

    def evidence_file(self, row: EvidenceRow) -> Path:
        return self.evidence_dir / row.stored_name

    def remove_evidence(self, evidence_id: int) -> None:
        with self._write() as conn:
            row = evidence_repo.get_evidence(conn, evidence_id)
            evidence_repo.delete_evidence(conn, evidence_id)
            now = utcnow()
            answers_repo.add_journal(
                conn, row.assessment_id, [(f"evidence.{row.question}", row.original_name, None, "detach")], now
            )
            repo.touch_assessment(conn, row.assessment_id, now)
            if not evidence_repo.stored_name_in_use(conn, row.stored_name):
                (self.evidence_dir / row.stored_name).unlink(missing_ok=True)
