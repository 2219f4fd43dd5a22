"""docs/criteria.md §9 E1: every shown figure and the grade equal exact rational arithmetic.

The program is compared with ``tests/exact_reference.py`` — an independent scorer written from
docs/criteria.md §1–§5 with ``fractions.Fraction`` — on generated documents built to hit decimal ties
(x.x5 after weighting, after rescaling under N/A, dimension sums on .x5). The same reference run
in binary floating point (the program's old arithmetic) fails the same comparison, which shows
the comparison can fail.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments import jsonnum
from assessments.document import parse_document
from assessments.exact import Q
from assessments.scoring import Result, score
from tests import exact_reference as ref
from tests.conftest import example_decimal

D = Decimal
CARRIERS = tuple(ref.TCE)
SOURCES = (*ref.ULTRA_LOW, "custom")


# --------------------------------------------------------------------------- documents with ties


def _pick(rng: random.Random, *grids: tuple[int, int, str]) -> Decimal:
    """A decimal from one of the grids (low, high, step): ties come from short decimals."""
    low, high, step = rng.choice(grids)
    unit = D(step)
    return (D(rng.randint(int(D(low) / unit), int(D(high) / unit))) * unit).normalize() + 0


def percent(rng: random.Random) -> Decimal:
    return _pick(rng, (0, 100, "5"), (0, 100, "0.25"), (0, 100, "0.05"), (0, 100, "0.1"), (80, 100, "0.01"))


def amount(rng: random.Random, high: int) -> Decimal:
    return _pick(rng, (0, high, "1"), (0, high, "100"), (0, high // 10, "0.1"), (0, high // 100, "0.01"))


def build_document(rng: random.Random) -> dict[str, Any]:
    """A complete, valid ``dnz-answers/1`` dict (numbers as Decimal/int, as ``jsonnum`` reads JSON)."""
    d = example_decimal()
    a: dict[str, Any] = {v: rng.choice([True] * 8 + [False]) for v in ("V1", "V2", "V3", "V4", "V6", "V7")}
    a["V5"] = rng.choice([True, True, "na", False])
    a["V8"] = rng.choice([True, True, "na"])
    for ind, table in ref.CHOICES.items():
        a[ind] = rng.choice([*table, *(["not_covered"] if ind == "P3" else []), *(["na"] if ind == "E6" else [])])
    a["G7"] = rng.random() < 0.5
    for ind in ref.LIN:
        a[ind] = "na" if ind != "E5" and rng.random() < 0.15 else percent(rng)
    a["E5"] = rng.choice([percent(rng), D(rng.randrange(0, 101, 5)), "na"])  # multiples of 5: 3 × x/100 ties
    if a["E5"] != "na":
        a["E5_coal_fired"] = rng.random() < 0.3
    d["answers"] = a
    energy: dict[str, Any] = {}
    if rng.random() < 0.25:  # electricity only: E2 and E4 exact decimals
        energy = {"green_electricity": amount(rng, 10**7) + 1, "grid_electricity": amount(rng, 10**7)}
    else:
        for cid in rng.sample(CARRIERS, rng.randint(1, 6)):
            energy[cid] = amount(rng, 10**7 if "electricity" in cid or cid == "onsite_renewable" else 50_000)
        energy[rng.choice(("raw_coal", "natural_gas", "grid_electricity"))] = amount(rng, 10**6) + 1
    d["energy"] = {k: v for k, v in energy.items() if v}
    d["coal_2020"] = {
        "raw_coal": rng.choice([0, amount(rng, 50_000) + 1]),
        "coke": rng.choice([0, 0, amount(rng, 5000)]),
    }
    d["gec_mwh"] = rng.choice([0, amount(rng, 20_000)])
    d["process_co2_t"] = rng.choice([0, 0, amount(rng, 5000)])
    d["offsets_t"] = rng.choice([0, amount(rng, 20_000)])
    d["output"] = {"quantity": amount(rng, 10**6) + 1, "unit": "t"}
    if rng.random() < 0.15:
        d["outlets"] = "na"
    else:
        outlets = []
        for i in range(rng.randint(1, 3)):
            source = rng.choice(SOURCES)
            o: dict[str, Any] = {"name": f"{i + 1}#", "source": source}
            for pol in rng.sample(("pm", "so2", "nox"), rng.randint(1, 3)):
                o[pol] = _pick(rng, (0, 60, "0.5"), (0, 60, "0.01"), (0, 60, "0.0625"))
            if source == "custom":
                o["limits"] = {
                    pol: _pick(rng, (5, 200, "5"), (1, 50, "0.5")) for pol in ("pm", "so2", "nox") if pol in o
                }
            o["hourly_compliance"] = rng.choice([D(100), D("99.5"), D(95), D("94.9"), percent(rng)])
            outlets.append(o)
        d["outlets"] = outlets
    if rng.random() < 0.3:
        d["water"] = {"zld": True}
    else:
        d["water"] = {
            "zld": False,
            "pollutants": [
                {
                    "name": "COD",
                    "concentration": _pick(rng, (0, 60, "0.5"), (0, 60, "0.1")),
                    "limit": D(rng.choice([50, 60, 100])),
                },
                {"name": "NH3-N", "concentration": _pick(rng, (0, 8, "0.05")), "limit": _pick(rng, (1, 8, "0.5"))},
            ],
        }
    variant = rng.random()
    if variant < 0.4:
        d["pollutant_intensity"] = {"reduction_pct_3y": _pick(rng, (-20, 45, "0.75"), (-20, 45, "0.1"))}
    elif variant < 0.8:
        bench = _pick(rng, (1, 10, "0.5"))
        lead = _pick(rng, (0, int(bench) - 1 if bench > 1 else 0, "0.25")) if bench > D("1") else D(0)
        d["pollutant_intensity"] = {"value": _pick(rng, (0, 12, "0.05")), "benchmark": bench, "leading": lead}
    else:
        d["pollutant_intensity"] = "na"
    if rng.random() < 0.2:
        d["product_carbon"] = "na"
    else:
        bench = _pick(rng, (1, 40, "0.5"))
        d["product_carbon"] = {"benchmark": bench, "leading": (bench * _pick(rng, (0, 9, "1")) / 10).normalize()}
    roll = rng.random()
    if roll < 0.15:
        d["history"] = "na"
    else:
        out = d["output"]["quantity"]
        then = out if roll < 0.35 else amount(rng, 10**6) + 1  # flat output: the E4 branch
        d["history"] = {"co2_t_3y_ago": amount(rng, 10**6) + 1, "output_3y_ago": then}
    d["year"] = rng.choice([2020, 2021, 2022, 2023, 2025])
    d.pop("factors", None)
    if rng.random() < 0.35:
        _decimal_friendly(d, rng)
    return d


def _decimal_friendly(d: dict[str, Any], rng: random.Random) -> None:
    """Make every metric indicator a short decimal, so dimension sums and the total land on x.x5
    often: electricity only with the grid share covered by certificates (no CO₂, so M4, M5, M7
    full and M6 full or N/A), no coal, ratios against limits that divide evenly, no N/A."""
    a = d["answers"]
    for ind in ("P4", "P6", "P7", "P8", "E5"):
        a[ind] = D(rng.randrange(0, 101, 5))
    a["E5_coal_fired"] = rng.random() < 0.3
    a["E7"] = D(rng.choice([0, 50, 65, 80, 95]))
    a["P3"] = rng.choice(["a", "b", "c"])
    a["E6"] = rng.choice(["all_benchmark", "majority", "baseline_only"])
    parts = rng.choice([4, 5, 8, 10, 16, 20, 25, 40])  # green / (green + grid) terminates
    green_parts = rng.randint(1, parts)
    green = D(green_parts) * 250_000
    grid = D(parts - green_parts) * 250_000
    d["energy"] = {k: v for k, v in {"green_electricity": green, "grid_electricity": grid}.items() if v}
    d["gec_mwh"] = grid / 1000
    d["coal_2020"] = {"raw_coal": 0, "coke": 0}
    d["process_co2_t"] = 0
    d["outlets"] = [
        {"name": "1#", "source": "steel_other", "nox": _pick(rng, (0, 200, "5")), "hourly_compliance": D(100)},
        {"name": "2#", "source": "custom", "limits": {"pm": D(20)}, "pm": _pick(rng, (0, 20, "0.5")),
         "hourly_compliance": rng.choice([D(100), D("94.5")])},
    ]  # fmt: skip
    if not d["water"]["zld"]:
        d["water"]["pollutants"] = [
            {"name": "COD", "concentration": _pick(rng, (0, 60, "2.5")), "limit": D(50)},
            {"name": "NH3-N", "concentration": _pick(rng, (0, 5, "0.25")), "limit": D(5)},
        ]
    d["pollutant_intensity"] = {"reduction_pct_3y": _pick(rng, (0, 40, "3.75"))}
    if d["product_carbon"] == "na":
        d["product_carbon"] = {"benchmark": D(2), "leading": D(1)}
    if d["history"] == "na":
        d["history"] = {"co2_t_3y_ago": D(1000), "output_3y_ago": d["output"]["quantity"]}


# --------------------------------------------------------------------------- comparison


def exact(q: Q | None) -> Fraction | None:
    return None if q is None else Fraction(q[0]) / Fraction(q[1])


def shown(value: float | None) -> Decimal | None:
    """A shown score of the program (a one-decimal float) as the decimal it stands for."""
    return None if value is None else D(repr(value))


def disagreements(result: Result, r: ref.Reference) -> list[str]:
    """Every figure in which the program's result differs from the reference (empty: agree)."""
    out = []
    if shown(result.total_rounded) != r.total:
        out.append(f"total {result.total_rounded} ≠ {r.total}")
    for key in ("grade", "score_band", "gate_band"):
        if getattr(result, key) != getattr(r, key):
            out.append(f"{key} {getattr(result, key)} ≠ {getattr(r, key)}")
    for dim in result.dimensions:
        if shown(dim.rounded) != r.dimensions[dim.id]:
            out.append(f"{dim.id} {dim.rounded} ≠ {r.dimensions[dim.id]}")
    for ind in result.indicators:
        if shown(ind.points_shown) != r.points[ind.id]:
            out.append(f"{ind.id} points {ind.points_shown} ≠ {r.points[ind.id]}")
        if exact(ind.fraction_q) != r.fractions[ind.id]:
            out.append(f"{ind.id} fraction {exact(ind.fraction_q)} ≠ {r.fractions[ind.id]}")
    if exact(result.total_q) != r.exact_total:
        out.append(f"exact total {exact(result.total_q)} ≠ {r.exact_total}")
    return out


