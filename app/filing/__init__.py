"""Filings: the Excel and PDF files an enterprise files with the bureau, and verifying them.

Public API (openpyxl, reportlab and pypdf are imported lazily, inside these functions)::

    export_filing(doc, *, xlsx_path=None, pdf_path=None, result=None, evidence=(), journal=None,
                  progress=None, exported_at=None) -> ExportOutcome
        Score ``doc`` (a complete AnswersDocument), build the report model
        (assessments.report.build_report) and write the requested files atomically, with the
        permissions of any file the user saves. ``evidence``: assessments.report.EvidenceItem
        rows; ``journal``: JournalSummary; ``progress(percent, text_zh)`` is called between steps
        (from the calling thread). ExportOutcome(fingerprint, files, report).

    verify_filing(path) -> Verification
        Never raises. Reads the file with size limits, re-scores the carried document, checks the
        fingerprint (document, criteria, result, evidence manifest, journal summary), renders the
        filing again from the carried envelope and compares: ``status`` is "verified" (the same
        bytes, or the same content after a re-save), "modified" (``differences``: Chinese
        sentences naming sheet and cell, page and object) or "unverifiable" (not a filing,
        damaged, hostile, or made by an older renderer: ``summary`` says why). Also ``notes``,
        ``carried`` (the CarriedFiling), ``program``, ``renderer``, ``fingerprint``,
        ``identical``, ``data_verified``, ``exit_code`` (0/1/2), ``text()``, ``to_dict()``.

    read_filing(path) -> CarriedFiling
        The carried envelope, unverified (FilingReadError when there is none, or more than one).
        ``carried_document(carried)`` validates and returns its AnswersDocument.

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
from .verify import MODIFIED, UNVERIFIABLE, VERIFIED, Verification, read_filing, verify_filing

__all__ = [
    "MODIFIED",
    "UNVERIFIABLE",
    "VERIFIED",
    "CarriedFiling",
    "ExportOutcome",
    "FilingError",
    "FilingReadError",
    "FilingWriteError",
    "Verification",
    "carried_document",
    "evidence_items",
    "export_filing",
    "journal_summary",
    "read_filing",
    "verify_filing",
]
