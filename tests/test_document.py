"""The `dnz-answers/1` document (docs/criteria.md §6, §7; docs/dnz-answers.md): parse, serialise, errors."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.document import (
    NA,
    decode_json,
    document_to_dict,
    document_to_json,
    parse_document,
    parse_document_json,
)
from assessments.errors import DocumentError, Problem
from tests.conftest import example

# --------------------------------------------------------------------------- helpers


def problems(data: Any, *, partial: bool = False) -> list[Problem]:
    with pytest.raises(DocumentError) as info:
        parse_document(data, partial=partial)
    assert info.value.problems, "a DocumentError must carry at least one problem"
    return info.value.problems


def only_problem(data: Any, field: str, *, partial: bool = False) -> str:
    """The Chinese message of the single problem reported, which must be about ``field``."""
    found = problems(data, partial=partial)
    assert [p.field for p in found] == [field], [str(p) for p in found]
    return found[0].zh


def json_problems(text: str) -> list[Problem]:
    with pytest.raises(DocumentError) as info:
        parse_document_json(text)
    return info.value.problems


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# --------------------------------------------------------------------------- round trip


def test_worked_example_parses() -> None:
    doc = parse_document(example())
    assert doc.year == 2025
    assert doc.answers["P4"] == 82.0 and doc.answers["V5"] == NA
    assert doc.energy["raw_coal"] == 12000.0
    assert doc.outlets != NA and doc.outlets is not None and len(doc.outlets) == 2
    assert doc.enterprise.uscc == "91371600MA3C5K2X7K"


def test_round_trip_and_idempotent_serialisation() -> None:
    doc = parse_document(example())
    once = document_to_dict(doc)
    again = parse_document(once)
    assert again == doc
    assert document_to_dict(again) == once
    # The JSON text form is also stable.
    assert parse_document_json(document_to_json(doc)) == doc


def test_round_trip_of_every_variant() -> None:
    d = example()
    d["outlets"] = NA
    d["water"] = {"zld": True}
    d["pollutant_intensity"] = {"value": 0.8, "benchmark": 1.5, "leading": 0.5}
    d["product_carbon"] = NA
    d["history"] = NA
    d["answers"]["P3"] = "not_covered"
    d["answers"]["E5"] = NA
    del d["answers"]["E5_coal_fired"]
    d["factors"] = {
        "electricity_basis": "equal_value",
        "electricity_kgce_per_kwh": 0.3025,
        "grid_factor_year": 2022,
        "fuels": {"raw_coal": {"lhv": 23.0, "note": "实测"}},
        "note": "企业实测低位发热量",
    }
    doc = parse_document(d)
    once = document_to_dict(doc)
    assert parse_document(once) == doc
    assert document_to_dict(parse_document(once)) == once
    assert once["factors"]["fuels"] == {"raw_coal": {"lhv": 23, "note": "实测"}}


def test_serialisation_writes_defaults_and_drops_trailing_zero() -> None:
    d = example()
    del d["gec_mwh"], d["process_co2_t"], d["offsets_t"]
    out = document_to_dict(parse_document(d))
    assert out["gec_mwh"] == 0 and out["process_co2_t"] == 0 and out["offsets_t"] == 0
    assert out["answers"]["P4"] == 82 and isinstance(out["answers"]["P4"], int)
    assert out["outlets"][0]["pm"] == Decimal("4.1")  # the decimal as typed, not the float 4.1


# --------------------------------------------------------------------------- unknown keys


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ((), "colour"),
        (("answers",), "answers.colour"),
        (("enterprise",), "enterprise.colour"),
        (("energy",), "energy.colour"),
        (("coal_2020",), "coal_2020.colour"),
        (("output",), "output.colour"),
        (("outlets", 0), "outlets[0].colour"),
        (("outlets", 1, "limits"), "outlets[1].limits.colour"),
        (("water",), "water.colour"),
        (("water", "pollutants", 0), "water.pollutants[0].colour"),
        (("pollutant_intensity",), "pollutant_intensity.colour"),
        (("product_carbon",), "product_carbon.colour"),
        (("history",), "history.colour"),
    ],
)
def test_unknown_keys_are_errors_naming_key_and_allowed(where: tuple[Any, ...], field: str) -> None:
    d = example()
    target: Any = d
    for step in where:
        target = target[step]
    target["colour"] = "红"
    msg = only_problem(d, field)
    assert "未知字段" in msg and "colour" in msg and "允许" in msg


def test_unknown_answer_key_lists_the_allowed_ids() -> None:
    d = example()
    d["answers"]["P9"] = 1
    msg = only_problem(d, "answers.P9")
    assert "P9" in msg and "P8" in msg and "E5_coal_fired" in msg


def test_unknown_keys_in_factors_extension() -> None:
    d = example()
    d["factors"] = {"grid_year": 2022, "fuels": {"raw_coal": {"lhv": 20, "ash": 3}, "grid_electricity": {"lhv": 1}}}
    fields = {p.field for p in problems(d)}
    assert fields == {"factors.grid_year", "factors.fuels.raw_coal.ash", "factors.fuels.grid_electricity"}


# --------------------------------------------------------------------------- wrong types


@pytest.mark.parametrize(
    ("path", "value", "field", "fragment"),
    [
        (("answers", "P4"), True, "answers.P4", "true/false"),  # bool is an int in Python: still rejected
        (("answers", "P4"), False, "answers.P4", "true/false"),
        (("answers", "P4"), None, "answers.P4", "null"),
        (("answers", "P4"), [82], "answers.P4", "数组"),
        (("answers", "P4"), {"v": 82}, "answers.P4", "对象"),
        (("energy", "raw_coal"), True, "energy.raw_coal", "true/false"),
        (("gec_mwh",), True, "gec_mwh", "true/false"),
        (("year",), True, "year", "true/false"),
        (("outlets", 0, "nox"), False, "outlets[0].nox", "true/false"),
        (("water", "pollutants", 0, "limit"), [50], "water.pollutants[0].limit", "数组"),
        (("history", "co2_t_3y_ago"), "61000t", "history.co2_t_3y_ago", "61000t"),
    ],
)
def test_wrong_number_types(path: tuple[Any, ...], value: Any, field: str, fragment: str) -> None:
    d = example()
    target: Any = d
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    msg = only_problem(d, field)
    assert "应为数字" in msg and fragment in msg


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("V1", 1, "true 或 false"),  # 1 is not true
        ("V1", "yes", "true 或 false"),
        ("G7", 0, "true 或 false"),
        ("E5_coal_fired", "false", "true 或 false"),
        ("P1", 1, "允许"),
        ("P1", ["i_leading"], "允许"),
        ("P1", "I_LEADING", "允许"),
    ],
)
def test_wrong_answer_types(key: str, value: Any, fragment: str) -> None:
    d = example()
    d["answers"][key] = value
    msg = only_problem(d, f"answers.{key}")
    assert fragment in msg


def test_choice_error_lists_the_options_with_labels() -> None:
    d = example()
    d["answers"]["P2"] = "ultra"
    msg = only_problem(d, "answers.P2")
    assert "“ultra”" in msg
    for option in ("all_ultra_low", "main_sources", "special_limits", "standard_only"):
        assert option in msg


@pytest.mark.parametrize(
    ("section", "value", "fragment"),
    [
        ("enterprise", [], "应为对象"),
        ("answers", "all yes", "应为对象"),
        ("energy", [12000], "应为对象"),
        ("output", 250000, "应为对象"),
        ("water", True, "应为对象"),
        ("history", [61000, 210000], "应为对象"),
        ("product_carbon", "n/a", "应为对象"),
        ("outlets", {"name": "1#"}, "应为排放口数组"),
    ],
)
def test_wrong_section_types(section: str, value: Any, fragment: str) -> None:
    d = example()
    d[section] = value
    found = problems(d)
    assert found[0].field == section, [str(p) for p in found]
    assert fragment in found[0].zh


@pytest.mark.parametrize(("text", "hint"), [("１２０００", "12000"), ("12,000", "12000"), ("12000", "12000")])
def test_numeric_text_is_rejected_with_a_hint(text: str, hint: str) -> None:
    d = example()
    d["energy"]["raw_coal"] = text
    msg = only_problem(d, "energy.raw_coal")
    assert f"“{text}”" in msg
    assert f"如果指的是 {hint}" in msg and "去掉引号" in msg


def test_numeric_text_that_cannot_be_read_says_why() -> None:
    d = example()
    d["answers"]["P4"] = "82,5"  # a decimal comma is refused, not guessed
    msg = only_problem(d, "answers.P4")
    assert "“82,5”" in msg and "逗号" in msg and "如果指的是" not in msg


def test_text_in_number_field_with_control_characters_is_shown_escaped() -> None:
    d = example()
    d["answers"]["P4"] = "82\x00"
    msg = only_problem(d, "answers.P4")
    assert "\x00" not in msg and "\\x00" in msg


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("path", "value", "field", "allowed"),
    [
        (("answers", "P4"), 150, "answers.P4", "0–100%"),
        (("answers", "P6"), -0.5, "answers.P6", "0–100%"),
        (("answers", "E7"), 100.01, "answers.E7", "0–100%"),
        (("energy", "coke"), -5, "energy.coke", "0–1e+12 t"),
        (("energy", "natural_gas"), 1e13, "energy.natural_gas", "0–1e+12"),
        (("gec_mwh",), -1, "gec_mwh", "MWh"),
        (("offsets_t",), -0.1, "offsets_t", " t"),
        (("coal_2020", "raw_coal"), -15000, "coal_2020.raw_coal", "0–1e+12 t"),
        (("outlets", 0, "hourly_compliance"), 101, "outlets[0].hourly_compliance", "0–100%"),
        (("outlets", 0, "so2"), -1, "outlets[0].so2", "mg/m³"),
        (("water", "pollutants", 0, "concentration"), -28, "water.pollutants[0].concentration", "mg/L"),
        (("year",), 1999, "year", "2000–2100"),
    ],
)
def test_out_of_range_names_value_and_range(path: tuple[Any, ...], value: float, field: str, allowed: str) -> None:
    d = example()
    target: Any = d
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    msg = only_problem(d, field)
    assert "超出允许范围" in msg
    assert f"{value:g}" in msg
    assert allowed in msg


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("output", "quantity"), "output.quantity"),
        (("water", "pollutants", 0, "limit"), "water.pollutants[0].limit"),
        (("outlets", 1, "limits", "pm"), "outlets[1].limits.pm"),
        (("history", "output_3y_ago"), "history.output_3y_ago"),
    ],
)
def test_zero_divisors_are_rejected(path: tuple[Any, ...], field: str) -> None:
    d = example()
    target: Any = d
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = 0
    msg = only_problem(d, field)
    assert "除数" in msg and "0.000001–" in msg  # E6: divisors ≥ 10⁻⁶, named with the range


def test_year_must_be_whole() -> None:
    d = example()
    d["year"] = 2025.5
    assert "整数" in only_problem(d, "year")


# --------------------------------------------------------------------------- non-finite


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_json_tokens(token: str) -> None:
    text = json.dumps(example(), ensure_ascii=False).replace('"P4": 82.0', f'"P4": {token}')
    assert token in text
    found = json_problems(text)
    assert len(found) == 1 and token in found[0].zh and "非有限数字" in found[0].zh


def test_huge_float_literal_is_out_of_range() -> None:
    # Read as the decimal 1E+400 (not a float overflowing to inf): refused by its range.
    text = json.dumps(example(), ensure_ascii=False).replace('"raw_coal": 12000', '"raw_coal": 1e400', 1)
    found = json_problems(text)
    assert [p.field for p in found] == ["energy.raw_coal"]
    assert "1e+400" in found[0].zh and "超出允许范围" in found[0].zh and "0–1e+12" in found[0].zh


@pytest.mark.parametrize(
    "value",
    [10**400, -(10**400), 10**5000, math.inf, -math.inf, math.nan],
    ids=["1e400-int", "-1e400-int", "1e5000-int", "inf", "-inf", "nan"],
)
def test_huge_or_non_finite_python_numbers(value: float) -> None:
    d = example()
    d["gec_mwh"] = value
    msg = only_problem(d, "gec_mwh")
    assert "不是有限数字" in msg or "超出允许范围" in msg


def test_integer_literal_beyond_conversion_limit_is_a_document_error() -> None:
    text = '{"format": "dnz-answers/1", "gec_mwh": ' + "9" * 5000 + "}"
    found = json_problems(text)
    assert found[0].field == "$" and "位数过多" in found[0].zh


def test_invalid_json_syntax_names_line_and_column() -> None:
    text = json.dumps(example(), indent=2)[:300]
    found = json_problems(text)
    assert found[0].field == "$" and "不是有效的 JSON" in found[0].zh and "行" in found[0].zh


def test_bom_is_accepted() -> None:
    assert parse_document_json("\ufeff" + json.dumps(example())) == parse_document(example())


def test_deep_nesting_is_a_document_error() -> None:
    with pytest.raises(DocumentError) as info:
        decode_json("[" * 100_000 + "]" * 100_000)
    assert "嵌套" in info.value.problems[0].zh


# --------------------------------------------------------------------------- text fields


@pytest.mark.parametrize("bad", ["滨州\x00化工", "a\x07b", "x\x1by", "\x7f", "化工\x85公司"])
def test_control_characters_in_text(bad: str) -> None:
    d = example()
    d["enterprise"]["name"] = bad
    msg = only_problem(d, "enterprise.name")
    assert "控制字符" in msg
    assert not any(ch in msg for ch in "\x00\x07\x1b\x7f\x85")  # shown escaped, not raw


def test_tab_and_newline_are_allowed_in_addresses() -> None:
    d = example()
    d["enterprise"]["address"] = "山东省滨州市\n邹平市\t示例路1号"
    assert parse_document(d).enterprise.address == "山东省滨州市\n邹平市\t示例路1号"


@pytest.mark.parametrize(("key", "limit"), [("name", 200), ("address", 300)])
def test_ten_megabyte_strings_are_rejected_briefly(key: str, limit: int) -> None:
    d = example()
    d["enterprise"][key] = "滨" * (10 * 1024 * 1024)
    msg = only_problem(d, f"enterprise.{key}")
    assert "文本过长" in msg and str(10 * 1024 * 1024) in msg and f"最多 {limit}" in msg
    assert len(msg) < 200


def test_ten_megabyte_string_in_a_number_field_gives_a_short_message() -> None:
    d = example()
    d["answers"]["P4"] = "8" * (10 * 1024 * 1024)
    msg = only_problem(d, "answers.P4")
    assert "应为数字" in msg and "共 10485760 个字符" in msg
    assert len(msg) < 300


def test_ten_megabyte_unknown_key_is_shown_cut() -> None:
    d = example()
    d["k" * (10 * 1024 * 1024)] = 1
    found = problems(d)
    assert len(found) == 1 and "未知字段" in found[0].zh and len(found[0].zh) < 1000


def test_empty_required_name() -> None:
    d = example()
    d["enterprise"]["name"] = "   "
    assert "不能为空" in only_problem(d, "enterprise.name")


def test_phone_and_industry_code_formats() -> None:
    d = example()
    d["enterprise"]["phone"] = "0543-1234567 ext. 8"
    d["enterprise"]["industry_code"] = "2614"
    fields = {p.field: p.zh for p in problems(d)}
    assert set(fields) == {"enterprise.phone", "enterprise.industry_code"}
    assert "“2614”" in fields["enterprise.industry_code"] and "C2614" in fields["enterprise.industry_code"]


# --------------------------------------------------------------------------- USCC


def test_bad_uscc_checksum_names_expected_character() -> None:
    d = example()
    d["enterprise"]["uscc"] = "91371600MA3C5K2X7A"
    msg = only_problem(d, "enterprise.uscc")
    assert "“91371600MA3C5K2X7A”" in msg and "校验位" in msg and "应为“K”" in msg


@pytest.mark.parametrize(("code", "fragment"), [("91371600MA3C5K2X7", "18位"), ("91371600MA3C5K2XIK", "不允许的字符")])
def test_bad_uscc_shape(code: str, fragment: str) -> None:
    d = example()
    d["enterprise"]["uscc"] = code
    assert fragment in only_problem(d, "enterprise.uscc")


def test_uscc_is_normalised() -> None:
    d = example()
    d["enterprise"]["uscc"] = " 91371600ma3c5k2x7k "
    assert parse_document(d).enterprise.uscc == "91371600MA3C5K2X7K"


# --------------------------------------------------------------------------- N/A


@pytest.mark.parametrize("key", ["V5", "V8", "P4", "P6", "P7", "P8", "E5", "E6", "E7"])
def test_na_where_allowed(key: str) -> None:
    d = example()
    d["answers"][key] = NA
    if key == "E5":
        del d["answers"]["E5_coal_fired"]
    assert parse_document(d).answers[key] == NA


@pytest.mark.parametrize("key", ["V1", "V2", "V3", "V4", "V6", "V7"])
def test_na_not_allowed_for_vetoes(key: str) -> None:
    d = example()
    d["answers"][key] = NA
    msg = only_problem(d, f"answers.{key}")
    assert key in msg and "不允许" in msg and "true 或 false" in msg


@pytest.mark.parametrize("key", ["P1", "P2", "P5", "G1", "G4", "G7"])
def test_na_not_allowed_for_indicators(key: str) -> None:
    d = example()
    d["answers"][key] = NA
    msg = only_problem(d, f"answers.{key}")
    assert key in msg and "不允许" in msg and "na" in msg


def test_p3_na_points_to_the_not_covered_option() -> None:
    d = example()
    d["answers"]["P3"] = NA
    msg = only_problem(d, "answers.P3")
    assert "not_covered" in msg and "“na”" in msg
    d["answers"]["P3"] = "not_covered"
    assert parse_document(d).answers["P3"] == "not_covered"


def test_e5_coal_fired_required_only_when_e5_is_a_number() -> None:
    d = example()
    del d["answers"]["E5_coal_fired"]
    msg = only_problem(d, "answers.E5_coal_fired")
    assert "缺少回答" in msg
    d["answers"]["E5"] = NA
    assert "E5_coal_fired" not in parse_document(d).answers


def test_rejected_answer_is_not_also_reported_missing() -> None:
    d = example()
    d["answers"]["E5"] = 150
    found = problems(d)
    assert [p.field for p in found] == ["answers.E5"]
    assert "缺少" not in found[0].zh


def test_missing_answers_are_listed() -> None:
    d = example()
    del d["answers"]["V3"], d["answers"]["G7"]
    found = problems(d)
    assert [p.field for p in found] == ["answers.V3", "answers.G7"]
    assert all("缺少回答" in p.zh for p in found)


# --------------------------------------------------------------------------- outlets, water, variants


def test_custom_outlet_needs_limits() -> None:
    d = example()
    del d["outlets"][1]["limits"]
    assert "限值" in only_problem(d, "outlets[1].limits")


def test_custom_outlet_needs_a_limit_for_each_reported_pollutant() -> None:
    d = example()
    d["outlets"][1]["nox"] = 30
    msg = only_problem(d, "outlets[1].limits.nox")
    assert "nox" in msg and "限值" in msg


def test_standard_outlet_cannot_carry_limits_or_standard() -> None:
    d = example()
    d["outlets"][0]["limits"] = {"pm": 20}
    d["outlets"][0]["standard"] = "DB37/2374"
    fields = {p.field for p in problems(d)}
    assert fields == {"outlets[0].limits", "outlets[0].standard"}


def test_custom_outlet_with_standard_is_accepted() -> None:
    d = example()
    d["outlets"][1]["standard"] = "DB37/2376-2019 重点控制区"
    outlets = parse_document(d).outlets
    assert outlets != NA and outlets is not None and outlets[1].standard == "DB37/2376-2019 重点控制区"


def test_unknown_source_type_lists_allowed() -> None:
    d = example()
    d["outlets"][0]["source"] = "glass_furnace"
    msg = only_problem(d, "outlets[0].source")
    assert "“glass_furnace”" in msg and "coal_power" in msg and "custom" in msg


def test_outlet_needs_a_measured_pollutant() -> None:
    d = example()
    for pol in ("pm", "so2", "nox"):
        del d["outlets"][0][pol]
    assert "至少要填写" in only_problem(d, "outlets[0]")


def test_duplicate_outlet_names() -> None:
    d = example()
    d["outlets"][1]["name"] = "1#锅炉"
    msg = only_problem(d, "outlets")
    assert "重复" in msg and "1#锅炉" in msg


def test_empty_outlet_list_needs_na() -> None:
    d = example()
    d["outlets"] = []
    msg = only_problem(d, "outlets")
    assert '"na"' in msg


def test_outlets_na_is_accepted() -> None:
    d = example()
    d["outlets"] = NA
    assert parse_document(d).outlets == NA


@pytest.mark.parametrize("missing", ["COD", "NH3-N"])
def test_water_needs_cod_and_nh3n(missing: str) -> None:
    d = example()
    d["water"]["pollutants"] = [w for w in d["water"]["pollutants"] if w["name"] != missing]
    msg = only_problem(d, "water.pollutants")
    assert f"缺少 {missing}" in msg


@pytest.mark.parametrize(
    ("cod", "nh3"), [("CODcr", "氨氮"), ("化学需氧量", "NH3N"), ("cod", "nh₃-n"), ("COD Cr", "NH4-N")]
)
def test_water_pollutant_aliases(cod: str, nh3: str) -> None:
    d = example()
    d["water"]["pollutants"][0]["name"] = cod
    d["water"]["pollutants"][1]["name"] = nh3
    water = parse_document(d).water
    assert water is not None and [w.name for w in water.pollutants] == [cod, nh3]


def test_water_zld_needs_no_pollutants_and_zld_is_required() -> None:
    d = example()
    d["water"] = {"zld": True}
    assert parse_document(d).water is not None
    d["water"] = {"pollutants": []}
    assert "缺少此项" in only_problem(d, "water.zld")


@pytest.mark.parametrize(
    "value",
    [{"reduction_pct_3y": 18.0}, {"value": 0.8, "benchmark": 1.5, "leading": 0.5}, NA],
)
def test_pollutant_intensity_variants(value: Any) -> None:
    d = example()
    d["pollutant_intensity"] = value
    assert parse_document(d).pollutant_intensity is not None


@pytest.mark.parametrize(
    ("value", "field", "fragment"),
    [
        ({"value": 1, "benchmark": 2}, "pollutant_intensity", "缺少 leading"),
        ({"value": 1, "benchmark": 2, "leading": 1, "reduction_pct_3y": 3}, "pollutant_intensity", "二选一"),
        ({"reduction_pct_3y": 101}, "pollutant_intensity.reduction_pct_3y", "超出允许范围"),
        ({}, "pollutant_intensity", "缺少 value, benchmark, leading"),
    ],
)
def test_pollutant_intensity_errors(value: Any, field: str, fragment: str) -> None:
    d = example()
    d["pollutant_intensity"] = value
    assert fragment in only_problem(d, field)


@pytest.mark.parametrize("leading", [1.5, 2.0])
def test_leading_at_or_above_benchmark_is_rejected(leading: float) -> None:
    d = example()
    d["pollutant_intensity"] = {"value": 1.0, "benchmark": 1.5, "leading": leading}
    msg = only_problem(d, "pollutant_intensity.leading")
    assert f"引领值 {leading:g}" in msg and "基准值 1.5" in msg
    d = example()
    d["product_carbon"] = {"benchmark": 1.2, "leading": leading}
    msg = only_problem(d, "product_carbon.leading")
    assert f"引领值 {leading:g}" in msg and "基准值 1.2" in msg


# --------------------------------------------------------------------------- factors extension


def test_grid_factor_year_must_exist() -> None:
    d = example()
    d["factors"] = {"grid_factor_year": 2020}
    msg = only_problem(d, "factors.grid_factor_year")
    assert "2020" in msg and "2021、2022、2023" in msg
    d["factors"] = {"grid_factor_year": 2022}
    factors = parse_document(d).factors
    assert factors is not None and factors.grid_factor_year == 2022


def test_equal_value_needs_a_coefficient() -> None:
    d = example()
    d["factors"] = {"electricity_basis": "equal_value"}
    assert "系数" in only_problem(d, "factors.electricity_kgce_per_kwh")
    d["factors"] = {"electricity_basis": "equivalent", "electricity_kgce_per_kwh": 0.3}
    assert "当量值" in only_problem(d, "factors.electricity_kgce_per_kwh")
    d["factors"] = {"electricity_basis": "equal_value", "electricity_kgce_per_kwh": 3}
    assert "0.05–1" in only_problem(d, "factors.electricity_kgce_per_kwh")
    d["factors"] = {"electricity_basis": "market"}
    assert "“market”" in only_problem(d, "factors.electricity_basis")


def test_fuel_override_needs_a_parameter_and_valid_ranges() -> None:
    d = example()
    d["factors"] = {"fuels": {"raw_coal": {"note": "实测"}, "coke": {"oxidation": 1.2}}}
    fields = {p.field for p in problems(d)}
    assert fields == {"factors.fuels.raw_coal", "factors.fuels.coke.oxidation"}


# --------------------------------------------------------------------------- document level


def test_not_an_object_format_and_criteria() -> None:
    assert problems([example()])[0].zh.startswith("文档应为 JSON 对象")
    d = example()
    d["format"] = "dnz-answers/2"
    assert "dnz-answers/1" in only_problem(d, "format")
    d = example()
    d["criteria"] = "binzhou-dnz-2099.1"
    msg = only_problem(d, "criteria")
    assert "binzhou-dnz-2099.1" in msg and "binzhou-dnz-2025.1" in msg


def test_missing_required_sections() -> None:
    d = example()
    del d["history"], d["water"]
    fields = [p.field for p in problems(d)]
    assert fields == ["water", "history"]


def test_several_problems_are_reported_together() -> None:
    d = example()
    d["answers"]["P4"] = 150
    d["energy"]["raw_coal"] = "12,000"
    d["enterprise"]["uscc"] = "91371600MA3C5K2X7A"
    d["outlets"][0]["nox"] = -1
    d["bogus"] = 1
    fields = {p.field for p in problems(d)}
    assert fields == {"answers.P4", "energy.raw_coal", "enterprise.uscc", "outlets[0].nox", "bogus"}
    text = str(DocumentError(problems(d)))
    assert text.count("\n") == 4 and has_cjk(text)


# --------------------------------------------------------------------------- partial drafts


def draft(**extra: Any) -> dict[str, Any]:
    return {"format": "dnz-answers/1", "criteria": "binzhou-dnz-2025.1", "year": 2025, **extra}


def test_partial_accepts_a_draft() -> None:
    doc = parse_document(draft(answers={"P4": 60, "V1": True}, outlets=[]), partial=True)
    assert doc.answers == {"P4": 60.0, "V1": True}
    assert doc.outlets == ()
    assert doc.water is None and doc.history is None
    # The same draft is not a complete document.
    assert len(problems(draft(answers={"P4": 60, "V1": True}))) > 10


def test_partial_still_validates_present_values() -> None:
    d = draft(answers={"P4": 150, "P1": "best"}, energy={"coal": 5}, water={"zld": False})
    fields = {p.field for p in problems(d, partial=True)}
    assert fields == {"answers.P4", "answers.P1", "energy.coal"}


def test_partial_outlet_without_compliance_is_kept() -> None:
    d = draft(outlets=[{"name": "1#", "source": "coal_power", "nox": 20}])
    outlets = parse_document(d, partial=True).outlets
    assert outlets != NA and outlets is not None and outlets[0].hourly_compliance is None


def test_partial_needs_a_year() -> None:
    d = draft()
    del d["year"]
    assert "年度" in only_problem(d, "year", partial=True)


# --------------------------------------------------------------------------- messages in Chinese


def test_every_problem_has_chinese_and_english() -> None:
    d = example()
    d["answers"] = {"P4": "abc", "V1": "na", "P3": "na", "G7": 1}
    d["energy"] = {"raw_coal": -1, "x": 1}
    d["outlets"] = [{"name": "", "source": "custom", "pm": 1, "hourly_compliance": 100}]
    for problem in problems(d):
        assert has_cjk(problem.zh), problem
        assert problem.en and not has_cjk(problem.en.replace(problem.field, "")), problem


# --------------------------------------------------------------------------- robustness (hypothesis)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["na", "dnz-answers/1", "binzhou-dnz-2025.1", "custom", "coal_power", "１２", "1,000"])
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_json_values_only_raise_document_error(value: Any) -> None:
    try:
        parse_document(value)
    except DocumentError as exc:
        assert exc.problems
    try:
        parse_document(value, partial=True)
    except DocumentError as exc:
        assert exc.problems


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            out.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out.extend(_paths(child, (*prefix, i)))
    return out


_EXAMPLE_PATHS = [*_paths(example()), ("factors",), ("factors", "fuels")]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_EXAMPLE_PATHS), json_values), min_size=1, max_size=4), st.booleans())
def test_garbage_anywhere_in_a_valid_document_only_raises_document_error(
    edits: list[tuple[tuple[Any, ...], Any]], partial: bool
) -> None:
    d: Any = example()
    for path, garbage in edits:
        target = d
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = garbage
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit replaced a parent
    try:
        doc = parse_document(d, partial=partial)
    except DocumentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert has_cjk(problem.zh)
    else:
        # Whatever is accepted serialises and reads back the same.
        assert parse_document(document_to_dict(doc), partial=partial) == doc


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_only_raises_document_error(text: str) -> None:
    try:
        parse_document_json(text)
    except DocumentError as exc:
        assert exc.problems
