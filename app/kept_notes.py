"""The note under a field about a value kept aside (hidden by N/A or the other variant, or
last year's figure offered as a hint), in words."""

from __future__ import annotations

from typing import Any

from assessments.criteria import Criteria
from assessments.texts import LocalText, render
from assessments.vocabulary import NA
from assessments.wording import value_text


def hides_a_value(value: Any, kept: Any) -> bool:
    """A kept value is *hidden* (kept, not scored) only while something else is the answer: N/A or
    the other variant. With no current answer it is last year's value, offered as a hint."""
    return kept is not None and value is not None


def kept_note(criteria: Criteria, key: str, value: Any, kept: Any, lang: str = "zh") -> str | None:
    """The note under a field about a value kept aside, in words (never a key, ``na`` or a repr):

    - hidden by N/A: "已保留原填写内容（不计分）：82%。取消“不适用”即可恢复。"
    - hidden by the other variant (M3): "已保留另一种填写方式的内容（不计分）：三年降幅 18%。…"
    - no answer yet, last year's value (a draft started from the previous year): "上年度：82%（仅供参考…）"
    None when nothing is kept.
    """
    if kept is None:
        return None
    shown = value_text(criteria, key, kept, lang)
    if value is None:
        note = LocalText(
            f"上年度：{shown}（仅供参考，请填写本年度数据）",
            f"Last year: {shown} (for reference only; enter this year's figure)",
        )
    elif value == NA:
        note = LocalText(
            f"已保留原填写内容（不计分）：{shown}。取消“不适用”即可恢复。",
            f"Kept, not scored: {shown} (switch N/A off to use it again)",
        )
    else:
        note = LocalText(
            f"已保留另一种填写方式的内容（不计分）：{shown}。切换回该方式即可恢复。",
            f"Kept, not scored: {shown} (switch back to that variant to use it again)",
        )
    return render(note, lang)
