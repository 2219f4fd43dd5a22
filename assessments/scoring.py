"""The scoring engine (CRITERIA.md §1–§5): fractions, N/A rescaling, vetoes, gates, grades.

``score(doc)`` is pure: the same document and criteria always give the same result. Figures
are kept in full precision in the result; rounding (half up, 1 decimal) is applied to the
shown total, dimension scores and points, and grade bands compare the *rounded* total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .calc import (
    AirSummary,
    EnergyCarbon,
    air_summary,
    carbon_elasticity,
    energy_carbon,
    offset_coverage,
    worst_water_ratio,
)
from .criteria import Criteria, Gate, Grade, Indicator, load_criteria
from .document import NA, AnswersDocument, missing_answer_keys
from .errors import Problem, ScoringError
from .factors import Factors, load_factors
from .rounding import round_half_up
from .shortboard import Gap, build_gap, short_board_items
from .texts import LocalText

_EPS = 1e-9


def lin(x: float, zero_at: float, full_at: float) -> float:
    """Linear scoring clipped to [0, 1]; works for both directions (CRITERIA.md §0)."""
    s = (x - zero_at) / (full_at - zero_at)
    return 0.0 if s <= 0.0 else 1.0 if s >= 1.0 else s


class IndicatorResult(NamedTuple):
    """One indicator's result (a NamedTuple: 29 are built per scoring, on the autosave path)."""

    id: str
    dimension: str
    weight: float
    applicable: bool
    fraction: float | None  # None when N/A
    points: float | None  # full precision, None when N/A
    max_points: float  # rescaled share of the dimension; 0 when N/A
    value: float | None  # the scored value (metric or typed number), if any
    missing: bool = False  # incomplete draft: no answer yet (scored 0)
    note: LocalText | None = None  # e.g. a cap that applied, or why it is N/A


@dataclass(frozen=True, slots=True)
class DimensionResult:
    id: str
    name: LocalText
    max_points: float
    score: float
    applicable_weight: float

    @property
    def rounded(self) -> float:
        return round_half_up(self.score)


@dataclass(frozen=True, slots=True)
class VetoResult:
    id: str
    title: LocalText
    status: str  # pass | fail | na | missing

    @property
    def passed(self) -> bool:
        return self.status in ("pass", "na")


@dataclass(frozen=True, slots=True)
class GateResult:
    label: LocalText
    passed: bool


@dataclass(frozen=True)
class Result:
    criteria_id: str
    criteria_version: str
    year: int
    total: float
    score_band: str
    gate_band: str
    grade: str
    dimensions: tuple[DimensionResult, ...]
    indicators: tuple[IndicatorResult, ...]
    vetoes: tuple[VetoResult, ...]
    gates: Mapping[str, tuple[GateResult, ...]]
    energy: EnergyCarbon
    air: AirSummary | None
    metrics: Mapping[str, float | None]
    gaps: tuple[Gap, ...]
    short_board: tuple[LocalText, ...]
    complete: bool = True
    missing: tuple[str, ...] = ()
    _by_id: dict[str, IndicatorResult] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({i.id: i for i in self.indicators})

    @property
    def total_rounded(self) -> float:
        return round_half_up(self.total)

    @property
    def vetoes_failed(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.vetoes if not v.passed)

    def indicator(self, indicator_id: str) -> IndicatorResult:
        return self._by_id[indicator_id]

    def dimension(self, dimension_id: str) -> DimensionResult:
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)


class _Eval(NamedTuple):
    applicable: bool
    fraction: float | None = None
    value: float | None = None
    missing: bool = False
    note: LocalText | None = None


_MISSING = _Eval(True, 0.0, None, True, LocalText("未填写，暂按0分计", "not answered yet, scored 0"))


class _Context:
    def __init__(self, doc: AnswersDocument, criteria: Criteria, factors: Factors) -> None:
        self.doc = doc
        self.criteria = criteria
        self.factors = factors
        self.energy = energy_carbon(doc, factors)
        self.air: AirSummary | None = None
        self.evals: dict[str, _Eval] = {}
        self.metrics: dict[str, float | None] = {
            "total_tce": self.energy.total_tce,
            "scope1_t": self.energy.scope1_t,
            "scope2_t": self.energy.scope2_t,
            "co2_t": self.energy.co2_t,
            "co2_per_tce": self.energy.co2_per_tce,
            "non_fossil_share": self.energy.non_fossil_share,
            "renewable_electricity_share": self.energy.renewable_electricity_share,
            "electrification": self.energy.electrification,
            "coal_change": self.energy.coal_change,
            "worst_air_ratio": None,
            "worst_water_ratio": worst_water_ratio(doc),
            "product_carbon_intensity": (self.energy.co2_t / doc.output.quantity if doc.output is not None else None),
            "offset_coverage": offset_coverage(doc.offsets_t, self.energy.co2_t),
            "carbon_elasticity": None,
            "elec_kwh": self.energy.elec_kwh,
            "gec_cover_kwh": self.energy.gec_cover_kwh,
            "coal_tce_now": self.energy.coal_tce_now,
            "coal_tce_2020": self.energy.coal_tce_2020,
        }


