"""Shared inputs and file surgery for the filing tests: a filing with evidence and a journal, and
helpers that edit a workbook package or a PDF the way an attacker or another program would."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from app.filing import export_filing
from assessments.document import parse_document
from assessments.report import EvidenceItem, JournalSummary

from .conftest import example

EXPORTED_AT = datetime(2025, 3, 3, 15, 0, 0)
EVIDENCE = (
    EvidenceItem("P1", "清洁生产审核报告.pdf", "a" * 64, 204_800, datetime(2025, 3, 1, 9, 30)),
    EvidenceItem("E5_coal_fired", "燃煤锅炉拆除验收.pdf", "b" * 64, 1_048_576, datetime(2025, 3, 2, 10, 0)),
    EvidenceItem("G5", "环境信息披露截图.png", "c" * 64, 52_300, datetime(2025, 3, 2, 11, 0)),
)
JOURNAL = JournalSummary(
    12,
    datetime(2025, 2, 1, 8, 0),
    datetime(2025, 3, 2, 10, 5),
    1,
    0,
    ("2025-03-02 10:05 G5 信息公开：（空）→ 依法披露", "2025-03-02 10:06 P4 低VOCs原辅材料替代率：80% → 82%"),
)


def export_example(folder: Path, *, evidence: tuple[EvidenceItem, ...] = EVIDENCE, data: dict[str, Any] | None = None,
                   name: str = "filing") -> tuple[Path, Path]:  # fmt: skip
    """The worked example (or ``data``) filed with evidence and a journal, both formats."""
    xlsx, pdf = folder / f"{name}.xlsx", folder / f"{name}.pdf"
    export_filing(
        parse_document(data if data is not None else example()),
        xlsx_path=xlsx,
        pdf_path=pdf,
        evidence=evidence,
        journal=JOURNAL,
        exported_at=EXPORTED_AT,
    )
    return xlsx, pdf


def rewrite_members(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None],
                    add: dict[str, bytes] | None = None) -> None:  # fmt: skip
    """Copy a ZIP package member by member; ``change(name, data)`` returns new bytes, or None to drop."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)


def carried_json(path: Path) -> dict[str, Any]:
    from app.filing import read_filing

    return dict(json.loads(read_filing(path).raw))


def replace_pdf_envelope(src: Path, dst: Path, envelope: bytes) -> None:
    """The PDF with its carried attachment's content replaced (pypdf's attachment API)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(src))
    for attachment in writer.attachment_list:
        if attachment.name == "dnz-answers.json":
            attachment.content = envelope
    with dst.open("wb") as handle:
        writer.write(handle)


def pdf_bytes(writer: Any) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
