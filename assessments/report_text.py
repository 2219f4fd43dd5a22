"""Numbers and free text as a filing shows them: decimals half up to their places (never in
exponent form), and user text cleaned of what a spreadsheet or PDF cannot hold (every cleaning
recorded)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from typing import Final

from .exact import EXACT, Number, fmt_number, to_number

CLEANED_SHOWN: Final = 20  # removed-character notes listed on the cover
# Characters a spreadsheet (XML 1.0) or a PDF text string cannot hold: C0 controls except tab,
# newline and carriage return, DEL and C1 controls, lone surrogates and the two non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class CleanedText:
    where: str  # where the text was, in Chinese (e.g. "佐证材料 P1 文件名")
    removed: str  # what was removed, escaped (e.g. "\\x0b ×2")


def when_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


_TEN_DIGITS: Final = Context(prec=10, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)
_SIX_DIGITS: Final = Context(prec=6, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)


def number_text(value: Number | float, places: int | None) -> str:
    """A shown number: fixed places (half up, thousands separators), or, when None, as typed up
    to 10 significant digits (6 below 10⁻⁴), as filings have always shown it — rounded half up
    from the exact decimal; the carried document keeps every digit."""
    if places is not None:
        return fmt_number(value, places)
    number = to_number(value)
    if isinstance(number, int) or (number == number.to_integral_value() and abs(number) < 10**15):
        return f"{int(number):,}"
    if abs(number) < _TEN_THOUSANDTH:
        return f"{float(_SIX_DIGITS.plus(number)):g}"  # ≤ 6 digits: the double carries them exactly
    shown = _TEN_DIGITS.plus(number)
    if shown.adjusted() >= 10:
        return f"{float(shown):,.10g}"
    return f"{shown.normalize(EXACT):,f}"


_TEN_THOUSANDTH: Final = Decimal("0.0001")


def value_text(value: Number | float | str | None, places: int | None, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    text = number_text(value, places)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


class TextCleaner:
    """Removes characters a filing cannot hold and remembers where it did."""

    def __init__(self) -> None:
        self.cleaned: list[CleanedText] = []

    def __call__(self, where: str, text: str) -> str:
        text = _one_line_ending(text)
        found = _UNSAFE.findall(text)
        if not found:
            return text
        counts: dict[str, int] = {}
        for ch in found:
            counts[ch] = counts.get(ch, 0) + 1
        removed = "、".join(
            (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") + (f" ×{n}" if n > 1 else "")
            for ch, n in counts.items()
        )
        self.cleaned.append(CleanedText(where, removed))
        return _UNSAFE.sub("", text)


def cleaned_text(cleaned: tuple[CleanedText, ...]) -> str:
    """The cover's note on removed characters: the first few places, then how many more."""
    parts = [f"{c.where}：删除 {c.removed}" for c in cleaned[:CLEANED_SHOWN]]
    if len(cleaned) > CLEANED_SHOWN:
        parts.append(f"等共 {len(cleaned)} 处")
    return "；".join(parts)


def clean_text(text: str) -> str:
    """The text without the characters a filing cannot hold (no record kept)."""
    return _UNSAFE.sub("", _one_line_ending(text))


def _one_line_ending(text: str) -> str:
    # A workbook's XML turns a bare CR into LF when it is read (XML end-of-line handling), so a
    # shown "0\r0" would read back as "0\n0": show every line break as LF from the start. The
    # carried document keeps the text exactly as typed.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
