"""Human words for draft keys and their values: what a person reads in the journal, the review page,
a filing's change list and messages — never an internal key, ``na`` or a Python ``repr``.

A draft key (see ``draft.py``) is named by the question's id and Chinese title
(``G5 信息公开``) or the section's name (``年产量``); a value by its option label, 是/否, 不适用, or the
number as typed with its unit (``250 000 t``). Numbers are shown exactly as stored (no float
re-rounding): ``0.3`` stays ``0.3``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from .criteria import Criteria, Indicator
from .factors import Factors, load_factors
from .texts import LocalText
from .vocabulary import ENTERPRISE_LABELS, JOURNAL_ACTION_LABELS, POLLUTANT_NAMES, JournalAction
from .vocabulary import SECTION_LABELS as DOCUMENT_SECTION_LABELS

EMPTY: Final = LocalText("（空）", "(empty)")
GENERAL_EVIDENCE: Final = LocalText("综合材料", "General")
FILING: Final = LocalText("备案文件", "Filing")
NOT_APPLICABLE: Final = LocalText("不适用", "not applicable")
YES: Final = LocalText("是", "yes")
NO: Final = LocalText("否", "no")

# The document's sections outside answers/energy/enterprise, as a person names them, and the
# journal key of an import that failed verification.
SECTION_LABELS: Final[Mapping[str, LocalText]] = {
    **DOCUMENT_SECTION_LABELS,
    "filing.unverified": LocalText("导入未通过核验的备案文件", "Imported a filing that failed verification"),
}

# Units as written in the data files, as people write them.
UNIT_SHOWN: Final[Mapping[str, str]] = {"10^4 m3": "10⁴ m³", "m3": "m³", "tCO2": "tCO₂"}
_SECTION_UNITS: Final[Mapping[str, str]] = {"gec_mwh": "MWh", "process_co2_t": "tCO₂", "offsets_t": "tCO₂"}
_FUEL_PARAMS: Final[Mapping[str, LocalText]] = {
    "lhv": LocalText("低位发热量", "LHV"),
    "carbon_content": LocalText("单位热值含碳量", "carbon content"),
    "oxidation": LocalText("碳氧化率", "oxidation"),
}


def number_text(value: Any) -> str:
    """A stored number as typed, thousands grouped by a space: ``250000`` → ``250 000``, ``0.3`` → ``0.3``.

    Floats are shown by their shortest round-tripping decimal (``repr``), so a value stored as a
    float shows the decimal that was typed, not ``0.30000000000000004``-style noise from arithmetic
    done elsewhere; no exponent notation is ever shown.
    """
    if isinstance(value, bool):
        return str(value)
    try:
        exact = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    except (InvalidOperation, ValueError, TypeError, OverflowError):  # Decimal([...]) overflows on big ints
        return str(value)
    if not exact.is_finite():
        return str(value)
    text = format(exact.normalize() if exact == exact.to_integral_value() else exact, "f")
    sign = "-" if text.startswith("-") else ""
    whole, dot, frac = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    return f"{sign}{grouped}{dot}{frac}"


def _with_unit(value: Any, unit: str | None) -> str:
    shown = UNIT_SHOWN.get(unit or "", unit or "")
    if not shown:
        return number_text(value)
    return f"{number_text(value)}{shown}" if shown == "%" else f"{number_text(value)} {shown}"


def _yes_no(value: bool, lang: str) -> str:
    return (YES if value else NO).get(lang)


def key_title(criteria: Criteria, key: str, lang: str = "zh") -> str:
    """The name of a draft key as a person reads it: ``answers.G5`` → ``G5 信息公开``."""
    head, _, ident = key.partition(".")
    if head == "enterprise" and ident in ENTERPRISE_LABELS:
        return ENTERPRISE_LABELS[ident].get(lang)
    if head == "answers" and ident:
        return _answer_title(criteria, ident, lang)
    if head == "energy" and ident:
        try:
            carrier = _factors(criteria).carrier(ident)
        except KeyError:
            return ident
        return f"{carrier.name.get(lang)}{'用量' if lang != 'en' else ' consumption'}"
    if head == "evidence" and ident:  # a journal row of an attached or removed evidence file
        title = _answer_title(criteria, ident, lang) if ident != "general" else GENERAL_EVIDENCE.get(lang)
        return f"{title}{' — evidence' if lang == 'en' else ' 佐证材料'}"
    if key == "export":
        return FILING.get(lang)
    label = SECTION_LABELS.get(key)
    return label.get(lang) if label is not None else key


def _answer_title(criteria: Criteria, ident: str, lang: str) -> str:
    for veto in criteria.vetoes:
        if veto.id == ident:
            return f"{veto.id} {veto.title.get(lang)}"
    for ind in criteria.indicators:
        if ind.id == ident:
            return f"{ind.id} {ind.title.get(lang)}"
        for sub in ind.sub_answers:
            if sub.id == ident:
                return f"{ind.id} {sub.question.get(lang).rstrip('？?')}"
    return ident


def value_text(criteria: Criteria, key: str, value: Any, lang: str = "zh") -> str:
    """A stored value of ``key`` in words: option labels, 是/否, 不适用, numbers with their unit."""
    if value is None:
        return EMPTY.get(lang)
    if value == "na":
        return NOT_APPLICABLE.get(lang)
    head, _, ident = key.partition(".")
    if head == "answers":
        return _answer_value(criteria, ident, value, lang)
    if head == "energy":
        try:
            unit: str | None = _factors(criteria).carrier(ident).unit
        except KeyError:
            unit = None
        return _with_unit(value, unit)
    if head in ("enterprise", "evidence"):  # the user's own text, a file's name
        return str(value)
    if key == "export" and isinstance(value, dict):
        return _export(value, lang)
    if key in _SECTION_UNITS:
        return _with_unit(value, _SECTION_UNITS[key])
    section = _SECTION_TEXT.get(key)
    if section is not None and isinstance(value, dict | list):
        try:
            return section(criteria, value, lang)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a malformed stored section: fall through to a neutral summary, never a repr
    return _generic(value, lang)


def change_text(criteria: Criteria, key: str, old: Any, new: Any, lang: str = "zh") -> str:
    """One journal line's body: ``G5 信息公开：（空）→ 依法披露``."""
    colon = "：" if lang != "en" else ": "
    return (
        f"{key_title(criteria, key, lang)}{colon}"
        f"{value_text(criteria, key, old, lang)} → {value_text(criteria, key, new, lang)}"
    )


