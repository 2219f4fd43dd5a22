"""The scoring engine (CRITERIA.md §1–§5): fractions, N/A rescaling, vetoes, gates, grades.

``score(doc)`` is pure: the same document and criteria always give the same result. It is exact
(CRITERIA.md §9 E1; ``assessments.exact`` gives the argument): every fraction, points figure,
dimension score and the total is an exact quotient of the decimals as typed, every comparison
(clipping, caps, gates, bands, the 70 % gate, M7's requirement, the worst ratio) is taken on
exact values, and the shown figures are rounded half up from the exact values. Grade bands and
the 70 % gate compare the *rounded* figures, as shown (§1, E2).

Full-precision figures leave the engine as Decimals (``exact.quotient``); the rounded score
figures (``total_rounded``, ``DimensionResult.rounded``, ``IndicatorResult.points_shown``) are
floats, which carry a one-decimal figure exactly. The gaps and the short board are sentences for
people: they are built when first read, not on every scoring (the autosave path never reads them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from .calc import (
    AirSummary,
    Elasticity,
    EnergyCarbon,
    air_summary,
    carbon_elasticity,
    energy_carbon,
    offset_coverage_q,
    worst_water_q,
)
from .criteria import Criteria, Dimension, Gate, Indicator, SubAnswer, load_criteria
from .document import AnswersDocument, missing_answer_keys
from .errors import Problem, ScoringError
from .exact import (
    MIN_DIVISOR,
    ONE,
    ZERO,
    Number,
    Q,
    constant,
    exact,
    in_exact,
    q_value,
    quotient,
    round_half_up,
    round_quotient,
    shown_float,
)
from .exact import lin as lin_q
from .factors import Factors, load_factors
from .shortboard import Gap, build_gaps, short_board_items
from .texts import LocalText
from .vocabulary import NA, REQUIRED_ENTERPRISE, REQUIRED_SECTIONS


def lin(x: Number | float, zero_at: Number | float, full_at: Number | float) -> Decimal:
    """Linear scoring clipped to [0, 1] (CRITERIA.md §0), exact; floats count as their repr."""
    with exact():
        n, d = lin_q(constant(x), 1, constant(zero_at), constant(full_at))
    return quotient(n, d)


class IndicatorResult(NamedTuple):
    """One indicator's result (a NamedTuple: 29 are built per scoring, on the autosave path).

    The ``*_q`` fields are exact quotients; the properties give them as Decimals.
    """

    id: str
    dimension: str
    weight: float
    applicable: bool
    fraction_q: Q | None  # None when N/A
    max_q: Q  # rescaled share of the dimension, max × w / W; 0 when N/A
    value_q: Q | None  # the scored value (metric or typed number), if any
    missing: bool = False  # incomplete draft: no answer yet (scored 0)
    note: LocalText | None = None  # e.g. a cap that applied, or why it is N/A

    @property
    def points_q(self) -> Q | None:
        """Points as one exact quotient: max × w × s / W (None when N/A)."""
        if self.fraction_q is None:
            return None
        with exact():
            return self.max_q[0] * self.fraction_q[0], self.max_q[1] * self.fraction_q[1]

    @property
    def fraction(self) -> Decimal | None:
        return q_value(self.fraction_q)

    @property
    def points(self) -> Decimal | None:
        """Full precision (as an exact quotient truncated to 50 digits)."""
        return q_value(self.points_q)

    @property
    def max_points(self) -> Decimal:
        return quotient(*self.max_q)

    @property
    def value(self) -> Decimal | None:
        return q_value(self.value_q)

    @property
    def points_shown(self) -> float | None:
        """Points as shown: half up to one decimal from the exact value."""
        return None if self.points_q is None else shown_float(round_quotient(*self.points_q, 1))

    @property
    def max_shown(self) -> float:
        return shown_float(round_quotient(*self.max_q, 1))

    @property
    def lost_q(self) -> Q:
        """``max − points`` exactly (0 when N/A)."""
        if self.fraction_q is None:
            return ZERO
        fn, fd = self.fraction_q
        with exact():
            return self.max_q[0] * (fd - fn), self.max_q[1] * fd


class DimensionResult(NamedTuple):
    id: str
    name: LocalText
    max_points: float
    score_q: Q
    applicable_weight: float
    rounded: float  # half up to one decimal from the exact score: what is shown and gated (E2)

    @property
    def score(self) -> Decimal:
        return quotient(*self.score_q)


class VetoResult(NamedTuple):
    id: str
    title: LocalText
    status: str  # pass | fail | na | missing

    @property
    def passed(self) -> bool:
        return self.status in ("pass", "na")


class GateResult(NamedTuple):
    label: LocalText
    passed: bool


class Metrics(Mapping[str, Decimal | None]):
    """The computed metrics as Decimals, divided out when read; ``exact`` holds the quotients."""

    def __init__(self, exact_values: dict[str, Q | None]) -> None:
        self.exact = exact_values
        self._shown: dict[str, Decimal | None] = {}

    def __getitem__(self, key: str) -> Decimal | None:
        try:
            return self._shown[key]
        except KeyError:
            value = self._shown[key] = q_value(self.exact[key])
            return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.exact)

    def __len__(self) -> int:
        return len(self.exact)


@dataclass(eq=False)
class Result:
    """A scoring result. Treat it as read-only (it is not frozen only because a frozen dataclass
    of this size costs more to build than the arithmetic of a whole scoring)."""

    criteria_id: str
    criteria_version: str
    year: int
    total_q: Q
    total_rounded: float  # half up to one decimal from the exact total; grade bands compare it (§1)
    score_band: str
    gate_band: str
    grade: str
    dimensions: tuple[DimensionResult, ...]
    vetoes: tuple[VetoResult, ...]
    gates: Mapping[str, tuple[GateResult, ...]]
    energy: EnergyCarbon
    air: AirSummary | None
    metrics: Metrics
    complete: bool = True
    missing: tuple[str, ...] = ()
    _doc: AnswersDocument | None = field(default=None, repr=False)
    _criteria: Criteria | None = field(default=None, repr=False)
    _parts: tuple[_Plan, Mapping[str, _Eval], Mapping[str, Number]] | None = field(default=None, repr=False)

    @functools.cached_property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Every indicator's result, in criteria order (built when first read: the autosave path
        needs only the total and the grade)."""
        assert self._parts is not None
        plan, evals, weights = self._parts
        out = []
        for dp in plan.dims:
            weight = weights[dp.dim.id]
            for ip in dp.members:
                ind, ev = ip.ind, evals[ip.ind.id]
                if ev.applicable:
                    result = IndicatorResult(
                        ind.id, dp.dim.id, ind.weight, True, ev.fraction, (ip.share, weight), ev.value, ev.missing,
                        ev.note,
                    )  # fmt: skip
                    out.append(result)
                else:
                    out.append(
                        IndicatorResult(ind.id, dp.dim.id, ind.weight, False, None, ZERO, ev.value, False, ev.note)
                    )
        order = {ind.id: i for i, ind in enumerate(self._criteria_set().indicators)}
        return tuple(sorted(out, key=lambda r: order[r.id]))

    @functools.cached_property
    def _by_id(self) -> dict[str, IndicatorResult]:
        return {i.id: i for i in self.indicators}

    @property
    def total(self) -> Decimal:
        return quotient(*self.total_q)

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

    def _criteria_set(self) -> Criteria:
        return load_criteria(self.criteria_id) if self._criteria is None else self._criteria

    @functools.cached_property
    def gaps(self) -> tuple[Gap, ...]:
        """Indicators with lost points, the most first (exact order; criteria order on a tie)."""
        assert self._doc is not None
        return build_gaps(self._criteria_set(), self._doc, self)

    @functools.cached_property
    def short_board(self) -> tuple[LocalText, ...]:
        """Why the result is not one grade higher (CRITERIA.md §5), as sentences."""
        return short_board_items(
            self._criteria_set(), self.grade, self.total_rounded, self.vetoes, self.gates, self.gaps
        )


