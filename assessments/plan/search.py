"""Find the least-cost plan: solve the model, apply it exactly, and let the engine decide.

1. ``formulate`` builds the mixed-integer model for the target grade; HiGHS solves it to a zero
   gap.
2. The chosen amounts become exact decimals (rounded up to each lever's step, never past its
   bound) and are applied to a copy of the document, which the parser validates and the **real
   engine scores**. A plan is accepted only when the engine's grade reaches the target and every
   lever's own condition holds on the changed document; otherwise the margin on the failing
   threshold is raised and the model solved again. A plan the engine does not confirm is never
   returned as reaching the target.
3. Where the model uses levels (M6, M7, E3 with varying electricity: see ``formulate``), the
   solution's own CO₂ / electricity become new levels and the model is solved again; the same
   levels valued optimistically give a lower bound on the cost (``Proof.lower_bound``).
4. Actions that the target does not need are dropped one by one (engine-checked), so that dropping
   any remaining action falls below the target; the rest are ranked by the points each adds.

When the target cannot be reached the blocking gate(s) are named, each tested on its own, and the
best grade that can be reached is planned instead.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..criteria import Criteria, load_criteria
from ..document import AnswersDocument
from ..errors import Problem
from ..factors import load_factors
from ..levers import Catalogue, catalogue_for, lever_costs
from ..scoring import Result, exact_grade_gates, score
from ..texts import LocalText
from . import highs
from .builder import EPS_ACTION, Context, Formulation, Setting, band_threshold
from .costs import PlanInputError
from .formulate import formulate, solution_amounts
from .model import Action, Blocker, Plan, Proof
from .uses import Use, apply_uses, find_uses, round_to_step, to_decimal, unit_figures

MAX_ROUNDS = 8
PROVEN_GAP = Decimal("0.01")  # 万元 (100 CNY): a plan within this of the lower bound is proven least-cost
PROVEN_REL = Decimal("0.001")
PROOF_BUDGET_S = 1.0  # seconds to spend tightening the lower bound once a confirmed plan exists
CLUSTER = (0.0, -1e-2, 1e-2, -1e-3, 1e-3, -1e-4, 1e-4)  # relative offsets of the first levels around a plan
MARGINS = (1e-6, 1e-4, 1e-3, 1e-2, 0.04)


@dataclass
class _Candidate:
    chosen: list[tuple[Use, Fraction]]
    doc: AnswersDocument
    result: Result
    changes: dict[str, dict[str, tuple[object, object]]]

    @property
    def cost(self) -> Decimal:
        return sum((use.cost(amount) for use, amount in self.chosen), Decimal(0))


class _Stats:
    def __init__(self) -> None:
        self.solves = 0
        self.seconds = 0.0

    def solve(self, ctx: Context, setting: Setting) -> tuple[highs.Solution, Formulation]:
        form = formulate(ctx, setting)
        solution = highs.solve(form.model)
        self.solves += 1
        self.seconds += solution.solver_seconds
        return solution, form


def target_grades(criteria: Criteria) -> tuple[str, ...]:
    """The grades a plan may aim at: every grade but the lowest."""
    return tuple(g.id for g in criteria.grades[:-1])


def _rank(criteria: Criteria, grade: str) -> int:
    return [g.id for g in criteria.grades].index(grade)


def _reaches(criteria: Criteria, result: Result, grade: str) -> bool:
    return _rank(criteria, result.grade) <= _rank(criteria, grade)


def _requirements_hold(result: Result, chosen: Sequence[tuple[Use, Fraction]]) -> bool:
    for use, _ in chosen:
        for req in use.lever.requires:
            q = result.metrics.exact.get(req.metric)
            if q is not None and Fraction(q[0]) > Fraction(req.max) * Fraction(q[1]):
                return False
    return True


def _exact_amount(use: Use, amount: float) -> Fraction:
    if not use.continuous:
        return Fraction(1)
    # Up to the next step (never less than the solver asked for), except that a float a hair
    # above a step (4.000000001 for 4) is that step: the engine re-check decides either way.
    exact = Fraction(amount)
    nearest = round_to_step(exact, use.lever.step, up=False)
    close = abs(exact - nearest) <= Fraction(use.lever.step) * Fraction(1, 10**6)
    value = nearest if close else round_to_step(exact, use.lever.step, up=True)
    return min(value, use.upper)


def _apply(ctx: Context, chosen: list[tuple[Use, Fraction]]) -> _Candidate:
    doc, changes = apply_uses(ctx.doc, chosen, ctx.factors)
    return _Candidate(chosen, doc, score(doc), changes)


def _ok(ctx: Context, cand: _Candidate, grade: str) -> bool:
    return _reaches(ctx.criteria, cand.result, grade) and _requirements_hold(cand.result, cand.chosen)


def _solve_for(ctx: Context, grade: str, stats: _Stats) -> tuple[_Candidate | None, Proof]:
    band_margin, gate_margin = MARGINS[0], 0.0
    breakpoints: dict[str, tuple[float, ...]] = {}
    best: _Candidate | None = None
    lower: Decimal | None = None
    levels: tuple[str, ...] = ()
    started = time.perf_counter()
    for _ in range(MAX_ROUNDS):
        if best is not None and time.perf_counter() - started > PROOF_BUDGET_S:
            break  # a confirmed plan exists; the bound proven so far is reported as it is
        setting = Setting(grade, band_margin=band_margin, gate_margin=gate_margin, breakpoints=dict(breakpoints))
        solution, form = stats.solve(ctx, setting)
        if not solution.optimal:
            break
        levels = tuple(form.levels)
        chosen = [(use, _exact_amount(use, amount)) for use, amount in solution_amounts(form, ctx, solution.values)]
        chosen = [(use, amount) for use, amount in chosen if amount > 0]
        cand = _apply(ctx, chosen)
        new_points = _level_points(cand.result, levels, breakpoints)
        if _ok(ctx, cand, grade):
            if best is None:  # levels close around the first plan make the optimistic bound tight at once
                _add_points(breakpoints, _cluster(_level_points(cand.result, levels, {})))
            if best is None or cand.cost < best.cost:
                best = cand
        else:
            failed_band = _rank(ctx.criteria, cand.result.score_band) > _rank(ctx.criteria, grade)
            if failed_band or not _requirements_hold(cand.result, cand.chosen):
                band_margin = next((m for m in MARGINS if m > band_margin), band_margin * 2)
            if not failed_band:
                gate_margin = next((m for m in MARGINS if m > gate_margin), gate_margin * 2 or 1e-6)
        _add_points(breakpoints, new_points)
        if best is None:
            continue
        if not levels:  # the model is exact: its optimum is the lower bound
            lower = Decimal(repr(max(solution.objective - _eps(form, solution.values), 0.0)))
            break
        # The same levels valued at their better end bound the cost from below; where that bound
        # is loose, the optimistic solution's own CO₂ / electricity become levels too.
        low, low_form = stats.solve(
            ctx, Setting(grade, band_margin=0.0, breakpoints=dict(breakpoints), optimistic=True)
        )
        if not low.optimal:
            break
        lower = Decimal(repr(max(low.objective - _eps(low_form, low.values), 0.0)))
        model_cost = Decimal(repr(max(solution.objective - _eps(form, solution.values), 0.0)))
        # Conservative and optimistic levels agree: the levels cost nothing any more. (The plan may
        # still cost a little more than the bound: its amounts are rounded up to whole steps.)
        if model_cost - lower <= max(PROVEN_GAP, model_cost * PROVEN_REL):
            break
        optimistic_points = {
            name: fresh
            for name, points in low_form.refining_points(low.values).items()
            if (fresh := tuple(p for p in points if not _known(breakpoints, name, p)))
        }
        if not new_points and not optimistic_points:
            break
        _add_points(breakpoints, optimistic_points)
    if best is None:
        return None, Proof(stats.solves, stats.seconds, None, levels)
    best = _prune(ctx, best, grade)
    return best, Proof(stats.solves, stats.seconds, None if lower is None else min(lower, best.cost), levels)


def _cluster(points: Mapping[str, float]) -> dict[str, tuple[float, ...]]:
    return {name: tuple(v * (1 + k) for k in CLUSTER) for name, v in points.items()}


def _eps(form: Formulation, values: Sequence[float]) -> float:
    """The tie-breaking term of the objective (EPS_ACTION per action), to be taken off a bound."""
    return sum(EPS_ACTION for y in form.y.values() for k in y.terms if values[k] > 0.5)


def _known(breakpoints: Mapping[str, tuple[float, ...]], name: str, value: float) -> bool:
    return any(abs(value - p) <= 1e-9 * max(1.0, abs(value)) for p in breakpoints.get(name, ()))


def _add_points(breakpoints: dict[str, tuple[float, ...]], points: Mapping[str, float | tuple[float, ...]]) -> None:
    for name, given in points.items():
        for point in given if isinstance(given, tuple) else (given,):
            if not _known(breakpoints, name, point):
                breakpoints[name] = (*breakpoints.get(name, ()), point)


def _level_points(result: Result, levels: Sequence[str], have: Mapping[str, tuple[float, ...]]) -> dict[str, float]:
    """The changed document's own CO₂ / electricity, for the quantities modelled on levels."""
    out = {}
    names = {"co2": "co2_t", "renewable_electricity_share": "elec_kwh"}
    for name in levels:
        q = result.metrics.exact.get(names.get(name, name))
        if q is None:
            continue
        value = float(Fraction(q[0]) / Fraction(q[1]))
        if not _known(have, name, value):
            out[name] = value
    return out