def _answer_value(criteria: Criteria, ident: str, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return _yes_no(value, lang)
    indicator = _indicator(criteria, ident)
    if indicator is None:
        return _generic(value, lang)
    if isinstance(value, str):
        option = indicator.answer.option(value)
        return option.label.get(lang) if option is not None else value
    if not isinstance(value, int | float | Decimal):  # a malformed stored value: a neutral summary
        return _generic(value, lang)
    return _with_unit(value, indicator.answer.unit or indicator.unit)


def _indicator(criteria: Criteria, ident: str) -> Indicator | None:
    try:
        return criteria.indicator(ident)
    except KeyError:
        return None


def _factors(criteria: Criteria) -> Factors:
    return load_factors(criteria.factors_id)


def _generic(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return _yes_no(value, lang)
    if isinstance(value, int | float | Decimal):
        return number_text(value)
    if isinstance(value, list):
        return f"{len(value)} 项" if lang != "en" else f"{len(value)} item(s)"
    if isinstance(value, dict):
        return "已填写" if lang != "en" else "filled in"
    return str(value)


def _join(parts: list[str], lang: str) -> str:
    return ("，" if lang != "en" else ", ").join(p for p in parts if p)


def _coal_2020(criteria: Criteria, value: Any, lang: str) -> str:
    factors = _factors(criteria)
    return _join(
        [f"{factors.carrier(c).name.get(lang)} {_with_unit(v, 't')}" for c, v in value.items() if v is not None],
        lang,
    )


def _output(criteria: Criteria, value: Any, lang: str) -> str:
    return _with_unit(value["quantity"], str(value.get("unit") or ""))


def _outlets(criteria: Criteria, value: Any, lang: str) -> str:
    names = [str(o.get("name") or "?") for o in value if isinstance(o, dict)]
    if lang == "en":
        return f"{len(names)} outlet(s): {', '.join(names)}" if names else "no outlet"
    return f"{len(names)} 个：{'、'.join(names)}" if names else "无排放口"


def _water(criteria: Criteria, value: Any, lang: str) -> str:
    if value.get("zld"):
        return "零排放（不外排）" if lang != "en" else "zero liquid discharge"
    names = [str(p.get("name") or "?") for p in value.get("pollutants") or () if isinstance(p, dict)]
    if lang == "en":
        return f"discharges; {len(names)} pollutant(s): {', '.join(names)}"
    return f"有外排，{len(names)} 项污染物：{'、'.join(names)}"


def _intensity(criteria: Criteria, value: Any, lang: str) -> str:
    if value.get("reduction_pct_3y") is not None:
        shown = _with_unit(value["reduction_pct_3y"], "%")
        return f"三年降幅 {shown}" if lang != "en" else f"3-year reduction {shown}"
    parts = (
        [("强度", "value"), ("基准值", "benchmark"), ("领先值", "leading")]
        if lang != "en"
        else [("intensity", "value"), ("benchmark", "benchmark"), ("leading", "leading")]
    )
    return _join([f"{label} {number_text(value[k])}" for label, k in parts if value.get(k) is not None], lang)


def _product_carbon(criteria: Criteria, value: Any, lang: str) -> str:
    labels = ("基准值", "领先值") if lang != "en" else ("benchmark", "leading")
    return _join(
        [f"{labels[0]} {number_text(value['benchmark'])}", f"{labels[1]} {number_text(value['leading'])}"], lang
    )


def _history(criteria: Criteria, value: Any, lang: str) -> str:
    if lang == "en":
        return f"CO₂ {_with_unit(value['co2_t_3y_ago'], 't')}, output {number_text(value['output_3y_ago'])}"
    return f"CO₂ {_with_unit(value['co2_t_3y_ago'], 't')}，产量 {number_text(value['output_3y_ago'])}"


def _factors_text(criteria: Criteria, value: Any, lang: str) -> str:
    factors = _factors(criteria)
    en = lang == "en"
    parts: list[str] = []
    basis = value.get("electricity_basis")
    if basis is not None:
        named = {"equivalent": ("电力按当量值折标", "electricity at equivalent value"),
                 "equal_value": ("电力按等价值折标", "electricity at equal value")}.get(basis, (basis, basis))  # fmt: skip
        coef = value.get("electricity_kgce_per_kwh")
        parts.append(named[1 if en else 0] + (f" {number_text(coef)} kgce/kWh" if coef is not None else ""))
    if value.get("grid_factor_year") is not None:
        year = value["grid_factor_year"]
        parts.append(f"grid factor year {year}" if en else f"电网排放因子年份 {year}")
    for carrier_id, params in (value.get("fuels") or {}).items():
        shown = [
            f"{_FUEL_PARAMS[k].get(lang)} {number_text(v)}"
            for k, v in params.items()
            if k in _FUEL_PARAMS and v is not None
        ]
        name = factors.carrier(carrier_id).name.get(lang)
        parts.append(f"{name} measured: {', '.join(shown)}" if en else f"{name}实测：{'、'.join(shown)}")
    if value.get("note"):
        parts.append(str(value["note"]))
    return _join(parts, lang) or ("default factors" if en else "默认参数")


_SECTION_TEXT: Final = {
    "coal_2020": _coal_2020,
    "output": _output,
    "outlets": _outlets,
    "water": _water,
    "pollutant_intensity": _intensity,
    "product_carbon": _product_carbon,
    "history": _history,
    "factors": _factors_text,
}


def pollutant_name(pollutant: str, lang: str = "zh") -> str:
    """颗粒物 / 二氧化硫 / 氮氧化物 for the outlet pollutant ids (pm, so2, nox)."""
    name = POLLUTANT_NAMES.get(pollutant)
    return pollutant if name is None else name.render(lang)


def _export(value: Mapping[str, Any], lang: str) -> str:
    fingerprint = str(value.get("fingerprint") or "")[:16]
    files = value.get("files")
    count = len(files) if isinstance(files, list) else 0
    if lang == "en":
        return f"fingerprint {fingerprint}…, {count} file(s)"
    return f"指纹 {fingerprint}…，{count} 个文件"


_CHANGED: Final = LocalText("修改", "changed")


def action_text(action: str, lang: str = "zh") -> str:
    return JOURNAL_ACTION_LABELS.get(action, _CHANGED).get(lang)


def journal_text(criteria: Criteria, key: str, old: Any, new: Any, action: str, lang: str = "zh") -> str:
    """One journal row's content in words: a change (``G5 信息公开：（空） → 仅依法披露``), an evidence
    file attached or removed (``V1 排污许可 佐证材料：许可证.pdf``), or an export."""
    colon = "：" if lang != "en" else ": "
    if action in (JournalAction.ATTACH, JournalAction.DETACH):
        name = new if action == JournalAction.ATTACH else old
        return f"{key_title(criteria, key, lang)}{colon}{value_text(criteria, key, name, lang)}"
    if action == JournalAction.EXPORT:
        return f"{FILING.get(lang)}{colon}{value_text(criteria, key, new, lang)}"
    return change_text(criteria, key, old, new, lang)