# --------------------------------------------------------------------------- exact criteria


@dataclass(frozen=True, slots=True)
class _IndPlan:
    ind: Indicator
    weight: Number
    share: Number  # the dimension's max points × weight (points = share × s / W)
    params: Mapping[str, Any]  # numbers exact
    options: Mapping[str, Number | None]  # option id → fraction (None: the N/A option)
    caps: tuple[tuple[SubAnswer, Number], ...]
    notes: dict[str, LocalText] = field(default_factory=dict)  # criteria-only sentences, built once


@dataclass(frozen=True, slots=True)
class _DimPlan:
    dim: Dimension
    max_points: Number
    members: tuple[_IndPlan, ...]


@dataclass(frozen=True, slots=True)
class _GatePlan:
    gate: Gate
    params: Mapping[str, Any]
    gates: tuple[_GatePlan, ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    """The criteria with every number as it is written in the file (exact), built once per set."""

    ordered: tuple[_IndPlan, ...]  # evaluation order (an indicator another depends on first)
    dims: tuple[_DimPlan, ...]
    min_totals: tuple[Number, ...]
    gates: tuple[tuple[_GatePlan, ...], ...]  # per grade


def _exact_params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: constant(v) if isinstance(v, float | int) and not isinstance(v, bool) else v for k, v in params.items()}


