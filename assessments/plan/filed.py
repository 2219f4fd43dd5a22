"""The improvement plan as a filing carries it (issue #16): data in the envelope, rendered from there.

A filing that includes the plan carries it under the envelope's ``plan`` key (``filed_plan``), the
fingerprint covers it, and both writers draw the 改进计划 sheet / page from the parsed form
(``parse_filed_plan``) — at export and again at verify, so a rebuild gives the same sheet. Only data
is carried: the lever, its title, amount, unit and evidence as the enterprise filed them, and each
change as a document path with its old and new value; the sentences under an action are made from
those changes and the carried document when the page is drawn, so they cannot say something else.

``check_filed_plan`` lets verify confirm what the plan claims: its changes applied to the carried
document and scored by the engine give the total and grade it states, its ``from`` values are the
document's, its cost and lead time add up. Costs are the enterprise's estimates; nothing checks them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from ..criteria import load_criteria
from ..document import AnswersDocument, document_to_dict, parse_document
from ..errors import DomainError
from ..scoring import score
from .model import Plan
from .uses import get_path, set_path

FILED_FORMAT: Final = "dnz-plan/1"
MAX_ACTIONS: Final = 200
MAX_CHANGES: Final = 60
MAX_TEXT: Final = 2000
MAX_BLOCKERS: Final = 20
ESTIMATE_NOTE: Final = (
    "成本为企业按措施目录估算值或自行询价填写的估算（万元），仅供参考；措施由求解器（HiGHS）按评价标准计算为"
    "达到目标等级的最低成本组合，并由评分引擎按改动后的答卷重新评分确认。"
)


class FiledPlanError(ValueError):
    """The carried plan is not a plan this program wrote (a reason in Chinese)."""


@dataclass(frozen=True, slots=True)
class FiledAction:
    lever: str
    title: str
    amount: Decimal
    unit: str
    changes: tuple[tuple[str, Any, Any], ...]  # (document path, from, to)
    cost: Decimal
    points: Decimal
    months: int
    evidence: str


@dataclass(frozen=True, slots=True)
class FiledPlan:
    catalogue: str
    target: str
    reachable: bool
    grade_before: str
    grade_after: str
    total_before: Decimal
    total_after: Decimal
    cost: Decimal
    months: int
    actions: tuple[FiledAction, ...]
    blockers: tuple[str, ...]
    lower_bound: Decimal | None


def filed_plan(plan: Plan) -> dict[str, Any]:
    """The JSON-ready form a filing carries (decimals exact; write with ``jsonnum``)."""
    return {
        "format": FILED_FORMAT,
        "catalogue": plan.catalogue_id,
        "target": plan.target,
        "reachable": plan.reachable,
        "grade_before": plan.grade_before,
        "grade_after": plan.grade_after,
        "total_before": plan.total_before,
        "total_after": plan.total_after,
        "cost": plan.cost,
        "months": plan.months,
        "lower_bound": plan.proof.lower_bound,
        "blockers": [b.text("zh") for b in plan.blockers],
        "actions": [
            {
                "lever": a.lever.id,
                "title": a.title("zh"),
                "amount": a.amount,
                "unit": a.lever.unit.label.zh,
                "per": a.lever.unit.per,
                "changes": [{"path": p, "from": old, "to": new} for p, (old, new) in a.changes.items()],
                "cost": a.cost,
                "points": a.points,
                "months": a.months,
                "evidence": a.lever.evidence.zh,
            }
            for a in plan.actions
        ],
    }


def _fail(reason: str) -> FiledPlanError:
    return FiledPlanError(f"携带的改进计划无效：{reason}")


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _fail(f"{what}应为不超过 {MAX_TEXT} 个字符的文本")
    return value


def _number(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or not Decimal(value).is_finite():
        raise _fail(f"{what}应为数字")
    number = Decimal(value)
    if abs(number) > Decimal(10) ** 15 or (number and abs(number.adjusted()) > 40):
        raise _fail(f"{what}超出范围")
    return number


def _whole(value: Any, what: str, limit: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise _fail(f"{what}应为 0–{limit} 的整数")
    return int(value)


def _value(value: Any, what: str) -> Any:
    """A changed value: null, true/false, a number or a short text (what an answer can hold)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _text(value, what)
    return _number(value, what)


