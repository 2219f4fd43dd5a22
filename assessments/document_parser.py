"""The document parser's tools: a walker that collects every problem, and the number, text and
boolean rules every section uses (ranges, exact decimals, divisors, control characters).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .criteria import Criteria, Indicator
from .errors import Problem, show_value
from .exact import EXACT, MAX_DIGITS, MIN_DIVISOR, MIN_MAGNITUDE, Number, constant, significant_digits, to_number
from .factors import Factors
from .numbers import NumberTextError, parse_number_text
from .text_guard import UnsafeText, clean_text
from .vocabulary import ENTERPRISE_TEXT_LIMITS

# Upper bounds catch unit slips by orders of magnitude (docs/criteria.md §9 E6: amounts ≤ 10¹²).
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

# --------------------------------------------------------------------------- parsing helpers

_HINT_MAX_CHARS = 40
_TYPE_ZH = {
    bool: "true/false", int: "数字", float: "数字", Decimal: "数字", str: "文本", dict: "对象", list: "数组",
    type(None): "null",
}  # fmt: skip


def type_zh(value: Any) -> str:
    return _TYPE_ZH.get(type(value), type(value).__name__)


def fmt_value(x: Number | float) -> str:
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
def exact_bound(x: float | int) -> Number:
    """A range bound as an exact number (1e-6 is 0.000001, not the double nearest to it)."""
    return constant(x)


class Parser:
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
            f"应为对象，实际为{type_zh(value)} {show_value(value)}",
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
            low = DIVISOR_MIN if divisor else exact_bound(lo) if type(lo) is float else lo
            high = exact_bound(hi) if type(hi) is float else hi
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
                        hint_zh = f"；如果指的是 {fmt_value(guess)}，请去掉引号写成数字"
                        hint_en = f"; if you mean {fmt_value(guess)}, write it as a number without quotes"
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
                    f"应为数字，实际为{type_zh(value)} {show_value(value)}",
                    f"must be a number, got {show_value(value)}",
                )
            return None
        low, high = exact_bound(lo) if isinstance(lo, float) else lo, exact_bound(hi) if isinstance(hi, float) else hi
        if divisor:
            low, lo_open = DIVISOR_MIN, False
        finite = value.is_finite() if isinstance(value, Decimal) else value - value == 0
        if not finite:
            self.problem(
                path,
                f"数值 {show_value(value)} 不是有限数字，允许范围 {fmt_value(low)}–{fmt_value(high)}{unit}",
                f"{show_value(value)} is not finite; allowed {fmt_value(low)}–{fmt_value(high)}{unit}",
            )
            return None
        number = to_number(value)
        if isinstance(number, Decimal) and number:
            if len(str(number)) > MAX_DIGITS and significant_digits(number) > MAX_DIGITS:
                self.problem(
                    path,
                    f"数值 {fmt_value(number)} 的有效数字超过 {MAX_DIGITS} 位，请按实际精度填写",
                    f"{fmt_value(number)} has more than {MAX_DIGITS} significant digits; give it as measured",
                )
                return None
            if number.adjusted() < _MIN_ADJUSTED:
                self.problem(
                    path,
                    f"数值 {fmt_value(number)} 过小：非零数值的绝对值须不小于 {MIN_MAGNITUDE:g}（或填 0）",
                    f"{fmt_value(number)} is too small: a non-zero value must be at least {MIN_MAGNITUDE:g} (or 0)",
                )
                return None
        if integer and number != int(number):
            self.problem(
                path, f"应为整数，实际为 {fmt_value(number)}", f"must be a whole number, got {fmt_value(number)}"
            )
            return None
        below = number <= low if lo_open else number < low
        if below or number > high:
            if divisor and not number > high:
                self.problem(
                    path,
                    f"数值 {fmt_value(number)} 过小：此项是计算中的除数，须在 {fmt_value(low)}–{fmt_value(high)}{unit} 之间",
                    f"{fmt_value(number)} is too small for a divisor; allowed {fmt_value(low)}–{fmt_value(high)}{unit}",
                )
                return None
            lowest = f"大于 {fmt_value(low)}" if lo_open else f"{fmt_value(low)}"
            self.problem(
                path,
                f"数值 {fmt_value(number)} 超出允许范围（{lowest}–{fmt_value(high)}{unit}）"
                if not lo_open
                else f"数值 {fmt_value(number)} 超出允许范围（须{lowest}，且不超过 {fmt_value(high)}{unit}）",
                f"{fmt_value(number)} is outside the allowed range ({'>' if lo_open else ''}{fmt_value(low)}–{fmt_value(high)}{unit})",
            )
            return None
        return number

    def text(self, value: Any, path: str, limit: int, *, required: bool = True) -> str | None:
        if not isinstance(value, str):
            self.problem(
                path, f"应为文本，实际为{type_zh(value)} {show_value(value)}", f"must be text, got {show_value(value)}"
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


def item_label(ind_or_id: Indicator | str, criteria: Criteria) -> str:
    if isinstance(ind_or_id, str):
        for veto in criteria.vetoes:
            if veto.id == ind_or_id:
                return f"{veto.id} {veto.title.zh}"
        return ind_or_id
    return f"{ind_or_id.id} {ind_or_id.title.zh}"
