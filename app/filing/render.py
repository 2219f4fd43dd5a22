"""One rendering path for export and verify: the report model, the envelope and the file bytes.

Export renders from the database's document, evidence and journal; verify renders again from the
carried envelope with the carried export time and program name, and compares. Both formats are
deterministic (see xlsx.py and pdf.py), so an untouched file equals its rebuild byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assessments import jsonnum
from assessments.document import AnswersDocument
from assessments.report import EvidenceItem, FilingReport, JournalSummary, build_report
from assessments.scoring import Result

from .carry import build_envelope


@dataclass(frozen=True)
class Rendered:
    report: FilingReport
    envelope: bytes
    xlsx: bytes | None = None
    pdf: bytes | None = None
    workbook: Any = None  # the openpyxl Workbook the xlsx bytes were saved from (for verify)


def render_filing(
    doc: AnswersDocument,
    *,
    exported_at: str,
    program: str,
    result: Result | None = None,
    evidence: Sequence[EvidenceItem] = (),
    journal: JournalSummary | None = None,
    libraries: dict[str, str] | None = None,
    xlsx: bool = False,
    pdf: bool = False,
    plan: Any = None,
) -> Rendered:
    """Build the report and envelope and render the requested formats (none: model only).
    ``plan`` is the carried improvement plan (``assessments.plan.filed.filed_plan``) or None."""
    evidence = tuple(evidence)
    if plan is not None:  # drawn exactly as carried: through the JSON codec, as verify will read it
        plan = jsonnum.loads(jsonnum.dumps(plan))
    report = build_report(
        doc, result, evidence=evidence, journal=journal, exported_at=exported_at, program=program, plan=plan
    )
    envelope = build_envelope(report, doc, evidence, journal, libraries, plan)
    xlsx_bytes = pdf_bytes = workbook = None
    if xlsx:
        from .xlsx import build_workbook, workbook_bytes

        workbook = build_workbook(report, envelope)
        xlsx_bytes = workbook_bytes(workbook, report)
    if pdf:
        from .pdf import write_pdf

        pdf_bytes = write_pdf(report, envelope)
    return Rendered(report, envelope, xlsx_bytes, pdf_bytes, workbook)
