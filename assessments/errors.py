"""Typed domain errors that carry a user-safe message in Chinese (and English).

Every problem names the field (a dotted path into the `dnz-answers/1` document such as
``answers.P4`` or ``outlets[1].nox``), the value that was given and what is allowed, so the
command line, the wizard and an import dialog can all show the same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .texts import render

_MAX_SHOWN = 40


def show_value(value: Any) -> str:
    """A short, safe rendering of a user value for messages (long strings are cut)."""
    if isinstance(value, str):
        text = value if len(value) <= _MAX_SHOWN else value[:_MAX_SHOWN] + f"…（共 {len(value)} 个字符）"
        # Control characters would garble a terminal or a dialog: show them escaped.
        text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
        return f"“{text}”"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return f"[…]（{len(value)} 项）"
    if isinstance(value, int) and value.bit_length() > 128:
        # repr() of an int beyond 4300 digits raises ValueError; the size is what matters here.
        digits = int(value.bit_length() * 0.30103) + 1
        return f"{'-' if value < 0 else ''}超大整数（约 {digits} 位）"
    # A Decimal is shown as its digits (``94.75``), not as ``Decimal('94.75')``.
    text = str(value) if isinstance(value, Decimal) else repr(value)
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field."""

    field: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        message = render(self, lang)
        return f"{self.field}：{message}" if lang != "en" else f"{self.field}: {message}"

    def __str__(self) -> str:
        return self.text("zh")


class DomainError(Exception):
    """Base class: the message is safe to show to a user as it is."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.text("zh") for p in problems))

    def text(self, lang: str = "zh") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


class DocumentError(DomainError):
    """An answers document (or one answer) is invalid."""


class CriteriaError(DomainError):
    """A criteria or factor data file is broken; names the file and entry."""


class ScoringError(DomainError):
    """The answers are valid one by one but cannot be scored together (e.g. zero energy)."""