def reference_disagreements(old: ref.Reference, r: ref.Reference) -> list[str]:
    """The same check for the reference run in another arithmetic (the old float path)."""
    out = [f"total {old.total} ≠ {r.total}"] if old.total != r.total else []
    out += [f"grade {old.grade} ≠ {r.grade}"] if old.grade != r.grade else []
    out += [f"{k} {old.dimensions[k]} ≠ {v}" for k, v in r.dimensions.items() if old.dimensions[k] != v]
    out += [f"{k} points {old.points[k]} ≠ {v}" for k, v in r.points.items() if old.points[k] != v]
    return out


def program(d: dict[str, Any]) -> Result:
    """The program's path: JSON text → jsonnum → parse → score."""
    return score(parse_document(jsonnum.loads(jsonnum.dumps(d))))


def is_tie(x: Fraction | None) -> bool:
    """An exact value halfway between two one-decimal figures (x.x5)."""
    return x is not None and (x * 10 - Fraction(1, 2)).denominator == 1


# --------------------------------------------------------------------------- the property


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_program_equals_the_exact_reference(rng: random.Random) -> None:
    d = build_document(rng)
    assert disagreements(program(d), ref.score(d)) == []


SAMPLE = [build_document(random.Random(seed)) for seed in range(400)]


def test_generated_documents_include_ties_and_all_agree() -> None:
    ties = {"points": 0, "dimension": 0, "total": 0}
    for d in SAMPLE:
        r = ref.score(d)
        ties["points"] += any(is_tie(p) for p in r.exact_points.values())
        ties["dimension"] += any(is_tie(v) for v in r.exact_dimensions.values())
        ties["total"] += is_tie(r.exact_total)
        assert disagreements(program(d), r) == [], d
    # The generator really produces the cases E1 is about (counts from this fixed sample).
    assert ties["points"] >= 100, ties
    assert ties["dimension"] >= 20, ties
    assert ties["total"] >= 10, ties


