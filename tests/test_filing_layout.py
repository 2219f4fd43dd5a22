"""The PDF as a reader sees it: Chinese line-breaking rules, ids never broken, no near-empty pages,
the pledge page counts the evidence files (issue #13 item 4)."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.filing.kinsoku import CANNOT_END, CANNOT_START, break_lines, can_break
from app.filing.render import render_filing
from assessments.criteria import load_criteria
from assessments.document import parse_document

from .conftest import example
from .filing_helpers import EVIDENCE, JOURNAL

MM = 72 / 25.4
PAGE_H = 841.8898


def _pdf(evidence: tuple = EVIDENCE, data: dict | None = None) -> bytes:  # type: ignore[type-arg]
    rendered = render_filing(
        parse_document(data or example()), exported_at="2025-03-03 15:00:00", program="dnz-assess 0.2.0",
        evidence=evidence, journal=JOURNAL, pdf=True,
    )  # fmt: skip
    assert rendered.pdf is not None
    return rendered.pdf


@pytest.fixture(scope="module")
def pages() -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(_pdf())).pages]


# --------------------------------------------------------------------------- the line breaker

_TEXT = st.lists(
    st.sampled_from(
        [*"本企业承诺数据真实准确完整的", *"，。；：、！？）》」”（《「“", " ", "ABC", "E5_coal_fired", "8.00%", "GB/T"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, width=st.integers(3, 30))
def test_lines_follow_kinsoku_and_keep_words(text: str, width: int) -> None:
    widths = [2.0 if ord(ch) > 0x2E7F else 1.0 for ch in text]
    lines = break_lines(widths, text, [float(width)])
    assert "".join(text[a:b] for a, b in lines) == text  # nothing lost, nothing added, in order
    for (start, end), (after, _) in itertools.pairwise(lines):
        assert end == after > start
        legal_inside = any(can_break(text, j) for j in range(start + 1, end))
        # a break against the rules (a line starting with "，", a word cut) only where the line
        # before had no legal break at all: one unbreakable run wider than the line
        assert can_break(text, after) or not legal_inside, (text[start:end], text[after:])
        # a line wider than allowed is such a run, or ends in spaces
        if sum(widths[start:end]) > width:
            assert not legal_inside or text[start:end].endswith(" "), text[start:end]


def test_pledge_comma_never_starts_a_line() -> None:
    text = "本企业知悉：自评估结果仅为企业自我评价，最终结论以主管部门审核为准；如提供虚假材料，愿承担由此产生的一切法律责任"
    for width in range(4, 40):
        for a, _ in break_lines([1.0] * len(text), text, [float(width)])[1:]:
            assert text[a] not in CANNOT_START, (width, text[a:])


def test_latin_words_stay_whole() -> None:
    text = "依据：GB/T 36132 与 E5_coal_fired（2023）257号"
    lines = [text[a:b] for a, b in break_lines([1.0] * len(text), text, [14.0])]
    assert any("E5_coal_fired" in line for line in lines), lines
    assert all(not line.startswith(("）", "，")) and not line.rstrip().endswith("（") for line in lines), lines


# --------------------------------------------------------------------------- the PDF


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(pages: list[str]) -> None:
    bad = []
    for number, text in enumerate(pages, 1):
        for line in text.splitlines():
            body = line.strip()
            if not body or body == "—":  # a table cell holding only the dash placeholder
                continue
            if body[0] in CANNOT_START or body[-1] in CANNOT_END:
                bad.append((number, body))
    assert bad == []


def test_ids_are_never_broken(pages: list[str]) -> None:
    criteria = load_criteria("binzhou-dnz-2025.1")
    ids = [v.id for v in criteria.vetoes] + [i.id for i in criteria.indicators]
    ids += [sub.id for i in criteria.indicators for sub in i.sub_answers]
    words = set(re.findall(r"[A-Za-z0-9_]+", "\n".join(pages)))
    assert [i for i in ids if i not in words] == []
    assert "E5_coal_fired" in words and "E5_coal_fi" not in words


def _fill(page: object) -> float:
    """How far down the body text of a page reaches (0 = empty, 1 = to the bottom margin)."""
    ys: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            ys.append(cm[5] + tm[5])

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    top, bottom = PAGE_H - 20 * MM, 20 * MM
    body = [y for y in ys if bottom - 2 < y < top]
    return (top - min(body)) / (top - bottom) if body else 0.0


def test_no_near_empty_pages() -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_pdf()))
    fills = [_fill(page) for page in reader.pages]
    middle = fills[1:-2]  # not the cover, the last content page or the pledge page
    assert middle and min(middle) >= 0.6, fills
    assert fills[-2] >= 0.2, fills


@pytest.mark.parametrize(("evidence", "sentence"), [
    (EVIDENCE, "本备案材料附佐证材料 3 份，文件名、大小与 SHA-256 见“佐证材料清单”"),
    ((), "本备案材料未附佐证材料（佐证材料清单为空）。"),
])  # fmt: skip
def test_pledge_page_counts_the_evidence_files(evidence: tuple, sentence: str, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from pypdf import PdfReader

    last = PdfReader(io.BytesIO(_pdf(evidence))).pages[-1].extract_text().replace("\n", "")
    assert "材料真实性承诺书" in last and sentence in last


def test_hundreds_of_evidence_files_on_one_question_still_lay_out(tmp_path: Path) -> None:
    """One question with 300 files used to make a table cell taller than a page (LayoutError):
    the row names the first five and the count, the evidence list has every file."""
    from datetime import datetime

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from app.filing import export_filing, verify_filing
    from assessments.report import EvidenceItem

    many = tuple(EvidenceItem("P1", f"台账{i:03d}.pdf", f"{i:064x}", 100 + i, datetime(2025, 3, 1)) for i in range(300))
    export_filing(parse_document(example()), xlsx_path=tmp_path / "m.xlsx", pdf_path=tmp_path / "m.pdf", evidence=many)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "m.pdf").pages).replace("\n", "")
    assert "台账004.pdf、等共 300 份（全部见佐证材料清单）" in text and "台账299.pdf" in text
    detail = {row[0].value: row for row in load_workbook(tmp_path / "m.xlsx")["指标明细"].iter_rows(min_row=4)}
    assert detail["P1"][12].value.splitlines()[-1] == "等共 300 份（全部见佐证材料清单）"
    assert verify_filing(tmp_path / "m.xlsx").ok and verify_filing(tmp_path / "m.pdf").ok


def test_every_text_at_its_longest_still_lays_out_and_verifies(tmp_path: Path) -> None:
    """Each free text at the longest the document (or the carried envelope) allows, with no
    break opportunity: nothing raises, both files verify."""
    from datetime import datetime

    from app.filing import export_filing, verify_filing
    from assessments.report import EvidenceItem, JournalSummary

    data = example()
    ent = data["enterprise"]
    ent["name"], ent["address"], ent["contact"] = "滨" * 200, "W" * 300, "M" * 100
    data["outlets"][0]["name"] = "排" * 100
    data["outlets"][1].update(source="custom", limits={"pm": 10, "so2": 35, "nox": 50}, standard="G" * 200)
    evidence = (EvidenceItem("P1", "长" * 250 + ".pdf", "f" * 64, 1, datetime(2025, 3, 1)),)
    journal = JournalSummary(1, None, None, 0, 0, tuple("改" * 300 for _ in range(10)))
    doc = parse_document(data)
    export_filing(doc, xlsx_path=tmp_path / "l.xlsx", pdf_path=tmp_path / "l.pdf", evidence=evidence, journal=journal)
    assert verify_filing(tmp_path / "l.xlsx").ok
    assert verify_filing(tmp_path / "l.pdf").ok
