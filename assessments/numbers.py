"""Reading numbers typed by people: full-width digits, thousands separators, units.

Rule (docs/criteria.md §6): normalise what is unambiguous, reject the rest with a reason. Never
guess: ``1,23`` could be a decimal comma or a typo, so it is refused rather than read as 123.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# Full-width forms that are unambiguous translations of ASCII number characters.
_FULLWIDTH = str.maketrans(
    {
        "０": "0",
        "１": "1",
        "２": "2",
        "３": "3",
        "４": "4",
        "５": "5",
        "６": "6",
        "７": "7",
        "８": "8",
        "９": "9",
        "．": ".",
        "，": ",",
        "－": "-",
        "＋": "+",
        "％": "%",
        "−": "-",  # U+2212 minus sign, pasted from Word
        "。": ".",  # the ideographic full stop an IME types for "." in Chinese mode
    }
)
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_UNIT_TAIL = re.compile(r"^([+\-]?[\d.,]+)\s*([^\d\s.,+\-]+)$")


class NumberTextError(ValueError):
    """The text is not a number we can read without guessing; ``zh``/``en`` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en


def parse_number_text(text: str, *, percent: bool = False) -> Decimal:
    """Read a number typed by a person, as the exact decimal typed (``0.1`` is 0.1, not a float).

    Accepts ASCII and full-width digits, a decimal point (``.``/``．``), thousands separators in
    correct groups of three (``1,234,567.5``), surrounding spaces, and for percentages a trailing
    ``%``. Rejects: empty text, decimal commas, badly grouped separators, inner spaces,
    exponents, units, non-finite values.
    """
    raw = unicodedata.normalize("NFKC", text).strip() if text else ""
    # NFKC already folds most full-width forms; the table catches the rest and U+2212.
    s = raw.translate(_FULLWIDTH).strip()
    if not s:
        raise NumberTextError("请输入数字", "enter a number")
    if percent and s.endswith("%"):
        s = s[:-1].rstrip()
    if any(ch.isspace() for ch in s):
        raise NumberTextError(
            f"“{text}”中含有空格，请只输入一个数字（千位分隔请用逗号，如 1,234.5）",
            f"'{text}' contains spaces; enter a single number (group thousands with commas)",
        )
    if s.lower() in {"nan", "inf", "+inf", "-inf", "infinity", "-infinity"}:
        raise NumberTextError(f"“{text}”不是有限数字", f"'{text}' is not a finite number")
    unit = _UNIT_TAIL.match(s)
    if unit and not _PLAIN.fullmatch(s) and not _GROUPED.fullmatch(s):
        raise NumberTextError(
            f"“{text}”带有单位“{unit.group(2)}”：请只输入数字，单位在旁边的单位栏中选择",
            f"'{text}' carries the unit '{unit.group(2)}': enter the number only and pick the unit",
        )
    if "e" in s.lower():
        raise NumberTextError(
            f"“{text}”使用了科学计数法，请输入普通小数", f"'{text}' uses an exponent; enter a plain decimal"
        )
    if "," in s:
        if not _GROUPED.fullmatch(s):
            raise NumberTextError(
                f"“{text}”中的逗号位置不对：逗号只能作千位分隔（如 1,234.5），小数点请用“.”",
                f"'{text}': commas may only separate thousands (1,234.5); use '.' for decimals",
            )
        s = s.replace(",", "")
    if not _PLAIN.fullmatch(s):
        raise NumberTextError(f"“{text}”不是有效数字", f"'{text}' is not a valid number")
    # The pattern admits digits and one point only, so the Decimal is finite and exact.
    return Decimal(s)
