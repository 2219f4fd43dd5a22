"""What a section editor needs from the page it sits on, and the page's small text helpers.

The questions page (pages.py) builds the section editors (sections.py, energy.py); the editors
talk back to the page only through ``SectionHost``, so neither module imports the other back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from assessments.texts import LocalText, render, render_all
from ui.i18n import language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from assessments.errors import DomainError
    from ui.wizard.session import AssessmentSession
    from ui.wizard.widgets import AnswerEditor, MessageLabel


class SectionHost(Protocol):
    """The page as its section editors see it (``QuestionsPage`` is one)."""

    session: AssessmentSession
    lang: str
    focus_targets: dict[str, Callable[[], QWidget]]

    def commit(self, key: str, value: Any, message: MessageLabel, editor: AnswerEditor | None = None) -> bool: ...

    def order_tabs(self) -> None: ...

    def isVisible(self) -> bool: ...


def problem_text(exc: DomainError) -> str:
    lang = language()
    return render_all(exc.problems[:3], lang, "；")


def na_text(label: str, rule: LocalText | None, lang: str) -> str:
    """ "不适用：<rule>"; the English rules already start with "Not applicable"."""
    if rule is None:
        return label
    # The English rules already start with "Not applicable"; the Chinese ones are prefixed.
    return render(LocalText(f"{label}：{rule.zh}", rule.en), lang)
