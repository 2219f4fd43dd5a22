"""An assessment being filled in, as a flat map of answer keys (the unit of autosave).

Keys are stable dotted names into the `dnz-answers/1` document:
``enterprise.<field>``, ``answers.<ID>``, ``energy.<carrier>``, and the whole sections
``coal_2020``, ``gec_mwh``, ``process_co2_t``, ``offsets_t``, ``output``, ``outlets``, ``water``,
``pollutant_intensity``, ``product_carbon``, ``history``, ``factors``. Values are the JSON values
the document would hold. The database stores one row per key, so one typed field is one write.

``validate_value`` checks a single new value *in the context of the whole draft* through the
document parser, so the rules live in one place (document.py), and returns the normalised value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .criteria import Criteria, load_criteria
from .document import AnswersDocument, document_to_dict, parse_document
from .document_model import FORMAT
from .errors import DocumentError, Problem
from .factors import load_factors
from .numbers import NumberTextError, parse_number_text
from .vocabulary import DRAFT_SECTIONS, ENTERPRISE_KEYS, SCALAR_NUMBER_SECTIONS

SECTION_KEYS = DRAFT_SECTIONS


def draft_keys(criteria: Criteria) -> tuple[str, ...]:
    """Every key a draft of this criteria set may hold, in document order."""
    return _draft_keys(criteria.id)


@lru_cache(maxsize=8)
def _draft_keys(criteria_id: str) -> tuple[str, ...]:
    criteria = load_criteria(criteria_id)
    factors = load_factors(criteria.factors_id)
    return (
        *(f"enterprise.{k}" for k in ENTERPRISE_KEYS),
        *(f"answers.{k}" for k in criteria.answer_keys()),
        *(f"energy.{c}" for c in factors.carrier_ids),
        *SECTION_KEYS,
    )


def is_numeric_key(criteria: Criteria, key: str) -> tuple[bool, bool]:
    """(numeric, percent) for a key whose value is one number."""
    if key.startswith("energy.") or key in SCALAR_NUMBER_SECTIONS:
        return True, False
    if key.startswith("answers."):
        ident = key.split(".", 1)[1]
        try:
            spec = criteria.indicator(ident).answer
        except KeyError:
            return False, False
        return spec.type == "number", spec.unit == "%"
    return False, False


def draft_to_dict(criteria_id: str, year: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Assemble the JSON document from a flat draft (unknown keys are ignored by design)."""
    doc: dict[str, Any] = {"format": FORMAT, "criteria": criteria_id, "year": year}
    enterprise: dict[str, Any] = {}
    answers: dict[str, Any] = {}
    energy: dict[str, Any] = {}
    for key, value in values.items():
        head, _, tail = key.partition(".")
        if head == "enterprise" and tail:
            enterprise[tail] = value
        elif head == "answers" and tail:
            answers[tail] = value
        elif head == "energy" and tail:
            energy[tail] = value
        elif key in SECTION_KEYS:
            doc[key] = value
    doc["enterprise"] = enterprise
    doc["answers"] = answers
    doc["energy"] = energy
    return doc


def dict_to_draft(doc: AnswersDocument) -> dict[str, Any]:
    """The flat draft of a parsed document (normalised values)."""
    data = document_to_dict(doc)
    values: dict[str, Any] = {}
    for section in ("enterprise", "answers", "energy"):
        for key, value in data.get(section, {}).items():
            values[f"{section}.{key}"] = value
    for key in SECTION_KEYS:
        if key in data:
            values[key] = data[key]
    return values


def draft_document(criteria_id: str, year: int, values: Mapping[str, Any]) -> AnswersDocument:
    """Parse a draft as a partial document (it was validated key by key when stored)."""
    return parse_document(draft_to_dict(criteria_id, year, values), partial=True)


def _relevant(problem: Problem, key: str) -> bool:
    field = problem.field
    return field == key or field.startswith(key + ".") or field.startswith(key + "[")


def validate_value(criteria_id: str, year: int, values: Mapping[str, Any], key: str, value: Any) -> Any:
    """Check one new value in the context of the draft; return it normalised (see `validate_in_draft`)."""
    return validate_in_draft(criteria_id, year, values, key, value)[0]


def validate_in_draft(
    criteria_id: str, year: int, values: Mapping[str, Any], key: str, value: Any
) -> tuple[Any, AnswersDocument]:
    """Check one new value in the context of the draft; return (normalised value, the draft with it).

    Text typed for a numeric field is read with `parse_number_text` (full-width digits,
    thousands separators) or rejected with the reason. Raises DocumentError naming the key.
    """
    criteria = load_criteria(criteria_id)
    if key not in draft_keys(criteria):
        raise DocumentError([Problem(key, f"未知的答题项“{key}”", f"unknown answer key {key!r}")])
    numeric, percent = is_numeric_key(criteria, key)
    if numeric and isinstance(value, str) and value != "na":
        try:
            value = parse_number_text(value, percent=percent)
        except NumberTextError as exc:
            raise DocumentError([Problem(key, exc.zh, exc.en)]) from None
    candidate = dict(values)
    candidate[key] = value
    try:
        doc = parse_document(draft_to_dict(criteria_id, year, candidate), partial=True)
    except DocumentError as exc:
        mine = [p for p in exc.problems if _relevant(p, key)]
        if mine:
            raise DocumentError(mine) from None
        raise  # the draft was already broken elsewhere: say so rather than store over it
    return _normalised(doc, key), doc