def _gate_plan(gate: Gate) -> _GatePlan:
    return _GatePlan(gate, _exact_params(gate.params), tuple(_gate_plan(g) for g in gate.gates))


_PLANS: dict[int, tuple[Criteria, _Plan]] = {}


def _plan(criteria: Criteria) -> _Plan:
    held = _PLANS.get(id(criteria))
    if held is not None and held[0] is criteria:
        return held[1]
    with exact():
        by_id = {
            ind.id: _IndPlan(
                ind,
                constant(ind.weight),
                constant(criteria.dimension(ind.dimension).max_points) * constant(ind.weight),
                _exact_params(ind.params),
                {o.id: None if o.na or o.fraction is None else constant(o.fraction) for o in ind.answer.options},
                tuple((sub, constant(sub.cap_when_true)) for sub in ind.sub_answers),
            )
            for ind in criteria.indicators
        }
        plan = _Plan(
            ordered=tuple(
                by_id[i.id] for i in sorted(criteria.indicators, key=lambda i: "requires_indicator" in i.params)
            ),
            dims=tuple(
                _DimPlan(d, constant(d.max_points), tuple(by_id[i.id] for i in criteria.indicators_of(d.id)))
                for d in criteria.dimensions
            ),
            min_totals=tuple(constant(g.min_total) for g in criteria.grades),
            gates=tuple(tuple(_gate_plan(g) for g in grade.gates) for grade in criteria.grades),
        )
    if len(_PLANS) > 16:
        _PLANS.clear()
    _PLANS[id(criteria)] = (criteria, plan)
    return plan


# --------------------------------------------------------------------------- evaluation


class _Eval(NamedTuple):
    applicable: bool
    fraction: Q | None = None
    value: Q | None = None
    missing: bool = False
    note: LocalText | None = None


_MISSING = _Eval(True, ZERO, None, True, LocalText("未填写，暂按0分计", "not answered yet, scored 0"))
_NOTE_NO_COAL_2020 = LocalText(
    "2020年无煤炭消费：报告年度仍无煤炭消费得满分，否则不得分", "no coal in 2020: full marks only if still none"
)
_NOTE_ZLD = LocalText("废水零排放", "zero liquid discharge")
_NOTE_FLAT = LocalText("产量基本持平：碳排放不增长即得满分", "output flat: full marks if CO2 did not grow")
_NOTE_FALLING = LocalText("产量下降：弹性系数越大越好", "output falling: a larger elasticity is better")


