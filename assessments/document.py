"""The `dnz-answers/1` interchange document (docs/criteria.md §7): typed objects, parse, serialise.

The same document is what the command line scores, what a filing embeds and what an import
reads back. Parsing is strict: unknown keys, wrong types, out-of-range or non-finite numbers
and bad 统一社会信用代码 are errors that name the field, the value and what is allowed. All
problems found are reported together, so a user fixes a file in one pass.

``partial=True`` accepts a draft (missing answers are allowed, present ones are still checked);
completeness is then reported by :func:`missing_fields`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .criteria import Criteria, load_criteria
from .document_inputs import parse_factors, parse_history, parse_intensity, parse_product_carbon, parse_water
from .document_json import canonical_json, decode_json, document_to_dict, document_to_json
from .document_model import FORMAT, AnswersDocument, AnswerValue, Outlet
from .document_parser import MAX_T, Parser, item_label, type_zh
from .document_sections import (
    parse_answers,
    parse_coal_2020,
    parse_energy,
    parse_enterprise,
    parse_outlets,
    parse_output,
)
from .errors import CriteriaError, DocumentError, Problem, show_value
from .factors import load_factors
from .vocabulary import NA, REQUIRED_SECTIONS, Section

# The document's model and JSON helpers are imported from here by many callers.
__all__ = [
    "FORMAT",
    "NA",
    "REQUIRED_TOP",
    "TOP_KEYS",
    "AnswerValue",
    "AnswersDocument",
    "Outlet",
    "canonical_json",
    "decode_json",
    "document_to_dict",
    "document_to_json",
    "missing_answer_keys",
    "parse_document",
    "parse_document_json",
]

TOP_KEYS = ("format", "criteria", "year", "enterprise", "answers", *(s.value for s in Section))
REQUIRED_TOP = ("format", "criteria", "year", "enterprise", "answers", Section.ENERGY.value, *REQUIRED_SECTIONS)


# --------------------------------------------------------------------------- public API


def parse_document(data: Any, *, partial: bool = False) -> AnswersDocument:
    """Validate a decoded JSON value as a `dnz-answers/1` document.

    Raises DocumentError listing every problem (field, value, what is allowed; in Chinese).
    """
    if not isinstance(data, dict):
        raise DocumentError(
            [Problem("$", f"文档应为 JSON 对象，实际为{type_zh(data)}", "the document must be a JSON object")]
        )
    fmt = data.get("format")
    if fmt != FORMAT:
        raise DocumentError(
            [Problem("format", f'格式应为 "{FORMAT}"，实际为 {show_value(fmt)}', f"format must be {FORMAT!r}")]
        )
    criteria_id = data.get("criteria")
    if not isinstance(criteria_id, str):
        raise DocumentError(
            [
                Problem(
                    "criteria",
                    f"缺少评价标准版本或类型错误：{show_value(criteria_id)}",
                    "criteria id missing or not text",
                )
            ]
        )
    try:
        criteria = load_criteria(criteria_id)
    except CriteriaError as exc:
        raise DocumentError(exc.problems) from exc
    factors = load_factors(criteria.factors_id)
    p = Parser(criteria, factors, partial)
    p.keys(data, "", TOP_KEYS, REQUIRED_TOP)
    year_raw = data.get("year")
    year = p.number(year_raw, "year", 2000, 2100, integer=True) if "year" in data else None
    if year is None and "year" not in data and partial:
        p.problem("year", "缺少报告年度", "missing reporting year")
    doc_kwargs: dict[str, Any] = {}
    if "enterprise" in data:
        doc_kwargs["enterprise"] = parse_enterprise(p, data["enterprise"])
    if "answers" in data:
        doc_kwargs["answers"] = parse_answers(p, data["answers"])
    if "energy" in data:
        doc_kwargs["energy"] = parse_energy(p, data["energy"])
    if "coal_2020" in data:
        doc_kwargs["coal_2020"] = parse_coal_2020(p, data["coal_2020"])
    for key, hi in (("gec_mwh", 10**10), ("process_co2_t", MAX_T), ("offsets_t", MAX_T)):
        if key in data:
            n = p.number(data[key], key, 0, hi, unit=" MWh" if key == "gec_mwh" else " t")
            if n is not None:
                doc_kwargs[key] = n
    if "output" in data:
        doc_kwargs["output"] = parse_output(p, data["output"])
    if "outlets" in data:
        doc_kwargs["outlets"] = parse_outlets(p, data["outlets"])
    if "water" in data:
        doc_kwargs["water"] = parse_water(p, data["water"])
    if "pollutant_intensity" in data:
        doc_kwargs["pollutant_intensity"] = parse_intensity(p, data["pollutant_intensity"])
    if "product_carbon" in data:
        doc_kwargs["product_carbon"] = parse_product_carbon(p, data["product_carbon"])
    if "history" in data:
        doc_kwargs["history"] = parse_history(p, data["history"])
    if "factors" in data:
        doc_kwargs["factors"] = parse_factors(p, data["factors"])
    if not partial:
        _check_complete_answers(p, doc_kwargs.get("answers", {}))
    if p.problems:
        raise DocumentError(p.problems)
    assert year is not None
    return AnswersDocument(criteria=criteria_id, year=int(year), **doc_kwargs)


def _check_complete_answers(p: Parser, answers: Mapping[str, AnswerValue]) -> None:
    # An answer that was given but rejected already has its own problem; do not also call it missing.
    reported = {problem.field for problem in p.problems}
    for key in missing_answer_keys(p.criteria, answers):
        if f"answers.{key}" in reported:
            continue
        p.problem(
            f"answers.{key}",
            f"{item_label(key if key[0] == 'V' or '_' in key else p.criteria.indicator(key), p.criteria)}：缺少回答",
            "no answer given",
        )


def missing_answer_keys(criteria: Criteria, answers: Mapping[str, AnswerValue]) -> list[str]:
    """Answer keys a complete document still needs (a sub-answer only when its parent is scored)."""
    vetoes, questions = _answer_plan(criteria)
    missing = [key for key in vetoes if key not in answers]
    for key, subs in questions:
        if key not in answers:
            missing.append(key)
        elif subs and not (type(answers[key]) is str and answers[key] == NA):
            missing.extend(sub for sub in subs if sub not in answers)
    return missing


_ANSWER_PLANS: dict[int, tuple[Criteria, tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]]] = {}


def _answer_plan(criteria: Criteria) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """(veto ids, (question id, sub-answer ids) of the user-answered indicators), once per set."""
    held = _ANSWER_PLANS.get(id(criteria))
    if held is not None and held[0] is criteria:
        return held[1]
    plan = (
        tuple(v.id for v in criteria.vetoes),
        tuple((i.id, tuple(s.id for s in i.sub_answers)) for i in criteria.indicators if i.user_answered),
    )
    if len(_ANSWER_PLANS) > 16:
        _ANSWER_PLANS.clear()
    _ANSWER_PLANS[id(criteria)] = (criteria, plan)
    return plan


def parse_document_json(text: str, *, partial: bool = False) -> AnswersDocument:
    """Parse JSON text; JSON syntax errors and NaN/Infinity tokens become DocumentError."""
    return parse_document(decode_json(text), partial=partial)