def test_the_old_float_arithmetic_fails_the_same_check() -> None:
    # The reference in binary floating point with the old rounding (the program before §9):
    # on the same documents it disagrees with exact arithmetic, so the check above can fail.
    failing = [d for d in SAMPLE if reference_disagreements(ref.score(d, ref.FLOAT), ref.score(d))]
    assert len(failing) >= 10, len(failing)
    # And the program is not the float path: it agrees with the exact reference on every one.
    assert all(disagreements(program(d), ref.score(d)) == [] for d in failing)
    # (A grade that flips is shown by the explicit examples below.)


# --------------------------------------------------------------------------- E1 and E4 examples


def worked(**answers: Any) -> dict[str, Any]:
    d = example_decimal()
    d["answers"].update(answers)
    return d


def test_e1_e5_95_gives_2_9() -> None:
    # 3 × 0.95 = 2.85 → 2.9 (the float path computes 2.8499999999999996 and shows 2.8).
    d = worked(E5=D(95))
    assert program(d).indicator("E5").points_shown == 2.9
    assert ref.score(d).points["E5"] == D("2.9")
    assert ref.score(d, ref.FLOAT).points["E5"] == D("2.8")


def test_e1_p6_94_75_with_p8_60_gives_3_0() -> None:
    # 3 × 59/60 = 2.95 → 3.0.
    d = worked(P6=D("94.75"), P8=D(60))
    result = program(d)
    assert exact(result.indicator("P6").points_q) == Fraction(59, 20)
    assert result.indicator("P6").points_shown == 3.0
    assert ref.score(d, ref.FLOAT).points["P6"] == D("2.9")


