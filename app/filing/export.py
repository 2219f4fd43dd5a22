"""Exporting a filing: report model → writers → atomic files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from assessments.document import AnswersDocument
from assessments.report import EvidenceItem, FilingReport, JournalSummary
from assessments.scoring import Result

from .errors import FilingWriteError
from .render import render_filing
from .safewrite import write_atomic

Progress = Callable[[int, str], None]  # (percent 0–100, Chinese step text)


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    fingerprint: str
    files: tuple[Path, ...]
    report: FilingReport

    @property
    def short_fingerprint(self) -> str:
        return self.report.short_fingerprint


def _program() -> str:
    from app.version import app_version

    return f"dnz-assess {app_version()}"


def export_filing(
    doc: AnswersDocument,
    *,
    xlsx_path: Path | str | None = None,
    pdf_path: Path | str | None = None,
    result: Result | None = None,
    evidence: Sequence[EvidenceItem] = (),
    journal: JournalSummary | None = None,
    progress: Progress | None = None,
    exported_at: datetime | None = None,
    plan: Any = None,
) -> ExportOutcome:
    """Write the Excel and/or PDF filing of a complete document; see the package docstring.
    ``plan`` (``assessments.plan.filed.filed_plan``) adds the 改进计划 sheet and page."""

    def step(percent: int, text: str) -> None:
        if progress is not None:
            progress(percent, text)

    if xlsx_path is None and pdf_path is None:
        raise ValueError("export_filing needs xlsx_path or pdf_path")
    evidence = tuple(evidence)
    step(5, "正在评分并生成报告内容…")
    stamp = (exported_at or datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    model = render_filing(
        doc, exported_at=stamp, program=_program(), result=result, evidence=evidence, journal=journal, plan=plan
    )
    report, envelope = model.report, model.envelope
    written: list[Path] = []
    if xlsx_path is not None:
        from .xlsx import write_xlsx

        step(20, "正在生成 Excel 备案表…")
        data = write_xlsx(report, envelope)
        step(45, "正在保存 Excel 文件…")
        write_atomic(Path(xlsx_path), data)
        written.append(Path(xlsx_path))
    if pdf_path is not None:
        from reportlab.platypus.doctemplate import LayoutError

        from .pdf import write_pdf

        step(55, "正在生成 PDF 备案材料…")
        try:
            data = write_pdf(report, envelope)
        except LayoutError as exc:  # one table cell taller than a page: a bug, reported in words
            raise FilingWriteError(
                Path(pdf_path),
                "PDF 排版失败：某一项内容过长，一页放不下（文件未保存）。请将此问题报告给程序维护者。",
                f"PDF layout failed: {exc}"[:500],
            ) from exc
        step(90, "正在保存 PDF 文件…")
        write_atomic(Path(pdf_path), data)
        written.append(Path(pdf_path))
    step(100, "导出完成")
    return ExportOutcome(report.fingerprint, tuple(written), report)
