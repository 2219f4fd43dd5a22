"""Filings: the Excel and PDF files an enterprise files with the bureau, and reading them back.

Public API (openpyxl, reportlab and pypdf are imported lazily, inside these functions)::

    export_filing(doc, *, xlsx_path=None, pdf_path=None, result=None, evidence=(), journal=None,
                  progress=None, exported_at=None) -> ExportOutcome
        Score ``doc`` (a complete AnswersDocument), build the report model
        (assessments.report.build_report) and write the requested files atomically.
        ``evidence``: assessments.report.EvidenceItem rows; ``journal``: JournalSummary;
        ``progress(percent, text_zh)`` is called between steps (from the calling thread).
        ExportOutcome(fingerprint, files, report).

    read_filing(path) -> CarriedFiling
        The carried `dnz-answers/1` document (``.document()`` validates it; import uses
        ``carried_document(carried)``), fingerprint, criteria id/version, export time, evidence,
        journal, and the figures the file shows (``shown``: figure key -> value).

    verify_filing(path) -> VerifyReport(ok, path, fingerprint, differences)
        Re-scores the carried document under its criteria version, recomputes the fingerprint and
        compares every shown figure; ``differences`` are Chinese sentences naming what changed.

Helpers for callers holding database rows: ``evidence_items(evidence_rows)`` and
``journal_summary(journal_rows)`` (app/filing/inputs.py) build the two optional inputs.

Errors are FilingError subclasses of assessments.errors.DomainError with a Chinese message:
FilingWriteError (the earlier file is intact, no temp file left) and FilingReadError.
"""

from __future__ import annotations

from .carry import CarriedFiling, carried_document
from .errors import FilingError, FilingReadError, FilingWriteError
from .export import ExportOutcome, export_filing
from .inputs import evidence_items, journal_summary
from .verify import VerifyReport, read_filing, verify_filing

__all__ = [
    "CarriedFiling",
    "ExportOutcome",
    "FilingError",
    "FilingReadError",
    "FilingWriteError",
    "VerifyReport",
    "carried_document",
    "evidence_items",
    "export_filing",
    "journal_summary",
    "read_filing",
    "verify_filing",
]
