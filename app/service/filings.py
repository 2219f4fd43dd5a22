"""Filings: the pre-filing check, the export with its recorded snapshot, unverified imports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from assessments.criteria import load_criteria
from assessments.document import document_to_dict
from assessments.errors import DocumentError, ScoringError
from assessments.scoring import Result, score
from assessments.text_guard import clean_name
from models import answers_repo, evidence_repo, repo
from models.backup import take_backup
from models.base import utcnow

from ..evidence_store import MAX_EVIDENCE_BYTES
from .evidence import EvidenceService

if TYPE_CHECKING:  # openpyxl and reportlab load only when a filing is written
    from app.filing import ExportOutcome
    from app.prefiling import PrefilingReport


class FilingsService(EvidenceService):
    def prefiling_check(self, assessment_id: int, result: Result | None = None) -> PrefilingReport:
        """Warnings before filing (app/prefiling.py); ``result``: the live score when the caller has it."""
        from app.prefiling import check

        row = self.get_assessment(assessment_id)
        if result is None:
            try:
                result = self.score(assessment_id)
            except (ScoringError, DocumentError):
                result = None  # computed questions are then not judged; the rest is
        values = self._values(self.answers(assessment_id))
        evidence = self.list_evidence(assessment_id)
        return check(load_criteria(row.criteria_id), values, result, evidence, self.evidence_dir, MAX_EVIDENCE_BYTES)

    def export_filing(
        self,
        assessment_id: int,
        *,
        xlsx_path: Path | None = None,
        pdf_path: Path | None = None,
        progress: Callable[[int, str], None] | None = None,
        plan_target: str | None = None,
    ) -> ExportOutcome:
        """Export the filing of a complete assessment, with its evidence list and journal summary,
        and its improvement plan when the assessment's plan settings say so (or ``plan_target``).

        A backup is taken first; the result as filed is kept as a snapshot and the status becomes
        "exported". Safe to call from a worker thread (it opens its own connections).
        """
        from app.filing import evidence_items, export_filing, journal_summary
        from app.plan_store import PlanHost, PlanStore
        from assessments.result_json import result_to_dict

        doc = self.document(assessment_id)
        # The façade (app.services) is a PlanHost; this mixin alone is not, hence the cast.
        plan = PlanStore(cast(PlanHost, self)).filed_plan(assessment_id, plan_target)
        if self.db.path is not None:
            take_backup(self.db.path, "pre-export")
        outcome = export_filing(
            doc,
            xlsx_path=xlsx_path,
            pdf_path=pdf_path,
            evidence=evidence_items(self.list_evidence(assessment_id)),
            journal=journal_summary(self.journal(assessment_id), doc.criteria),
            progress=progress,
            plan=plan,
        )
        result = score(doc)
        self.record_export(
            assessment_id,
            outcome.fingerprint,
            document_to_dict(doc),
            result_to_dict(result, doc),
            [str(path) for path in outcome.files],
        )
        return outcome

    def record_export(self, assessment_id: int, fingerprint: str, document: Any, result: Any, files: list[str]) -> None:
        # A path may hold a name that is not UTF-8 on disk (lone surrogates in Python): the record
        # keeps it readable (U+FFFD) rather than failing after the files were written.
        files = [clean_name(f) for f in files]
        with self._write() as conn:
            repo.get_assessment(conn, assessment_id)
            evidence_repo.insert_export(conn, assessment_id, fingerprint, document, result, files)
            answers_repo.add_journal(
                conn,
                assessment_id,
                [("export", None, {"fingerprint": fingerprint, "files": files}, "export")],
                utcnow(),
            )

    def record_unverified_import(self, assessment_id: int, file: str, summary: str) -> None:
        """Journal that an assessment was imported (``import --force``) from a filing that failed
        verification; ``summary`` is the Chinese verdict with what differed."""
        with self._write() as conn:
            repo.get_assessment(conn, assessment_id)
            answers_repo.add_journal(
                conn, assessment_id, [("filing.unverified", None, f"{file}：{summary}", "import-unverified")], utcnow()
            )

    def latest_export(self, assessment_id: int) -> dict[str, Any] | None:
        with self._read() as conn:
            return evidence_repo.latest_export(conn, assessment_id)
