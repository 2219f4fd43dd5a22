"""The scoring engine (docs/criteria.md §1–§5): fractions, N/A rescaling, vetoes, gates, grades.

``score(doc)`` is pure: the same document and criteria always give the same result. It is exact
(docs/criteria.md §9 E1; ``assessments.exact`` gives the argument): every fraction, points figure,
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
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .calc import AirSummary, EnergyCarbon
from .criteria import Criteria, Dimension, Gate, load_criteria
from .document import AnswersDocument, missing_answer_keys
from .errors import Problem, ScoringError
from .evaluation import Context, Eval, IndPlan
from .exact import MIN_DIVISOR, ZERO, Number, Q, constant, exact, quotient, round_quotient, shown_float
from .exact import lin as lin_q
from .factors import load_factors
from .methods import method
from .results import DimensionResult, GateResult, IndicatorResult, Metrics, VetoResult
from .shortboard import Gap, build_gaps, short_board_items
from .texts import LocalText
from .vocabulary import NA, REQUIRED_ENTERPRISE, REQUIRED_SECTIONS

# The result's parts are imported from here by many callers.
__all__ = [
    "DimensionResult",
    "GateResult",
    "IndicatorResult",
    "Metrics",
    "Result",
    "VetoResult",
    "exact_grade_gates",
    "exact_indicator_plan",
    "lin",
    "missing_inputs",
    "score",
]


def lin(x: Number | float, zero_at: Number | float, full_at: Number | float) -> Decimal:
    """Linear scoring clipped to [0, 1] (docs/criteria.md §0), exact; floats count as their repr."""
    with exact():
        n, d = lin_q(constant(x), 1, constant(zero_at), constant(full_at))
    return quotient(n, d)


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
    _parts: tuple[_Plan, Mapping[str, Eval], Mapping[str, Number]] | None = field(default=None, repr=False)

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
        return build_gaps(self._criteria_set(), self._doc, self.indicators, self.metrics, self.energy, self.air)

    @functools.cached_property
    def short_board(self) -> tuple[LocalText, ...]:
        """Why the result is not one grade higher (docs/criteria.md §5), as sentences."""
        return short_board_items(
            self._criteria_set(), self.grade, self.total_rounded, self.vetoes, self.gates, self.gaps
        )


# --------------------------------------------------------------------------- exact criteria


@dataclass(frozen=True, slots=True)
class _DimPlan:
    dim: Dimension
    max_points: Number
    members: tuple[IndPlan, ...]


@dataclass(frozen=True, slots=True)
class _GatePlan:
    gate: Gate
    params: Mapping[str, Any]
    gates: tuple[_GatePlan, ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    """The criteria with every number as it is written in the file (exact), built once per set."""

    ordered: tuple[IndPlan, ...]  # evaluation order (an indicator another depends on first)
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
            ind.id: IndPlan(
                ind,
                constant(ind.weight),
                constant(criteria.dimension(ind.dimension).max_points) * constant(ind.weight),
                _exact_params(ind.params),
                {o.id: None if o.na or o.fraction is None else constant(o.fraction) for o in ind.answer.options},
                tuple((sub, constant(sub.cap_when_true)) for sub in ind.sub_answers),
                method(ind.method).evaluate,
            )
            for ind in criteria.indicators
        }
        plan = _Plan(
            ordered=tuple(
                by_id[i.id]
                for i in sorted(criteria.indicators, key=lambda i: bool(method(i.method).depends_on(i.params)))
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


def _gate_passes(g: _GatePlan, ctx: Context, vetoes_ok: bool, dims: list[tuple[Decimal, Number]]) -> bool:
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
        ctx = Context(doc, factors)
        if not allow_incomplete:
            _check_energy(ctx.energy)
        for ip in plan.ordered:
            ctx.evals[ip.ind.id] = ip.evaluate(ip, ctx)
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


def exact_indicator_plan(criteria: Criteria, indicator_id: str) -> IndPlan:
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
