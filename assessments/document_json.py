"""The document as JSON: decoding text (numbers kept as typed) and the canonical serialisation."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from . import jsonnum
from .criteria import load_criteria
from .document_model import FORMAT, AnswersDocument, FactorChoices, Outlet
from .errors import DocumentError, Problem
from .exact import Number
from .factors import load_factors
from .vocabulary import ENTERPRISE_KEYS, NA


def decode_json(text: str) -> Any:
    """JSON text → values, numbers kept as typed (``jsonnum.loads``); errors become DocumentError."""

    def reject_constant(name: str) -> Any:
        raise DocumentError(
            [Problem("$", f"JSON 中出现非有限数字 {name}，只允许普通数字", f"non-finite number {name} in JSON")]
        )

    if text.startswith("\ufeff"):  # Notepad on Windows writes a UTF-8 BOM
        text = text[1:]
    try:
        return jsonnum.loads(text, parse_constant=reject_constant)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [
                Problem(
                    "$",
                    f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近（{exc.msg}）",
                    f"not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})",
                )
            ]
        ) from exc
    except RecursionError as exc:
        raise DocumentError([Problem("$", "JSON 嵌套层数过深", "JSON nested too deeply")]) from exc
    except jsonnum.ExponentTooLarge as exc:
        raise DocumentError(
            [Problem("$", "JSON 中有指数超出范围的数字（如 1e9999999999999999999），无法读取", f"{exc}")]
        ) from exc
    except ValueError as exc:
        # An integer literal longer than Python's int conversion limit (4300 digits) is a plain
        # ValueError, not a JSONDecodeError.
        raise DocumentError(
            [
                Problem(
                    "$",
                    "JSON 中有位数过多的数字（超过 4300 位），无法读取",
                    f"a number in the JSON is too long ({exc})",
                )
            ]
        ) from exc


# --------------------------------------------------------------------------- serialising


def _num(x: Number) -> Number:
    """Whole numbers are written without '.0' so files stay readable; every other number is
    written as the decimal it is (``jsonnum``), so parsing gives the same decimal back."""
    if isinstance(x, int):
        return x
    return int(x) if x == x.to_integral_value() and -_WHOLE < x < _WHOLE else x


_WHOLE = 10**15


def document_to_dict(doc: AnswersDocument) -> dict[str, Any]:
    """Serialise to the canonical JSON-ready dict (criteria order, normalised values)."""
    criteria = load_criteria(doc.criteria)
    factors = load_factors(criteria.factors_id)
    out: dict[str, Any] = {"format": FORMAT, "criteria": doc.criteria, "year": doc.year}
    ent = {k: getattr(doc.enterprise, k) for k in ENTERPRISE_KEYS if getattr(doc.enterprise, k) is not None}
    out["enterprise"] = ent
    answers: dict[str, Any] = {}
    for key in criteria.answer_keys():
        if key in doc.answers:
            value = doc.answers[key]
            answers[key] = _num(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else value
    out["answers"] = answers
    out["energy"] = {cid: _num(doc.energy[cid]) for cid in factors.carrier_ids if cid in doc.energy}
    if doc.coal_2020 is not None:
        out["coal_2020"] = {"raw_coal": _num(doc.coal_2020.raw_coal), "coke": _num(doc.coal_2020.coke)}
    out["gec_mwh"] = _num(doc.gec_mwh)
    out["process_co2_t"] = _num(doc.process_co2_t)
    out["offsets_t"] = _num(doc.offsets_t)
    if doc.output is not None:
        out["output"] = {"quantity": _num(doc.output.quantity), "unit": doc.output.unit}
    if doc.outlets is not None:
        out["outlets"] = NA if doc.outlets == NA else [_outlet_dict(o) for o in doc.outlets]
    if doc.water is not None:
        water: dict[str, Any] = {"zld": doc.water.zld}
        if doc.water.pollutants or not doc.water.zld:
            water["pollutants"] = [
                {"name": w.name, "concentration": _num(w.concentration), "limit": _num(w.limit)}
                for w in doc.water.pollutants
            ]
        out["water"] = water
    pi = doc.pollutant_intensity
    if pi is not None:
        if pi == NA:
            out["pollutant_intensity"] = NA
        elif pi.reduction_pct_3y is not None:
            out["pollutant_intensity"] = {"reduction_pct_3y": _num(pi.reduction_pct_3y)}
        else:
            assert pi.value is not None and pi.benchmark is not None and pi.leading is not None
            out["pollutant_intensity"] = {
                "value": _num(pi.value),
                "benchmark": _num(pi.benchmark),
                "leading": _num(pi.leading),
            }
    pc = doc.product_carbon
    if pc is not None:
        out["product_carbon"] = NA if pc == NA else {"benchmark": _num(pc.benchmark), "leading": _num(pc.leading)}
    h = doc.history
    if h is not None:
        out["history"] = (
            NA if h == NA else {"co2_t_3y_ago": _num(h.co2_t_3y_ago), "output_3y_ago": _num(h.output_3y_ago)}
        )
    if doc.factors is not None:
        out["factors"] = _factors_dict(doc.factors)
    return out


def _outlet_dict(o: Outlet) -> dict[str, Any]:
    d: dict[str, Any] = {"name": o.name, "source": o.source}
    if o.standard is not None:
        d["standard"] = o.standard
    if o.limits is not None:
        d["limits"] = {k: _num(v) for k, v in o.limits.items()}
    for pol, value in o.measured().items():
        d[pol] = _num(value)
    if o.hourly_compliance is not None:
        d["hourly_compliance"] = _num(o.hourly_compliance)
    return d


def _factors_dict(f: FactorChoices) -> dict[str, Any]:
    d: dict[str, Any] = {"electricity_basis": f.electricity_basis}
    if f.electricity_kgce_per_kwh is not None:
        d["electricity_kgce_per_kwh"] = _num(f.electricity_kgce_per_kwh)
    if f.grid_factor_year is not None:
        d["grid_factor_year"] = f.grid_factor_year
    if f.fuels:
        fuels = {}
        for cid, o in f.fuels.items():
            od: dict[str, Any] = {}
            for key in ("lhv", "carbon_content", "oxidation"):
                value = getattr(o, key)
                if value is not None:
                    od[key] = _num(value)
            if o.note:
                od["note"] = o.note
            fuels[cid] = od
        d["fuels"] = fuels
    if f.note:
        d["note"] = f.note
    return d


def document_to_json(doc: AnswersDocument, *, indent: int | None = 2) -> str:
    return jsonnum.dumps(document_to_dict(doc), ensure_ascii=False, indent=indent)


def canonical_json(value: Any) -> str:
    """Byte-stable JSON for fingerprints: sorted keys, no spaces, UTF-8 text; decimals as typed."""
    return jsonnum.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