def _prune(ctx: Context, cand: _Candidate, grade: str) -> _Candidate:
    """Drop every action the target does not need (dearest first), checked by the engine."""
    changed = True
    while changed and cand.chosen:
        changed = False
        for item in sorted(cand.chosen, key=lambda c: c[0].cost(c[1]), reverse=True):
            rest = [c for c in cand.chosen if c[0].key != item[0].key]
            trial = _apply(ctx, rest)
            if _ok(ctx, trial, grade):
                cand, changed = trial, True
                break
    return cand


def _ranked_actions(ctx: Context, cand: _Candidate) -> tuple[Action, ...]:
    """Greedy order: next the action that adds most points to those before it (then the cheaper).
    Its points are that gain (rounded totals), so the points add up to the plan's gain."""
    done: list[tuple[Use, Fraction]] = []
    remaining = list(cand.chosen)
    previous = Decimal(str(ctx.result.total_rounded))
    actions = []
    outlets = ctx.doc.outlets if isinstance(ctx.doc.outlets, tuple) else ()
    while remaining:
        scored = []
        for item in remaining:
            trial = _apply(ctx, [*done, item])
            gain = Decimal(str(trial.result.total_rounded)) - previous
            scored.append((-gain, item[0].cost(item[1]), item[0].key, item, gain))
        scored.sort(key=lambda s: (s[0], s[1], s[2]))
        _, cost, _, item, gain = scored[0]
        use, amount = item
        done.append(item)
        remaining.remove(item)
        previous += gain
        name = outlets[use.outlet].name if use.outlet is not None else None
        actions.append(Action(use.lever, use.key, to_decimal(amount), cand.changes[use.key], cost, gain, name))
    return tuple(actions)


