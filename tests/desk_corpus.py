"""Filings as a bureau receives them, for the desk's tests and benchmark: the worked example and
generated documents (tests/plan_documents.py) of enterprises in Binzhou's counties, exported in
both formats, plus tampered, random, duplicate and resubmitted files."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from app.filing import export_filing
from assessments.document import AnswersDocument, document_to_dict, parse_document
from assessments.uscc import check_character
from tests.conftest import example_decimal
from tests.plan_documents import plan_document

COUNTIES = ("滨城区", "沾化区", "邹平市", "惠民县", "阳信县", "无棣县", "博兴县")
V1_AT = datetime(2025, 3, 3, 15, 0, 0)
V2_AT = datetime(2025, 4, 1, 9, 30, 0)


def make_uscc(number: int) -> str:
    first = f"9137160{number:010d}"
    return first + check_character(first)


def enterprise_document(rng: random.Random, number: int, county: str) -> AnswersDocument:
    """A generated, complete document of enterprise ``number`` in ``county``."""
    data = plan_document(rng)
    data["enterprise"] = {**data["enterprise"], "uscc": make_uscc(number), "name": f"滨州测试企业{number:04d}有限公司",
                          "county": county}  # fmt: skip
    return parse_document(data)


def export(doc: AnswersDocument, folder: Path, name: str, *, xlsx: bool = True, pdf: bool = True,
           at: datetime = V1_AT) -> list[Path]:  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "xlsx_path": folder / f"{name}.xlsx" if xlsx else None,
        "pdf_path": folder / f"{name}.pdf" if pdf else None,
    }
    export_filing(doc, exported_at=at, **paths)  # type: ignore[arg-type]
    return [p for p in paths.values() if p is not None]


def tamper_workbook(src: Path, dst: Path) -> Path:
    """The cover's total edited to 95 (what a better-looking filing would want)."""
    from openpyxl import load_workbook

    wb = load_workbook(src, rich_text=True)
    ws = wb["封面"]
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value == "总分":
            row[1].value = 95
    wb.save(dst)
    src.unlink()
    return dst


def tamper_pdf(src: Path, dst: Path) -> Path:
    """A FreeText annotation "94.1" appended over the first page."""
    from pypdf import PdfWriter
    from pypdf.annotations import FreeText

    writer = PdfWriter(BytesIO(src.read_bytes()), incremental=True)
    writer.add_annotation(page_number=0, annotation=FreeText(text="94.1", rect=(100, 600, 200, 630)))
    with dst.open("wb") as handle:
        writer.write(handle)
    src.unlink()
    return dst


def resubmitted(doc: AnswersDocument) -> AnswersDocument:
    """The same assessment corrected: P4 raised to 95 %."""
    data: dict[str, Any] = document_to_dict(doc)
    data["answers"] = {**data["answers"], "P4": 95}
    return parse_document(data)


@dataclass
class Corpus:
    folder: Path
    genuine: list[AnswersDocument] = field(default_factory=list)  # filed in both formats, verified
    tampered: list[AnswersDocument] = field(default_factory=list)  # filed once, tampered
    v2: AnswersDocument | None = None  # the worked example resubmitted (replaces its v1)


def build_corpus(folder: Path, *, generated: int = 4, seed: int = 15) -> Corpus:
    """The test folder: the worked example and ``generated`` documents, both formats; one
    tampered workbook and one tampered PDF (two more enterprises); one random file; one
    duplicate (a copy in a subfolder); the worked example's v2 (workbook only)."""
    rng = random.Random(seed)
    corpus = Corpus(folder)
    example = parse_document(example_decimal())
    corpus.genuine.append(example)
    export(example, folder, "示例-v1")
    for i in range(generated):
        doc = enterprise_document(rng, 100 + i, COUNTIES[i % len(COUNTIES)])
        corpus.genuine.append(doc)
        export(doc, folder / COUNTIES[i % len(COUNTIES)], f"企业{100 + i}")
    t1 = enterprise_document(rng, 900, "无棣县")
    t2 = enterprise_document(rng, 901, "沾化区")
    corpus.tampered += [t1, t2]
    (x,) = export(t1, folder, "t1", pdf=False)
    tamper_workbook(x, folder / "篡改.xlsx")
    (p,) = export(t2, folder, "t2", xlsx=False)
    tamper_pdf(p, folder / "篡改.pdf")
    (folder / "random.xlsx").write_bytes(random.Random(seed).randbytes(4096))
    (folder / "重复").mkdir()  # sorts after the original, which is the one stored
    shutil.copy(folder / "示例-v1.xlsx", folder / "重复" / "示例-v1-副本.xlsx")
    corpus.v2 = resubmitted(example)
    export(corpus.v2, folder, "示例-v2", pdf=False, at=V2_AT)
    return corpus