class _Context:
    def __init__(self, doc: AnswersDocument, factors: Factors) -> None:
        self.doc = doc
        self.factors = factors
        self.energy = e = energy_carbon(doc, factors)
        self.air: AirSummary | None = None
        self.evals: dict[str, _Eval] = {}
        output = doc.output
        self.metrics: dict[str, Q | None] = {
            "total_tce": e.total_q,
            "scope1_t": (e.scope1_x3, 3),
            "scope2_t": (e.scope2_x3, 3),
            "co2_t": e.co2_q,
            "co2_per_tce": e.co2_per_tce_q,
            "non_fossil_share": e.non_fossil_q,
            "renewable_electricity_share": e.renewable_q,
            "electrification": e.electrification_q,
            "coal_change": e.coal_change_q,
            "worst_air_ratio": None,
            "worst_water_ratio": worst_water_q(doc),
            "product_carbon_intensity": (e.co2_x3, 3 * output.quantity) if output is not None else None,
            "offset_coverage": offset_coverage_q(doc.offsets_t, e.co2_q),
            "carbon_elasticity": None,
            "elec_kwh": (e.elec_kwh, 1),
            "gec_cover_kwh": (e.gec_cover_kwh, 1),
            "coal_tce_now": (e.coal_tce_scaled, e.scale),
            "coal_tce_2020": None if e.coal_2020_base is None else (e.coal_2020_base, 1),
        }


def _na(ind: Indicator) -> _Eval:
    return _Eval(False, note=ind.na.rule)


def _percent(x: Number) -> str:
    return f"{x:.0%}"


def _cap_note(sub: SubAnswer, cap: Number) -> LocalText:
    return LocalText(
        f"因“{sub.question.zh}”为“是”，得分率封顶 {_percent(cap)}", f"capped at {_percent(cap)}: {sub.question.en} yes"
    )


def _note(ip: _IndPlan, key: str, build: Callable[[], LocalText]) -> LocalText:
    """A note whose text depends only on the criteria: built once per criteria set (the autosave
    path scores on every keystroke; formatting the same sentence each time costs more than the maths)."""
    note = ip.notes.get(key)
    if note is None:
        note = ip.notes[key] = build()
    return note


