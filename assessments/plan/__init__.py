"""The least-cost improvement plan (issue #16, F13): levers as data, a mixed-integer model built
from the criteria, solved by HiGHS and confirmed by the scoring engine.

Importing this package loads neither numpy nor HiGHS; solving a plan does (``highs``).
"""

from __future__ import annotations

from .builder import PlanUnsupported
from .costs import PlanInputError, parse_costs
from .model import ACTION_KEYS, PLAN_KEYS, Action, Blocker, Plan, Proof, plan_to_dict
from .search import make_plan, target_grades

__all__ = [
    "ACTION_KEYS",
    "PLAN_KEYS",
    "Action",
    "Blocker",
    "Plan",
    "PlanInputError",
    "PlanUnsupported",
    "Proof",
    "make_plan",
    "parse_costs",
    "plan_to_dict",
    "target_grades",
]