def _na(ind: Indicator) -> _Eval:
    return _Eval(False, note=ind.na.rule)


def _evaluate(ind: Indicator, ctx: _Context) -> _Eval:
    doc, p, method = ctx.doc, ind.params, ind.method
    answer = doc.answers.get(ind.id)
    if method in ("choice", "boolean", "lin"):
        if answer is None:
            return _MISSING
        if answer == NA:
            return _na(ind)
        if method == "boolean":
            return _Eval(True, 1.0 if answer is True else 0.0)
        if method == "choice":
            option = ind.answer.option(str(answer))
            assert option is not None
            if option.na:
                return _na(ind)
            return _Eval(True, option.fraction)
        assert isinstance(answer, float)
        fraction = lin(answer, p["zero_at"], p["full_at"])
        note = None
        for sub in ind.sub_answers:
            if doc.answers.get(sub.id) is True and fraction > sub.cap_when_true:
                fraction = sub.cap_when_true
                note = LocalText(
                    f"因“{sub.question.zh}”为“是”，得分率封顶 {sub.cap_when_true:.0%}",
                    f"capped at {sub.cap_when_true:.0%}: {sub.question.en} yes",
                )
        return _Eval(True, fraction, answer, note=note)
    e = ctx.energy
    if method == "metric_lin":
        value = ctx.metrics[p["metric"]]
        if value is None:
            return _na(ind) if ind.na.mode == "auto" else _MISSING
        return _Eval(True, lin(value, p["zero_at"], p["full_at"]), value)
    if method == "coal_change":
        if e.coal_tce_2020 is None or e.total_tce <= 0:
            return _MISSING
        if e.coal_tce_2020 == 0:
            ok = e.coal_tce_now == 0
            return _Eval(
                True,
                1.0 if ok else 0.0,
                None,
                note=LocalText(
                    "2020年无煤炭消费：报告年度仍无煤炭消费得满分，否则不得分",
                    "no coal in 2020: full marks only if still none",
                ),
            )
        return _Eval(True, lin(e.coal_change or 0.0, p["zero_at"], p["full_at"]), e.coal_change)
    if method == "air":
        if doc.outlets == NA:
            return _na(ind)
        if not doc.outlets:
            return _MISSING
        ctx.air = air = air_summary(doc.outlets, ctx.factors, p["compliance_min"])
        if air.worst is None:
            return _MISSING
        ctx.metrics["worst_air_ratio"] = air.worst.ratio
        fraction = lin(air.worst.ratio, p["zero_at"], p["full_at"])
        note = None
        if air.below_compliance and fraction > p["cap_below_compliance"]:
            fraction = p["cap_below_compliance"]
            names = "、".join(air.below_compliance)
            note = LocalText(
                f"排放口 {names} 小时达标率低于 {p['compliance_min']:g}%，得分率封顶 {fraction:.0%}",
                f"outlet(s) {', '.join(air.below_compliance)} below {p['compliance_min']:g}% hourly compliance: capped",
            )
        return _Eval(True, fraction, air.worst.ratio, note=note)
    if method == "water":
        if doc.water is None:
            return _MISSING
        if doc.water.zld:
            return _Eval(True, 1.0, None, note=LocalText("废水零排放", "zero liquid discharge"))
        ratio = ctx.metrics["worst_water_ratio"]
        if ratio is None:
            return _MISSING
        return _Eval(True, lin(ratio, p["zero_at"], p["full_at"]), ratio)
    if method == "pollutant_intensity":
        pi = doc.pollutant_intensity
        if pi == NA:
            return _na(ind)
        if pi is None:
            return _MISSING
        if pi.reduction_pct_3y is not None:
            return _Eval(
                True, lin(pi.reduction_pct_3y, p["reduction_zero_at"], p["reduction_full_at"]), pi.reduction_pct_3y
            )
        assert pi.value is not None and pi.benchmark is not None and pi.leading is not None
        return _Eval(True, lin(pi.value, pi.benchmark, pi.leading), pi.value)
    if method == "product_carbon":
        pc = doc.product_carbon
        if pc == NA:
            return _na(ind)
        value = ctx.metrics["product_carbon_intensity"]
        if pc is None or value is None or e.total_tce <= 0:
            return _MISSING
        return _Eval(True, lin(value, pc.benchmark, pc.leading), value)
    if method == "elasticity":
        h = doc.history
        if h == NA:
            return _na(ind)
        if h is None or doc.output is None or e.total_tce <= 0:
            return _MISSING
        g_co2, g_out, elasticity = carbon_elasticity(e.co2_t, doc.output.quantity, h.co2_t_3y_ago, h.output_3y_ago)
        ctx.metrics["carbon_elasticity"] = elasticity
        if abs(g_out) < p["flat_growth"]:
            return _Eval(
                True,
                1.0 if g_co2 <= 0 else 0.0,
                elasticity,
                note=LocalText("产量基本持平：碳排放不增长即得满分", "output flat: full marks if CO2 did not grow"),
            )
        assert elasticity is not None
        if g_out > 0:
            return _Eval(True, lin(elasticity, p["rising_zero_at"], p["rising_full_at"]), elasticity)
        return _Eval(
            True,
            lin(elasticity, p["falling_zero_at"], p["falling_full_at"]),
            elasticity,
            note=LocalText("产量下降：弹性系数越大越好", "output falling: a larger elasticity is better"),
        )
    if method == "offsets":
        coverage = ctx.metrics["offset_coverage"]
        assert coverage is not None
        fraction = lin(coverage, p["zero_at"], p["full_at"])
        required = ctx.evals[p["requires_indicator"]]
        if not required.applicable or (required.fraction or 0.0) < p["requires_fraction"] - _EPS:
            note = (
                LocalText(
                    f"{p['requires_indicator']} 得分率低于 {p['requires_fraction']:.0%}，抵消不计分（先减排、后抵消）",
                    f"{p['requires_indicator']} below {p['requires_fraction']:.0%}: offsets do not count (reduce first)",
                )
                if fraction > 0
                else None
            )
            return _Eval(True, 0.0, coverage, note=note)
        return _Eval(True, fraction, coverage)
    raise AssertionError(f"unknown scoring method {method}")  # the criteria loader rejects these


