"""docs/criteria.md §8: the worked example reproduces exactly."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from assessments.document import parse_document
from assessments.rounding import round_half_up
from assessments.scoring import score
from tests.conftest import example


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return score(parse_document(example()))


def test_total_and_grade(result) -> None:  # type: ignore[no-untyped-def]
    assert result.total_rounded == 57.0
    assert result.grade == "compliant"
    assert result.score_band == "compliant"
    assert result.gate_band == "advanced"  # "gates would allow advanced"
    assert result.vetoes_failed == ()


def test_dimensions(result) -> None:  # type: ignore[no-untyped-def]
    shown = {d.id: d.rounded for d in result.dimensions}
    assert shown == {"process": 18.0, "energy": 8.9, "governance": 10.5, "emission": 19.7}
    # P8 is N/A, so process is rescaled over the remaining weight 23.
    assert result.dimension("process").applicable_weight == 23
    assert result.indicator("P8").applicable is False


def test_energy_figures(result) -> None:  # type: ignore[no-untyped-def]
    m = result.metrics
    # Exact decimals (§9 E1): tce is a sum of products of typed decimals, so no rounding at all.
    assert m["total_tce"] == D("16906.75")
    lines = {line.carrier: line.tce for line in result.energy.lines}
    assert lines == {
        "raw_coal": D("8571.6"),
        "natural_gas": D("1821.45"),
        "grid_electricity": D("5161.8"),
        "green_electricity": D("983.2"),
        "onsite_renewable": D("368.7"),
    }
    assert round_half_up(m["scope1_t"], 1) == D("26046.9")
    assert m["scope2_t"] == D("24384")
    assert round_half_up(m["co2_t"], 1) == D("50430.9")
    assert result.energy.grid.year == 2023 and result.energy.grid.used == 0.6096
    assert result.energy.gec_cover_kwh == 2_000_000


def test_ratios_and_fractions(result) -> None:  # type: ignore[no-untyped-def]
    m = result.metrics
    assert round_half_up(m["co2_per_tce"], 3) == D("2.983")
    assert result.indicator("M4").fraction == 0
    assert result.indicator("M7").fraction == 0  # M4 < 0.5: offsets do not count
    assert round_half_up(m["renewable_electricity_share"], 2) == D("24.53")
    assert result.indicator("E3").fraction == 0
    assert round_half_up(m["non_fossil_share"], 2) == D("8.00")
    assert round_half_up(m["electrification"], 2) == D("38.53")
    assert m["coal_change"] == D("-0.2")  # exactly −20 %
    assert result.indicator("E1").fraction == 1
    assert m["worst_air_ratio"] == D("0.64")
    assert result.indicator("M1").fraction == D("0.72")
    assert m["worst_water_ratio"] == D("0.56")
    assert result.indicator("M2").fraction == D("0.88")


def test_short_board_names_the_missing_points(result) -> None:  # type: ignore[no-untyped-def]
    texts = [item.zh for item in result.short_board]
    assert texts[0].startswith("总分 57.0 低于“先进”等级分数线 70 分")
    top = [g.indicator for g in result.gaps[:3]]
    assert top == ["M4", "E2", "E3"]
    assert result.gaps[0].target_value == D("0.3")
    assert "≤ 0.3" in texts[1]
    assert len(texts) == 4  # score shortfall + three indicators; no failed veto, no failed gate
