"""The least-cost improvement plan (issue #16): engine-confirmed, minimal, exact, least-cost.

Every plan here is checked against the real engine on a document rebuilt from the plan's own
``changes`` alone; least cost is checked against a brute-force search over every combination of a
small catalogue's levers (and a grid of amounts for continuous levers).
"""

from __future__ import annotations

import copy
import itertools
import random
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from assessments import jsonnum
from assessments.criteria import Criteria, load_criteria
from assessments.document import AnswersDocument, document_to_dict, parse_document
from assessments.levers import Catalogue, catalogue_for
from assessments.plan import ACTION_KEYS, PLAN_KEYS, Plan, make_plan, plan_to_dict
from assessments.plan.search import plan_uses
from assessments.plan.uses import Use, apply_uses, get_path, round_to_step, set_path
from assessments.scoring import Result, score
from tests.conftest import example_decimal
from tests.plan_documents import plan_document, plan_documents


def _doc(data: dict[str, Any]) -> AnswersDocument:
    return parse_document(data)


def _rank(criteria: Criteria, grade: str) -> int:
    return [g.id for g in criteria.grades].index(grade)


def _rebuild(doc: AnswersDocument, actions: Any) -> AnswersDocument:
    """The document with the given actions' changes written over it, path by path."""
    data = document_to_dict(doc)
    for action in actions:
        for path, (_old, new) in action.changes.items():
            set_path(data, path, new)
    return parse_document(data)


def _requirements_hold(result: Result, actions: Any) -> bool:
    for action in actions:
        for req in action.lever.requires:
            q = result.metrics.exact.get(req.metric)
            if q is not None and Fraction(q[0]) > Fraction(req.max) * Fraction(q[1]):
                return False
    return True


def check_plan(doc: AnswersDocument, plan: Plan) -> Result:
    """Every promise of a plan, checked from its published parts."""
    criteria = load_criteria(doc.criteria)
    before = document_to_dict(doc)
    seen: set[str] = set()
    for action in plan.actions:
        for path, (old, new) in action.changes.items():
            assert path not in seen, f"two actions change {path}"
            seen.add(path)
            assert get_path(before, path) == old
            for value in (old, new):
                assert value is None or isinstance(value, bool | int | Decimal | str), (path, value)
    rebuilt = _rebuild(doc, plan.actions)
    assert document_to_dict(rebuilt) == document_to_dict(plan.document)
    result = score(rebuilt)
    assert Decimal(str(result.total_rounded)) == plan.total_after
    assert result.grade == plan.grade_after
    assert plan.total_before == Decimal(str(score(doc).total_rounded))
    aim = plan.target if plan.reachable else plan.grade_after
    if plan.reachable:
        assert _rank(criteria, result.grade) <= _rank(criteria, plan.target)
    else:
        assert _rank(criteria, result.grade) > _rank(criteria, plan.target)
        assert plan.blockers
    assert _requirements_hold(result, plan.actions)
    # Minimal: without any one action the plan falls below its grade (or a kept lever's own
    # condition fails, e.g. "no coal-fired boiler left" without the coal replacement).
    if plan.actions and _rank(criteria, aim) < _rank(criteria, plan.grade_before):
        for dropped in plan.actions:
            rest = [a for a in plan.actions if a is not dropped]
            less = score(_rebuild(doc, rest))
            assert _rank(criteria, less.grade) > _rank(criteria, aim) or not _requirements_hold(less, rest), dropped.key
    assert sum((a.points for a in plan.actions), Decimal(0)) == plan.total_after - plan.total_before
    assert plan.cost == sum((a.cost for a in plan.actions), Decimal(0))
    assert plan.months == max((a.months for a in plan.actions), default=0)
    data = plan_to_dict(plan)
    assert tuple(data) == PLAN_KEYS
    assert all(tuple(a) == ACTION_KEYS for a in data["actions"])
    text = jsonnum.dumps(data, ensure_ascii=False)
    assert jsonnum.loads(text) == jsonnum.loads(jsonnum.dumps(jsonnum.loads(text)))
    return result


# --------------------------------------------------------------------------- worked example


@pytest.fixture(scope="module")
def worked() -> AnswersDocument:
    return _doc(example_decimal())