def _evaluate(ip: _IndPlan, ctx: _Context) -> _Eval:
    ind = ip.ind
    doc, p, method = ctx.doc, ip.params, ind.method
    answer = doc.answers.get(ind.id)
    if method in ("choice", "boolean", "lin"):
        if answer is None:
            return _MISSING
        if type(answer) is str and answer == NA:  # (a Decimal compared with a str is slow)
            return _na(ind)
        if method == "boolean":
            return _Eval(True, ONE if answer is True else ZERO)
        if method == "choice":
            fraction = ip.options.get(str(answer))
            if fraction is None:
                return _na(ind)
            return _Eval(True, (fraction, 1))
        assert isinstance(answer, int | Decimal) and not isinstance(answer, bool)
        s = lin_q(answer, 1, p["zero_at"], p["full_at"])
        note = None
        for sub, cap in ip.caps:
            if doc.answers.get(sub.id) is True and s[0] > cap * s[1]:
                s = (cap, 1)
                note = _note(ip, f"cap {sub.id}", functools.partial(_cap_note, sub, cap))
        return _Eval(True, s, (answer, 1), note=note)
    e = ctx.energy
    if method == "metric_lin":
        value = ctx.metrics[p["metric"]]
        if value is None:
            return _na(ind) if ind.na.mode == "auto" else _MISSING
        return _Eval(True, lin_q(value[0], value[1], p["zero_at"], p["full_at"]), value)
    if method == "coal_change":
        if e.coal_2020_base is None or not e.has_energy:
            return _MISSING
        change = e.coal_change_q
        if change is None:
            ok = e.coal_tce_scaled == 0
            return _Eval(True, ONE if ok else ZERO, None, note=_NOTE_NO_COAL_2020)
        return _Eval(True, lin_q(change[0], change[1], p["zero_at"], p["full_at"]), change)
    if method == "air":
        if doc.outlets == NA:
            return _na(ind)
        if not doc.outlets:
            return _MISSING
        ctx.air = air = air_summary(doc.outlets, ctx.factors, p["compliance_min"])
        if air.worst is None:
            return _MISSING
        worst = air.worst.q
        ctx.metrics["worst_air_ratio"] = worst
        s = lin_q(worst[0], worst[1], p["zero_at"], p["full_at"])
        note = None
        cap = p["cap_below_compliance"]
        if air.below_compliance and s[0] > cap * s[1]:
            s = (cap, 1)
            names = "、".join(air.below_compliance)
            note = LocalText(
                f"排放口 {names} 小时达标率低于 {p['compliance_min']:g}%，得分率封顶 {_percent(cap)}",
                f"outlet(s) {', '.join(air.below_compliance)} below {p['compliance_min']:g}% hourly compliance: capped",
            )
        return _Eval(True, s, worst, note=note)
    if method == "water":
        if doc.water is None:
            return _MISSING
        if doc.water.zld:
            return _Eval(True, ONE, None, note=_NOTE_ZLD)
        ratio = ctx.metrics["worst_water_ratio"]
        if ratio is None:
            return _MISSING
        return _Eval(True, lin_q(ratio[0], ratio[1], p["zero_at"], p["full_at"]), ratio)
    if method == "pollutant_intensity":
        pi = doc.pollutant_intensity
        if pi == NA:
            return _na(ind)
        if pi is None:
            return _MISSING
        if pi.reduction_pct_3y is not None:
            r = pi.reduction_pct_3y
            return _Eval(True, lin_q(r, 1, p["reduction_zero_at"], p["reduction_full_at"]), (r, 1))
        assert pi.value is not None and pi.benchmark is not None and pi.leading is not None
        return _Eval(True, lin_q(pi.value, 1, pi.benchmark, pi.leading), (pi.value, 1))
    if method == "product_carbon":
        pc = doc.product_carbon
        if pc == NA:
            return _na(ind)
        value = ctx.metrics["product_carbon_intensity"]
        if pc is None or value is None or not e.has_energy:
            return _MISSING
        return _Eval(True, lin_q(value[0], value[1], pc.benchmark, pc.leading), value)
    if method == "elasticity":
        h = doc.history
        if h == NA:
            return _na(ind)
        if h is None or doc.output is None or not e.has_energy:
            return _MISSING
        growth = carbon_elasticity(e.co2_q, doc.output.quantity, h.co2_t_3y_ago, h.output_3y_ago)
        ctx.metrics["carbon_elasticity"] = growth.elasticity
        s_growth, note = elasticity_fraction(growth, p)
        return _Eval(True, s_growth, growth.elasticity, note=note)
    if method == "offsets":
        coverage = ctx.metrics["offset_coverage"]
        assert coverage is not None
        s = lin_q(coverage[0], coverage[1], p["zero_at"], p["full_at"])
        required = ctx.evals[p["requires_indicator"]]
        need = p["requires_fraction"]
        reached = (
            required.applicable
            and required.fraction is not None
            and required.fraction[0] >= need * required.fraction[1]
        )
        if not reached:
            note = (
                _note(
                    ip,
                    "offsets",
                    lambda: LocalText(
                        f"{p['requires_indicator']} 得分率低于 {_percent(need)}，抵消不计分（先减排、后抵消）",
                        f"{p['requires_indicator']} below {_percent(need)}: offsets do not count (reduce first)",
                    ),
                )
                if s[0] > 0
                else None
            )
            return _Eval(True, ZERO, coverage, note=note)
        return _Eval(True, s, coverage)
    raise AssertionError(f"unknown scoring method {method}")  # the criteria loader rejects these


def elasticity_fraction(growth: Elasticity, p: Mapping[str, Any]) -> tuple[Q, LocalText | None]:
    """§4.8's fraction from the growth rates and the indicator's exact parameters (the engine and
    the improvement planner both use it, so the rule lives here only)."""
    if not in_exact():
        with exact():
            return elasticity_fraction(growth, p)
    elasticity = growth.elasticity
    if abs(growth.g_out) < p["flat_growth"]:
        # E4: the flat branch looks at g_co2 rounded half up to 4 decimals (0.01 %).
        grew = round_half_up(growth.g_co2, 4) > 0
        return (ZERO if grew else ONE), _NOTE_FLAT
    assert elasticity is not None
    n, d = elasticity
    if growth.g_out > 0:
        return lin_q(n, d, p["rising_zero_at"], p["rising_full_at"]), None
    return lin_q(n, d, p["falling_zero_at"], p["falling_full_at"]), _NOTE_FALLING


