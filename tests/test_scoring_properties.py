"""Properties of the scoring engine over random valid documents (hypothesis)."""

from __future__ import annotations

import copy
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessments.criteria import load_criteria
from assessments.document import document_to_dict, parse_document
from assessments.factors import load_factors
from assessments.scoring import Result, score
from assessments.vocabulary import NA
from tests.conftest import example

CRITERIA = load_criteria("binzhou-dnz-2025.1")
FACTORS = load_factors(CRITERIA.factors_id)
SOURCE_TYPES = FACTORS.source_types()
FUEL_IDS = [c.id for c in FACTORS.carriers if c.co2.method == "fuel"]
ENTERPRISE = example()["enterprise"]

PROFILE = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def num(value: object) -> float | None:
    """A figure as a float, for comparisons with hand formulas written in floats."""
    return None if value is None else float(value)  # type: ignore[arg-type]


def amounts(hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=0.0, max_value=hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def positive(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)


PERCENT = amounts(100.0)


def coal_base(hi: float) -> st.SearchStrategy[float]:
    return st.one_of(st.just(0.0), positive(1e-6, hi))


def exact(q: tuple[Any, Any]) -> Fraction:
    """An exact quotient of the engine as a Fraction (for exact comparisons in the tests)."""
    return Fraction(q[0]) / Fraction(q[1])


CARRIER_MAX = {"t": 1e6, "10^4 m3": 1e5, "GJ": 1e7, "kWh": 1e9, "tce": 1e6}


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for veto in CRITERIA.vetoes:
        out[veto.id] = draw(st.sampled_from([True, True, True, False, NA] if veto.na_allowed else [True, True, False]))
    for ind in CRITERIA.indicators:
        spec = ind.answer
        if spec.type == "choice":
            options = [o.id for o in spec.options]
            out[ind.id] = draw(st.sampled_from(options + ([NA] if ind.na.mode == "answer" else [])))
        elif spec.type == "number":
            out[ind.id] = draw(st.one_of(PERCENT, st.just(NA)) if ind.na.mode == "answer" else PERCENT)
        elif spec.type == "boolean":
            out[ind.id] = draw(st.booleans())
        if ind.user_answered and out[ind.id] != NA:
            for sub in ind.sub_answers:
                out[sub.id] = draw(st.booleans())
    return out


@st.composite
def energy(draw: st.DrawFn) -> dict[str, float]:
    ids = FACTORS.carrier_ids
    chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6, unique=True))
    out = {cid: draw(amounts(CARRIER_MAX[FACTORS.carrier(cid).unit])) for cid in chosen}
    main = chosen[0]  # at least one carrier clearly above zero
    out[main] = draw(positive(1.0, CARRIER_MAX[FACTORS.carrier(main).unit]))
    return out


@st.composite
def outlet(draw: st.DrawFn, name: str) -> dict[str, Any]:
    source = draw(st.sampled_from(SOURCE_TYPES))
    pollutants = draw(st.lists(st.sampled_from(["pm", "so2", "nox"]), min_size=1, max_size=3, unique=True))
    d: dict[str, Any] = {"name": name, "source": source}
    for pol in pollutants:
        d[pol] = draw(amounts(300.0))
    d["hourly_compliance"] = draw(st.one_of(PERCENT, positive(90.0, 100.0)))
    if source == "custom":
        d["limits"] = {pol: draw(positive(1.0, 400.0)) for pol in pollutants}
        if draw(st.booleans()):
            d["standard"] = "DB37/2376-2019 重点控制区"
    return d


@st.composite
def outlets(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 4)) == 0:
        return NA
    n = draw(st.integers(1, 4))
    return [draw(outlet(f"{i + 1}#排放口")) for i in range(n)]


@st.composite
def water(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return {"zld": True}
    names = [draw(st.sampled_from(["COD", "CODcr", "化学需氧量"])), draw(st.sampled_from(["NH3-N", "氨氮"]))]
    if draw(st.booleans()):
        names.append("总磷")
    return {
        "zld": False,
        "pollutants": [
            {"name": name, "concentration": draw(amounts(200.0)), "limit": draw(positive(0.5, 500.0))} for name in names
        ],
    }


@st.composite
def bench_lead(draw: st.DrawFn, hi: float) -> tuple[float, float]:
    benchmark = draw(positive(0.01, hi))
    leading = draw(st.floats(min_value=0.0, max_value=benchmark, exclude_max=True, allow_subnormal=False))
    return benchmark, leading


@st.composite
def pollutant_intensity(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["reduction", "intensity", "na"]))
    if kind == "na":
        return NA
    if kind == "reduction":
        return {"reduction_pct_3y": draw(st.floats(min_value=-200.0, max_value=100.0, allow_subnormal=False))}
    benchmark, leading = draw(bench_lead(10.0))
    return {"value": draw(amounts(20.0)), "benchmark": benchmark, "leading": leading}


