"""One vocabulary and one bilingual text type: the lists agree with what the code accepts."""

from __future__ import annotations

import json

from assessments import vocabulary as v
from assessments.criteria import load_criteria
from assessments.document import REQUIRED_TOP, TOP_KEYS, parse_document
from assessments.draft import draft_keys
from assessments.errors import Problem
from assessments.factors import load_factors
from assessments.numbers import NumberTextError, parse_number_text
from assessments.texts import LocalText, render, render_all
from assessments.wording import action_text, key_title, pollutant_name


def test_sections_are_the_document_keys() -> None:
    assert TOP_KEYS[5:] == tuple(s.value for s in v.Section)
    assert set(REQUIRED_TOP[5:]) == {"energy", *v.REQUIRED_SECTIONS}
    assert set(v.WIZARD_SECTION_ORDER) == v.INPUT_SECTIONS
    assert set(v.SECTION_HEADINGS) == v.INPUT_SECTIONS
    assert set(v.SECTION_LABELS) == set(v.DRAFT_SECTIONS)
    assert v.NA_SECTIONS <= v.INPUT_SECTIONS and set(v.SCALAR_NUMBER_SECTIONS) <= set(v.DRAFT_SECTIONS)
    criteria = load_criteria("binzhou-dnz-2025.1")
    keys = draft_keys(criteria)
    assert keys[-len(v.DRAFT_SECTIONS) :] == v.DRAFT_SECTIONS
    used = {s for ind in criteria.indicators for s in ind.answer.inputs}
    assert used <= v.INPUT_SECTIONS
    assert {ind.na.section for ind in criteria.indicators if ind.na.section} <= v.NA_SECTIONS


def test_collections_hold_plain_strings() -> None:
    """Stored keys, JSON and messages must read exactly as before the enums existed."""
    for collection in (v.ENTERPRISE_KEYS, v.POLLUTANTS, v.DRAFT_SECTIONS, v.WIZARD_SECTION_ORDER, v.REQUIRED_SECTIONS):
        assert all(type(x) is str for x in collection)
    for mapping in (v.SECTION_LABELS, v.ENTERPRISE_LABELS, v.POLLUTANT_SYMBOLS, v.JOURNAL_ACTION_LABELS):
        assert all(type(k) is str for k in mapping)
    assert json.dumps({v.Section.OUTLETS: v.NA}) == '{"outlets": "na"}'
    assert v.Section.OUTLETS == "outlets" and f"{v.Pollutant.NOX}" == "nox"


def test_enterprise_fields_and_pollutants() -> None:
    assert v.ENTERPRISE_KEYS == tuple(v.ENTERPRISE_LABELS) == tuple(v.ENTERPRISE_TEXT_LIMITS)
    assert set(v.REQUIRED_ENTERPRISE) <= set(v.ENTERPRISE_KEYS)
    assert set(v.POLLUTANTS) == set(v.POLLUTANT_SYMBOLS) == set(v.POLLUTANT_NAMES)
    factors = load_factors(load_criteria("binzhou-dnz-2025.1").factors_id)
    for row in factors.ultra_low:
        assert set(row.limits) <= set(v.POLLUTANTS)
    assert pollutant_name("so2") == "二氧化硫" and pollutant_name("so2", "en") == "SO₂"
    assert pollutant_name("x") == "x"
    assert key_title(load_criteria("binzhou-dnz-2025.1"), "enterprise.uscc") == "统一社会信用代码"


def test_journal_actions_and_statuses() -> None:
    assert set(v.JOURNAL_ACTION_LABELS) <= {a.value for a in v.JournalAction}
    assert action_text("attach") == "附加佐证材料" and action_text("weird", "en") == "changed"
    assert {s.value for s in v.AssessmentStatus} == set(v.ASSESSMENT_STATUS_LABELS)
    assert {s.value for s in v.VetoStatus} == set(v.VETO_STATUS_LABELS)


def test_every_bilingual_shape_renders_through_one_function() -> None:
    text = LocalText("中文", "English")
    assert render(text) == render(text, "zh") == render(text, "de") == text.render() == text.get() == "中文"
    assert render(text, "en") == text.render("en") == "English"
    problem = Problem("answers.P4", "数值过大", "too large")
    assert render(problem, "en") == "too large" and render(problem) == "数值过大"
    try:
        parse_number_text("abc")
    except NumberTextError as exc:
        assert render(exc) == exc.zh and render(exc, "en") == exc.en
        assert LocalText.of(exc) == LocalText(exc.zh, exc.en)
    assert render_all([text, problem], "en", "; ") == "English; too large"
    assert LocalText.join([text, LocalText.same("X")]) == LocalText("中文；X", "English; X")
    assert LocalText.of(text) is text


def test_a_document_with_enum_keys_parses_like_plain_strings() -> None:
    doc = parse_document(
        {"format": "dnz-answers/1", "criteria": "binzhou-dnz-2025.1", "year": 2025, v.Section.OUTLETS: v.NA},
        partial=True,
    )
    assert doc.outlets == "na"