def apply_to_document(
    criteria_id: str, year: int, doc: AnswersDocument, key: str, value: Any
) -> tuple[Any, AnswersDocument]:
    """`validate_in_draft` for the autosave hot path: check the one key on its own, merge it into ``doc``.

    A partial document has no rules across keys (completeness and the pairs it implies are checked
    only for complete documents), so a key checked alone gets the verdict it gets inside the whole
    draft — tests/test_draft.py proves the two agree. ``value=None`` clears the key. Parsing one key
    instead of the whole draft is what keeps a save of a complete assessment cheap.
    """
    criteria = load_criteria(criteria_id)
    if key not in draft_keys(criteria):
        raise DocumentError([Problem(key, f"未知的答题项“{key}”", f"unknown answer key {key!r}")])
    if value is None:
        return None, _without(doc, key)
    numeric, percent = is_numeric_key(criteria, key)
    if numeric and isinstance(value, str) and value != "na":
        try:
            value = parse_number_text(value, percent=percent)
        except NumberTextError as exc:
            raise DocumentError([Problem(key, exc.zh, exc.en)]) from None
    alone = parse_document(draft_to_dict(criteria_id, year, {key: value}), partial=True)
    return _normalised(alone, key), _merged(doc, alone, key)


def _merged(doc: AnswersDocument, alone: AnswersDocument, key: str) -> AnswersDocument:
    head, _, ident = key.partition(".")
    if head in ("answers", "energy"):
        merged: dict[str, Any] = dict(getattr(doc, head))
        given = getattr(alone, head)
        if ident in given:
            merged[ident] = given[ident]
        else:
            merged.pop(ident, None)
        changes: dict[str, Any] = {head: merged}
        return replace(doc, **changes)
    if head == "enterprise":
        return replace(doc, enterprise=replace(doc.enterprise, **{ident: getattr(alone.enterprise, ident)}))
    return replace(doc, **{key: getattr(alone, key)})


def _without(doc: AnswersDocument, key: str) -> AnswersDocument:
    head, _, ident = key.partition(".")
    if head in ("answers", "energy"):
        remaining: dict[str, Any] = {head: {k: v for k, v in getattr(doc, head).items() if k != ident}}
        return replace(doc, **remaining)
    if head == "enterprise":
        return replace(doc, enterprise=replace(doc.enterprise, **{ident: None}))
    cleared: dict[str, Any] = {key: 0 if key in SCALAR_NUMBER_SECTIONS else None}
    return replace(doc, **cleared)


def _normalised(doc: AnswersDocument, key: str) -> Any:
    """The value of one key as the serialised document holds it."""
    head, _, ident = key.partition(".")
    if head == "answers" and ident:
        value: Any = doc.answers.get(ident)
    elif head == "energy" and ident:
        value = doc.energy.get(ident)
    elif head == "enterprise" and ident:
        value = getattr(doc.enterprise, ident)
    else:  # a whole section: rare while typing, so the full serialiser is fine
        return dict_to_draft(doc).get(key)
    if isinstance(value, Decimal) and value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return value


# Starting next year from this year's answers (F11). What changes slowly (systems, certificates,
# grades, equipment, sector benchmarks, the 2020 coal base) is carried over; the year's figures
# and yearly statements (vetoes) are cleared. Cleared sections whose shape is worth reusing
# (outlet list, water pollutants, intensity benchmark) are offered back as "kept" values.
_CARRY_ANSWERS_TYPES = ("choice", "boolean")
_CARRY_SECTIONS = ("coal_2020", "product_carbon")
_KEEP_SECTIONS = ("outlets", "water", "pollutant_intensity", "output")


def carry_over(criteria_id: str, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(values carried into next year's draft, previous values kept for reference only)."""
    criteria = load_criteria(criteria_id)
    vetoes = {v.id for v in criteria.vetoes}
    subs = {s.id for i in criteria.indicators for s in i.sub_answers}
    carried: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    for key, value in values.items():
        head, _, ident = key.partition(".")
        if head == "enterprise":
            carried[key] = value
        elif head == "answers":
            if ident in vetoes:
                continue  # statements about the last year: must be answered again
            if ident in subs or criteria.indicator(ident).answer.type in _CARRY_ANSWERS_TYPES:
                carried[key] = value
            else:
                kept[key] = value
        elif key in _CARRY_SECTIONS:
            carried[key] = value
        elif key == "factors" and isinstance(value, dict):
            # Measured fuel parameters and a chosen factor year belong to the old year.
            rest = {k: v for k, v in value.items() if k not in ("fuels", "grid_factor_year")}
            if rest:
                carried[key] = rest
        elif key in _KEEP_SECTIONS and value != "na":
            kept[key] = value
    return carried, kept