def e1_total_document() -> dict[str, Any]:
    """Dimensions 14.1 + 20.95 + 5.0 + 29.9 = 69.95 (built by hand from §3)."""
    d = worked(
        # process 14.1: 3 + 3 + 2.4 + 1.68 (P4 78) + 2 + 0.42 (P6 82.1) + 0 (P7 80) + 1.6 (P8 58)
        P1="ii_advanced", P2="main_sources", P3="b", P4=D(78), P5="full", P6=D("82.1"), P7=D(80), P8=D(58),
        # energy 20.95: E1 4 (no coal) + E2 5 + E3 5 + E4 3 (green electricity only) + E5 2.85 + E6 0 + E7 1.1
        E5=D(95), E5_coal_fired=False, E6="baseline_only", E7=D("66.5"),
        # governance 5.0: 2 + 1 + 0 + 0 + 1 + 1 + 0
        G1="certified", G2="established", G3="none", G4="manual", G5="statutory", G6="partial", G7=False,
    )  # fmt: skip
    # emission 29.9: M1 8 × 0.3625 = 2.9 (ratio 40.9375/50), M2 4 (ZLD), M3 4, M4 7 and M7 4 (no CO₂),
    # M5 5, M6 3 (output up, CO₂ down).
    d["energy"] = {"green_electricity": 30_000_000}
    d["coal_2020"] = {"raw_coal": 0, "coke": 0}
    d["gec_mwh"] = 0
    d["outlets"] = [
        {"name": "1#锅炉", "source": "coal_power", "pm": D(4), "nox": D("40.9375"), "hourly_compliance": 100}
    ]
    d["water"] = {"zld": True}
    d["pollutant_intensity"] = {"reduction_pct_3y": 30}
    return d


