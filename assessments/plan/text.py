"""The plan in words (command line, 改进计划 page, filing): changes, amounts and the summary."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..criteria import Criteria, load_criteria
from ..document import AnswersDocument
from ..exact import fmt_number
from ..vocabulary import NA
from ..wording import change_text, number_text, pollutant_name, value_text
from .model import Action, Plan


def grade_name(criteria: Criteria, grade: str, lang: str = "zh") -> str:
    return criteria.grade(grade).name.get(lang)


def change_line(criteria: Criteria, doc: AnswersDocument, path: str, old: Any, new: Any, lang: str = "zh") -> str:
    """``G5 信息公开：仅依法披露 → 依法披露 + 自愿发布…``; outlets by name and pollutant."""
    head, _, rest = path.partition(".")
    if head == "outlets" and doc.outlets not in (None, NA):
        index, _, pollutant = rest.partition(".")
        outlets = doc.outlets
        assert isinstance(outlets, tuple)
        name = outlets[int(index)].name
        colon = "：" if lang != "en" else ": "
        shown = " mg/m³"
        old_text = value_text(criteria, "", old, lang) if old is None else f"{number_text(old)}{shown}"
        return f"{name} {pollutant_name(pollutant, lang)}{colon}{old_text} → {number_text(new)}{shown}"
    return change_text(criteria, path, old, new, lang)


def amount_text(action: Action, lang: str = "zh") -> str:
    """The amount in the lever's cost unit: ``42 000 MWh``, ``1 项``."""
    unit = action.lever.unit
    amount = action.amount.scaleb(-len(str(unit.per)) + 1) if unit.per != 1 else action.amount
    return (
        f"{number_text(amount.normalize() if amount == amount.to_integral_value() else amount)} {unit.label.get(lang)}"
    )


def money(value: Decimal) -> str:
    """万元 with two decimals, half up (costs are estimates; the exact figure is in --json)."""
    return fmt_number(value, 2)


def plan_text(plan: Plan, before: AnswersDocument, lang: str = "zh") -> str:
    criteria = load_criteria(before.criteria)
    en = lang == "en"
    target = grade_name(criteria, plan.target, lang)
    lines = []
    if en:
        lines.append(f"Improvement plan: target {target} ({plan.target})")
        lines.append(
            f"Now: {plan.total_before} points, {grade_name(criteria, plan.grade_before, lang)}"
            f" → after the plan: {plan.total_after} points, {grade_name(criteria, plan.grade_after, lang)}"
        )
    else:
        lines.append(f"改进计划：目标等级 {target}（{plan.target}）")
        lines.append(
            f"现状：{plan.total_before} 分，{grade_name(criteria, plan.grade_before, lang)}"
            f" → 计划完成后：{plan.total_after} 分，{grade_name(criteria, plan.grade_after, lang)}"
        )
    if not plan.reachable:
        lines.append("The target cannot be reached:" if en else "无法达到目标等级，原因：")
        lines.extend(f"  - {b.text(lang)}" for b in plan.blockers)
        best = grade_name(criteria, plan.grade_after, lang)
        lines.append(f"Best reachable grade: {best}" if en else f"可达到的最高等级：{best}")
    if not plan.actions:
        lines.append(
            "No action is needed."
            if en and plan.reachable
            else "No action."
            if en
            else "无需采取措施。"
            if plan.reachable
            else "没有可提高等级的措施。"
        )
        return "\n".join(lines)
    if en:
        lines.append(f"Cost: {money(plan.cost)} (10k CNY, estimate); longest lead time {plan.months} months")
        lines.append("Actions, most points first:")
    else:
        lines.append(f"总成本：{money(plan.cost)} 万元（估算）；最长实施周期 {plan.months} 个月")
        lines.append("措施（按新增分数排序）：")
    for i, action in enumerate(plan.actions, 1):
        sign = "+" if action.points >= 0 else ""
        if en:
            lines.append(
                f"{i:>2}. {action.title(lang)} — {amount_text(action, lang)}: {sign}{action.points} points, "
                f"{money(action.cost)} (10k CNY), {action.months} months"
            )
        else:
            lines.append(
                f"{i:>2}. {action.title(lang)}（{amount_text(action, lang)}）：{sign}{action.points} 分，"
                f"{money(action.cost)} 万元，{action.months} 个月"
            )
        for path, (old, new) in action.changes.items():
            lines.append(f"      {change_line(criteria, before, path, old, new, lang)}")
    proof = plan.proof
    if proof.lower_bound is not None:
        if en:
            lines.append(
                f"Lower bound: no plan reaching {grade_name(criteria, plan.grade_after, lang)} costs less than "
                f"{money(proof.lower_bound)} (this plan {money(plan.cost)}); {proof.solves} HiGHS solves, "
                f"{proof.solver_seconds:.2f} s"
            )
        else:
            lines.append(
                f"成本下界：达到{grade_name(criteria, plan.grade_after, lang)}的任何方案成本都不低于 {money(proof.lower_bound)} 万元"
                f"（本方案 {money(plan.cost)} 万元）；HiGHS 求解 {proof.solves} 次，用时 {proof.solver_seconds:.2f} 秒"
            )
    return "\n".join(lines)
