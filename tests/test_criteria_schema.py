"""The bundled criteria and factor data equal the standard; broken files are refused.

Every expected number here is typed by hand from the standard (docs/criteria.md §1–§5, §4.1, §4.2,
§4.6 and "Factors"), not read back from the data files.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest

from assessments.criteria import DEFAULT_CRITERIA_ID, Criteria, available_criteria, load_criteria, parse_criteria
from assessments.errors import CriteriaError
from assessments.factors import load_factors, parse_factors

CRITERIA_NAME = "binzhou-dnz-2025.1.json"
FACTORS_NAME = "cn-factors-2025.1.json"


def raw_criteria() -> dict[str, Any]:
    text = resources.files("assessments").joinpath("criteria", CRITERIA_NAME).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def raw_factors() -> dict[str, Any]:
    text = resources.files("assessments").joinpath("factors", FACTORS_NAME).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.fixture(scope="module")
def criteria() -> Criteria:
    return load_criteria(DEFAULT_CRITERIA_ID)


# --------------------------------------------------------------------------- structure (§1–§3)


def test_bundled_set_is_the_default(criteria: Criteria) -> None:
    assert DEFAULT_CRITERIA_ID == "binzhou-dnz-2025.1"
    assert DEFAULT_CRITERIA_ID in available_criteria()
    assert criteria.id == DEFAULT_CRITERIA_ID
    assert criteria.factors_id == "cn-factors-2025.1"


def test_vetoes(criteria: Criteria) -> None:
    assert [v.id for v in criteria.vetoes] == [f"V{i}" for i in range(1, 9)]
    assert {v.id for v in criteria.vetoes if v.na_allowed} == {"V5", "V8"}
    for veto in criteria.vetoes:
        assert (veto.na_label is not None) == veto.na_allowed


def test_dimension_maxima(criteria: Criteria) -> None:
    assert [(d.id, d.letter, d.max_points) for d in criteria.dimensions] == [
        ("process", "P", 25),
        ("energy", "E", 25),
        ("governance", "G", 15),
        ("emission", "M", 35),
    ]
    assert sum(d.max_points for d in criteria.dimensions) == 100


WEIGHTS = {
    "process": {"P1": 4, "P2": 5, "P3": 4, "P4": 3, "P5": 2, "P6": 3, "P7": 2, "P8": 2},
    "energy": {"E1": 4, "E2": 5, "E3": 5, "E4": 3, "E5": 3, "E6": 3, "E7": 2},
    "governance": {"G1": 2, "G2": 2, "G3": 3, "G4": 3, "G5": 2, "G6": 2, "G7": 1},
    "emission": {"M1": 8, "M2": 4, "M3": 4, "M4": 7, "M5": 5, "M6": 3, "M7": 4},
}


def test_29_indicators_with_their_weights(criteria: Criteria) -> None:
    assert len(criteria.indicators) == 29
    for dim, weights in WEIGHTS.items():
        got = {i.id: i.weight for i in criteria.indicators_of(dim)}
        assert got == weights, dim


OPTIONS = {
    "P1": {"i_leading": 1.0, "ii_advanced": 0.75, "iii_general": 0.4, "audited_no_level": 0.25, "none": 0.0},
    "P2": {"all_ultra_low": 1.0, "main_sources": 0.6, "special_limits": 0.3, "standard_only": 0.0},
    "P3": {"a_plus": 1.0, "a": 1.0, "b": 0.6, "c": 0.25, "d": 0.0, "ungraded": 0.0, "not_covered": None},
    "P5": {"full": 1.0, "partial": 0.5, "none": 0.0},
    "E6": {"all_benchmark": 1.0, "majority": 0.6, "baseline_only": 0.0},
    "G1": {"certified": 1.0, "established": 0.5, "none": 0.0},
    "G2": {"certified": 1.0, "established": 0.5, "none": 0.0},
    "G3": {"verified_footprint": 1.0, "verified": 0.67, "inventory": 0.33, "none": 0.0},
    "G4": {"full": 1.0, "cems_only": 0.5, "manual": 0.0},
    "G5": {"statutory_plus_voluntary": 1.0, "statutory": 0.5, "none": 0.0},
    "G6": {"all": 1.0, "partial": 0.5, "none": 0.0},
}


@pytest.mark.parametrize("indicator_id", sorted(OPTIONS))
def test_option_fractions(criteria: Criteria, indicator_id: str) -> None:
    ind = criteria.indicator(indicator_id)
    assert ind.answer.type == "choice" and ind.method == "choice"
    assert {o.id: o.fraction for o in ind.answer.options} == OPTIONS[indicator_id]
    assert {o.id for o in ind.answer.options if o.na} == ({"not_covered"} if indicator_id == "P3" else set())


def test_answer_types(criteria: Criteria) -> None:
    types = {i.id: i.answer.type for i in criteria.indicators}
    assert {k for k, v in types.items() if v == "number"} == {"P4", "P6", "P7", "P8", "E5", "E7"}
    assert {k for k, v in types.items() if v == "boolean"} == {"G7"}
    assert {k for k, v in types.items() if v == "computed"} == {"E1", "E2", "E3", "E4"} | {f"M{i}" for i in range(1, 8)}
    for iid in ("P4", "P6", "P7", "P8", "E5", "E7"):
        ind = criteria.indicator(iid)
        assert (ind.answer.min, ind.answer.max, ind.answer.unit) == (0, 100, "%")


LINEAR = {  # (zero_at, full_at), docs/criteria.md §3
    "P4": (50, 100),
    "P6": (80, 95),
    "P7": (80, 90),
    "P8": (50, 60),
    "E5": (0, 100),
    "E7": (50, 80),
    "E1": (0, -0.10),
    "E2": (20, 60),
    "E3": (30, 100),
    "E4": (30, 60),
    "M1": (1.0, 0.5),
    "M2": (1.0, 0.5),
    "M4": (1.0, 0.3),
    "M7": (0, 100),
}


@pytest.mark.parametrize("indicator_id", sorted(LINEAR))
def test_linear_thresholds(criteria: Criteria, indicator_id: str) -> None:
    p = criteria.indicator(indicator_id).params
    assert (p["zero_at"], p["full_at"]) == LINEAR[indicator_id]


def test_scoring_details(criteria: Criteria) -> None:
    assert criteria.indicator("E2").params["metric"] == "non_fossil_share"
    assert criteria.indicator("E3").params["metric"] == "renewable_electricity_share"
    assert criteria.indicator("E4").params["metric"] == "electrification"
    assert criteria.indicator("M4").params["metric"] == "co2_per_tce"
    m1 = criteria.indicator("M1").params
    assert (m1["compliance_min"], m1["cap_below_compliance"]) == (95, 0.5)
    m3 = criteria.indicator("M3").params
    assert (m3["reduction_zero_at"], m3["reduction_full_at"]) == (0, 30)
    m6 = criteria.indicator("M6").params
    assert m6["flat_growth"] == 0.001
    assert (m6["rising_zero_at"], m6["rising_full_at"]) == (1.0, 0.5)
    assert (m6["falling_zero_at"], m6["falling_full_at"]) == (1.0, 2.0)
    m7 = criteria.indicator("M7").params
    assert (m7["requires_indicator"], m7["requires_fraction"]) == ("M4", 0.5)
    e5 = criteria.indicator("E5")
    assert [(s.id, s.cap_when_true) for s in e5.sub_answers] == [("E5_coal_fired", 0.5)]


def test_na_rules(criteria: Criteria) -> None:
    modes = {i.id: (i.na.mode, i.na.section) for i in criteria.indicators}
    expected: dict[str, tuple[str, str | None]] = {i.id: ("never", None) for i in criteria.indicators}
    expected["P3"] = ("option", None)
    for iid in ("P4", "P6", "P7", "P8", "E5", "E6", "E7"):
        expected[iid] = ("answer", None)
    expected["E3"] = ("auto", None)
    expected["M1"] = ("section", "outlets")
    expected["M3"] = ("section", "pollutant_intensity")
    expected["M5"] = ("section", "product_carbon")
    expected["M6"] = ("section", "history")
    assert modes == expected
    assert all(i.na.mode == "never" for i in criteria.indicators_of("governance"))


def test_every_text_is_present_in_both_languages(criteria: Criteria) -> None:
    for veto in criteria.vetoes:
        for text in (veto.title, veto.question, veto.help, veto.evidence):
            assert text.zh.strip() and text.en.strip(), veto.id
        assert veto.source.strip()
    for ind in criteria.indicators:
        for text in (ind.title, ind.question, ind.help, ind.evidence):
            assert text.zh.strip() and text.en.strip(), ind.id
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh), ind.id
        assert ind.source.strip(), ind.id
        for option in ind.answer.options:
            assert option.label.zh.strip() and option.label.en.strip(), (ind.id, option.id)
        if ind.na.mode != "never":
            assert ind.na.rule is not None and ind.na.rule.zh.strip() and ind.na.rule.en.strip(), ind.id


# --------------------------------------------------------------------------- grades (§5)


def test_grades_and_gates(criteria: Criteria) -> None:
    assert [(g.id, g.min_total) for g in criteria.grades] == [
        ("benchmark", 85),
        ("advanced", 70),
        ("compliant", 50),
        ("not_yet", 0),
    ]
    bench = criteria.grade("benchmark").gates
    kinds = [g.kind for g in bench]
    assert kinds == ["vetoes_pass", "dimensions_min_share", "answer_in", "metric_max", "any", "answer_in"]
    assert bench[1].params["share"] == 0.7
    assert bench[2].params == {"indicator": "P2", "values": ["all_ultra_low"]}
    assert bench[3].params == {"metric": "worst_air_ratio", "max": 0.5, "pass_if_na": "M1"}
    low_carbon, product_route = bench[4].gates
    assert low_carbon.params == {"metric": "co2_per_tce", "max": 0.5}
    assert [g.params for g in product_route.gates] == [
        {"indicator": "M5", "min": 1.0},
        {"metric": "renewable_electricity_share", "min": 50},
    ]
    assert set(bench[5].params["values"]) == {"a_plus", "a", "not_covered"}
    adv = criteria.grade("advanced").gates
    assert [g.kind for g in adv] == ["vetoes_pass", "metric_max", "answer_in"]
    assert adv[1].params == {"metric": "worst_air_ratio", "max": 1.0, "pass_if_na": "M1"}
    assert set(adv[2].params["values"]) == {"a_plus", "a", "b", "not_covered"}
    assert [g.kind for g in criteria.grade("compliant").gates] == ["vetoes_pass"]
    assert criteria.grade("not_yet").gates == ()
    assert criteria.short_board_top == 3


# --------------------------------------------------------------------------- factors (§4.1, §4.2, §4.6)

# carrier: (unit, tce per unit, t CO2 per unit or None for grid, scope)
CARRIERS = {
    "raw_coal": ("t", 0.7143, 1.9003, 1),
    "coke": ("t", 0.9714, 2.8604, 1),
    "fuel_oil": ("t", 1.4286, 3.1705, 1),
    "gasoline": ("t", 1.4714, 2.9251, 1),
    "kerosene": ("t", 1.4714, 3.0334, 1),
    "diesel": ("t", 1.4571, 3.0959, 1),
    "lpg": ("t", 1.7143, 3.1013, 1),
    "natural_gas": ("10^4 m3", 12.143, 21.622, 1),
    "coke_oven_gas": ("10^4 m3", 5.714, 8.8638, 1),
    "bf_gas": ("10^4 m3", 1.286, 8.4811, 1),
    "purchased_heat": ("GJ", 0.03412, 0.11, 2),
    "grid_electricity": ("kWh", 0.0001229, None, 2),
    "green_electricity": ("kWh", 0.0001229, 0.0, 2),
    "onsite_renewable": ("kWh", 0.0001229, 0.0, 2),
    "other_non_fossil": ("tce", 1.0, 0.0, 1),
}

# docs/criteria.md "Factors": (LHV, carbon content, oxidation)
FUEL_PARAMS = {
    "raw_coal": (20.908, 0.02637, 0.94),
    "coke": (28.435, 0.0295, 0.93),
    "fuel_oil": (41.816, 0.0211, 0.98),
    "gasoline": (43.070, 0.0189, 0.98),
    "kerosene": (43.070, 0.0196, 0.98),
    "diesel": (42.652, 0.0202, 0.98),
    "lpg": (50.179, 0.0172, 0.98),
    "natural_gas": (389.31, 0.0153, 0.99),
    "coke_oven_gas": (179.81, 0.01358, 0.99),
    "bf_gas": (33.00, 0.0708, 0.99),
}

# docs/criteria.md "Factors" status column
TCE_VERIFIED = {
    "raw_coal",
    "diesel",
    "natural_gas",
    "purchased_heat",
    "grid_electricity",
    "green_electricity",
    "onsite_renewable",
}


def test_carrier_table() -> None:
    factors = load_factors("cn-factors-2025.1")
    assert factors.carrier_ids == tuple(CARRIERS)
    for cid, (unit, tce, co2, scope) in CARRIERS.items():
        carrier = factors.carrier(cid)
        assert carrier.unit == unit, cid
        assert carrier.tce_per_unit == tce, cid
        if co2 is None:
            assert carrier.co2.method == "grid"
        elif carrier.co2.method == "fuel":
            assert cid in FUEL_PARAMS
        else:
            assert carrier.co2.t_per_unit == co2, cid
        assert carrier.co2.scope == scope or carrier.co2.method == "grid", cid
    kinds = {c.id: c.kinds for c in factors.carriers}
    assert {c for c, k in kinds.items() if "coal" in k} == {"raw_coal", "coke"}
    assert {c for c, k in kinds.items() if "non_fossil" in k} == {
        "green_electricity",
        "onsite_renewable",
        "other_non_fossil",
    }
    assert {c for c, k in kinds.items() if "electricity" in k} == {
        "grid_electricity",
        "green_electricity",
        "onsite_renewable",
    }
    assert {c for c, k in kinds.items() if "fossil" in k} == set(FUEL_PARAMS)


def test_tce_statuses() -> None:
    factors = load_factors("cn-factors-2025.1")
    for cid in FUEL_PARAMS.keys() | {"purchased_heat", "grid_electricity"}:
        expected = "verified" if cid in TCE_VERIFIED else "unverified"
        assert factors.carrier(cid).tce_status == expected, cid


@pytest.mark.parametrize("carrier_id", sorted(FUEL_PARAMS))
def test_fuel_co2_from_parameters(carrier_id: str) -> None:
    factors = load_factors("cn-factors-2025.1")
    spec = factors.carrier(carrier_id).co2
    assert spec.method == "fuel"
    assert (spec.lhv, spec.carbon_content, spec.oxidation) == FUEL_PARAMS[carrier_id]
    lhv, cc, ox = FUEL_PARAMS[carrier_id]
    by_hand = lhv * cc * ox * 44 / 12
    table = CARRIERS[carrier_id][2]
    assert table is not None
    # The table gives 4–5 significant digits; the product must agree to 4 of them.
    assert math.isclose(by_hand, table, rel_tol=1e-4), (carrier_id, by_hand, table)
    assert math.isclose(spec.fuel_factor(), by_hand, rel_tol=1e-12)


def test_electricity_bases() -> None:
    factors = load_factors("cn-factors-2025.1")
    assert factors.electricity_equivalent.kgce_per_kwh == 0.1229
    assert factors.electricity_equivalent.status == "verified"
    assert factors.electricity_equal_value_default.status == "unverified"
    assert factors.kgce_mj == 29.3076


def test_grid_factors() -> None:
    factors = load_factors("cn-factors-2025.1")
    got = [(g.year, g.used, g.national_average, g.fossil) for g in factors.grid_factors]
    assert got == [(2021, 0.5942, 0.5568, 0.8426), (2022, 0.5856, 0.5366, 0.8325), (2023, 0.6096, 0.5306, 0.8273)]
    assert all(g.source.strip() for g in factors.grid_factors)
    # §4.2: newest year not later than the reporting year, the earliest when none is.
    assert [factors.grid_factor_for(y).year for y in (2019, 2021, 2022, 2023, 2025)] == [2021, 2021, 2022, 2023, 2023]


def test_ultra_low_limits() -> None:
    factors = load_factors("cn-factors-2025.1")
    got = {u.source_type: (u.limits, u.status) for u in factors.ultra_low}
    assert got == {
        "coal_power": ({"pm": 10, "so2": 35, "nox": 50}, "verified"),
        "steel_sinter": ({"pm": 10, "so2": 35, "nox": 50}, "verified"),
        "steel_other": ({"pm": 10, "so2": 50, "nox": 200}, "verified"),
        "cement_kiln": ({"pm": 10, "so2": 35, "nox": 50}, "unverified"),
        "coke_oven": ({"pm": 10, "so2": 30, "nox": 150}, "unverified"),
    }
    assert factors.source_types()[-1] == "custom"


# --------------------------------------------------------------------------- broken criteria files


def _indicator(d: dict[str, Any], iid: str) -> dict[str, Any]:
    ind: dict[str, Any] = next(i for i in d["indicators"] if i["id"] == iid)
    return ind


def _del_key(key: str, iid: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: _indicator(d, iid).pop(key)


def _set(iid: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: _indicator(d, iid).__setitem__(key, value)


def _set_scoring(iid: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: _indicator(d, iid)["scoring"].__setitem__(key, value)


def _option_fraction(d: dict[str, Any]) -> None:
    _indicator(d, "P1")["answer"]["options"][1]["fraction"] = 1.5


def _duplicate_id(d: dict[str, Any]) -> None:
    _indicator(d, "P5")["id"] = "P4"


def _gate_unknown_indicator(d: dict[str, Any]) -> None:
    d["grades"][0]["gates"][2]["indicator"] = "P99"


def _answer_in_unknown_option(d: dict[str, Any]) -> None:
    d["grades"][1]["gates"][2]["values"] = ["a", "bb"]


def _grades_out_of_order(d: dict[str, Any]) -> None:
    d["grades"][0], d["grades"][1] = d["grades"][1], d["grades"][0]


def _empty_dimension(d: dict[str, Any]) -> None:
    d["indicators"] = [i for i in d["indicators"] if i["dimension"] != "governance"]


def _veto_without_source(d: dict[str, Any]) -> None:
    d["vetoes"][2].pop("source")


def _empty_question(d: dict[str, Any]) -> None:
    _indicator(d, "M3")["question"]["en"] = "  "


def _unknown_requires(d: dict[str, Any]) -> None:
    _indicator(d, "M7")["scoring"]["requires_indicator"] = "M44"


def _missing_lin_param(d: dict[str, Any]) -> None:
    _indicator(d, "P6")["scoring"].pop("full_at")


def _unknown_top_key(d: dict[str, Any]) -> None:
    d["weights"] = {}


def _equal_thresholds(d: dict[str, Any]) -> None:
    _indicator(d, "E7")["scoring"]["zero_at"] = 80


def _unknown_dimension(d: dict[str, Any]) -> None:
    _indicator(d, "G2")["dimension"] = "social"


def _lowest_grade_with_gate(d: dict[str, Any]) -> None:
    d["grades"][3]["gates"] = copy.deepcopy(d["grades"][2]["gates"])


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], list[str]]] = [
    ("delete required key", _del_key("evidence", "P4"), ["P4", "evidence"]),
    ("unknown scoring method", _set_scoring("E2", "method", "log"), ["E2", "scoring.method", "metric_lin"]),
    ("weight -1", _set("P4", "weight", -1), ["P4", "weight"]),
    ("weight as text", _set("M2", "weight", "4"), ["M2", "weight"]),
    ("duplicate id", _duplicate_id, ["P4", "重复"]),
    ("gate references unknown indicator", _gate_unknown_indicator, ["benchmark", "P99"]),
    ("option fraction 1.5", _option_fraction, ["P1", "options[1].fraction"]),
    ("answer_in unknown option", _answer_in_unknown_option, ["advanced", "values", "P3"]),
    ("grades out of order", _grades_out_of_order, ["grades", "从高到低"]),
    ("dimension without indicators", _empty_dimension, ["governance", "没有任何指标"]),
    ("veto without source", _veto_without_source, ["V3", "source"]),
    ("blank English question", _empty_question, ["M3", "question.en"]),
    ("requires unknown indicator", _unknown_requires, ["M7", "M44"]),
    ("lin without full_at", _missing_lin_param, ["P6", "full_at"]),
    ("unknown top-level key", _unknown_top_key, ["weights"]),
    ("zero_at equals full_at", _equal_thresholds, ["E7", "zero_at"]),
    ("unknown dimension", _unknown_dimension, ["G2", "dimension"]),
    ("lowest grade with gates", _lowest_grade_with_gate, ["grades", "最低等级"]),
]


def test_unmodified_data_parses() -> None:
    parsed = parse_criteria(raw_criteria(), CRITERIA_NAME)
    assert [i.id for i in parsed.indicators] == [i.id for i in load_criteria(DEFAULT_CRITERIA_ID).indicators]


@pytest.mark.parametrize(("mutate", "fragments"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_criteria_are_refused_naming_the_entry(
    mutate: Callable[[dict[str, Any]], None], fragments: list[str]
) -> None:
    data = raw_criteria()
    mutate(data)
    with pytest.raises(CriteriaError) as info:
        parse_criteria(data, CRITERIA_NAME)
    message = str(info.value)
    assert CRITERIA_NAME in message
    for fragment in fragments:
        assert fragment in message, message


def test_criteria_not_an_object() -> None:
    with pytest.raises(CriteriaError) as info:
        parse_criteria([], CRITERIA_NAME)
    assert "应为对象" in str(info.value)


def test_broken_factor_tables_are_refused_naming_the_entry() -> None:
    cases: list[tuple[Callable[[dict[str, Any]], None], list[str]]] = [
        (lambda d: d["carriers"][1]["co2"].pop("lhv"), ["coke", "lhv"]),
        (lambda d: d["carriers"][0].__setitem__("tce_per_unit", -0.7), ["raw_coal", "tce_per_unit"]),
        (lambda d: d["grid_factors"][1].__setitem__("status", "maybe"), ["grid_factors[1].status"]),
        (lambda d: d["grid_factors"].append(copy.deepcopy(d["grid_factors"][0])), ["grid_factors", "重复"]),
        (lambda d: d["ultra_low_limits"][0]["limits"].__setitem__("co", 5), ["ultra_low_limits[0].limits", "co"]),
    ]
    parse_factors(raw_factors(), FACTORS_NAME)  # the unmodified table is fine
    for mutate, fragments in cases:
        data = raw_factors()
        mutate(data)
        with pytest.raises(CriteriaError) as info:
            parse_factors(data, FACTORS_NAME)
        message = str(info.value)
        assert FACTORS_NAME in message
        for fragment in fragments:
            assert fragment in message, message


# --------------------------------------------------------------------------- source notes (issue #13)

# Sources from outside Shandong, as the criteria file names them (provinces, cities, a city's rubric).
_NON_SHANDONG = ("浙", "江苏", "湖南", "美丽工厂", "宁波", "苏州", "广东", "上海")


def test_every_non_shandong_source_says_why_it_is_used(criteria: Criteria) -> None:
    questions = [*criteria.vetoes, *criteria.indicators]
    cited = [q for q in questions if any(word in q.source for word in _NON_SHANDONG)]
    assert len(cited) >= 10
    for q in cited:
        assert q.source_note is not None, q.id
        assert "山东" in q.source_note.zh and "Shandong" in q.source_note.en, q.id
    for q in questions:
        if q.source_note is not None:
            assert q in cited, f"{q.id} explains a source it does not cite"


@pytest.mark.parametrize("bad", ["只有中文", {"zh": "缺英文"}, {"zh": "", "en": "x"}, 3, None])
def test_a_malformed_source_note_is_refused(bad: Any) -> None:
    data = raw_criteria()
    data["indicators"][0]["source_note"] = bad
    with pytest.raises(CriteriaError, match="source_note"):
        parse_criteria(data, "broken.json")
    data = raw_criteria()
    data["vetoes"][0]["source_note"] = bad
    with pytest.raises(CriteriaError, match="source_note"):
        parse_criteria(data, "broken.json")


@pytest.mark.parametrize("value", [["choice"], {"m": 1}])
def test_a_list_or_object_where_a_name_belongs_is_refused_not_a_type_error(value: Any) -> None:
    """Found by the lever-catalogue fuzz (issue #16): the shared reader compared an unhashable
    value with a set and raised TypeError instead of naming the entry."""
    data = raw_criteria()
    data["indicators"][0]["scoring"]["method"] = value
    with pytest.raises(CriteriaError, match="P1"):
        parse_criteria(data, CRITERIA_NAME)
