"""What changed between two filed documents, in the words of the journal (assessments/wording)."""

from __future__ import annotations

from assessments import jsonnum
from assessments.criteria import load_criteria
from assessments.document import AnswersDocument, parse_document
from assessments.draft import dict_to_draft
from assessments.errors import DomainError
from assessments.wording import change_text

MAX_LINES = 200


def document_changes(old: AnswersDocument, new: AnswersDocument) -> list[str]:
    """One line per draft key whose value differs: ``P4 低VOCs原辅材料替代率：80 → 95``."""
    criteria = load_criteria(new.criteria)
    before, after = dict_to_draft(old), dict_to_draft(new)
    lines = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            lines.append(change_text(criteria, key, before.get(key), after.get(key)))
    if old.year != new.year:
        lines.insert(0, f"评估年度：{old.year} → {new.year}")
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES], f"（另有 {len(lines) - MAX_LINES} 处修改未列出）"]
    return lines


def stored_changes(old_json: str, new_json: str) -> list[str]:
    """``document_changes`` of two stored documents; a document that no longer parses says so."""
    try:
        return document_changes(parse_document(jsonnum.loads(old_json)), parse_document(jsonnum.loads(new_json)))
    except (DomainError, ValueError):
        return ["（无法比较：其中一份携带的答卷无效）"]
