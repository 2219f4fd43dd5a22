"""An independent reference scorer, written from docs/criteria.md §1–§5 and docs/criteria.md "Factors" alone.

It shares no code with the program: the weights, options, thresholds, factors and gates are
copied by hand into the tables below (set ``binzhou-dnz-2025.1``, as docs/criteria.md lists it), and
the formulas are the rules of docs/criteria.md. It scores a ``dnz-answers/1`` dict (without the optional ``factors``
object) in one of two arithmetics:

* ``EXACT``: ``fractions.Fraction`` on the decimals as typed (JSON read with ``parse_float=Decimal``);
  shown figures rounded half up (``decimal.ROUND_HALF_UP``) from the exact value — §9 E1.
* ``FLOAT``: the same formulas in binary floating point with the rounding the program used before
  §9 (a near-tie decided on ``repr``), i.e. the old float path, to show that the comparison in the
  tests detects floating-point error.

Only the cube roots of §4.8 are irrational; E1 says to take them in double precision: the double
nearest the ratio, ``math.cbrt``, and that double exactly (``Fraction(float)``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

# --------------------------------------------------------------------------- docs/criteria.md §1, §3

DIMENSIONS = {"process": 25, "energy": 25, "governance": 15, "emission": 35}
WEIGHTS = {
    "P1": 4, "P2": 5, "P3": 4, "P4": 3, "P5": 2, "P6": 3, "P7": 2, "P8": 2,
    "E1": 4, "E2": 5, "E3": 5, "E4": 3, "E5": 3, "E6": 3, "E7": 2,
    "G1": 2, "G2": 2, "G3": 3, "G4": 3, "G5": 2, "G6": 2, "G7": 1,
    "M1": 8, "M2": 4, "M3": 4, "M4": 7, "M5": 5, "M6": 3, "M7": 4,
}  # fmt: skip
DIMENSION_OF = {i: {"P": "process", "E": "energy", "G": "governance", "M": "emission"}[i[0]] for i in WEIGHTS}
CHOICES = {
    "P1": {"i_leading": "1.0", "ii_advanced": "0.75", "iii_general": "0.4", "audited_no_level": "0.25", "none": "0"},
    "P2": {"all_ultra_low": "1.0", "main_sources": "0.6", "special_limits": "0.3", "standard_only": "0"},
    "P3": {"a_plus": "1.0", "a": "1.0", "b": "0.6", "c": "0.25", "d": "0", "ungraded": "0"},  # not_covered: N/A
    "P5": {"full": "1.0", "partial": "0.5", "none": "0"},
    "E6": {"all_benchmark": "1.0", "majority": "0.6", "baseline_only": "0"},
    "G1": {"certified": "1", "established": "0.5", "none": "0"},
    "G2": {"certified": "1", "established": "0.5", "none": "0"},
    "G3": {"verified_footprint": "1.0", "verified": "0.67", "inventory": "0.33", "none": "0"},
    "G4": {"full": "1", "cems_only": "0.5", "manual": "0"},
    "G5": {"statutory_plus_voluntary": "1", "statutory": "0.5", "none": "0"},
    "G6": {"all": "1", "partial": "0.5", "none": "0"},
}
LIN = {"P4": (50, 100), "P6": (80, 95), "P7": (80, 90), "P8": (50, 60), "E5": (0, 100), "E7": (50, 80)}

# --------------------------------------------------------------------------- docs/criteria.md §4, docs/criteria.md "Factors"

TCE = {
    "raw_coal": "0.7143", "coke": "0.9714", "fuel_oil": "1.4286", "gasoline": "1.4714", "kerosene": "1.4714",
    "diesel": "1.4571", "lpg": "1.7143", "natural_gas": "12.143", "coke_oven_gas": "5.714", "bf_gas": "1.286",
    "purchased_heat": "0.03412", "grid_electricity": "0.0001229", "green_electricity": "0.0001229",
    "onsite_renewable": "0.0001229", "other_non_fossil": "1",
}  # fmt: skip
FUEL = {  # LHV, carbon content, oxidation (E3: the factor is computed from these, unrounded)
    "raw_coal": ("20.908", "0.02637", "0.94"), "coke": ("28.435", "0.0295", "0.93"),
    "fuel_oil": ("41.816", "0.0211", "0.98"), "gasoline": ("43.070", "0.0189", "0.98"),
    "kerosene": ("43.070", "0.0196", "0.98"), "diesel": ("42.652", "0.0202", "0.98"),
    "lpg": ("50.179", "0.0172", "0.98"), "natural_gas": ("389.31", "0.0153", "0.99"),
    "coke_oven_gas": ("179.81", "0.01358", "0.99"), "bf_gas": ("33.00", "0.0708", "0.99"),
}  # fmt: skip
HEAT_CO2 = "0.11"
ELECTRICITY = ("grid_electricity", "green_electricity", "onsite_renewable")
NON_FOSSIL = ("green_electricity", "onsite_renewable", "other_non_fossil")
GRID = {2021: "0.5942", 2022: "0.5856", 2023: "0.6096"}
ULTRA_LOW = {
    "coal_power": {"pm": "10", "so2": "35", "nox": "50"},
    "steel_sinter": {"pm": "10", "so2": "35", "nox": "50"},
    "steel_other": {"pm": "10", "so2": "50", "nox": "200"},
    "cement_kiln": {"pm": "10", "so2": "35", "nox": "50"},
    "coke_oven": {"pm": "10", "so2": "30", "nox": "150"},
}
GRADES = (("benchmark", 85), ("advanced", 70), ("compliant", 50), ("not_yet", 0))


@dataclass(frozen=True)
class Arithmetic:
    name: str
    num: Callable[[Any], Any]  # a JSON number or a decimal string → the number type
    round1: Callable[[Any], Decimal]  # a figure → shown with one decimal, half up


def _exact_num(x: Any) -> Fraction:
    if isinstance(x, float):
        raise TypeError("the exact reference reads JSON with parse_float=Decimal")
    return Fraction(x) if not isinstance(x, str) else Fraction(Decimal(x))


def _exact_round(x: Fraction, places: int = 1) -> Decimal:
    scaled = x * 10**places
    steps = math.floor(abs(scaled) + Fraction(1, 2))  # half up: away from zero on a tie
    return Decimal(steps if scaled >= 0 else -steps).scaleb(-places)


def _old_float_round(value: float, places: int = 1) -> Decimal:
    """The program's rounding before §9: floor(x + ½) unless near a tie, where repr() decides."""
    scale = 10.0**places
    scaled = value * scale
    frac = scaled - math.floor(scaled)
    if abs(frac - 0.5) > 1e-6:
        return Decimal(repr(math.floor(scaled + 0.5) / scale)).quantize(Decimal(1).scaleb(-places))
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


