"""The golden texts of the worked example's filing: every PDF page's text and every workbook cell.

``python tests/golden/render.py`` rewrites ``worked-example.pdf.txt`` and
``worked-example.xlsx.txt`` after an intended change to a filing; ``tests/test_filing_golden.py``
compares a fresh rendering with them exactly and shows the difference. The rendering uses a fixed
export time, program name and library versions, so only a change to the filing itself (data,
layout, wording, scoring) changes these files.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.filing.render import render_filing  # noqa: E402
from app.filing.xlsx_compare import column_letters  # noqa: E402
from app.filing.xlsx_package import open_package  # noqa: E402
from app.filing.xlsx_read import read_look  # noqa: E402
from assessments.document import parse_document  # noqa: E402
from tests.conftest import example  # noqa: E402
from tests.filing_helpers import EVIDENCE, EXPORTED_AT, JOURNAL  # noqa: E402

FOLDER = Path(__file__).resolve().parent
PDF_GOLDEN = FOLDER / "worked-example.pdf.txt"
XLSX_GOLDEN = FOLDER / "worked-example.xlsx.txt"


def golden_texts() -> tuple[str, str]:
    """(PDF page texts, workbook cells) of the worked example with evidence and a journal."""
    from pypdf import PdfReader

    rendered = render_filing(
        parse_document(example()),
        exported_at=EXPORTED_AT.strftime("%Y-%m-%d %H:%M:%S"),
        program="dnz-assess (golden)",
        evidence=EVIDENCE,
        journal=JOURNAL,
        libraries={"openpyxl": "golden", "pypdf": "golden", "reportlab": "golden"},
        xlsx=True,
        pdf=True,
    )
    assert rendered.pdf is not None and rendered.xlsx is not None
    pages = PdfReader(io.BytesIO(rendered.pdf)).pages
    pdf = "".join(f"=== 第 {i} 页 ===\n{page.extract_text()}\n" for i, page in enumerate(pages, 1))
    look = read_look(open_package(Path("golden.xlsx"), rendered.xlsx))
    lines: list[str] = []
    for sheet in look.sheets:
        lines.append(f"=== {sheet.name}（{sheet.state}）===")
        for (row, col), cell in sorted(sheet.cells.items()):
            value = repr(cell.value) if cell.kind != "text" else cell.value.replace("\n", "\\n")
            lines.append(f"{column_letters(col)}{row}\t{cell.kind}\t{cell.number_format}\t{value}")
    return pdf, "\n".join(lines) + "\n"


if __name__ == "__main__":
    pdf, xlsx = golden_texts()
    PDF_GOLDEN.write_text(pdf, encoding="utf-8")
    XLSX_GOLDEN.write_text(xlsx, encoding="utf-8")
    print(f"wrote {PDF_GOLDEN.name} ({pdf.count('=== 第')} pages) and {XLSX_GOLDEN.name} ({xlsx.count(chr(10))} lines)")
