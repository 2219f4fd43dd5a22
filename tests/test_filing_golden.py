"""Golden checks: the worked example's filing, every PDF page's text and every workbook cell, compared
exactly with tests/golden/. An unintended change to a filing fails here and shows the difference;
after an intended one, run `python tests/golden/render.py` and review the diff in git."""

from __future__ import annotations

import difflib

import pytest

from .golden.render import PDF_GOLDEN, XLSX_GOLDEN, golden_texts


@pytest.fixture(scope="module")
def texts() -> tuple[str, str]:
    return golden_texts()


def _same(fresh: str, golden: str, name: str) -> None:
    if fresh != golden:
        diff = "".join(
            difflib.unified_diff(golden.splitlines(True), fresh.splitlines(True), f"golden/{name}", "rendered now", n=1)
        )
        pytest.fail(f"the filing changed; if intended, run `python tests/golden/render.py`:\n{diff[:6000]}")


def test_every_pdf_page_text_is_golden(texts: tuple[str, str]) -> None:
    _same(texts[0], PDF_GOLDEN.read_text(encoding="utf-8"), PDF_GOLDEN.name)


def test_every_workbook_cell_is_golden(texts: tuple[str, str]) -> None:
    _same(texts[1], XLSX_GOLDEN.read_text(encoding="utf-8"), XLSX_GOLDEN.name)