EXACT = Arithmetic("exact", _exact_num, _exact_round)
FLOAT = Arithmetic("float", lambda x: float(x), _old_float_round)


@dataclass
class Reference:
    total: Decimal  # shown (rounded)
    grade: str
    score_band: str
    gate_band: str
    dimensions: dict[str, Decimal]  # shown
    points: dict[str, Decimal | None]  # shown; None when N/A
    fractions: dict[str, Any]  # exact (or float) fraction, None when N/A
    exact_total: Any
    exact_dimensions: dict[str, Any]
    exact_points: dict[str, Any]


def _lin(x: Any, zero_at: Any, full_at: Any) -> Any:
    s = (x - zero_at) / (full_at - zero_at)
    return 0 * s if s <= 0 else 1 + 0 * s if s >= 1 else s


def score(d: dict[str, Any], a: Arithmetic = EXACT) -> Reference:
    """docs/criteria.md §1–§5 for a complete ``dnz-answers/1`` dict without ``factors``."""
    n = a.num
    ans = d["answers"]
    energy = {k: n(v) for k, v in d["energy"].items()}

    def amount(cid: str) -> Any:
        return energy.get(cid, n(0))

    # §4.2 grid factor: newest factor year not later than the reporting year (earliest if none).
    years = [y for y in GRID if y <= d["year"]]
    grid = n(GRID[max(years) if years else min(GRID)])
    # §4.3
    tce = {cid: amount(cid) * n(TCE[cid]) for cid in TCE}
    total_tce = sum(tce.values(), n(0))
    elec_kwh = sum((amount(c) for c in ELECTRICITY), n(0))
    gec = n(d.get("gec_mwh", 0)) * 1000
    gec_cover = min(amount("grid_electricity"), gec)
    non_fossil = 100 * sum((tce[c] for c in NON_FOSSIL), n(0)) / total_tce
    renewable = (
        100 * (amount("green_electricity") + amount("onsite_renewable") + gec_cover) / elec_kwh
        if elec_kwh > 0
        else None
    )
    electrification = 100 * sum((tce[c] for c in ELECTRICITY), n(0)) / total_tce
    # §4.4
    coal_now = tce["raw_coal"] + tce["coke"]
    coal_2020 = n(d["coal_2020"].get("raw_coal", 0)) * n("0.7143") + n(d["coal_2020"].get("coke", 0)) * n("0.9714")
    # §4.5
    scope1 = n(d.get("process_co2_t", 0))
    for cid, (lhv, cc, ox) in FUEL.items():
        scope1 += amount(cid) * n(lhv) * n(cc) * n(ox) * 44 / 12
    scope2 = (amount("grid_electricity") - gec_cover) * grid / 1000 + amount("purchased_heat") * n(HEAT_CO2)
    co2 = scope1 + scope2
    co2_per_tce = co2 / total_tce
    offsets = n(d.get("offsets_t", 0))
    offset_coverage = n(100) if co2 == 0 else 100 * min(n(1), offsets / co2)

    s: dict[str, Any] = {}  # fraction per applicable indicator
    for ind, table in CHOICES.items():
        if ans[ind] != "not_covered" and ans[ind] != "na":
            s[ind] = n(table[ans[ind]])
    s["G7"] = n(1) if ans["G7"] is True else n(0)
    for ind, (zero_at, full_at) in LIN.items():
        if ans[ind] != "na":
            s[ind] = _lin(n(ans[ind]), n(zero_at), n(full_at))
    if "E5" in s and ans.get("E5_coal_fired") is True:
        s["E5"] = min(s["E5"], n("0.5"))
    # E1
    if coal_2020 > 0:
        s["E1"] = _lin((coal_now - coal_2020) / coal_2020, n(0), n("-0.10"))
    else:
        s["E1"] = n(1) if coal_now == 0 else n(0)
    s["E2"] = _lin(non_fossil, n(20), n(60))
    if renewable is not None:
        s["E3"] = _lin(renewable, n(30), n(100))
    s["E4"] = _lin(electrification, n(30), n(60))
    # M1 (§4.6)
    worst_air = None
    if d["outlets"] != "na":
        for o in d["outlets"]:
            limits = o["limits"] if o["source"] == "custom" else ULTRA_LOW[o["source"]]
            for pol in ("pm", "so2", "nox"):
                if pol in o and pol in limits:
                    r = n(o[pol]) / n(limits[pol])
                    worst_air = r if worst_air is None else max(worst_air, r)
        s["M1"] = _lin(worst_air, n(1), n("0.5"))
        if any(n(o["hourly_compliance"]) < 95 for o in d["outlets"]):
            s["M1"] = min(s["M1"], n("0.5"))
    # M2 (§4.7)
    if d["water"]["zld"]:
        s["M2"] = n(1)
    else:
        worst_water = max(n(w["concentration"]) / n(w["limit"]) for w in d["water"]["pollutants"])
        s["M2"] = _lin(worst_water, n(1), n("0.5"))
    # M3
    pi = d["pollutant_intensity"]
    if pi != "na":
        if "reduction_pct_3y" in pi:
            s["M3"] = _lin(n(pi["reduction_pct_3y"]), n(0), n(30))
        else:
            s["M3"] = _lin(n(pi["value"]), n(pi["benchmark"]), n(pi["leading"]))
    s["M4"] = _lin(co2_per_tce, n(1), n("0.3"))
    pc = d["product_carbon"]
    if pc != "na":
        s["M5"] = _lin(co2 / n(d["output"]["quantity"]), n(pc["benchmark"]), n(pc["leading"]))
    # M6 (§4.8, E4)
    h = d["history"]
    if h != "na":
        if a is EXACT:
            g_co2 = Fraction(math.cbrt(float(co2 / n(h["co2_t_3y_ago"])))) - 1
            g_out = Fraction(math.cbrt(float(n(d["output"]["quantity"]) / n(h["output_3y_ago"])))) - 1
        else:  # the old program: x ** (1/3) on doubles
            g_co2 = (co2 / n(h["co2_t_3y_ago"])) ** (1.0 / 3.0) - 1.0
            g_out = (n(d["output"]["quantity"]) / n(h["output_3y_ago"])) ** (1.0 / 3.0) - 1.0
        if abs(g_out) < n("0.001"):
            grew = _exact_round(g_co2, 4) > 0 if a is EXACT else g_co2 > 0
            s["M6"] = n(0) if grew else n(1)
        elif g_out > 0:
            s["M6"] = _lin(g_co2 / g_out, n(1), n("0.5"))
        else:
            s["M6"] = _lin(g_co2 / g_out, n(1), n(2))
    # M7: counts only if M4's fraction ≥ 0.5
    s["M7"] = _lin(offset_coverage, n(0), n(100)) if s["M4"] >= n("0.5") else n(0)

    # §1: dimensions over applicable weights, total, points
    dims: dict[str, Any] = {}
    exact_points: dict[str, Any] = {}
    for dim, max_points in DIMENSIONS.items():
        members = [i for i in WEIGHTS if DIMENSION_OF[i] == dim]
        weight = sum(WEIGHTS[i] for i in members if i in s)
        dims[dim] = n(max_points) * sum((n(WEIGHTS[i]) * s[i] for i in members if i in s), n(0)) / n(weight)
        for i in members:
            exact_points[i] = n(max_points) * n(WEIGHTS[i]) / n(weight) * s[i] if i in s else None
    points = {i: None if p is None else a.round1(p) for i, p in exact_points.items()}
    total = sum(dims.values(), n(0))
    shown_total = a.round1(total)
    shown_dims = {k: a.round1(v) for k, v in dims.items()}
    # §2, §5
    vetoes_ok = all(ans[v] is True or ans[v] == "na" for v in ("V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8"))
    air_ok_05 = "M1" not in s or worst_air <= n("0.5")
    air_ok_10 = "M1" not in s or worst_air <= n(1)
    near_zero = co2_per_tce <= n("0.5") or ("M5" in s and s["M5"] == 1 and renewable is not None and renewable >= 50)
    gates = {
        "benchmark": vetoes_ok
        and all(shown_dims[k] >= Decimal("0.7") * DIMENSIONS[k] for k in DIMENSIONS)  # E2: rounded, as shown
        and ans["P2"] == "all_ultra_low"
        and air_ok_05
        and near_zero
        and ans["P3"] in ("a_plus", "a", "not_covered"),
        "advanced": vetoes_ok and air_ok_10 and ans["P3"] in ("a_plus", "a", "b", "not_covered"),
        "compliant": vetoes_ok,
        "not_yet": True,
    }
    order = [g for g, _ in GRADES]
    band = next(g for g, line in GRADES if shown_total >= line)
    gate_band = next(g for g in order if gates[g])
    grade = order[max(order.index(band), order.index(gate_band))]
    return Reference(
        shown_total,
        grade,
        band,
        gate_band,
        shown_dims,
        points,
        {i: s.get(i) for i in WEIGHTS},
        total,
        dims,
        exact_points,
    )