@st.composite
def product_carbon(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 3)) == 0:
        return NA
    benchmark, leading = draw(bench_lead(5.0))
    return {"benchmark": benchmark, "leading": leading}


@st.composite
def history(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 3)) == 0:
        return NA
    return {"co2_t_3y_ago": draw(positive(1.0, 1e7)), "output_3y_ago": draw(positive(1.0, 1e7))}


@st.composite
def factor_choices(draw: st.DrawFn) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if draw(st.booleans()):
        d["electricity_basis"] = "equal_value"
        d["electricity_kgce_per_kwh"] = draw(positive(0.05, 1.0))
    if draw(st.booleans()):
        d["grid_factor_year"] = draw(st.sampled_from([g.year for g in FACTORS.grid_factors]))
    if draw(st.booleans()):
        fuel = draw(st.sampled_from(FUEL_IDS))
        d["fuels"] = {fuel: {"lhv": draw(positive(1.0, 500.0)), "oxidation": draw(positive(0.5, 1.0))}}
    return d


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    d: dict[str, Any] = {
        "format": "dnz-answers/1",
        "criteria": CRITERIA.id,
        "year": draw(st.integers(2020, 2030)),
        "enterprise": copy.deepcopy(ENTERPRISE),
        "answers": draw(answers()),
        "energy": draw(energy()),
        # E6: a 2020 coal figure divides the coal change, so it is 0 or at least 10⁻⁶ t.
        "coal_2020": {"raw_coal": draw(coal_base(1e5)), "coke": draw(coal_base(1e4))},
        "gec_mwh": draw(amounts(1e6)),
        "process_co2_t": draw(amounts(1e5)),
        "offsets_t": draw(amounts(1e6)),
        "output": {"quantity": draw(positive(1.0, 1e7)), "unit": "t"},
        "outlets": draw(outlets()),
        "water": draw(water()),
        "pollutant_intensity": draw(pollutant_intensity()),
        "product_carbon": draw(product_carbon()),
        "history": draw(history()),
    }
    if draw(st.booleans()):
        d["factors"] = draw(factor_choices())
    return d


def scored(d: dict[str, Any]) -> Result:
    return score(parse_document(d))


# --------------------------------------------------------------------------- (a) bounds


@PROFILE
@given(documents())
def test_scores_stay_within_bounds(d: dict[str, Any]) -> None:
    result = scored(d)
    # Exact (docs/criteria.md §9 E1): no tolerance anywhere.
    assert 0 <= exact(result.total_q) <= 100
    assert 0.0 <= result.total_rounded <= 100.0
    for dim in result.dimensions:
        assert 0 <= exact(dim.score_q) <= Fraction(repr(dim.max_points)), dim.id
    assert sum(exact(d.score_q) for d in result.dimensions) == exact(result.total_q)
    for ind in result.indicators:
        if ind.applicable:
            assert ind.fraction_q is not None and 0 <= exact(ind.fraction_q) <= 1, ind.id
            assert ind.points_q is not None and 0 <= exact(ind.points_q) <= exact(ind.max_q), ind.id
        else:
            assert ind.fraction is None and ind.max_points == 0
    assert result.grade in {g.id for g in CRITERIA.grades}
    order = [g.id for g in CRITERIA.grades]
    assert order.index(result.grade) == max(order.index(result.score_band), order.index(result.gate_band))


# --------------------------------------------------------------------------- (b) monotone improvements
#
# Only fields whose better direction is unambiguous. Raw coal, grid electricity and the other
# carrier amounts are deliberately absent: CO2/tce (M4) is an intensity, so e.g. more grid
# electricity can raise or lower it, and more coal can raise E4/E2 denominators while worsening
# E1 — those are not monotone by design.


def _improve(d: dict[str, Any], field: str, step: float, pick: int) -> bool:
    """Improve one field of ``d`` in place by ``step`` (0–1); False when the field is absent or N/A."""
    a = d["answers"]
    if field in ("P4", "P6", "P7", "P8", "E5", "E7"):
        if a[field] == NA:
            return False
        a[field] = a[field] + (100.0 - a[field]) * step
        return True
    if field == "E5_coal_fired_off":  # no longer operating a coal-fired boiler
        if a.get("E5_coal_fired") is not True:
            return False
        a["E5_coal_fired"] = False
        return True
    if field in ("outlet_concentration", "hourly_compliance"):
        if d["outlets"] == NA:
            return False
        o = d["outlets"][pick % len(d["outlets"])]
        if field == "hourly_compliance":
            o["hourly_compliance"] += (100.0 - o["hourly_compliance"]) * step
        else:
            pols = [p for p in ("pm", "so2", "nox") if p in o]
            pol = pols[pick % len(pols)]
            o[pol] *= 1.0 - step
        return True
    if field == "water_concentration":
        if d["water"]["zld"]:
            return False
        w = d["water"]["pollutants"][pick % len(d["water"]["pollutants"])]
        w["concentration"] *= 1.0 - step
        return True
    if field in ("offsets_t", "gec_mwh"):
        d[field] += 1e5 * step
        return True
    if field in ("green_electricity", "onsite_renewable"):
        d["energy"][field] = d["energy"].get(field, 0.0) + 1e7 * step
        return True
    if field == "process_co2_t":
        d[field] *= 1.0 - step
        return True
    if field == "reduction_pct_3y":
        pi = d["pollutant_intensity"]
        if pi == NA or "reduction_pct_3y" not in pi:
            return False
        pi["reduction_pct_3y"] += (100.0 - pi["reduction_pct_3y"]) * step
        return True
    if field == "intensity_value":
        pi = d["pollutant_intensity"]
        if pi == NA or "value" not in pi:
            return False
        pi["value"] *= 1.0 - step
        return True
    if field == "co2_t_3y_ago":
        if d["history"] == NA:
            return False
        d["history"]["co2_t_3y_ago"] = min(1e10, d["history"]["co2_t_3y_ago"] * (1.0 + 10 * step))
        return True
    raise AssertionError(field)


