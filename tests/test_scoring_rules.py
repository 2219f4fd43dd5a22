"""Each rule of docs/criteria.md §3–§5, on small variations of the worked example (§8).

Expected values are derived by hand from the rules of docs/criteria.md (formulas written out below), never read
back from the engine's output.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from assessments.criteria import parse_criteria
from assessments.document import parse_document
from assessments.errors import ScoringError
from assessments.rounding import round_half_up
from assessments.scoring import Result, lin, score
from assessments.vocabulary import NA
from tests.conftest import example

# Hand-derived constants (docs/criteria.md §4.1, docs/criteria.md "Factors").
COAL_CO2 = 20.908 * 0.02637 * 0.94 * 44 / 12  # t CO2 per t raw coal
GAS_CO2 = 389.31 * 0.0153 * 0.99 * 44 / 12  # t CO2 per 10^4 m3
KWH_TCE = 0.0001229
# Worked example: scope 1 = coal + gas, scope 2 = (grid − GEC cover) × 0.6096 (2023 factor).
EX_SCOPE1 = 12000 * COAL_CO2 + 150 * GAS_CO2
EX_SCOPE2 = (42_000_000 - 2_000_000) * 0.6096 / 1000
EX_CO2 = EX_SCOPE1 + EX_SCOPE2
EX_TCE = 12000 * 0.7143 + 150 * 12.143 + 53_000_000 * KWH_TCE


def num(value: object) -> float | None:
    """A figure as a float, for comparisons with hand formulas written in floats."""
    return None if value is None else float(value)  # type: ignore[arg-type]


def scored(mutate: Callable[[dict[str, Any]], None] | None = None, base: dict[str, Any] | None = None) -> Result:
    d = example() if base is None else base
    if mutate is not None:
        mutate(d)
    return score(parse_document(d))


def frac(result: Result, indicator_id: str) -> Decimal | None:
    return result.indicator(indicator_id).fraction


def test_hand_constants_match_the_worked_example() -> None:
    # docs/criteria.md §8, to guard the hand formulas used below.
    assert round_half_up(EX_TCE, 2) == Decimal("16906.75")
    assert round_half_up(EX_SCOPE1, 1) == Decimal("26046.9")
    assert round_half_up(EX_CO2, 1) == Decimal("50430.9")
    result = scored()
    assert num(result.metrics["co2_t"]) == pytest.approx(EX_CO2, rel=1e-12)


# --------------------------------------------------------------------------- lin (§0)


@pytest.mark.parametrize(
    ("x", "zero_at", "full_at", "expected"),
    [
        (75, 50, 100, 0.5),
        (50, 50, 100, 0.0),
        (40, 50, 100, 0.0),  # clipped below
        (100, 50, 100, 1.0),
        (120, 50, 100, 1.0),  # clipped above
        (0.75, 1.0, 0.5, 0.5),  # lower is better
        (1.2, 1.0, 0.5, 0.0),
        (0.3, 1.0, 0.5, 1.0),
        (-0.05, 0.0, -0.10, 0.5),
    ],
)
def test_lin(x: float, zero_at: float, full_at: float, expected: float) -> None:
    assert num(lin(x, zero_at, full_at)) == pytest.approx(expected)


@pytest.mark.parametrize(("p4", "expected"), [(75.0, 0.5), (40.0, 0.0), (100.0, 1.0), (50.0, 0.0)])
def test_p4_rising_direction(p4: float, expected: float) -> None:
    result = scored(lambda d: d["answers"].__setitem__("P4", p4))
    assert num(frac(result, "P4")) == pytest.approx(expected)


@pytest.mark.parametrize(("nox", "expected"), [(37.5, 0.5), (55.0, 0.0), (20.0, (18 / 35 - 1) / (0.5 - 1))])
def test_m1_falling_direction(nox: float, expected: float) -> None:
    # Ratios: pm 4.1/10, so2 18/35 = 0.514, custom pm 6/20; NOx nox/50 decides when larger.
    result = scored(lambda d: d["outlets"][0].__setitem__("nox", nox))
    assert num(result.metrics["worst_air_ratio"]) == pytest.approx(max(nox / 50, 18 / 35))
    assert num(frac(result, "M1")) == pytest.approx(expected)


# --------------------------------------------------------------------------- energy (§4.3, §4.4)


def test_e1_partial_reduction() -> None:
    result = scored(lambda d: d["energy"].__setitem__("raw_coal", 14000))
    change = (14000 * 0.7143 - 15000 * 0.7143) / (15000 * 0.7143)
    assert num(result.metrics["coal_change"]) == pytest.approx(change)
    assert num(frac(result, "E1")) == pytest.approx(change / -0.10)


def test_e1_increase_scores_zero() -> None:
    result = scored(lambda d: d["energy"].__setitem__("raw_coal", 16000))
    assert frac(result, "E1") == 0.0


def test_e1_with_zero_2020_base() -> None:
    def no_base(d: dict[str, Any]) -> None:
        d["coal_2020"] = {"raw_coal": 0, "coke": 0}

    assert frac(scored(no_base), "E1") == 0.0  # still burns coal now

    def no_coal_at_all(d: dict[str, Any]) -> None:
        no_base(d)
        del d["energy"]["raw_coal"]

    result = scored(no_coal_at_all)
    assert frac(result, "E1") == 1.0
    assert result.metrics["coal_change"] is None


def test_e1_counts_coke_at_its_coefficient() -> None:
    def with_coke(d: dict[str, Any]) -> None:
        d["coal_2020"] = {"raw_coal": 12000, "coke": 1000}
        d["energy"]["coke"] = 900

    result = scored(with_coke)
    base = 12000 * 0.7143 + 1000 * 0.9714
    now = 12000 * 0.7143 + 900 * 0.9714
    assert num(result.metrics["coal_change"]) == pytest.approx((now - base) / base)
    assert num(frac(result, "E1")) == pytest.approx(((now - base) / base) / -0.10)


def test_e3_is_auto_na_without_electricity() -> None:
    def no_electricity(d: dict[str, Any]) -> None:
        for key in ("grid_electricity", "green_electricity", "onsite_renewable"):
            del d["energy"][key]

    result = scored(no_electricity)
    assert result.indicator("E3").applicable is False
    assert result.metrics["renewable_electricity_share"] is None
    # Energy over weights 4+5+3+3+3+2 = 20: E1 1.0, E2 0 (no non-fossil), E4 0 (no electricity),
    # E5 40% → 0.4, E6 majority 0.6, E7 65% → 0.5.
    expected = 25 * (4 * 1.0 + 5 * 0 + 3 * 0 + 3 * 0.4 + 3 * 0.6 + 2 * 0.5) / 20
    assert num(result.dimension("energy").score) == pytest.approx(expected)
    assert result.dimension("energy").applicable_weight == 20


def test_gec_cover_is_capped_at_grid_electricity() -> None:
    result = scored(lambda d: d.__setitem__("gec_mwh", 50_000))
    assert result.metrics["gec_cover_kwh"] == 42_000_000  # not 50 000 000
    assert num(result.metrics["renewable_electricity_share"]) == pytest.approx(100.0)
    assert frac(result, "E3") == 1.0
    assert num(result.metrics["scope2_t"]) == pytest.approx(0.0)


def test_gec_partial_cover() -> None:
    result = scored(lambda d: d.__setitem__("gec_mwh", 10_000))
    share = 100 * (8e6 + 3e6 + 10e6) / 53e6
    assert num(result.metrics["renewable_electricity_share"]) == pytest.approx(share)
    assert num(frac(result, "E3")) == pytest.approx((share - 30) / 70)
    assert num(result.metrics["scope2_t"]) == pytest.approx(32e6 * 0.6096 / 1000)


def test_non_fossil_and_electrification_shares() -> None:
    result = scored(lambda d: d["energy"].__setitem__("other_non_fossil", 3000))
    total = EX_TCE + 3000
    assert num(result.metrics["non_fossil_share"]) == pytest.approx(100 * (11e6 * KWH_TCE + 3000) / total)
    assert num(result.metrics["electrification"]) == pytest.approx(100 * 53e6 * KWH_TCE / total)


@pytest.mark.parametrize(
    ("e5", "coal_fired", "expected"), [(80.0, True, 0.5), (80.0, False, 0.8), (30.0, True, 0.3), (100.0, True, 0.5)]
)
def test_e5_cap_with_coal_fired_boiler(e5: float, coal_fired: bool, expected: float) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["answers"]["E5"] = e5
        d["answers"]["E5_coal_fired"] = coal_fired

    result = scored(mutate)
    assert num(frac(result, "E5")) == pytest.approx(expected)
    if coal_fired and e5 / 100 > 0.5:
        note = result.indicator("E5").note
        assert note is not None and "封顶" in note.zh


# --------------------------------------------------------------------------- emission (§4.5–§4.8)


def test_m1_capped_when_hourly_compliance_below_95() -> None:
    def mutate(d: dict[str, Any], compliance: float) -> None:
        d["outlets"][0]["nox"] = 20  # worst ratio is now SO2 18/35
        d["outlets"][1]["hourly_compliance"] = compliance

    uncapped = (18 / 35 - 1) / (0.5 - 1)
    assert num(frac(scored(lambda d: mutate(d, 95.0)), "M1")) == pytest.approx(uncapped)  # "< 95" caps, 95 does not
    capped = scored(lambda d: mutate(d, 94.9))
    assert frac(capped, "M1") == 0.5
    note = capped.indicator("M1").note
    assert note is not None and "涂装线" in note.zh


def test_m1_cap_does_not_raise_a_lower_fraction() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["outlets"][0]["nox"] = 45  # ratio 0.9 → 0.2
        d["outlets"][0]["hourly_compliance"] = 80

    assert num(frac(scored(mutate), "M1")) == pytest.approx(0.2)


# Emission indicators of the worked example other than M1: M2 0.88 (w4), M3 18/30 (w4), M4 0 (w7),
# M5 1.0 (w5: 50 430.9/250 000 = 0.20 ≤ leading 0.6), M6 1.0 (w3: output up, CO2 down), M7 0 (w4).
EX_EMISSION_OTHERS = 4 * 0.88 + 4 * 0.6 + 7 * 0 + 5 * 1.0 + 3 * 1.0 + 4 * 0


def test_m1_na_with_outlets_na() -> None:
    result = scored(lambda d: d.__setitem__("outlets", NA))
    assert result.indicator("M1").applicable is False
    assert result.metrics["worst_air_ratio"] is None
    assert num(result.dimension("emission").score) == pytest.approx(35 * EX_EMISSION_OTHERS / 27)
    # And the worked example itself: 35 × (others + 8 × 0.72) / 35.
    assert num(scored().dimension("emission").score) == pytest.approx(EX_EMISSION_OTHERS + 8 * 0.72)


def test_m2_zero_liquid_discharge() -> None:
    result = scored(lambda d: d.__setitem__("water", {"zld": True}))
    assert frac(result, "M2") == 1.0
    assert result.metrics["worst_water_ratio"] is None


def test_m2_worst_water_ratio() -> None:
    result = scored(lambda d: d["water"]["pollutants"][1].__setitem__("concentration", 4.0))
    assert num(result.metrics["worst_water_ratio"]) == pytest.approx(0.8)
    assert num(frac(result, "M2")) == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("intensity", "expected"),
    [
        ({"reduction_pct_3y": 18.0}, 0.6),
        ({"reduction_pct_3y": 45.0}, 1.0),
        ({"reduction_pct_3y": -5.0}, 0.0),
        ({"value": 1.0, "benchmark": 1.5, "leading": 0.5}, 0.5),
        ({"value": 0.4, "benchmark": 1.5, "leading": 0.5}, 1.0),
        ({"value": 2.0, "benchmark": 1.5, "leading": 0.5}, 0.0),
    ],
)
def test_m3_both_variants(intensity: dict[str, float], expected: float) -> None:
    assert num(frac(scored(lambda d: d.__setitem__("pollutant_intensity", intensity)), "M3")) == pytest.approx(expected)


def test_m3_na() -> None:
    result = scored(lambda d: d.__setitem__("pollutant_intensity", NA))
    assert result.indicator("M3").applicable is False


def test_m5_product_carbon() -> None:
    result = scored(lambda d: d.__setitem__("product_carbon", {"benchmark": 0.3, "leading": 0.1}))
    intensity = EX_CO2 / 250_000
    assert num(result.metrics["product_carbon_intensity"]) == pytest.approx(intensity)
    assert num(frac(result, "M5")) == pytest.approx((intensity - 0.3) / (0.1 - 0.3))
    assert scored(lambda d: d.__setitem__("product_carbon", NA)).indicator("M5").applicable is False


def _history(co2_then: float, output_then: float) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.__setitem__("history", {"co2_t_3y_ago": co2_then, "output_3y_ago": output_then})


def test_m6_output_rising() -> None:
    g_out = (250_000 / 210_000) ** (1 / 3) - 1
    co2_then = EX_CO2 / (1 + 0.75 * g_out) ** 3  # elasticity 0.75
    result = scored(_history(co2_then, 210_000))
    assert num(result.metrics["carbon_elasticity"]) == pytest.approx(0.75)
    assert num(frac(result, "M6")) == pytest.approx(0.5)  # lin(0.75, 1.0, 0.5)


def test_m6_output_falling() -> None:
    g_out = (250_000 / 300_000) ** (1 / 3) - 1
    co2_then = EX_CO2 / (1 + 1.5 * g_out) ** 3  # elasticity 1.5: CO2 fell faster than output
    result = scored(_history(co2_then, 300_000))
    assert num(result.metrics["carbon_elasticity"]) == pytest.approx(1.5)
    assert num(frac(result, "M6")) == pytest.approx(0.5)  # lin(1.5, 1.0, 2.0)
    # CO2 falling only as fast as output: elasticity 1.0 → 0.
    result = scored(_history(EX_CO2 / (1 + g_out) ** 3, 300_000))
    assert num(frac(result, "M6")) == pytest.approx(0.0, abs=1e-9)


def test_m6_flat_output() -> None:
    assert frac(scored(_history(61_000, 250_000)), "M6") == 1.0  # flat output, CO2 down
    assert frac(scored(_history(40_000, 250_000)), "M6") == 0.0  # flat output, CO2 up


def test_m6_flat_threshold_is_one_per_mille() -> None:
    co2_then = EX_CO2 / 1.0001**3  # CO2 grew 0.01 %/year
    # |g_out| = 0.0009 < 0.001: flat rule, CO2 grew → 0.
    assert frac(scored(_history(co2_then, 250_000 / 1.0009**3)), "M6") == 0.0
    # g_out = 0.0011: elasticity 0.0001/0.0011 = 0.09 ≤ 0.5 → full.
    assert frac(scored(_history(co2_then, 250_000 / 1.0011**3)), "M6") == 1.0


def test_m6_na() -> None:
    assert scored(lambda d: d.__setitem__("history", NA)).indicator("M6").applicable is False


def _low_carbon(d: dict[str, Any]) -> None:
    # gas 150 × 21.622 t; tce = 150 × 12.143 + 50e6 kWh green × 0.0001229 → co2/tce ≈ 0.41.
    d["energy"] = {"natural_gas": 150, "green_electricity": 50_000_000}
    d["gec_mwh"] = 0


def test_m7_counts_when_m4_reaches_half() -> None:
    co2 = 150 * GAS_CO2
    tce = 150 * 12.143 + 50e6 * KWH_TCE
    assert co2 / tce < 0.65  # lin(0.65, 1.0, 0.3) = 0.5

    def mutate(d: dict[str, Any]) -> None:
        _low_carbon(d)
        d["offsets_t"] = co2 / 2

    result = scored(mutate)
    assert num(frac(result, "M4")) == pytest.approx((co2 / tce - 1.0) / (0.3 - 1.0))
    assert num(result.metrics["offset_coverage"]) == pytest.approx(50.0)
    assert num(frac(result, "M7")) == pytest.approx(0.5)


def test_m7_does_not_count_when_m4_below_half() -> None:
    result = scored(lambda d: d.__setitem__("offsets_t", 60_000))  # covers all of 50 430.9 t
    assert result.metrics["offset_coverage"] == 100.0
    assert frac(result, "M4") == 0.0
    assert frac(result, "M7") == 0.0
    note = result.indicator("M7").note
    assert note is not None and "先减排" in note.zh


def test_m4_co2_per_tce() -> None:
    result = scored(_low_carbon)
    ratio = 150 * GAS_CO2 / (150 * 12.143 + 50e6 * KWH_TCE)
    assert num(result.metrics["co2_per_tce"]) == pytest.approx(ratio)


# --------------------------------------------------------------------------- N/A rescaling (§1)


def test_process_dimension_rescaled_over_applicable_weights() -> None:
    # P1 0.75×4, P2 0.6×5, P3 0.6×4, P4 (82−50)/50×3, P5 1×2, P6 (91−80)/15×3, P7 1×2.
    achieved = 3 + 3 + 2.4 + 0.64 * 3 + 2 + 11 / 15 * 3 + 2
    assert num(scored().dimension("process").score) == pytest.approx(25 * achieved / 23)
    both_na = scored(lambda d: d["answers"].__setitem__("P4", NA))
    assert num(both_na.dimension("process").score) == pytest.approx(25 * (achieved - 0.64 * 3) / 20)
    assert both_na.indicator("P4").max_points == 0.0
    p8 = scored(lambda d: d["answers"].__setitem__("P8", 55.0))
    assert num(p8.dimension("process").score) == pytest.approx(25 * (achieved + 2 * 0.5) / 25)
    # Each applicable indicator's maximum is its share of the dimension.
    assert num(scored().indicator("P2").max_points) == pytest.approx(25 * 5 / 23)


def test_p3_not_covered_is_na() -> None:
    result = scored(lambda d: d["answers"].__setitem__("P3", "not_covered"))
    assert result.indicator("P3").applicable is False
    assert result.dimension("process").applicable_weight == 19


# --------------------------------------------------------------------------- grades (§5)


def strong() -> dict[str, Any]:
    """A document that earns 100 points and passes every benchmark gate (all by hand)."""
    d = example()
    d["answers"].update(
        {
            "P1": "i_leading",
            "P2": "all_ultra_low",
            "P3": "a",
            "P4": 100.0,
            "P6": 95.0,
            "P7": 90.0,
            "P8": 60.0,
            "E5": 100.0,
            "E6": "all_benchmark",
            "E7": 80.0,
            "G2": "certified",
            "G3": "verified_footprint",
            "G4": "full",
            "G5": "statutory_plus_voluntary",
        }
    )
    # tce: gas 1 214.3 + electricity 60e6 × 0.0001229 = 7 374 → non-fossil 71.6 %, electrification 85.9 %,
    # renewable electricity 100 % (grid covered by GEC), co2/tce = 2 162.2 / 8 588.3 = 0.25, no coal (E1 full).
    d["energy"] = {"natural_gas": 100, "grid_electricity": 10_000_000, "green_electricity": 40_000_000}
    d["energy"]["onsite_renewable"] = 10_000_000
    d["gec_mwh"] = 10_000
    d["offsets_t"] = 2_200  # ≥ 100 × 21.622 t
    d["outlets"] = [{"name": "1#锅炉", "source": "coal_power", "pm": 2, "so2": 10, "nox": 20, "hourly_compliance": 100}]
    d["water"] = {"zld": True}
    d["pollutant_intensity"] = {"reduction_pct_3y": 40.0}
    return d


def test_strong_document_is_benchmark() -> None:
    result = scored(base=strong())
    assert num(result.total) == pytest.approx(100.0)
    assert num(result.metrics["co2_per_tce"]) == pytest.approx(100 * GAS_CO2 / (100 * 12.143 + 60e6 * KWH_TCE))
    assert (result.score_band, result.gate_band, result.grade) == ("benchmark", "benchmark", "benchmark")
    assert result.short_board[0].zh.startswith("已达到最高等级")


def _failed_gates(result: Result, grade: str) -> list[str]:
    return [g.label.zh for g in result.gates[grade] if not g.passed]


@pytest.mark.parametrize(
    ("name", "mutate", "lost", "failed_gate", "grade"),
    [
        # Governance 15 × 1/15 = 1 < 70 % of 15; total 86.
        (
            "dimension below 70%",
            lambda d: (
                d["answers"].update({g: "none" for g in ("G1", "G2", "G3", "G5", "G6")})
                or d["answers"].__setitem__("G4", "manual")
            ),
            14.0,
            "各维度",
            "advanced",
        ),
        # P2 main_sources: 5 × 0.4 = 2 points.
        ("P2 not all ultra-low", lambda d: d["answers"].__setitem__("P2", "main_sources"), 2.0, "P2", "advanced"),
        # NOx 30/50 = 0.6 → M1 0.8: 8 × 0.2 = 1.6 points; the advanced gate (≤ 1.0) still passes.
        ("air ratio above 0.5", lambda d: d["outlets"][0].__setitem__("nox", 30), 1.6, "大气污染物", "advanced"),
        # P3 = b: 4 × 0.4 = 1.6 points; b is allowed for advanced.
        ("P3 is b", lambda d: d["answers"].__setitem__("P3", "b"), 1.6, "P3", "advanced"),
        # P3 = c fails the advanced gate too: 4 × 0.75 = 3 points.
        ("P3 is c", lambda d: d["answers"].__setitem__("P3", "c"), 3.0, "P3", "compliant"),
        # NOx 60/50 = 1.2 → M1 0: 8 points; fails both air gates.
        ("air ratio above 1.0", lambda d: d["outlets"][0].__setitem__("nox", 60), 8.0, "大气污染物", "compliant"),
    ],
)
def test_each_benchmark_gate_can_block(
    name: str, mutate: Callable[[dict[str, Any]], None], lost: float, failed_gate: str, grade: str
) -> None:
    result = scored(mutate, base=strong())
    assert num(result.total) == pytest.approx(100.0 - lost), name
    assert result.score_band == "benchmark"
    assert result.grade == grade == result.gate_band
    failed = _failed_gates(result, "benchmark")
    assert len(failed) == 1 and failed_gate in failed[0]
    # The short board names the failed gate of the next grade up (benchmark when advanced).
    if grade == "advanced":
        assert any("门槛未满足" in item.zh and failed_gate in item.zh for item in result.short_board)


def test_near_zero_carbon_gate_either_route() -> None:
    def more_gas(d: dict[str, Any]) -> None:
        d["energy"]["natural_gas"] = 400  # co2/tce = 8 648.8 / 12 231.2 ≈ 0.71 > 0.5

    result = scored(more_gas, base=strong())
    assert (result.metrics["co2_per_tce"] or 0.0) > 0.5
    # Second route: M5 at full marks and renewable electricity 100 % ≥ 50 → gate passes.
    assert frac(result, "M5") == 1.0
    assert result.score_band == "benchmark" and result.grade == "benchmark"

    def more_gas_strict_product(d: dict[str, Any]) -> None:
        more_gas(d)
        d["product_carbon"] = {"benchmark": 0.05, "leading": 0.03}  # 8 648.8/250 000 = 0.0346 → not full

    result = scored(more_gas_strict_product, base=strong())
    assert 0 < (frac(result, "M5") or 0) < 1
    assert result.score_band == "benchmark"
    assert result.grade == "advanced"
    assert any("近零碳" in label for label in _failed_gates(result, "benchmark"))


def test_p3_not_covered_passes_the_benchmark_gate() -> None:
    result = scored(lambda d: d["answers"].__setitem__("P3", "not_covered"), base=strong())
    assert result.grade == "benchmark"


def test_outlets_na_passes_air_gates() -> None:
    result = scored(lambda d: d.__setitem__("outlets", NA), base=strong())
    assert result.grade == "benchmark"


def test_failed_veto_gives_not_yet_with_the_veto_in_the_short_board() -> None:
    result = scored(lambda d: d["answers"].__setitem__("V3", False), base=strong())
    assert num(result.total) == pytest.approx(100.0)
    assert result.vetoes_failed == ("V3",)
    assert result.grade == "not_yet" and result.gate_band == "not_yet"
    assert result.short_board[0].zh.startswith("前提条件未满足：V3")


def test_grade_is_the_lower_of_score_band_and_gate_band() -> None:
    result = scored()  # §8: score band compliant, gates allow advanced
    assert (result.score_band, result.gate_band, result.grade) == ("compliant", "advanced", "compliant")
    low = scored(lambda d: d["answers"].update({"P1": "none", "P2": "standard_only", "P5": "none"}))
    # Process loses 0.75×4 + 0.6×5 + 1×2 = 8 of 23 weight → total below 50.
    assert num(low.total) == pytest.approx(float(scored().total) - 25 * 8 / 23)
    assert low.score_band == "not_yet" and low.grade == "not_yet"


def test_na_vetoes_pass() -> None:
    result = scored(lambda d: d["answers"].update({"V5": NA, "V8": NA}))
    assert result.vetoes_failed == ()


# --------------------------------------------------------------------------- rounding (§1)


def test_round_half_up() -> None:
    # A float counts as the decimal it was written as (its shortest repr); ties go up.
    assert round_half_up(69.95) == Decimal("70.0")
    assert round_half_up(69.949999) == Decimal("69.9")
    assert round_half_up(56.95) == Decimal("57.0")
    assert round_half_up(0.05) == Decimal("0.1")
    assert round_half_up(84.94999999) == Decimal("84.9")
    assert round_half_up(Decimal("2.85")) == Decimal("2.9")
    assert round_half_up(Decimal("-0.05")) == Decimal("-0.1")  # ROUND_HALF_UP: away from zero
    assert str(round_half_up(Decimal("-0.04"))) == "0.0"  # never "-0.0"


def _criteria_with_compliant_line(line: float) -> Any:
    text = resources.files("assessments").joinpath("criteria", "binzhou-dnz-2025.1.json").read_text("utf-8")
    import json

    data = json.loads(text)
    data["grades"][2]["min_total"] = line
    return parse_criteria(data, "test-criteria.json")


def test_bands_compare_the_rounded_total() -> None:
    # Worked example in full precision: process 25×16.52/23, energy 4 + 3×(38.527−30)/30 + 1.2 + 1.8 + 1,
    # governance 2+1+2.01+1.5+1+2+1, emission 19.68 → 56.999…, shown as 57.0.
    elec_share = 100 * 53e6 * KWH_TCE / EX_TCE
    full = 25 * 16.52 / 23 + (4 + 3 * (elec_share - 30) / 30 + 1.2 + 1.8 + 1) + 10.51 + 19.68
    assert 56.99 < full < 57.0
    doc = parse_document(example())
    result = score(doc, criteria=_criteria_with_compliant_line(57))
    assert num(result.total) == pytest.approx(full)
    assert result.total < 57 and result.total_rounded == 57.0
    assert result.score_band == "compliant"  # shown 57.0 ≥ 57 although 56.999… < 57
    assert score(doc, criteria=_criteria_with_compliant_line(57.1)).score_band == "not_yet"


# --------------------------------------------------------------------------- factors (§4.1, §4.2)


@pytest.mark.parametrize(
    ("year", "choice", "factor"),
    [(2025, None, 0.6096), (2022, None, 0.5856), (2021, None, 0.5942), (2020, None, 0.5942), (2025, 2021, 0.5942)],
)
def test_grid_factor_year(year: int, choice: int | None, factor: float) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["year"] = year
        if choice is not None:
            d["factors"] = {"grid_factor_year": choice}

    result = scored(mutate)
    assert result.energy.grid.used == factor
    assert result.energy.grid_year_chosen is (choice is not None)
    assert num(result.metrics["scope2_t"]) == pytest.approx(40e6 * factor / 1000)


def test_equal_value_electricity_basis() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["factors"] = {"electricity_basis": "equal_value", "electricity_kgce_per_kwh": 0.3025}

    result = scored(mutate)
    total = 12000 * 0.7143 + 150 * 12.143 + 53e6 * 0.0003025
    assert num(result.metrics["total_tce"]) == pytest.approx(total)
    assert num(result.metrics["electrification"]) == pytest.approx(100 * 53e6 * 0.0003025 / total)
    assert result.energy.electricity_basis == "equal_value"
    assert num(result.energy.electricity_kgce_per_kwh) == pytest.approx(0.3025)
    assert num(result.metrics["co2_t"]) == pytest.approx(EX_CO2)  # the basis changes tce, not CO2


def test_measured_lhv_changes_tce_and_co2() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["factors"] = {"fuels": {"raw_coal": {"lhv": 23.0}}}

    result = scored(mutate)
    coal_tce = 12000 * 23.0 / 29.3076
    coal_co2 = 12000 * 23.0 * 0.02637 * 0.94 * 44 / 12
    assert num(result.metrics["total_tce"]) == pytest.approx(EX_TCE - 12000 * 0.7143 + coal_tce)
    assert num(result.metrics["scope1_t"]) == pytest.approx(coal_co2 + 150 * GAS_CO2)
    line = next(line for line in result.energy.lines if line.carrier == "raw_coal")
    assert line.overridden


def test_process_co2_counts_in_scope1() -> None:
    result = scored(lambda d: d.__setitem__("process_co2_t", 1000))
    assert num(result.metrics["scope1_t"]) == pytest.approx(EX_SCOPE1 + 1000)


# --------------------------------------------------------------------------- invalid combinations


def test_dimension_with_every_indicator_na_is_a_scoring_error() -> None:
    text = resources.files("assessments").joinpath("criteria", "binzhou-dnz-2025.1.json").read_text("utf-8")
    import json

    data = json.loads(text)
    for ind in data["indicators"]:
        if ind["id"] in ("P1", "P2", "P5"):
            ind["na"] = {"mode": "answer"}
    criteria = parse_criteria(data, "all-na.json")
    doc = parse_document(example())
    answers = dict(doc.answers)
    answers.update({k: NA for k in ("P1", "P2", "P4", "P5", "P6", "P7", "P8")})
    answers["P3"] = "not_covered"
    with pytest.raises(ScoringError) as info:
        score(dataclasses.replace(doc, answers=answers), criteria=criteria)
    assert info.value.problems[0].field == "process"
    assert "生产工艺" in info.value.problems[0].zh and "不适用" in info.value.problems[0].zh


def test_zero_total_energy_is_a_scoring_error() -> None:
    doc = parse_document({**example(), "energy": {"raw_coal": 0}})
    with pytest.raises(ScoringError) as info:
        score(doc)
    assert info.value.problems[0].field == "energy" and "综合能源消费量为 0" in info.value.problems[0].zh


def test_allow_incomplete_lists_missing_items() -> None:
    d = example()
    del d["answers"]["P1"], d["answers"]["V2"], d["history"]
    doc = parse_document(d, partial=True)
    with pytest.raises(ScoringError) as info:
        score(doc)
    assert {p.field for p in info.value.problems} == {"answers.V2", "answers.P1", "history"}
    result = score(doc, allow_incomplete=True)
    assert result.complete is False
    assert set(result.missing) == {"answers.V2", "answers.P1", "history"}
    assert result.indicator("P1").missing and result.indicator("P1").fraction == 0.0
    assert result.indicator("M6").missing
    assert "V2" in result.vetoes_failed  # an unanswered veto is not a pass