@pytest.mark.parametrize("target", ["advanced", "benchmark"])
def test_worked_example_plan_reaches_the_target_and_is_minimal(worked: AnswersDocument, target: str) -> None:
    plan = make_plan(worked, target)
    assert plan.reachable
    assert plan.grade_before == "compliant" and plan.total_before == Decimal("57.0")
    result = check_plan(worked, plan)
    assert result.grade in (target, "benchmark")
    assert plan.proof.lower_bound is not None and plan.proof.lower_bound <= plan.cost


def test_worked_example_advanced_plan_figures(worked: AnswersDocument) -> None:
    """The plan as published for the worked example (estimated default costs, catalogue 2025.1)."""
    plan = make_plan(worked, "advanced")
    data = plan_to_dict(plan)
    assert data["total_after"] == Decimal("70.0") and data["grade_after"] == "advanced"
    levers = [a["lever"] for a in data["actions"]]
    assert levers[0] == "green_power"
    green = data["actions"][0]["changes"]
    assert green["energy.grid_electricity"] == {"from": 42000000, "to": 0}
    assert green["energy.green_electricity"] == {"from": 8000000, "to": 50000000}
    # No float noise anywhere in what the plan writes.
    text = jsonnum.dumps(data)
    assert "000000001" not in text and "99999999" not in text and "e-" not in text.lower()


def test_already_at_the_target_needs_no_action(worked: AnswersDocument) -> None:
    plan = make_plan(worked, "compliant")
    assert plan.reachable and not plan.actions and plan.cost == 0 and plan.grade_after == "compliant"


def test_absent_key_is_from_null() -> None:
    data = example_decimal()
    del data["energy"]["green_electricity"]
    doc = _doc(data)
    plan = make_plan(doc, "advanced")
    check_plan(doc, plan)
    moved = [a for a in plan.actions if "energy.green_electricity" in a.changes]
    assert moved and moved[0].changes["energy.green_electricity"][0] is None


def test_unknown_target_is_refused(worked: AnswersDocument) -> None:
    from assessments.plan import PlanInputError

    with pytest.raises(PlanInputError) as info:
        make_plan(worked, "gold")
    assert "gold" in str(info.value) and "advanced" in str(info.value)
    with pytest.raises(PlanInputError):
        make_plan(worked, "not_yet")  # the lowest grade is no target


# --------------------------------------------------------------------------- unreachable


def test_failed_veto_blocks_and_names_it(worked: AnswersDocument) -> None:
    data = example_decimal()
    data["answers"]["V3"] = False
    doc = _doc(data)
    plan = make_plan(doc, "advanced")
    assert not plan.reachable and plan.grade_after == "not_yet" and not plan.actions
    text = " ".join(b.text() for b in plan.blockers)
    assert "前提条件" in text and "V3" in text
    check_plan(doc, plan)


def test_gate_no_lever_moves_is_named_and_the_best_grade_planned() -> None:
    """P3 at grade C with the grading levers struck out: advanced is blocked by the P3 gate
    alone; the plan then reaches the best grade it can (compliant)."""
    data = example_decimal()
    data["answers"]["P3"] = "c"
    data["answers"]["P1"] = "none"
    data["answers"]["G1"] = "none"
    data["answers"]["P5"] = "none"
    doc = _doc(data)
    assert score(doc).grade == "not_yet"
    plan = make_plan(doc, "advanced", {"performance_grade_b": None, "performance_grade_a": None})
    assert not plan.reachable
    assert [b.gate.zh for b in plan.blockers] == ["P3 环保绩效分级为B级及以上（或行业不涉及）"]
    assert plan.grade_after == "compliant" and plan.actions
    check_plan(doc, plan)


# --------------------------------------------------------------------------- generated documents


@pytest.mark.parametrize("seed", range(6))
def test_generated_documents(seed: int) -> None:
    criteria = load_criteria("binzhou-dnz-2025.1")
    for doc in plan_documents(3, seed=1000 + seed):
        before = score(doc).grade
        for target in ("advanced", "benchmark"):
            plan = make_plan(doc, target)
            check_plan(doc, plan)
            if plan.reachable:
                assert _rank(criteria, plan.grade_after) <= _rank(criteria, target)
            else:
                assert _rank(criteria, plan.grade_after) <= _rank(criteria, before)


# --------------------------------------------------------------------------- brute force