MONOTONE_FIELDS = [
    "P4",
    "P6",
    "P7",
    "P8",
    "E5",
    "E7",
    "E5_coal_fired_off",
    "outlet_concentration",
    "hourly_compliance",
    "water_concentration",
    "offsets_t",
    "gec_mwh",
    "green_electricity",
    "onsite_renewable",
    "process_co2_t",
    "reduction_pct_3y",
    "intensity_value",
    "co2_t_3y_ago",
]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(MONOTONE_FIELDS), st.floats(min_value=0.0, max_value=1.0), st.integers(0, 10))
def test_improving_one_answer_never_lowers_the_total(d: dict[str, Any], field: str, step: float, pick: int) -> None:
    before = exact(scored(d).total_q)
    better = copy.deepcopy(d)
    assume(_improve(better, field, step, pick))
    after = exact(scored(better).total_q)
    assert after >= before, (field, before, after)  # exact: no tolerance


def test_improvement_helper_changes_the_document() -> None:
    # Guard against a vacuous property: every field of the list is reachable on the worked
    # example (or a simple variant) and really changes the score inputs.
    d = example()
    d["answers"]["P8"] = 55.0
    d["answers"]["E5_coal_fired"] = True
    d["process_co2_t"] = 500
    d["pollutant_intensity"] = {"reduction_pct_3y": 18.0}
    for field in MONOTONE_FIELDS:
        changed = copy.deepcopy(d)
        if field == "intensity_value":
            changed["pollutant_intensity"] = {"value": 1.0, "benchmark": 1.5, "leading": 0.5}
        base = copy.deepcopy(changed)
        assert _improve(changed, field, 0.5, 0), field
        assert changed != base, field


# --------------------------------------------------------------------------- (c) N/A rescaling

NA_CHOICES = ["P3", "P4", "P6", "P7", "P8", "E5", "E6", "E7", "M1", "M3", "M5", "M6"]
SECTION_OF = {"M1": "outlets", "M3": "pollutant_intensity", "M5": "product_carbon", "M6": "history"}


@PROFILE
@given(documents(), st.sampled_from(NA_CHOICES))
def test_marking_na_rescales_the_dimension(d: dict[str, Any], indicator_id: str) -> None:
    before = scored(d)
    assume(before.indicator(indicator_id).applicable)
    marked = copy.deepcopy(d)
    if indicator_id == "P3":
        marked["answers"]["P3"] = "not_covered"
    elif indicator_id in SECTION_OF:
        marked[SECTION_OF[indicator_id]] = NA
    else:
        marked["answers"][indicator_id] = NA
        for sub in CRITERIA.indicator(indicator_id).sub_answers:
            marked["answers"].pop(sub.id, None)
    after = scored(marked)
    assert after.indicator(indicator_id).applicable is False
    dim = CRITERIA.indicator(indicator_id).dimension
    max_points = CRITERIA.dimension(dim).max_points
    remaining = [i for i in CRITERIA.indicators_of(dim) if i.id != indicator_id and before.indicator(i.id).applicable]
    weight = sum(Fraction(repr(i.weight)) for i in remaining)
    achieved = sum(Fraction(repr(i.weight)) * exact(before.indicator(i.id).fraction_q or (0, 1)) for i in remaining)
    assert exact(after.dimension(dim).score_q) == Fraction(repr(max_points)) * achieved / weight
    assert after.dimension(dim).applicable_weight == weight
    for other in CRITERIA.dimensions:
        if other.id != dim:
            assert exact(after.dimension(other.id).score_q) == exact(before.dimension(other.id).score_q)


# --------------------------------------------------------------------------- (d) round trip


@PROFILE
@given(documents())
def test_serialise_then_parse_is_identity(d: dict[str, Any]) -> None:
    doc = parse_document(d)
    once = document_to_dict(doc)
    assert parse_document(once) == doc
    assert document_to_dict(parse_document(once)) == once
