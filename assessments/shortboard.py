"""Gaps (what value would earn full marks) and the short board (why not one grade higher).

Sentences for people, built from a result when first read. Every number in them is rounded half
up from the exact value (``exact.fmt_number``), and the gaps are ordered by the exact points
lost, so two indicators that lose the same points keep the criteria order.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .calc import AirSummary, EnergyCarbon
from .criteria import Criteria, Indicator
from .document_model import AnswersDocument
from .exact import Q, exact, quotient, round_half_up, round_quotient
from .methods import GapInput, method
from .methods.base import as_decimal
from .results import GateResult, IndicatorResult, VetoResult
from .texts import LocalText


@dataclass(frozen=True, slots=True)
class Gap:
    """One indicator with lost points and the value that would earn full marks."""

    indicator: str
    title: LocalText
    lost_q: Q  # exact points lost
    current: LocalText
    target: LocalText
    target_value: Decimal | None  # in the unit of the scored value, when one number says it

    @property
    def lost_points(self) -> Decimal:
        return quotient(*self.lost_q)

    @property
    def lost_shown(self) -> float:
        """Points lost as shown: half up to one decimal from the exact value."""
        return float(round_quotient(*self.lost_q, 1))


def build_gaps(
    criteria: Criteria,
    doc: AnswersDocument,
    indicators: tuple[IndicatorResult, ...],
    metrics: Mapping[str, Decimal | None],
    energy: EnergyCarbon,
    air: AirSummary | None,
) -> tuple[Gap, ...]:
    """Every applicable indicator that lost points, the most first (exact; stable on ties)."""
    by_id = {r.id: r for r in indicators}
    gaps = []
    for ind in criteria.indicators:
        res = by_id[ind.id]
        if res.applicable and res.lost_q[0] > 0:
            gaps.append(build_gap(ind, res, GapInput(ind, res, metrics, energy, air, doc, criteria, by_id)))

    def more_lost_first(a: Gap, b: Gap) -> int:
        with exact():
            left, right = a.lost_q[0] * b.lost_q[1], b.lost_q[0] * a.lost_q[1]
        return -1 if left > right else 1 if left < right else 0

    return tuple(sorted(gaps, key=functools.cmp_to_key(more_lost_first)))


def build_gap(ind: Indicator, res: IndicatorResult, g: GapInput) -> Gap:
    """The indicator's gap in words: its scoring method says what it is now and what earns full marks."""
    text = method(ind.method).gap(g)
    current = text.current
    if current is None:
        current = LocalText("未填写", "not answered") if res.missing else LocalText("—", "—")
    return Gap(ind.id, ind.title, res.lost_q, current, text.target, text.target_value)


def short_board_items(
    criteria: Criteria,
    grade: str,
    shown_total: float,
    vetoes: tuple[VetoResult, ...],
    gates: Mapping[str, tuple[GateResult, ...]],
    gaps: tuple[Gap, ...],
) -> tuple[LocalText, ...]:
    """Why the result is not one grade higher (docs/criteria.md §5), as readable sentences."""
    items: list[LocalText] = []
    for veto in vetoes:
        if not veto.passed:
            state = "未回答" if veto.status == "missing" else "未满足"
            items.append(
                LocalText(
                    f"前提条件{state}：{veto.id} {veto.title.zh}（一票否决）",
                    f"prerequisite {'not answered' if veto.status == 'missing' else 'failed'}: {veto.id} {veto.title.en} (veto)",
                )
            )
    order = [g.id for g in criteria.grades]
    index = order.index(grade)
    if index == 0:
        items.append(
            LocalText(
                f"已达到最高等级“{criteria.grades[0].name.zh}”", f"highest grade reached: {criteria.grades[0].name.en}"
            )
        )
    else:
        nxt = criteria.grades[index - 1]
        if shown_total < nxt.min_total:
            with exact():  # both are short decimals: their difference is exact
                short = round_half_up(as_decimal(nxt.min_total) - as_decimal(shown_total))
            items.append(
                LocalText(
                    f"总分 {shown_total:.1f} 低于“{nxt.name.zh}”等级分数线 {nxt.min_total:g} 分（差 {short:.1f} 分）",
                    f"total {shown_total:.1f} is below the {nxt.name.en} line of {nxt.min_total:g} (short by {short:.1f})",
                )
            )
        for gate in gates[nxt.id]:
            if not gate.passed and gate.label.zh != "前提条件全部满足":
                items.append(
                    LocalText(
                        f"“{nxt.name.zh}”等级门槛未满足：{gate.label.zh}",
                        f"{nxt.name.en} gate not met: {gate.label.en}",
                    )
                )
    for gap in gaps[: criteria.short_board_top]:
        lost = round_quotient(*gap.lost_q, 1)
        items.append(
            LocalText(
                f"{gap.indicator} {gap.title.zh}：失 {lost:.1f} 分；当前 {gap.current.zh}，{gap.target.zh} 可得满分",
                f"{gap.indicator} {gap.title.en}: {lost:.1f} points lost; now {gap.current.en}; full marks at {gap.target.en}",
            )
        )
    return tuple(items)