SMALL = (
    "ems_certification",
    "enms_certification",
    "carbon_verification",
    "carbon_footprint",
    "monitoring_platform",
    "voluntary_report",
    "permit_management",
    "roadmap",
    "ultra_low_confirmation",
    "cleaner_production_ii",
    "cleaner_production_i",
    "ultra_low_retrofit",
    "performance_grade_b",
)


def _small_catalogue(ids: tuple[str, ...]) -> Catalogue:
    full = catalogue_for("binzhou-dnz-2025.1")
    return replace(full, levers=tuple(full.lever(i) for i in ids))


def _cheapest_by_brute_force(doc: AnswersDocument, catalogue: Catalogue, target: str, grids: int = 0) -> Decimal | None:
    """Every combination of the catalogue's uses (continuous ones on a grid of ``grids`` + 1
    amounts), applied and scored by the engine: the cheapest that reaches ``target``."""
    ctx, _ = plan_uses(doc, catalogue=catalogue)
    criteria = ctx.criteria
    options: list[list[tuple[Use, Fraction] | None]] = []
    for use in ctx.uses:
        if use.continuous:
            amounts = sorted(
                {min(use.upper, round_to_step(Fraction(k, grids) * use.upper, use.lever.step, up=True)) for k in range(1, grids + 1)}
            )
            options.append([None, *((use, a) for a in amounts)])
        else:
            options.append([None, (use, Fraction(1))])
    best: Decimal | None = None
    for combo in itertools.product(*options):
        chosen = [c for c in combo if c is not None]
        paths = [p for use, _ in chosen for p in use.paths]
        if len(paths) != len(set(paths)):
            continue
        cost = sum((use.cost(a) for use, a in chosen), Decimal(0))
        if best is not None and cost >= best:
            continue
        changed, _ = apply_uses(doc, chosen, ctx.factors)
        result = score(changed)
        reached = _rank(criteria, result.grade) <= _rank(criteria, target)
        ok = all(
            q is None or Fraction(q[0]) <= Fraction(r.max) * Fraction(q[1])
            for use, _ in chosen
            for r in use.lever.requires
            for q in [result.metrics.exact.get(r.metric)]
        )
        if reached and ok:
            best = cost
    return best


def _near_target_documents(n: int, seed: int) -> list[tuple[AnswersDocument, str]]:
    """Generated documents a few points below a grade, so that small catalogues can matter."""
    rng = random.Random(seed)
    out: list[tuple[AnswersDocument, str]] = []
    criteria = load_criteria("binzhou-dnz-2025.1")
    while len(out) < n:
        doc = parse_document(plan_document(rng, veto_fail=0.0, good=0.7 if len(out) % 2 else 0.0))
        result = score(doc)
        order = [g.id for g in criteria.grades]
        above = order[order.index(result.grade) - 1] if result.grade != order[0] else None
        if above is None:
            continue
        gap = criteria.grade(above).min_total - result.total_rounded
        if 0 < gap <= 8:
            out.append((doc, above))
    return out


@pytest.mark.parametrize("case", range(8))
def test_no_cheaper_discrete_plan_exists(case: int) -> None:
    doc, target = _near_target_documents(8, seed=77)[case]
    rng = random.Random(case)
    ids = tuple(sorted(rng.sample(SMALL, 9), key=SMALL.index))
    catalogue = _small_catalogue(ids)
    plan = make_plan(doc, target, catalogue=catalogue)
    cheapest = _cheapest_by_brute_force(doc, catalogue, target)
    check_plan(doc, plan)
    if cheapest is None:
        assert not plan.reachable
    else:
        assert plan.reachable and plan.cost == cheapest


@pytest.mark.parametrize("case", range(4))
def test_no_cheaper_plan_on_a_grid_of_amounts(case: int) -> None:
    """Two continuous levers (certificates, offsets) and discrete ones: no combination on a grid
    of amounts reaches the target for less than the plan (which may use any amount)."""
    doc, target = _near_target_documents(4, seed=501)[case]
    catalogue = _small_catalogue(("green_certificates", "green_power", "roadmap", "voluntary_report", "carbon_verification", "offsets"))
    plan = make_plan(doc, target, catalogue=catalogue)
    cheapest = _cheapest_by_brute_force(doc, catalogue, target, grids=6)
    check_plan(doc, plan)
    if cheapest is not None:
        assert plan.reachable
        assert plan.cost <= cheapest
    if plan.reachable and plan.proof.lower_bound is not None:
        assert plan.proof.lower_bound <= plan.cost