def _diagnose(ctx: Context, grade: str, stats: _Stats) -> tuple[Blocker, ...]:
    """Each of the target's gates that no combination of levers can pass, or the score band."""
    blockers = []
    failed = ctx.result.vetoes_failed
    for i, gp in enumerate(exact_grade_gates(ctx.criteria, grade)):
        if gp.gate.kind == "vetoes_pass":
            if failed:
                names = "、".join(f"{v.id} {v.title.zh}" for v in ctx.criteria.vetoes if v.id in failed)
                names_en = ", ".join(f"{v.id} {v.title.en}" for v in ctx.criteria.vetoes if v.id in failed)
                blockers.append(
                    Blocker(
                        gp.gate.label,
                        LocalText(
                            f"未满足：{names}；前提条件不能靠改进措施弥补",
                            f"failed: {names_en}; no measure changes a prerequisite",
                        ),
                    )
                )
            continue
        solution, _ = stats.solve(ctx, Setting(grade, band=False, gates=(i,), optimistic=True))
        if not solution.optimal:
            blockers.append(
                Blocker(gp.gate.label, LocalText("目录中没有措施能使其满足", "no lever in the catalogue meets it"))
            )
    if blockers:
        return tuple(blockers)
    target = ctx.criteria.grade(grade)
    solution, _ = stats.solve(ctx, Setting(grade, band=False, gates=(), objective="total", optimistic=True))
    best = solution.objective if solution.optimal else None
    if best is not None and best < band_threshold(target.min_total):
        shown = f"{Decimal(repr(best)).quantize(Decimal('0.1'), rounding='ROUND_FLOOR')}"
        return (
            Blocker(
                LocalText(f"总分达到 {target.min_total:g} 分", f"a total of at least {target.min_total:g}"),
                LocalText(
                    f"采取目录中的全部措施，总分最多约 {shown} 分",
                    f"all the catalogue's levers reach at most about {shown}",
                ),
            ),
        )
    return (
        Blocker(
            LocalText("分数线与各项门槛同时满足", "the score band and all gates together"),
            LocalText("各项可分别满足，但目录中的措施不能同时满足", "each can be met, but not all at once"),
        ),
    )