def _gate_passes(g: _GatePlan, ctx: _Context, vetoes_ok: bool, dims: list[tuple[Decimal, Number]]) -> bool:
    kind, p = g.gate.kind, g.params
    if kind == "vetoes_pass":
        return vetoes_ok
    if kind == "dimensions_min_share":
        # E2: the rounded dimension scores, as shown, against share × max (exact).
        return all(rounded >= p["share"] * max_points for rounded, max_points in dims)
    if kind == "answer_in":
        return bool(ctx.doc.answers.get(p["indicator"]) in p["values"])
    if kind in ("metric_max", "metric_min"):
        na_id = p.get("pass_if_na")
        if na_id is not None and not ctx.evals[na_id].applicable:
            return True
        value = ctx.metrics[p["metric"]]
        if value is None:
            return False
        n, d = value
        return bool(n <= p["max"] * d if kind == "metric_max" else n >= p["min"] * d)
    if kind == "fraction_min":
        ev = ctx.evals[p["indicator"]]
        if not ev.applicable or ev.missing or ev.fraction is None:
            return False
        return bool(ev.fraction[0] >= p["min"] * ev.fraction[1])
    if kind == "any":
        return any(_gate_passes(sub, ctx, vetoes_ok, dims) for sub in g.gates)
    if kind == "all":
        return all(_gate_passes(sub, ctx, vetoes_ok, dims) for sub in g.gates)
    raise AssertionError(f"unknown gate kind {kind}")


