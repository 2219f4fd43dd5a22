"""The `dnz-answers/1` interchange document (CRITERIA.md §7): typed objects, parse, serialise.

The same document is what the command line scores, what a filing embeds and what an import
reads back. Parsing is strict: unknown keys, wrong types, out-of-range or non-finite numbers
and bad 统一社会信用代码 are errors that name the field, the value and what is allowed. All
problems found are reported together, so a user fixes a file in one pass.

``partial=True`` accepts a draft (missing answers are allowed, present ones are still checked);
completeness is then reported by :func:`missing_fields`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

from . import jsonnum
from .criteria import Criteria, Indicator, load_criteria
from .errors import DocumentError, Problem, show_value
from .exact import EXACT, MAX_DIGITS, MIN_DIVISOR, MIN_MAGNITUDE, Number, constant, significant_digits, to_number
from .factors import Factors, load_factors
from .numbers import NumberTextError, parse_number_text
from .rows import incomplete_rows
from .text_guard import UnsafeText, clean_text
from .uscc import normalise_uscc, uscc_problem
from .vocabulary import (
    ENTERPRISE_KEYS,
    ENTERPRISE_TEXT_LIMITS,
    POLLUTANTS,
    REQUIRED_ENTERPRISE,
    REQUIRED_SECTIONS,
    NaMark,
    Section,
)

# Re-exported for ui/wizard/sections.py, which another change is splitting; new code imports it
# from ``vocabulary``.
from .vocabulary import NA as NA

FORMAT: Final = "dnz-answers/1"
AnswerValue = bool | str | Number

# Upper bounds catch unit slips by orders of magnitude (CRITERIA.md §9 E6: amounts ≤ 10¹²).
MAX_AMOUNT = 10**12
MAX_T = 10**10
MAX_CONCENTRATION = 10**6
# The smallest value a divisor may take (E6): output, year −3 figures, concentration limits.
DIVISOR_MIN = MIN_DIVISOR
MAX_OUTLETS = 500
MAX_WATER_POLLUTANTS = 50
TEXT_LIMITS = ENTERPRISE_TEXT_LIMITS
_INDUSTRY_CODE = re.compile(r"[A-T](\d{2,4})?")
_PHONE = re.compile(r"[0-9+\-() 转#]{5,40}")
# C0/C1 control characters except tab, newline, carriage return (which addresses may hold).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
ELECTRICITY_BASES = ("equivalent", "equal_value")
COD_NAMES = {"cod", "codcr", "化学需氧量"}
NH3N_NAMES = {"nh3-n", "nh3n", "nh₃-n", "氨氮", "nh4-n"}

TOP_KEYS = ("format", "criteria", "year", "enterprise", "answers", *(s.value for s in Section))
REQUIRED_TOP = ("format", "criteria", "year", "enterprise", "answers", Section.ENERGY.value, *REQUIRED_SECTIONS)


@dataclass(frozen=True, slots=True)
class Enterprise:
    name: str | None = None
    uscc: str | None = None
    industry_code: str | None = None
    county: str | None = None
    address: str | None = None
    contact: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    source: str
    pm: Number | None = None
    so2: Number | None = None
    nox: Number | None = None
    hourly_compliance: Number | None = None
    limits: Mapping[str, Number] | None = None  # only for source "custom"
    standard: str | None = None  # the standard a custom limit comes from

    def measured(self) -> dict[str, Number]:
        values = {"pm": self.pm, "so2": self.so2, "nox": self.nox}
        return {k: v for k, v in values.items() if v is not None}


@dataclass(frozen=True, slots=True)
class WaterPollutant:
    name: str
    concentration: Number
    limit: Number


@dataclass(frozen=True, slots=True)
class Water:
    zld: bool
    pollutants: tuple[WaterPollutant, ...] = ()


@dataclass(frozen=True, slots=True)
class PollutantIntensity:
    value: Number | None = None
    benchmark: Number | None = None
    leading: Number | None = None
    reduction_pct_3y: Number | None = None

    @property
    def uses_intensity(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class ProductCarbon:
    benchmark: Number
    leading: Number


@dataclass(frozen=True, slots=True)
class History:
    co2_t_3y_ago: Number
    output_3y_ago: Number


@dataclass(frozen=True, slots=True)
class Output:
    quantity: Number
    unit: str


@dataclass(frozen=True, slots=True)
class Coal2020:
    raw_coal: Number = 0
    coke: Number = 0


@dataclass(frozen=True, slots=True)
class FuelOverride:
    lhv: Number | None = None
    carbon_content: Number | None = None
    oxidation: Number | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FactorChoices:
    """Per-assessment factor choices (optional `factors` key, an extension of §7)."""

    electricity_basis: str = "equivalent"
    electricity_kgce_per_kwh: Number | None = None  # required with "equal_value"
    grid_factor_year: int | None = None  # None: newest factor year ≤ reporting year
    fuels: Mapping[str, FuelOverride] = field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True)
class AnswersDocument:
    criteria: str
    year: int
    enterprise: Enterprise = Enterprise()
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    energy: Mapping[str, Number] = field(default_factory=dict)
    coal_2020: Coal2020 | None = None
    gec_mwh: Number = 0
    process_co2_t: Number = 0
    offsets_t: Number = 0
    output: Output | None = None
    outlets: tuple[Outlet, ...] | NaMark | None = None
    water: Water | None = None
    pollutant_intensity: PollutantIntensity | NaMark | None = None
    product_carbon: ProductCarbon | NaMark | None = None
    history: History | NaMark | None = None
    factors: FactorChoices | None = None


# --------------------------------------------------------------------------- parsing helpers

_HINT_MAX_CHARS = 40
_TYPE_ZH = {
    bool: "true/false", int: "数字", float: "数字", Decimal: "数字", str: "文本", dict: "对象", list: "数组",
    type(None): "null",
}  # fmt: skip


def _type_zh(value: Any) -> str:
    return _TYPE_ZH.get(type(value), type(value).__name__)


def _fmt(x: Number | float) -> str:
    """A number in a message: as typed, round bounds short (10**12 → 1e+12)."""
    if isinstance(x, Decimal) and x.is_finite() and x == x.to_integral_value() and abs(x) < 10**30:
        x = int(x)
    if isinstance(x, int):
        if x.bit_length() > 128:
            return show_value(x)
        return f"{x:g}" if abs(x) >= 10**6 and x % 1000 == 0 else str(x)
    if isinstance(x, Decimal) and len(str(x)) > 30:
        return f"{x:.6e}"
    return f"{x.normalize(EXACT):g}" if isinstance(x, Decimal) else f"{x:g}"


_MIN_ADJUSTED = MIN_MAGNITUDE.adjusted()


@lru_cache(maxsize=256)
def _bound(x: float | int) -> Number:
    """A range bound as an exact number (1e-6 is 0.000001, not the double nearest to it)."""
    return constant(x)


class _Parser:
    """Walks a decoded JSON value, collecting every problem instead of stopping at the first."""

    def __init__(self, criteria: Criteria, factors: Factors, partial: bool) -> None:
        self.criteria = criteria
        self.factors = factors
        self.partial = partial
        self.problems: list[Problem] = []

    def problem(self, path: str, zh: str, en: str) -> None:
        self.problems.append(Problem(path, zh, en))

    def keys(
        self,
        value: Mapping[str, Any],
        path: str,
        allowed: tuple[str, ...] | frozenset[str],
        required: tuple[str, ...] = (),
    ) -> None:
        for key in value:
            if key not in allowed:
                listed = "、".join(allowed)
                self.problem(
                    f"{path}.{key}" if path else key,
                    f"未知字段 {show_value(key)}（允许：{listed}）",
                    f"unknown key {key!r} (allowed: {', '.join(allowed)})",
                )
        if not self.partial:
            for key in required:
                if key not in value:
                    self.problem(f"{path}.{key}" if path else key, "缺少此项", "missing")

    def obj(self, value: Any, path: str) -> Mapping[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.problem(
            path,
            f"应为对象，实际为{_type_zh(value)} {show_value(value)}",
            f"must be an object, got {show_value(value)}",
        )
        return None

    def number(
        self,
        value: Any,
        path: str,
        lo: float | Number,
        hi: float | Number,
        *,
        lo_open: bool = False,
        unit: str = "",
        integer: bool = False,
        divisor: bool = False,
    ) -> Number | None:
        """A JSON number within [lo, hi] (lo excluded with ``lo_open``), kept as typed.

        ``divisor`` marks a value the criteria divide by (E6): its lower bound is 10⁻⁶ and the
        message says why.
        """
        # Fast path (every document has dozens of numbers): a short decimal or an int in range.
        kind = type(value)
        if kind is Decimal or kind is int:
            low = DIVISOR_MIN if divisor else _bound(lo) if type(lo) is float else lo
            high = _bound(hi) if type(hi) is float else hi
            if (
                not integer
                and (
                    kind is int
                    or (value.is_finite() and len(str(value)) <= MAX_DIGITS and value.adjusted() > _MIN_ADJUSTED)
                )
                and (low < value if lo_open and not divisor else low <= value)
                and value <= high
            ):
                return value  # type: ignore[no-any-return]
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            if isinstance(value, str):
                hint_zh = hint_en = ""
                # The reader's reasons quote the whole text: only for short, printable text, so a
                # pasted megabyte or a control character never ends up in the message.
                if len(value) <= _HINT_MAX_CHARS and value.isprintable():
                    try:
                        guess = parse_number_text(value, percent=unit == "%")
                        hint_zh = f"；如果指的是 {_fmt(guess)}，请去掉引号写成数字"
                        hint_en = f"; if you mean {_fmt(guess)}, write it as a number without quotes"
                    except NumberTextError as exc:
                        hint_zh, hint_en = f"（{exc.zh}）", f" ({exc.en})"
                self.problem(
                    path,
                    f"应为数字，而不是文本 {show_value(value)}{hint_zh}",
                    f"must be a JSON number, not the text {value[:40]!r}{hint_en}",
                )
            else:
                self.problem(
                    path,
                    f"应为数字，实际为{_type_zh(value)} {show_value(value)}",
                    f"must be a number, got {show_value(value)}",
                )
            return None
        low, high = _bound(lo) if isinstance(lo, float) else lo, _bound(hi) if isinstance(hi, float) else hi
        if divisor:
            low, lo_open = DIVISOR_MIN, False
        finite = value.is_finite() if isinstance(value, Decimal) else value - value == 0
        if not finite:
            self.problem(
                path,
                f"数值 {show_value(value)} 不是有限数字，允许范围 {_fmt(low)}–{_fmt(high)}{unit}",
                f"{show_value(value)} is not finite; allowed {_fmt(low)}–{_fmt(high)}{unit}",
            )
            return None
        number = to_number(value)
        if isinstance(number, Decimal) and number:
            if len(str(number)) > MAX_DIGITS and significant_digits(number) > MAX_DIGITS:
                self.problem(
                    path,
                    f"数值 {_fmt(number)} 的有效数字超过 {MAX_DIGITS} 位，请按实际精度填写",
                    f"{_fmt(number)} has more than {MAX_DIGITS} significant digits; give it as measured",
                )
                return None
            if number.adjusted() < _MIN_ADJUSTED:
                self.problem(
                    path,
                    f"数值 {_fmt(number)} 过小：非零数值的绝对值须不小于 {MIN_MAGNITUDE:g}（或填 0）",
                    f"{_fmt(number)} is too small: a non-zero value must be at least {MIN_MAGNITUDE:g} (or 0)",
                )
                return None
        if integer and number != int(number):
            self.problem(path, f"应为整数，实际为 {_fmt(number)}", f"must be a whole number, got {_fmt(number)}")
            return None
        below = number <= low if lo_open else number < low
        if below or number > high:
            if divisor and not number > high:
                self.problem(
                    path,
                    f"数值 {_fmt(number)} 过小：此项是计算中的除数，须在 {_fmt(low)}–{_fmt(high)}{unit} 之间",
                    f"{_fmt(number)} is too small for a divisor; allowed {_fmt(low)}–{_fmt(high)}{unit}",
                )
                return None
            lowest = f"大于 {_fmt(low)}" if lo_open else f"{_fmt(low)}"
            self.problem(
                path,
                f"数值 {_fmt(number)} 超出允许范围（{lowest}–{_fmt(high)}{unit}）"
                if not lo_open
                else f"数值 {_fmt(number)} 超出允许范围（须{lowest}，且不超过 {_fmt(high)}{unit}）",
                f"{_fmt(number)} is outside the allowed range ({'>' if lo_open else ''}{_fmt(low)}–{_fmt(high)}{unit})",
            )
            return None
        return number

    def text(self, value: Any, path: str, limit: int, *, required: bool = True) -> str | None:
        if not isinstance(value, str):
            self.problem(
                path, f"应为文本，实际为{_type_zh(value)} {show_value(value)}", f"must be text, got {show_value(value)}"
            )
            return None
        try:
            value = clean_text(value)
        except UnsafeText as exc:
            self.problem(path, exc.zh, exc.en)
            return None
        if len(value) > limit:
            self.problem(
                path,
                f"文本过长（{len(value)} 个字符，最多 {limit} 个）",
                f"text too long ({len(value)} characters, at most {limit})",
            )
            return None
        if _CONTROL.search(value):
            self.problem(
                path,
                f"{show_value(value)} 含有控制字符（常见于从 Word 粘贴的不可见字符），请删除后重新输入",
                "contains control characters (often pasted from Word); remove them",
            )
            return None
        text = unicodedata.normalize("NFC", value).strip()
        if required and not text:
            self.problem(path, "不能为空", "must not be empty")
            return None
        return text

    def boolean(self, value: Any, path: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.problem(
            path, f"应为 true 或 false，实际为 {show_value(value)}", f"must be true or false, got {show_value(value)}"
        )
        return None


def _label(ind_or_id: Indicator | str, criteria: Criteria) -> str:
    if isinstance(ind_or_id, str):
        for veto in criteria.vetoes:
            if veto.id == ind_or_id:
                return f"{veto.id} {veto.title.zh}"
        return ind_or_id
    return f"{ind_or_id.id} {ind_or_id.title.zh}"


# --------------------------------------------------------------------------- sections


def _parse_enterprise(p: _Parser, value: Any) -> Enterprise:
    data = p.obj(value, "enterprise")
    if data is None:
        return Enterprise()
    p.keys(data, "enterprise", ENTERPRISE_KEYS, REQUIRED_ENTERPRISE)
    out: dict[str, str | None] = {}
    for key in ENTERPRISE_KEYS:
        if key not in data:
            continue
        raw = data[key]
        if raw is None and key not in REQUIRED_ENTERPRISE:
            continue
        text = p.text(raw, f"enterprise.{key}", TEXT_LIMITS[key], required=key in REQUIRED_ENTERPRISE)
        if text is None:
            continue
        if key == "uscc":
            code = normalise_uscc(text)
            reason = uscc_problem(code)
            if reason:
                p.problem(
                    "enterprise.uscc",
                    f"统一社会信用代码 {show_value(text)} 无效：{reason.zh}",
                    f"unified social credit code {text!r} is invalid: {reason.en}",
                )
                continue
            text = code
        elif key == "industry_code" and text:
            text = text.upper()
            if not _INDUSTRY_CODE.fullmatch(text):
                p.problem(
                    "enterprise.industry_code",
                    f"行业代码 {show_value(text)} 格式不对：应为 GB/T 4754 门类字母加2–4位数字，如 C2614",
                    f"industry code {text!r} must be a GB/T 4754 letter plus 2–4 digits, e.g. C2614",
                )
                continue
        elif key == "phone" and text and not _PHONE.fullmatch(text):
            p.problem(
                "enterprise.phone",
                f"电话 {show_value(text)} 只能包含数字、空格和 + - ( ) 转 #",
                f"phone {text!r} may contain digits, spaces and + - ( ) only",
            )
            continue
        out[key] = text or None
    return Enterprise(**out)


def _parse_answers(p: _Parser, value: Any) -> dict[str, AnswerValue]:
    data = p.obj(value, "answers")
    if data is None:
        return {}
    c = p.criteria
    allowed = c.answer_keys()
    p.keys(data, "answers", allowed)
    out: dict[str, AnswerValue] = {}
    vetoes = {v.id: v for v in c.vetoes}
    subs = {s.id: (ind, s) for ind in c.indicators for s in ind.sub_answers}
    for key in allowed:
        path = f"answers.{key}"
        if key not in data:
            continue
        raw = data[key]
        if key in vetoes:
            veto = vetoes[key]
            if type(raw) is str and raw == NA:
                if veto.na_allowed:
                    out[key] = NA
                else:
                    p.problem(
                        path,
                        f"{_label(key, c)}：此项不允许填“na”（不适用），请回答 true 或 false",
                        "N/A is not allowed here; answer true or false",
                    )
                continue
            b = p.boolean(raw, path)
            if b is not None:
                out[key] = b
            continue
        if key in subs:
            b = p.boolean(raw, path)
            if b is not None:
                out[key] = b
            continue
        ind = c.indicator(key)
        spec = ind.answer
        if type(raw) is str and raw == NA:
            if ind.na.mode == "answer":
                out[key] = NA
            elif ind.na.mode == "option":
                na_opt = next(o.id for o in spec.options if o.na)
                p.problem(
                    path,
                    f"{_label(ind, c)}：不适用请选择选项“{na_opt}”，而不是“na”",
                    f"choose the option '{na_opt}' for not applicable, not 'na'",
                )
            else:
                p.problem(path, f"{_label(ind, c)}：此项不允许标记为不适用（na）", "this indicator cannot be N/A")
            continue
        if spec.type == "choice":
            if isinstance(raw, str) and spec.option(raw) is not None:
                out[key] = raw
            else:
                listed = "；".join(f"{o.id}（{o.label.zh}）" for o in spec.options)
                p.problem(
                    path,
                    f"{_label(ind, c)}：{show_value(raw)} 不是允许的选项。允许：{listed}",
                    f"{show_value(raw)} is not an allowed option: {', '.join(o.id for o in spec.options)}",
                )
        elif spec.type == "number":
            assert spec.min is not None and spec.max is not None
            n = p.number(raw, path, spec.min, spec.max, unit=spec.unit or "")
            if n is not None:
                out[key] = n
        elif spec.type == "boolean":
            b = p.boolean(raw, path)
            if b is not None:
                out[key] = b
    return out


def _parse_energy(p: _Parser, value: Any) -> dict[str, Number]:
    data = p.obj(value, "energy")
    if data is None:
        return {}
    ids = p.factors.carrier_ids
    p.keys(data, "energy", ids)
    out: dict[str, Number] = {}
    for cid in ids:
        if cid in data:
            unit = p.factors.carrier(cid).unit
            n = p.number(data[cid], f"energy.{cid}", 0, MAX_AMOUNT, unit=f" {unit}")
            if n is not None:
                out[cid] = n
    return out


def _parse_coal_2020(p: _Parser, value: Any) -> Coal2020 | None:
    data = p.obj(value, "coal_2020")
    if data is None:
        return None
    p.keys(data, "coal_2020", ("raw_coal", "coke"))
    raw = _coal_base(p, data.get("raw_coal", 0), "coal_2020.raw_coal")
    coke = _coal_base(p, data.get("coke", 0), "coal_2020.coke")
    return Coal2020(raw or 0, coke or 0)


def _coal_base(p: _Parser, value: Any, path: str) -> Number | None:
    """A 2020 coal figure: 0, or at least 10⁻⁶ t — the 2020 base divides the coal change (E6)."""
    number = p.number(value, path, 0, MAX_AMOUNT, unit=" t")
    if number is not None and 0 < number < DIVISOR_MIN:
        p.problem(
            path,
            f"数值 {_fmt(number)} 过小：2020 年煤炭消费量是计算煤炭消费变化的基数（除数），"
            f"须为 0 或在 {_fmt(DIVISOR_MIN)}–{_fmt(MAX_AMOUNT)} t 之间",
            f"{_fmt(number)} is too small: the 2020 coal figure is a divisor; give 0 or "
            f"{_fmt(DIVISOR_MIN)}–{_fmt(MAX_AMOUNT)} t",
        )
        return None
    return number


def _parse_output(p: _Parser, value: Any) -> Output | None:
    data = p.obj(value, "output")
    if data is None:
        return None
    p.keys(data, "output", ("quantity", "unit"), ("quantity", "unit"))
    quantity = p.number(data["quantity"], "output.quantity", 0, 10**13, divisor=True) if "quantity" in data else None
    unit = p.text(data["unit"], "output.unit", 20) if "unit" in data else None
    if quantity is None or unit is None:
        return None
    return Output(quantity, unit)


def _parse_outlet(p: _Parser, value: Any, path: str) -> Outlet | None:
    data = p.obj(value, path)
    if data is None:
        return None
    p.keys(
        data,
        path,
        ("name", "source", *POLLUTANTS, "hourly_compliance", "limits", "standard"),
        ("name", "source", "hourly_compliance"),
    )
    name = p.text(data["name"], f"{path}.name", 100) if "name" in data else None
    source = data.get("source")
    types = p.factors.source_types()
    if "source" in data and source not in types:
        listed = "、".join(types)
        p.problem(
            f"{path}.source",
            f"排放源类型 {show_value(source)} 不存在，允许：{listed}",
            f"unknown source type {show_value(source)}; allowed: {', '.join(types)}",
        )
        source = None
    measured: dict[str, Number | None] = {}
    for pol in POLLUTANTS:
        if pol in data:
            measured[pol] = p.number(data[pol], f"{path}.{pol}", 0, MAX_CONCENTRATION, unit=" mg/m³")
    compliance = None
    if "hourly_compliance" in data:
        compliance = p.number(data["hourly_compliance"], f"{path}.hourly_compliance", 0, 100, unit="%")
    limits: dict[str, Number] | None = None
    given_limits: set[str] = set()  # also rejected ones: a bad limit is not a missing limit
    if "limits" in data:
        if source is not None and source != "custom":
            p.problem(
                f"{path}.limits",
                f"只有 custom 类型的排放口可以自填限值；{source} 的超低限值由标准给定",
                f"only 'custom' outlets may give limits; {source} uses the ultra-low table",
            )
        lim = p.obj(data["limits"], f"{path}.limits")
        if lim is not None:
            p.keys(lim, f"{path}.limits", POLLUTANTS)
            given_limits = set(lim)
            limits = {}
            for pol in POLLUTANTS:
                if pol in lim:
                    n = p.number(lim[pol], f"{path}.limits.{pol}", 0, MAX_CONCENTRATION, unit=" mg/m³", divisor=True)
                    if n is not None:
                        limits[pol] = n
    standard = p.text(data["standard"], f"{path}.standard", 200) if "standard" in data else None
    if "standard" in data and source not in (None, "custom"):
        p.problem(
            f"{path}.standard", "只有 custom 类型的排放口需要填写适用标准", "only 'custom' outlets name a standard"
        )
    if not measured and "name" in data:
        p.problem(
            path,
            "排放口至少要填写颗粒物（pm）、SO₂（so2）、NOx（nox）中的一项实测浓度",
            "an outlet must report at least one of pm, so2, nox",
        )
    if source == "custom":
        for pol in measured:
            if limits is not None and pol not in given_limits:
                p.problem(
                    f"{path}.limits.{pol}",
                    f"custom 排放口报告了 {pol}，须同时填写其限值",
                    f"a custom outlet reporting {pol} needs its limit",
                )
        if limits is None and measured:
            p.problem(f"{path}.limits", "custom 排放口须填写所报告污染物的限值", "a custom outlet needs limits")
    if name is None or source is None or (compliance is None and not p.partial):
        return None
    return Outlet(
        name, source, measured.get("pm"), measured.get("so2"), measured.get("nox"), compliance, limits, standard
    )


def _parse_outlets(p: _Parser, value: Any) -> tuple[Outlet, ...] | NaMark | None:
    if value == NA:
        return NA
    if not isinstance(value, list):
        p.problem(
            "outlets",
            f'应为排放口数组或 "na"（无有组织排放源），实际为 {show_value(value)}',
            'must be an array of outlets or "na"',
        )
        return None
    if len(value) > MAX_OUTLETS:
        p.problem(
            "outlets", f"排放口过多（{len(value)} 个，最多 {MAX_OUTLETS} 个）", f"too many outlets ({len(value)})"
        )
        return None
    if not value and not p.partial:
        p.problem("outlets", '至少填写一个排放口；没有有组织排放源时填 "na"', 'give at least one outlet, or "na"')
    outlets = []
    for i, item in enumerate(value):
        outlet = _parse_outlet(p, item, f"outlets[{i}]")
        if outlet is not None:
            outlets.append(outlet)
    if p.partial:
        _report_incomplete_rows(p, "outlets", value, "outlets")
    names = [o.name for o in outlets]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        p.problem("outlets", f"排放口名称重复：{show_value(dup)}", f"duplicate outlet name {dup!r}")
    return tuple(outlets)


def _report_incomplete_rows(p: _Parser, section: str, value: Any, rows_path: str) -> None:
    """A draft's started-but-unfinished row is refused with what it lacks, never silently dropped
    (a complete document reports the missing keys themselves). A row the parser has already
    complained about keeps that one message."""
    fields = [problem.field for problem in p.problems]
    for row in incomplete_rows(section, value):
        prefix = f"{rows_path}[{row.row}]"
        if not any(f == prefix or f.startswith((prefix + ".", prefix + "[")) for f in fields):
            p.problem(row.field, row.reason.zh, row.reason.en)


def _water_kind(name: str) -> str | None:
    key = name.replace(" ", "").lower()
    if key in COD_NAMES:
        return "COD"
    if key in NH3N_NAMES:
        return "NH3-N"
    return None


def _parse_water(p: _Parser, value: Any) -> Water | None:
    data = p.obj(value, "water")
    if data is None:
        return None
    p.keys(data, "water", ("zld", "pollutants"), ("zld",))
    zld = p.boolean(data["zld"], "water.zld") if "zld" in data else None
    pollutants: list[WaterPollutant] = []
    names: list[str] = []  # also of rejected entries: a bad concentration is not a missing COD
    if "pollutants" in data:
        items = data["pollutants"]
        if not isinstance(items, list):
            p.problem("water.pollutants", f"应为数组，实际为 {show_value(items)}", "must be an array")
            items = []
        if len(items) > MAX_WATER_POLLUTANTS:
            p.problem("water.pollutants", f"污染物过多（{len(items)} 项）", f"too many pollutants ({len(items)})")
            items = []
        for i, item in enumerate(items):
            path = f"water.pollutants[{i}]"
            d = p.obj(item, path)
            if d is None:
                continue
            p.keys(d, path, ("name", "concentration", "limit"), ("name", "concentration", "limit"))
            name = p.text(d["name"], f"{path}.name", 50) if "name" in d else None
            conc = (
                p.number(d["concentration"], f"{path}.concentration", 0, MAX_CONCENTRATION, unit=" mg/L")
                if "concentration" in d
                else None
            )
            limit = (
                p.number(d["limit"], f"{path}.limit", 0, MAX_CONCENTRATION, unit=" mg/L", divisor=True)
                if "limit" in d
                else None
            )
            if name is not None:
                names.append(name)
            if name is not None and conc is not None and limit is not None:
                pollutants.append(WaterPollutant(name, conc, limit))
    if p.partial:
        _report_incomplete_rows(p, "water", data, "water.pollutants")
    if zld is None:
        return None
    if not zld and not p.partial:
        kinds = {_water_kind(name) for name in names}
        for needed in ("COD", "NH3-N"):
            if needed not in kinds:
                p.problem(
                    "water.pollutants",
                    f"非零排放时至少需要填写 COD 和 NH3-N（氨氮），缺少 {needed}",
                    f"without zero liquid discharge, COD and NH3-N are required; {needed} is missing",
                )
    return Water(zld, tuple(pollutants))


def _parse_intensity(p: _Parser, value: Any) -> PollutantIntensity | NaMark | None:
    if value == NA:
        return NA
    data = p.obj(value, "pollutant_intensity")
    if data is None:
        return None
    p.keys(data, "pollutant_intensity", ("value", "benchmark", "leading", "reduction_pct_3y"))
    if "reduction_pct_3y" in data:
        if data.keys() & {"value", "benchmark", "leading"}:
            p.problem(
                "pollutant_intensity",
                "只能二选一：填写 reduction_pct_3y，或 value/benchmark/leading",
                "give either reduction_pct_3y or value/benchmark/leading, not both",
            )
            return None
        r = p.number(data["reduction_pct_3y"], "pollutant_intensity.reduction_pct_3y", -1000, 100, unit="%")
        return None if r is None else PollutantIntensity(reduction_pct_3y=r)
    missing = [k for k in ("value", "benchmark", "leading") if k not in data]
    if missing:
        p.problem(
            "pollutant_intensity",
            f'缺少 {", ".join(missing)}（或改填 reduction_pct_3y，或 "na"）',
            f'missing {", ".join(missing)} (or give reduction_pct_3y, or "na")',
        )
        return None
    v = p.number(data["value"], "pollutant_intensity.value", 0, 10**9)
    b = p.number(data["benchmark"], "pollutant_intensity.benchmark", 0, 10**9, lo_open=True)
    lead = p.number(data["leading"], "pollutant_intensity.leading", 0, 10**9)
    if v is None or b is None or lead is None:
        return None
    if lead >= b:
        p.problem(
            "pollutant_intensity.leading",
            f"引领值 {_fmt(lead)} 应小于基准值 {_fmt(b)}（强度越低越好）",
            f"leading value {_fmt(lead)} must be below the benchmark {_fmt(b)}",
        )
        return None
    return PollutantIntensity(value=v, benchmark=b, leading=lead)


def _parse_product_carbon(p: _Parser, value: Any) -> ProductCarbon | NaMark | None:
    if value == NA:
        return NA
    data = p.obj(value, "product_carbon")
    if data is None:
        return None
    p.keys(data, "product_carbon", ("benchmark", "leading"), ("benchmark", "leading"))
    if "benchmark" not in data or "leading" not in data:
        return None
    b = p.number(data["benchmark"], "product_carbon.benchmark", 0, 10**6, lo_open=True)
    lead = p.number(data["leading"], "product_carbon.leading", 0, 10**6)
    if b is None or lead is None:
        return None
    if lead >= b:
        p.problem(
            "product_carbon.leading",
            f"引领值 {_fmt(lead)} 应小于基准值 {_fmt(b)}（排放越低越好）",
            f"leading value {_fmt(lead)} must be below the benchmark {_fmt(b)}",
        )
        return None
    return ProductCarbon(b, lead)


def _parse_history(p: _Parser, value: Any) -> History | NaMark | None:
    if value == NA:
        return NA
    data = p.obj(value, "history")
    if data is None:
        return None
    p.keys(data, "history", ("co2_t_3y_ago", "output_3y_ago"), ("co2_t_3y_ago", "output_3y_ago"))
    if "co2_t_3y_ago" not in data or "output_3y_ago" not in data:
        return None
    co2 = p.number(data["co2_t_3y_ago"], "history.co2_t_3y_ago", 0, MAX_T, unit=" t", divisor=True)
    out = p.number(data["output_3y_ago"], "history.output_3y_ago", 0, 10**13, divisor=True)
    if co2 is None or out is None:
        return None
    return History(co2, out)


def _parse_factors(p: _Parser, value: Any) -> FactorChoices | None:
    data = p.obj(value, "factors")
    if data is None:
        return None
    p.keys(data, "factors", ("electricity_basis", "electricity_kgce_per_kwh", "grid_factor_year", "fuels", "note"))
    basis = data.get("electricity_basis", "equivalent")
    if basis not in ELECTRICITY_BASES:
        p.problem(
            "factors.electricity_basis",
            f"{show_value(basis)} 不是允许的值：equivalent（当量值）或 equal_value（等价值）",
            "must be 'equivalent' or 'equal_value'",
        )
        basis = "equivalent"
    kgce = None
    if "electricity_kgce_per_kwh" in data:
        kgce = p.number(
            data["electricity_kgce_per_kwh"], "factors.electricity_kgce_per_kwh", 0.05, 1.0, unit=" kgce/kWh"
        )
    if basis == "equal_value" and "electricity_kgce_per_kwh" not in data:
        p.problem(
            "factors.electricity_kgce_per_kwh",
            "选择等价值时须填写折标系数（kgce/kWh）",
            "the equal-value basis needs an explicit coefficient",
        )
    if basis == "equivalent" and "electricity_kgce_per_kwh" in data:
        p.problem(
            "factors.electricity_kgce_per_kwh",
            "当量值固定为 0.1229 kgce/kWh，只有等价值需要填写系数",
            "only the equal-value basis takes a coefficient",
        )
        kgce = None
    year = None
    if "grid_factor_year" in data:
        y = p.number(data["grid_factor_year"], "factors.grid_factor_year", 2000, 2100, integer=True)
        if y is not None:
            year = int(y)
            if p.factors.grid_factor_year(year) is None:
                years = "、".join(str(g.year) for g in p.factors.grid_factors)
                p.problem(
                    "factors.grid_factor_year",
                    f"没有 {year} 年的电网排放因子，可选：{years}",
                    f"no grid factor for {year}; available: {years}",
                )
                year = None
    fuels: dict[str, FuelOverride] = {}
    if "fuels" in data:
        fd = p.obj(data["fuels"], "factors.fuels")
        if fd is not None:
            fuel_ids = tuple(c.id for c in p.factors.carriers if c.co2.method == "fuel")
            p.keys(fd, "factors.fuels", fuel_ids)
            for cid in fuel_ids:
                if cid not in fd:
                    continue
                path = f"factors.fuels.{cid}"
                od = p.obj(fd[cid], path)
                if od is None:
                    continue
                p.keys(od, path, ("lhv", "carbon_content", "oxidation", "note"))
                if not ({"lhv", "carbon_content", "oxidation"} & od.keys()):
                    p.problem(
                        path,
                        "至少填写 lhv、carbon_content、oxidation 之一",
                        "give at least one of lhv, carbon_content, oxidation",
                    )
                fuels[cid] = FuelOverride(
                    lhv=p.number(od["lhv"], f"{path}.lhv", 0, 10**4, lo_open=True) if "lhv" in od else None,
                    carbon_content=p.number(od["carbon_content"], f"{path}.carbon_content", 0, 0.2, lo_open=True)
                    if "carbon_content" in od
                    else None,
                    oxidation=p.number(od["oxidation"], f"{path}.oxidation", 0.5, 1.0) if "oxidation" in od else None,
                    note=p.text(od["note"], f"{path}.note", 500, required=False) if "note" in od else None,
                )
    note = p.text(data["note"], "factors.note", 500, required=False) if "note" in data else None
    return FactorChoices(basis, kgce, year, fuels, note or None)


# --------------------------------------------------------------------------- public API


def parse_document(data: Any, *, partial: bool = False) -> AnswersDocument:
    """Validate a decoded JSON value as a `dnz-answers/1` document.

    Raises DocumentError listing every problem (field, value, what is allowed; in Chinese).
    """
    if not isinstance(data, dict):
        raise DocumentError(
            [Problem("$", f"文档应为 JSON 对象，实际为{_type_zh(data)}", "the document must be a JSON object")]
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
    from .errors import CriteriaError

    try:
        criteria = load_criteria(criteria_id)
    except CriteriaError as exc:
        raise DocumentError(exc.problems) from exc
    factors = load_factors(criteria.factors_id)
    p = _Parser(criteria, factors, partial)
    p.keys(data, "", TOP_KEYS, REQUIRED_TOP)
    year_raw = data.get("year")
    year = p.number(year_raw, "year", 2000, 2100, integer=True) if "year" in data else None
    if year is None and "year" not in data and partial:
        p.problem("year", "缺少报告年度", "missing reporting year")
    doc_kwargs: dict[str, Any] = {}
    if "enterprise" in data:
        doc_kwargs["enterprise"] = _parse_enterprise(p, data["enterprise"])
    if "answers" in data:
        doc_kwargs["answers"] = _parse_answers(p, data["answers"])
    if "energy" in data:
        doc_kwargs["energy"] = _parse_energy(p, data["energy"])
    if "coal_2020" in data:
        doc_kwargs["coal_2020"] = _parse_coal_2020(p, data["coal_2020"])
    for key, hi in (("gec_mwh", 10**10), ("process_co2_t", MAX_T), ("offsets_t", MAX_T)):
        if key in data:
            n = p.number(data[key], key, 0, hi, unit=" MWh" if key == "gec_mwh" else " t")
            if n is not None:
                doc_kwargs[key] = n
    if "output" in data:
        doc_kwargs["output"] = _parse_output(p, data["output"])
    if "outlets" in data:
        doc_kwargs["outlets"] = _parse_outlets(p, data["outlets"])
    if "water" in data:
        doc_kwargs["water"] = _parse_water(p, data["water"])
    if "pollutant_intensity" in data:
        doc_kwargs["pollutant_intensity"] = _parse_intensity(p, data["pollutant_intensity"])
    if "product_carbon" in data:
        doc_kwargs["product_carbon"] = _parse_product_carbon(p, data["product_carbon"])
    if "history" in data:
        doc_kwargs["history"] = _parse_history(p, data["history"])
    if "factors" in data:
        doc_kwargs["factors"] = _parse_factors(p, data["factors"])
    if not partial:
        _check_complete_answers(p, doc_kwargs.get("answers", {}))
    if p.problems:
        raise DocumentError(p.problems)
    assert year is not None
    return AnswersDocument(criteria=criteria_id, year=int(year), **doc_kwargs)


def _check_complete_answers(p: _Parser, answers: Mapping[str, AnswerValue]) -> None:
    # An answer that was given but rejected already has its own problem; do not also call it missing.
    reported = {problem.field for problem in p.problems}
    for key in missing_answer_keys(p.criteria, answers):
        if f"answers.{key}" in reported:
            continue
        p.problem(
            f"answers.{key}",
            f"{_label(key if key[0] == 'V' or '_' in key else p.criteria.indicator(key), p.criteria)}：缺少回答",
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
