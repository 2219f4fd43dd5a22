"""Bilingual text: the one shape every message shown to a person has, rendered in one place.

Everything the domain says to a person is Simplified Chinese with an English translation. Any
object with ``zh`` and ``en`` string attributes is such a text (:class:`Bilingual`): a
:class:`LocalText` from the data files or the code, a :class:`~assessments.errors.Problem`, the
domain's exceptions that carry a reason (``NumberTextError``, ``UnsafeText``). Callers never pick
a language by hand (``x.en if lang == "en" else x.zh``): they call :func:`render` (or
``LocalText.render``), so the rule of which language is shown — English only when asked for,
Chinese otherwise — lives here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


class Bilingual(Protocol):
    """Anything that says one thing in Chinese and in English."""

    @property
    def zh(self) -> str: ...

    @property
    def en(self) -> str: ...


def render(text: Bilingual, lang: str = "zh") -> str:
    """The text in the language asked for: English for ``"en"``, Chinese for anything else."""
    return text.en if lang == "en" else text.zh


def render_all(texts: Iterable[Bilingual], lang: str = "zh", sep: str = "\n") -> str:
    """Several texts in one language, joined by ``sep``."""
    return sep.join(render(t, lang) for t in texts)


@dataclass(frozen=True, slots=True)
class LocalText:
    zh: str
    en: str

    def render(self, lang: str = "zh") -> str:
        return render(self, lang)

    def get(self, lang: str = "zh") -> str:
        """The same as :meth:`render` (the older name; kept for the many callers)."""
        return render(self, lang)

    def __str__(self) -> str:
        return self.zh

    @staticmethod
    def of(text: Bilingual) -> LocalText:
        """Any bilingual object as a plain value (e.g. to keep an exception's reason)."""
        return text if isinstance(text, LocalText) else LocalText(text.zh, text.en)

    @staticmethod
    def same(text: str) -> LocalText:
        """A text that reads the same in both languages (a number, a code, a name)."""
        return LocalText(text, text)

    @staticmethod
    def join(texts: Iterable[Bilingual], zh_sep: str = "；", en_sep: str = "; ") -> LocalText:
        items = list(texts)
        return LocalText(zh_sep.join(t.zh for t in items), en_sep.join(t.en for t in items))
