"""The what-if sandbox (试算, F12) as plain data: a saved draft with a layer of changes on top.

Nothing here stores anything: a sandbox is the saved answers (as the service read them) and the
keys changed in the sandbox. Every change is validated in the context of the merged draft by the
same rules as a typed answer (``draft.validate_value``), so a scenario that can be tried can also
be applied. A change back to the saved value is no change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .criteria import load_criteria
from .document import AnswersDocument
from .draft import dict_to_draft, draft_document, draft_keys, validate_value
from .errors import DocumentError, Problem
from .scoring import Result, score

MAX_SCENARIO_NAME = 100


class SandboxChange(NamedTuple):
    key: str
    old: Any  # the saved value (None: not answered)
    new: Any  # the sandbox value (None: cleared)


@dataclass(frozen=True)
class Sandbox:
    criteria_id: str
    year: int
    saved: Mapping[str, Any]
    changes: Mapping[str, Any] = field(default_factory=dict)  # key → value (None clears the key)

    def values(self) -> dict[str, Any]:
        merged = dict(self.saved)
        for key, value in self.changes.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        return merged

    def with_value(self, key: str, value: Any) -> Sandbox:
        """The sandbox with one more change, validated like a typed answer (DocumentError if not)."""
        values = self.values()
        if value is None:
            normalised = None
        else:
            values.pop(key, None)
            normalised = validate_value(self.criteria_id, self.year, values, key, value)
        changes = dict(self.changes)
        if normalised == self.saved.get(key):
            changes.pop(key, None)
        else:
            changes[key] = normalised
        return Sandbox(self.criteria_id, self.year, self.saved, changes)

    def without(self, key: str) -> Sandbox:
        """The sandbox with one change taken back (the saved value again)."""
        return Sandbox(self.criteria_id, self.year, self.saved, {k: v for k, v in self.changes.items() if k != key})

    def rebased(self, saved: Mapping[str, Any]) -> Sandbox:
        """The same changes over newer saved values (a change that now equals them is dropped)."""
        return with_changes(self.criteria_id, self.year, saved, self.changes)

    def document(self) -> AnswersDocument:
        return draft_document(self.criteria_id, self.year, self.values())

    def score(self) -> Result:
        return score(self.document(), allow_incomplete=True)

    def change_list(self) -> list[SandboxChange]:
        """The changes in the wizard's order of keys."""
        order = {k: i for i, k in enumerate(draft_keys(load_criteria(self.criteria_id)))}
        keys = sorted(self.changes, key=lambda k: order.get(k, len(order)))
        return [SandboxChange(k, self.saved.get(k), self.changes[k]) for k in keys]


def with_changes(criteria_id: str, year: int, saved: Mapping[str, Any], changes: Mapping[str, Any]) -> Sandbox:
    """A sandbox from stored changes, each validated again (DocumentError names the first bad key)."""
    if not isinstance(changes, Mapping):
        raise DocumentError([Problem("changes", "试算场景的内容不是对象", "the scenario's changes are not an object")])
    known = set(draft_keys(load_criteria(criteria_id)))
    sandbox = Sandbox(criteria_id, year, dict(saved))
    for key, value in changes.items():
        if key not in known:
            raise DocumentError([Problem(str(key), f"未知的答题项“{key}”", f"unknown answer key {key!r}")])
        sandbox = sandbox.with_value(key, value)
    return sandbox


def plan_changes(before: AnswersDocument, after: AnswersDocument) -> dict[str, Any]:
    """The draft keys a plan changes, with their new values (a plan's changed document → a sandbox).

    Outlets are one draft key (the whole list), so an outlet retrofit changes ``outlets``."""
    old, new = dict_to_draft(before), dict_to_draft(after)
    changes: dict[str, Any] = {k: v for k, v in new.items() if old.get(k) != v}
    changes.update({k: None for k in old if k not in new})
    return changes