def parse_filed_plan(data: Any) -> FiledPlan:
    """Type-check a carried plan; FiledPlanError says what is wrong (nothing else is raised)."""
    if not isinstance(data, dict) or data.get("format") != FILED_FORMAT:
        raise _fail("格式不对")
    actions_data = data.get("actions")
    if not isinstance(actions_data, list) or len(actions_data) > MAX_ACTIONS:
        raise _fail("措施列表不对")
    actions = []
    for i, item in enumerate(actions_data, 1):
        if not isinstance(item, dict):
            raise _fail(f"第 {i} 项措施不是对象")
        changes_data = item.get("changes")
        if not isinstance(changes_data, list) or len(changes_data) > MAX_CHANGES:
            raise _fail(f"第 {i} 项措施的改动不对")
        changes = []
        for change in changes_data:
            if not isinstance(change, dict) or set(change) != {"path", "from", "to"}:
                raise _fail(f"第 {i} 项措施的改动不对")
            path = _text(change["path"], "改动的路径")
            changes.append((path, _value(change["from"], "改动前的值"), _value(change["to"], "改动后的值")))
        per = _whole(item.get("per"), "单位换算", 10**6)
        actions.append(
            FiledAction(
                lever=_text(item.get("lever"), "措施编号"),
                title=_text(item.get("title"), "措施名称"),
                amount=_number(item.get("amount"), "数量") / per if per else _number(item.get("amount"), "数量"),
                unit=_text(item.get("unit"), "单位"),
                changes=tuple(changes),
                cost=_number(item.get("cost"), "成本"),
                points=_number(item.get("points"), "分数"),
                months=_whole(item.get("months"), "周期", 1200),
                evidence=_text(item.get("evidence"), "佐证材料"),
            )
        )
    blockers = data.get("blockers")
    if not isinstance(blockers, list) or len(blockers) > MAX_BLOCKERS:
        raise _fail("原因列表不对")
    reachable = data.get("reachable")
    if not isinstance(reachable, bool):
        raise _fail("是否可达应为 true 或 false")
    lower = data.get("lower_bound")
    return FiledPlan(
        catalogue=_text(data.get("catalogue"), "措施目录"),
        target=_text(data.get("target"), "目标等级"),
        reachable=reachable,
        grade_before=_text(data.get("grade_before"), "现状等级"),
        grade_after=_text(data.get("grade_after"), "计划后等级"),
        total_before=_number(data.get("total_before"), "现状总分"),
        total_after=_number(data.get("total_after"), "计划后总分"),
        cost=_number(data.get("cost"), "总成本"),
        months=_whole(data.get("months"), "周期", 1200),
        actions=tuple(actions),
        blockers=tuple(_text(b, "原因") for b in blockers),
        lower_bound=None if lower is None else _number(lower, "成本下界"),
    )


def check_filed_plan(plan: FiledPlan, doc: AnswersDocument) -> list[str]:
    """What the carried plan claims but the carried document and the engine do not confirm."""
    problems: list[str] = []
    criteria = load_criteria(doc.criteria)
    grades = [g.id for g in criteria.grades]
    for grade in (plan.target, plan.grade_before, plan.grade_after):
        if grade not in grades:
            return [f"改进计划中的等级“{grade}”不是评价标准 {criteria.id} 的等级"]
    before = document_to_dict(doc)
    after = copy.deepcopy(before)
    seen: set[str] = set()
    for action in plan.actions:
        for path, old, new in action.changes:
            if path in seen:
                problems.append(f"改进计划中两项措施改动同一项：{path}")
            seen.add(path)
            try:
                current = get_path(before, path)
                set_path(after, path, new)
            except (KeyError, IndexError, ValueError, TypeError, AttributeError):
                problems.append(f"改进计划改动了答卷中不存在的项：{path}")
                continue
            if current != old:
                problems.append(f"改进计划记录 {path} 原为 {old}，携带的答卷为 {current}")
    if problems:
        return problems
    try:
        result = score(parse_document(after))
    except (DomainError, RecursionError) as exc:
        return [f"按改进计划改动后的答卷无效：{exc}"[:300]]
    shown = Decimal(str(result.total_rounded))
    if shown != plan.total_after or result.grade != plan.grade_after:
        problems.append(
            f"改进计划：文件显示计划完成后 {plan.total_after} 分（{plan.grade_after}），"
            f"按计划改动重新评分为 {shown} 分（{result.grade}）"
        )
    before_total = Decimal(str(score(doc).total_rounded))
    if before_total != plan.total_before:
        problems.append(f"改进计划：文件显示现状 {plan.total_before} 分，重新评分为 {before_total} 分")
    if sum((a.cost for a in plan.actions), Decimal(0)) != plan.cost:
        problems.append("改进计划：各项措施成本之和与总成本不一致")
    if max((a.months for a in plan.actions), default=0) != plan.months:
        problems.append("改进计划：最长周期与各项措施的周期不一致")
    return problems