def _gate_passes(gate: Gate, ctx: _Context, vetoes_ok: bool, dims: tuple[DimensionResult, ...]) -> bool:
    kind, p = gate.kind, gate.params
    if kind == "vetoes_pass":
        return vetoes_ok
    if kind == "dimensions_min_share":
        # Compare the rounded dimension scores the user sees, like the grade bands do.
        return all(d.rounded + _EPS >= p["share"] * d.max_points for d in dims)
    if kind == "answer_in":
        return bool(ctx.doc.answers.get(p["indicator"]) in p["values"])
    if kind in ("metric_max", "metric_min"):
        na_id = p.get("pass_if_na")
        if na_id is not None and not ctx.evals[na_id].applicable:
            return True
        value = ctx.metrics[p["metric"]]
        if value is None:
            return False
        return bool(value <= p["max"] + _EPS if kind == "metric_max" else value >= p["min"] - _EPS)
    if kind == "fraction_min":
        ev = ctx.evals[p["indicator"]]
        return ev.applicable and not ev.missing and (ev.fraction or 0.0) >= p["min"] - _EPS
    if kind == "any":
        return any(_gate_passes(g, ctx, vetoes_ok, dims) for g in gate.gates)
    if kind == "all":
        return all(_gate_passes(g, ctx, vetoes_ok, dims) for g in gate.gates)
    raise AssertionError(f"unknown gate kind {kind}")


def _veto_status(value: Any) -> str:
    if value is None:
        return "missing"
    if value == NA:
        return "na"
    return "pass" if value is True else "fail"


