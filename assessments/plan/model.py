"""The improvement plan as data: actions with their exact changes, cost, points and lead time.

``plan_to_dict`` is the contract of ``plan --json`` (issue #16): exactly the keys ``target``,
``reachable``, ``grade_before``, ``grade_after``, ``total_before``, ``total_after``, ``cost``,
``months`` and ``actions`` (each ``lever``, ``title``, ``changes``, ``cost``, ``points``,
``months``). Numbers are Decimals (write with ``jsonnum.dumps``): no float noise in a change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..document import AnswersDocument
from ..levers import Lever
from ..scoring import Result
from ..texts import LocalText

PLAN_KEYS = (
    "target",
    "reachable",
    "grade_before",
    "grade_after",
    "total_before",
    "total_after",
    "cost",
    "months",
    "actions",
)
ACTION_KEYS = ("lever", "title", "changes", "cost", "points", "months")


@dataclass(frozen=True, slots=True)
class Action:
    lever: Lever
    key: str  # the use: lever id, or "lever@outlets.N"
    amount: Decimal  # in the changed path's unit (1 for a one-off measure)
    changes: dict[str, tuple[Any, Any]]  # path → (from, to); from None: the key was absent
    cost: Decimal  # 万元
    points: Decimal  # total gained when added after the actions ranked before it
    outlet_name: str | None = None

    @property
    def months(self) -> int:
        return self.lever.lead_time_months

    def title(self, lang: str = "zh") -> str:
        text = self.lever.title.get(lang)
        if self.outlet_name is not None:
            return f"{text}：{self.outlet_name}" if lang != "en" else f"{text}: {self.outlet_name}"
        return text


@dataclass(frozen=True, slots=True)
class Blocker:
    """Why the target cannot be reached: a gate (by its label) or the score band."""

    gate: LocalText
    detail: LocalText | None = None

    def text(self, lang: str = "zh") -> str:
        head = self.gate.get(lang)
        if self.detail is None:
            return head
        return f"{head}（{self.detail.get(lang)}）" if lang != "en" else f"{head} ({self.detail.get(lang)})"


@dataclass(frozen=True, slots=True)
class Proof:
    """How the plan was found and how far it is proven (shown in text, kept out of ``--json``)."""

    solves: int
    solver_seconds: float  # HiGHS's own time, summed
    lower_bound: Decimal | None  # no plan reaching the target costs less (万元); None if unknown
    levels: tuple[str, ...] = ()  # quantities modelled on levels (co2, elec): empty = exact model


@dataclass(frozen=True)
class Plan:
    target: str
    reachable: bool
    grade_before: str
    grade_after: str
    total_before: Decimal
    total_after: Decimal
    actions: tuple[Action, ...]
    document: AnswersDocument  # the changed document (the original when there is no action)
    result: Result  # the engine's result on it
    catalogue_id: str
    blockers: tuple[Blocker, ...] = ()
    proof: Proof = field(default_factory=lambda: Proof(0, 0.0, None))

    @property
    def cost(self) -> Decimal:
        return sum((a.cost for a in self.actions), Decimal(0))

    @property
    def months(self) -> int:
        """Lead time of the plan: its actions run side by side, so the longest one."""
        return max((a.months for a in self.actions), default=0)


def plan_to_dict(plan: Plan, lang: str = "zh") -> dict[str, Any]:
    return {
        "target": plan.target,
        "reachable": plan.reachable,
        "grade_before": plan.grade_before,
        "grade_after": plan.grade_after,
        "total_before": plan.total_before,
        "total_after": plan.total_after,
        "cost": plan.cost,
        "months": plan.months,
        "actions": [
            {
                "lever": a.lever.id,
                "title": a.title(lang),
                "changes": {path: {"from": old, "to": new} for path, (old, new) in a.changes.items()},
                "cost": a.cost,
                "points": a.points,
                "months": a.months,
            }
            for a in plan.actions
        ],
    }