def _veto_status(value: Any) -> str:
    if value is None:
        return "missing"
    if type(value) is str and value == NA:
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
    The gaps and the short board are built when first read (``explain`` is kept for callers
    and has no cost either way); ``known_missing`` is `missing_inputs(doc, criteria)` when the
    caller has computed it already.
    """
    del explain  # gaps and the short board are lazy now
    if criteria is None:
        criteria = load_criteria(doc.criteria)
    factors = load_factors(criteria.factors_id)
    missing = missing_inputs(doc, criteria) if known_missing is None else known_missing
    if missing and not allow_incomplete:
        raise ScoringError([Problem(key, "缺少此项，无法评分", "missing; cannot score") for key in missing])
    plan = _plan(criteria)
    with exact():
        ctx = _Context(doc, factors)
        if not allow_incomplete:
            _check_energy(ctx.energy)
        for ip in plan.ordered:
            ctx.evals[ip.ind.id] = _evaluate(ip, ctx)
        weights: dict[str, Number] = {}  # applicable weight per dimension
        dims: list[DimensionResult] = []
        shown_dims: list[tuple[Decimal, Number]] = []
        total_n: Number = 0
        total_d: Number = 1
        for dp in plan.dims:
            evals = [(ip, ctx.evals[ip.ind.id]) for ip in dp.members]
            weight: Number = 0
            for ip, ev in evals:
                if ev.applicable:
                    weight += ip.weight
            if weight <= 0:
                raise ScoringError(
                    [
                        Problem(
                            dp.dim.id,
                            f"维度“{dp.dim.name.zh}”的全部指标都不适用，无法评分",
                            f"every indicator of dimension {dp.dim.id} is N/A; cannot score",
                        )
                    ]
                )
            # Σ w·s as one exact quotient; points = max × w × s / W, one quotient each.
            acc_n: Number = 0
            acc_d: Number = 1
            for ip, ev in evals:
                if ev.applicable:
                    assert ev.fraction is not None
                    fn, fd = ev.fraction
                    if fd == acc_d:
                        acc_n += ip.weight * fn
                    elif fd == 1:
                        acc_n += ip.weight * fn * acc_d
                    else:
                        acc_n, acc_d = acc_n * fd + ip.weight * fn * acc_d, acc_d * fd
            weights[dp.dim.id] = weight
            score_n, score_d = dp.max_points * acc_n, weight * acc_d
            rounded = round_quotient(score_n, score_d, 1)
            shown_dims.append((rounded, dp.max_points))
            dims.append(
                DimensionResult(
                    dp.dim.id, dp.dim.name, dp.dim.max_points, (score_n, score_d), float(weight), shown_float(rounded)
                )
            )
            if score_d == total_d:
                total_n += score_n
            else:
                total_n, total_d = total_n * score_d + score_n * total_d, total_d * score_d
        vetoes = tuple(VetoResult(v.id, v.title, _veto_status(doc.answers.get(v.id))) for v in criteria.vetoes)
        vetoes_ok = all(v.passed for v in vetoes)
        gates = {
            grade.id: tuple(
                GateResult(gp.gate.label, _gate_passes(gp, ctx, vetoes_ok, shown_dims)) for gp in grade_gates
            )
            for grade, grade_gates in zip(criteria.grades, plan.gates, strict=True)
        }
        shown_total = round_quotient(total_n, total_d, 1)
        grade_ids = [g.id for g in criteria.grades]
        score_band = grade_ids[-1]
        for gid, min_total in zip(grade_ids, plan.min_totals, strict=True):
            if shown_total >= min_total:
                score_band = gid
                break
        gate_band = grade_ids[-1]
        for gid in grade_ids:
            if all(r.passed for r in gates[gid]):
                gate_band = gid
                break
        grade = grade_ids[max(grade_ids.index(score_band), grade_ids.index(gate_band))]
    return Result(
        criteria_id=criteria.id,
        criteria_version=criteria.version,
        year=doc.year,
        total_q=(total_n, total_d),
        total_rounded=shown_float(shown_total),
        score_band=score_band,
        gate_band=gate_band,
        grade=grade,
        dimensions=tuple(dims),
        _parts=(plan, ctx.evals, weights),
        vetoes=vetoes,
        gates=gates,
        energy=ctx.energy,
        air=ctx.air,
        metrics=Metrics(ctx.metrics),
        complete=not missing,
        missing=tuple(missing),
        _doc=doc,
        _criteria=criteria,
    )


def _check_energy(e: EnergyCarbon) -> None:
    """A complete document needs energy: total tce is the divisor of §4.3 and §4.5 (E6: ≥ 10⁻⁶)."""
    if e.tce_scaled <= 0:
        raise ScoringError(
            [
                Problem(
                    "energy",
                    "综合能源消费量为 0：请至少填写一种能源的消费量，否则无法计算能耗和碳排放指标",
                    "total energy consumption is 0; enter at least one energy carrier",
                )
            ]
        )
    if e.tce_scaled < MIN_DIVISOR * e.scale:
        raise ScoringError(
            [
                Problem(
                    "energy",
                    f"综合能源消费量 {e.total_tce:g} tce 过小：它是单位能耗碳排放等指标的除数，须不小于 {MIN_DIVISOR:g} tce",
                    f"total energy consumption {e.total_tce:g} tce is too small to divide by; at least {MIN_DIVISOR:g} tce",
                )
            ]
        )


def missing_inputs(doc: AnswersDocument, criteria: Criteria) -> list[str]:
    """Dotted paths of everything a complete document still lacks."""
    missing = [f"answers.{key}" for key in missing_answer_keys(criteria, doc.answers)]
    e = doc.enterprise
    missing.extend(f"enterprise.{key}" for key in REQUIRED_ENTERPRISE if not getattr(e, key))
    for key in REQUIRED_SECTIONS:
        if getattr(doc, key) is None:
            missing.append(key)
    if doc.outlets is not None and doc.outlets != NA and not doc.outlets:
        missing.append("outlets")
    return missing


def exact_indicator_plan(criteria: Criteria, indicator_id: str) -> _IndPlan:
    """An indicator's weight, share, parameters and option fractions as the engine holds them
    (exact numbers as written in the criteria file), for code that models the same rules."""
    for ip in _plan(criteria).ordered:
        if ip.ind.id == indicator_id:
            return ip
    raise KeyError(indicator_id)


def exact_grade_gates(criteria: Criteria, grade_id: str) -> tuple[_GatePlan, ...]:
    """A grade's gates with exact parameters, as the engine evaluates them."""
    plan = _plan(criteria)
    for grade, gates in zip(criteria.grades, plan.gates, strict=True):
        if grade.id == grade_id:
            return gates
    raise KeyError(grade_id)