def test_e1_dimensions_summing_to_69_95_give_70_0_and_advanced() -> None:
    d = e1_total_document()
    result = program(d)
    assert [shown(x.rounded) for x in result.dimensions] == [
        D("14.1"),
        D("20.95").quantize(D("0.1")),
        D("5.0"),
        D("29.9"),
    ]
    assert [exact(x.score_q) for x in result.dimensions] == [Fraction("14.1"), Fraction("20.95"), 5, Fraction("29.9")]
    assert exact(result.total_q) == Fraction("69.95")
    assert result.total_rounded == 70.0
    assert (result.score_band, result.gate_band, result.grade) == ("advanced", "advanced", "advanced")
    exact_ref, old = ref.score(d), ref.score(d, ref.FLOAT)
    assert (exact_ref.total, exact_ref.grade) == (D("70.0"), "advanced")
    assert (old.total, old.grade) == (D("69.9"), "compliant")  # the grade the float path gave


def coke_plant() -> dict[str, Any]:
    """The worked example burning coke instead of raw coal and gas."""
    d = example_decimal()
    d["energy"] = {"coke": 12000, "grid_electricity": 42_000_000, "green_electricity": 8_000_000}
    d["coal_2020"] = {"raw_coal": 0, "coke": 15000}
    return d


def table_co2(d: dict[str, Any]) -> Decimal:
    """Its CO₂ with the 4-decimal coke factor of the §4.1 table (2.8604), as a user types the
    year −3 figure; the program computes 2.860418825 from the parameters (E3): +0.0007 %."""
    e = d["energy"]
    return e["coke"] * D("2.8604") + (e["grid_electricity"] - d["gec_mwh"] * 1000) * D("0.6096") / 1000


def e4_document(co2_then: Decimal | None = None) -> dict[str, Any]:
    """Flat output; the year −3 CO₂ typed from the table factors."""
    d = coke_plant()
    d["history"] = {"co2_t_3y_ago": co2_then or table_co2(d), "output_3y_ago": d["output"]["quantity"]}
    return d


def test_e4_flat_output_with_table_factor_co2_scores_full() -> None:
    d = e4_document()
    result = program(d)
    growth = Fraction(result.energy.co2_q[0]) / result.energy.co2_q[1] / Fraction(table_co2(d)) - 1
    assert 0 < growth < Fraction(1, 10**4)  # today's parameter-computed factor: CO₂ "grew" a hair
    m6 = result.indicator("M6")
    assert m6.fraction == 1 and m6.points_shown == 3.0  # g_co2 rounds to 0.0000: not growth (E4)
    assert ref.score(d).points["M6"] == D("3.0")
    assert ref.score(d, ref.FLOAT).points["M6"] == D("0.0")  # the old path: "grew" → 0 points


def test_e4_real_growth_still_scores_zero() -> None:
    d = e4_document((table_co2(coke_plant()) / D("1.0002") ** 3).quantize(D("0.1")))  # 0.02 %/year
    assert program(d).indicator("M6").fraction == 0
    assert ref.score(d).points["M6"] == D("0.0")


def test_e4_changes_the_grade() -> None:
    # An assessment near the 50 line: M6's 3 points decide between compliant and not_yet.
    d = e4_document()
    d["answers"].update({"P1": "none", "G3": "none"})
    result, old = program(d), ref.score(d, ref.FLOAT)
    assert result.total_rounded >= 50 > float(old.total)
    assert (result.grade, old.grade) == ("compliant", "not_yet")
    assert float(ref.score(d).total) == result.total_rounded