def score(
    doc: AnswersDocument,
    *,
    allow_incomplete: bool = False,
    criteria: Criteria | None = None,
    explain: bool = True,
    known_missing: list[str] | None = None,
) -> Result:
    """Score a document under the criteria version it names (or an explicitly given set).

    Complete documents only, unless ``allow_incomplete`` (the wizard's live score): then what
    is missing scores 0, is listed in ``Result.missing`` and ``Result.complete`` is False.
    ``explain=False`` skips the gaps and the short board (for summaries on the autosave path);
    ``known_missing`` is `missing_inputs(doc, criteria)` when the caller has computed it already.
    """
    if criteria is None:
        criteria = load_criteria(doc.criteria)
    factors = load_factors(criteria.factors_id)
    missing = missing_inputs(doc, criteria) if known_missing is None else known_missing
    if missing and not allow_incomplete:
        raise ScoringError([Problem(key, "缺少此项，无法评分", "missing; cannot score") for key in missing])
    ctx = _Context(doc, criteria, factors)
    if ctx.energy.total_tce <= 0 and not allow_incomplete:
        raise ScoringError(
            [
                Problem(
                    "energy",
                    "综合能源消费量为 0：请至少填写一种能源的消费量，否则无法计算能耗和碳排放指标",
                    "total energy consumption is 0; enter at least one energy carrier",
                )
            ]
        )
    ordered = sorted(criteria.indicators, key=lambda i: "requires_indicator" in i.params)
    for ind in ordered:
        ctx.evals[ind.id] = _evaluate(ind, ctx)
    results: list[IndicatorResult] = []
    dims: list[DimensionResult] = []
    for dim in criteria.dimensions:
        members = criteria.indicators_of(dim.id)
        weight = sum(i.weight for i in members if ctx.evals[i.id].applicable)
        if weight <= 0:
            raise ScoringError(
                [
                    Problem(
                        dim.id,
                        f"维度“{dim.name.zh}”的全部指标都不适用，无法评分",
                        f"every indicator of dimension {dim.id} is N/A; cannot score",
                    )
                ]
            )
        achieved = 0.0
        for ind in members:
            ev = ctx.evals[ind.id]
            if ev.applicable:
                assert ev.fraction is not None
                share = dim.max_points * ind.weight / weight
                achieved += ind.weight * ev.fraction
                results.append(
                    IndicatorResult(
                        ind.id,
                        dim.id,
                        ind.weight,
                        True,
                        ev.fraction,
                        share * ev.fraction,
                        share,
                        ev.value,
                        ev.missing,
                        ev.note,
                    )
                )
            else:
                results.append(
                    IndicatorResult(ind.id, dim.id, ind.weight, False, None, None, 0.0, ev.value, False, ev.note)
                )
        dims.append(DimensionResult(dim.id, dim.name, dim.max_points, dim.max_points * achieved / weight, weight))
    total = sum(d.score for d in dims)
    vetoes = tuple(VetoResult(v.id, v.title, _veto_status(doc.answers.get(v.id))) for v in criteria.vetoes)
    vetoes_ok = all(v.passed for v in vetoes)
    gates = {
        g.id: tuple(GateResult(gate.label, _gate_passes(gate, ctx, vetoes_ok, tuple(dims))) for gate in g.gates)
        for g in criteria.grades
    }
    shown_total = round_half_up(total)
    score_band = _first(criteria.grades, lambda g: shown_total + _EPS >= g.min_total)
    gate_band = _first(criteria.grades, lambda g: all(r.passed for r in gates[g.id]))
    order = [g.id for g in criteria.grades]
    grade = order[max(order.index(score_band), order.index(gate_band))]
    by_id = {r.id: r for r in results}
    gaps: tuple[Gap, ...] = ()
    board: tuple[LocalText, ...] = ()
    if explain:
        gaps = tuple(
            sorted(
                (
                    build_gap(ind, by_id[ind.id], ctx.metrics, ctx.energy, ctx.air, doc, criteria, by_id)
                    for ind in criteria.indicators
                    if by_id[ind.id].applicable and by_id[ind.id].max_points - (by_id[ind.id].points or 0.0) > _EPS
                ),
                key=lambda gap: -gap.lost_points,
            )
        )
        board = short_board_items(criteria, grade, shown_total, vetoes, gates, gaps)
    return Result(
        criteria_id=criteria.id,
        criteria_version=criteria.version,
        year=doc.year,
        total=total,
        score_band=score_band,
        gate_band=gate_band,
        grade=grade,
        dimensions=tuple(dims),
        indicators=tuple(by_id[ind.id] for ind in criteria.indicators),
        vetoes=vetoes,
        gates=gates,
        energy=ctx.energy,
        air=ctx.air,
        metrics=ctx.metrics,
        gaps=gaps,
        short_board=board,
        complete=not missing,
        missing=tuple(missing),
    )


def _first(grades: tuple[Grade, ...], test: Any) -> str:
    for grade in grades:
        if test(grade):
            return grade.id
    return grades[-1].id


def missing_inputs(doc: AnswersDocument, criteria: Criteria) -> list[str]:
    """Dotted paths of everything a complete document still lacks."""
    missing = [f"answers.{key}" for key in missing_answer_keys(criteria, doc.answers)]
    e = doc.enterprise
    if not e.name:
        missing.append("enterprise.name")
    if not e.uscc:
        missing.append("enterprise.uscc")
    for key in ("coal_2020", "output", "outlets", "water", "pollutant_intensity", "product_carbon", "history"):
        if getattr(doc, key) is None:
            missing.append(key)
    if doc.outlets is not None and doc.outlets != NA and not doc.outlets:
        missing.append("outlets")
    return missing