def test_costs_change_the_choice(worked: AnswersDocument) -> None:
    """A measure made free is used; one struck out (null) never appears."""
    plan = make_plan(worked, "advanced", {"green_power": None, "green_certificates": Decimal(0)})
    levers = {a.lever.id for a in plan.actions}
    assert "green_power" not in levers and "green_certificates" in levers
    check_plan(worked, plan)


# --------------------------------------------------------------------------- built from the criteria data


@pytest.fixture
def revised_criteria(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Any:
    """Replace the bundled criteria file by a revised copy (same id) for one test."""
    import json as _json
    from types import SimpleNamespace

    import assessments.criteria as criteria_module
    from assessments import levers as levers_module
    from assessments.criteria import load_criteria as loader

    source = criteria_module.resources.files("assessments").joinpath("criteria", "binzhou-dnz-2025.1.json")
    original = _json.loads(source.read_text(encoding="utf-8"))

    def revise(change: Any) -> None:
        data = copy.deepcopy(original)
        change(data)
        folder = tmp_path / "criteria"
        folder.mkdir(exist_ok=True)
        (folder / "binzhou-dnz-2025.1.json").write_text(_json.dumps(data, ensure_ascii=False), encoding="utf-8")
        monkeypatch.setattr(criteria_module, "resources", SimpleNamespace(files=lambda _pkg: tmp_path))
        loader.cache_clear()
        levers_module.load_catalogue.cache_clear()

    yield revise
    monkeypatch.undo()
    loader.cache_clear()
    levers_module.load_catalogue.cache_clear()


def test_a_criteria_revision_changes_the_plan_with_it(revised_criteria: Any) -> None:
    """Weights, thresholds, a band and a new gate changed in the data: the plan follows them and the
    engine (under the same revision) confirms it — nothing in the planner restates the old numbers."""
    baseline = make_plan(_doc(example_decimal()), "advanced")

    def change(data: dict[str, Any]) -> None:
        grade = next(g for g in data["grades"] if g["id"] == "advanced")
        grade["min_total"] = 66
        grade["gates"].append(
            {"kind": "metric_max", "metric": "co2_per_tce", "max": 2.0, "label": {"zh": "单位能耗碳排放≤2.0", "en": "CO2/tce ≤ 2.0"}}
        )
        m4 = next(i for i in data["indicators"] if i["id"] == "M4")
        m4["scoring"]["zero_at"] = 3.5
        g4 = next(i for i in data["indicators"] if i["id"] == "G4")
        g4["weight"] = 6

    revised_criteria(change)
    doc = _doc(example_decimal())
    plan = make_plan(doc, "advanced")
    result = check_plan(doc, plan)
    assert plan.reachable and result.total_rounded >= 65.95
    assert plan.total_after < 70  # reachable below the old band: the revised band is what counts
    assert Decimal(str(result.metrics["co2_per_tce"])) <= 2
    assert [a.key for a in plan.actions] != [a.key for a in baseline.actions]


def test_a_rule_the_planner_cannot_model_is_refused_by_name(revised_criteria: Any) -> None:
    from assessments.plan import PlanUnsupported

    def change(data: dict[str, Any]) -> None:
        grade = next(g for g in data["grades"] if g["id"] == "advanced")
        grade["gates"].append(
            {"kind": "metric_min", "metric": "offset_coverage", "min": 50, "label": {"zh": "抵消≥50%", "en": "offsets ≥ 50%"}}
        )

    revised_criteria(change)
    with pytest.raises(PlanUnsupported) as info:
        make_plan(_doc(example_decimal()), "advanced")
    assert "offset_coverage" in str(info.value)


def test_no_lever_changes_whether_an_indicator_applies() -> None:
    """P3 "sector not covered" (N/A) is never turned into a grade; P4 marked N/A is never raised."""
    data = example_decimal()
    data["answers"]["P3"] = "not_covered"
    data["answers"]["P4"] = "na"
    doc = _doc(data)
    ctx, _ = plan_uses(doc)
    touched = {p for use in ctx.uses for p in use.paths}
    assert "answers.P3" not in touched and "answers.P4" not in touched
    plan = make_plan(doc, "benchmark")
    result = check_plan(doc, plan)
    assert not result.indicator("P3").applicable and not result.indicator("P4").applicable