def _plan_from(
    ctx: Context,
    target: str,
    cand: _Candidate | None,
    reachable: bool,
    proof: Proof,
    catalogue: Catalogue,
    blockers: tuple[Blocker, ...] = (),
) -> Plan:
    doc, result = ctx.doc, ctx.result
    actions: tuple[Action, ...] = ()
    if cand is not None:
        doc, result, actions = cand.doc, cand.result, _ranked_actions(ctx, cand)
    return Plan(
        target=target,
        reachable=reachable,
        grade_before=ctx.result.grade,
        grade_after=result.grade,
        total_before=Decimal(str(ctx.result.total_rounded)),
        total_after=Decimal(str(result.total_rounded)),
        actions=actions,
        document=doc,
        result=result,
        catalogue_id=catalogue.id,
        blockers=blockers,
        proof=proof,
    )


def make_plan(
    doc: AnswersDocument,
    target: str,
    costs: Mapping[str, Decimal | None] | None = None,
    *,
    catalogue: Catalogue | None = None,
) -> Plan:
    """The least-cost plan that brings ``doc`` to the grade ``target`` (see the module docstring).

    Raises ScoringError for an incomplete document, PlanInputError for an unknown target,
    CriteriaError when no catalogue fits the criteria, PlanUnsupported for a rule the model lacks.
    """
    criteria = load_criteria(doc.criteria)
    if target not in target_grades(criteria):
        allowed = "、".join(f"{g}（{criteria.grade(g).name.zh}）" for g in target_grades(criteria))
        raise PlanInputError(
            [
                Problem(
                    "--target",
                    f"目标等级 {target!r} 不存在，允许：{allowed}",
                    f"unknown target grade {target!r}; allowed: {', '.join(target_grades(criteria))}",
                )
            ]
        )
    result = score(doc)
    factors = load_factors(criteria.factors_id)
    catalogue = catalogue or catalogue_for(criteria.id)
    unit_costs = lever_costs(catalogue, costs)
    figures = unit_figures(doc, factors)
    uses = tuple(find_uses(catalogue, criteria, factors, doc, result, unit_costs, figures))
    ctx = Context(criteria, factors, doc, result, uses, figures)
    stats = _Stats()
    if _reaches(criteria, result, target):
        return _plan_from(ctx, target, None, True, Proof(0, 0.0, Decimal(0)), catalogue)
    cand, proof = _solve_for(ctx, target, stats)
    if cand is not None:
        return _plan_from(ctx, target, cand, True, proof, catalogue)
    blockers = _diagnose(ctx, target, stats)
    order = [g.id for g in criteria.grades]
    for lower in order[order.index(target) + 1 : order.index(result.grade)]:
        cand, proof = _solve_for(ctx, lower, stats)
        if cand is not None:
            return _plan_from(ctx, target, cand, False, proof, catalogue, blockers)
    return _plan_from(ctx, target, None, False, Proof(stats.solves, stats.seconds, None), catalogue, blockers)


def plan_uses(
    doc: AnswersDocument, costs: Mapping[str, Decimal | None] | None = None, catalogue: Catalogue | None = None
) -> tuple[Context, Catalogue]:
    """The context a plan is built in (for tests and the sandbox: which levers apply, at what cost)."""
    criteria = load_criteria(doc.criteria)
    factors = load_factors(criteria.factors_id)
    catalogue = catalogue or catalogue_for(criteria.id)
    result = score(doc)
    figures = unit_figures(doc, factors)
    uses = tuple(find_uses(catalogue, criteria, factors, doc, result, lever_costs(catalogue, costs), figures))
    return Context(criteria, factors, doc, result, uses, figures), catalogue
