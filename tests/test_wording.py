"""Human words for draft keys and values: no internal key, `na` or Python repr reaches a reader."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.criteria import load_criteria
from assessments.document import parse_document
from assessments.draft import dict_to_draft, draft_keys
from assessments.wording import change_text, key_title, number_text, value_text
from tests.conftest import example

CRITERIA = load_criteria("binzhou-dnz-2025.1")
# What must never be shown: option ids, the N/A marker, Python literals and dict/list reprs.
_INTERNAL = re.compile(r"\bna\b|True|False|None|[{}\[\]]|'|quantity=|\w+_\w+")


def test_examples_from_the_wizard_review() -> None:
    assert change_text(CRITERIA, "answers.G5", None, "statutory") == "G5 信息公开：（空） → 仅依法披露"
    assert change_text(CRITERIA, "answers.G7", False, True) == "G7 双近零路线图：否 → 是"
    assert change_text(CRITERIA, "output", None, {"quantity": 250000, "unit": "t"}) == "年产量：（空） → 250 000 t"
    assert value_text(CRITERIA, "answers.P4", "na") == "不适用"
    assert value_text(CRITERIA, "energy.natural_gas", 30) == "30 10⁴ m³"
    assert key_title(CRITERIA, "answers.E5_coal_fired").startswith("E5 ")
    assert not key_title(CRITERIA, "answers.E5_coal_fired").endswith("？")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (250000, "250 000"),
        (0.3, "0.3"),
        (0.1 + 0.2, "0.30000000000000004"),  # a float is shown as stored, never silently re-rounded
        (Decimal("0.3"), "0.3"),
        (Decimal("1E+3"), "1 000"),
        (Decimal("12345678.125"), "12 345 678.125"),
        (-1234.5, "-1 234.5"),
        (1e-7, "0.0000001"),
        (0, "0"),
    ],
)
def test_number_text_is_the_stored_decimal_grouped(value: Any, shown: str) -> None:
    assert number_text(value) == shown


def test_every_key_of_the_worked_example_reads_as_words() -> None:
    draft = dict_to_draft(parse_document(example()))
    for key in draft_keys(CRITERIA):
        value = draft.get(key)
        for lang in ("zh", "en"):
            title = key_title(CRITERIA, key, lang)
            text = value_text(CRITERIA, key, value, lang)
            assert "." not in title or key.startswith("enterprise"), title
            if not key.startswith("enterprise"):  # enterprise fields are the user's own text
                assert not _INTERNAL.search(text), (key, text)


@given(
    st.sampled_from(draft_keys(CRITERIA)),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=8,
    ),
)
def test_any_stored_value_gives_text_never_an_exception(key: str, value: Any) -> None:
    # The journal may hold values of an older program version: whatever it holds reads as text.
    assert isinstance(change_text(CRITERIA, key, value, value), str)


def test_filing_journal_lines_are_in_words() -> None:
    from datetime import UTC, datetime
    from typing import NamedTuple

    from app.filing.inputs import journal_summary

    class Row(NamedTuple):
        key: str
        old: Any
        new: Any
        action: str
        at: datetime

    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    rows = [
        Row("answers.G5", None, "statutory", "set", at),
        Row("output", None, {"quantity": 250000, "unit": "t"}, "set", at),
        Row("answers.P8", 55, "na", "na", at),
    ]
    recent = journal_summary(rows).recent
    assert recent == (
        "2026-12-01 09:30 G5 信息公开：（空） → 仅依法披露",
        "2026-12-01 09:30 年产量：（空） → 250 000 t",
        "2026-12-01 09:30 P8 余热余压余冷综合利用率：55% → 不适用",
    )


def test_journal_lines_for_evidence_and_exports_are_in_words() -> None:
    from assessments.wording import action_text, journal_text

    assert journal_text(CRITERIA, "evidence.V1", None, "许可证.pdf", "attach") == "V1 排污许可 佐证材料：许可证.pdf"
    assert journal_text(CRITERIA, "evidence.V1", "许可证.pdf", None, "detach") == "V1 排污许可 佐证材料：许可证.pdf"
    assert journal_text(CRITERIA, "evidence.general", None, "a.pdf", "attach") == "综合材料 佐证材料：a.pdf"
    export = {"fingerprint": "0123456789abcdef" * 4, "files": ["a.xlsx", "a.pdf"]}
    assert journal_text(CRITERIA, "export", None, export, "export") == "备案文件：指纹 0123456789abcdef…，2 个文件"
    assert journal_text(CRITERIA, "answers.G5", None, "statutory", "set", "en") == "G5 Information disclosure: (empty) → Statutory only"
    assert action_text("carry") == "沿用上年度" and action_text("something new") == "修改"
    # the filing's change list goes through change_text: evidence keys read as words there too
    assert change_text(CRITERIA, "evidence.V3", None, "监测报告.pdf") == "V3 稳定达标排放 佐证材料：（空） → 监测报告.pdf"


def test_a_list_with_a_huge_integer_reads_as_text() -> None:
    """Found by hypothesis: Decimal([2**63, None]) raised OverflowError out of change_text."""
    value = [2**63, None, None]
    assert change_text(CRITERIA, "answers.P1", value, value) == "P1 清洁生产审核及水平：3 项 → 3 项"
    assert value_text(CRITERIA, "answers.P4", {"x": 1}) == "已填写"
