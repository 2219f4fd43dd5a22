"""The wizard's flow logic, tested without a QApplication (Electrum-style)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.kept_notes import kept_note
from app.plausibility import plausibility_warning
from app.settings import SETTINGS_VERSION, Settings, settings_from_mapping, settings_to_mapping
from app.units import format_input, from_canonical, to_canonical
from app.wizard_flow import WizardFlow
from assessments.criteria import DEFAULT_CRITERIA_ID, load_criteria
from assessments.document import parse_document
from assessments.draft import dict_to_draft
from assessments.numbers import NumberTextError
from tests.conftest import example


@pytest.fixture(scope="module")
def flow() -> WizardFlow:
    return WizardFlow(load_criteria(DEFAULT_CRITERIA_ID))


def example_values() -> dict[str, object]:
    return dict_to_draft(parse_document(example()))


def test_pages_follow_the_criteria(flow: WizardFlow) -> None:
    assert flow.page_ids == (
        "profile", "prerequisites", "process", "energy", "governance", "emission", "evidence", "review", "plan", "export",
    )  # fmt: skip
    energy = flow.page("energy")
    assert energy.sections == ("energy", "coal_2020", "gec_mwh", "process_co2_t")
    assert energy.indicators == ("E1", "E2", "E3", "E4", "E5", "E6", "E7")
    emission = flow.page("emission")
    assert emission.sections == (
        "output", "outlets", "water", "pollutant_intensity", "product_carbon", "history", "offsets_t",
    )  # fmt: skip
    assert flow.page("prerequisites").vetoes == tuple(f"V{i}" for i in range(1, 9))


def test_navigation(flow: WizardFlow) -> None:
    assert flow.next_page("profile") == "prerequisites"
    assert flow.previous_page("profile") is None
    assert flow.next_page("export") is None
    assert flow.previous_page("review") == "evidence"


def test_page_keys_and_page_of_key(flow: WizardFlow) -> None:
    keys = flow.page_keys("energy")
    assert "answers.E5" in keys and "answers.E5_coal_fired" in keys and "energy.grid_electricity" in keys
    assert "answers.E1" not in keys  # computed, never typed
    assert flow.page_of_key("outlets[1].nox") == "emission"
    assert flow.page_of_key("answers.V3") == "prerequisites"
    assert flow.page_of_key("enterprise.uscc") == "profile"
    assert flow.page_of_key("coal_2020.raw_coal") == "energy"
    assert flow.page_of_key("nonsense") is None


def test_empty_draft_is_missing_everything_required(flow: WizardFlow) -> None:
    progress = flow.progress({})
    assert progress["profile"].total == 2 and progress["profile"].done == 0
    assert [m.key for m in progress["profile"].missing] == ["enterprise.name", "enterprise.uscc"]
    assert progress["prerequisites"].total == 8
    energy_missing = [m.key for m in progress["energy"].missing]
    assert energy_missing[0] == "answers.E5"
    assert "energy.raw_coal" in energy_missing  # "enter at least one carrier" jumps to the first row
    assert "gec_mwh" not in energy_missing  # optional, defaults to 0
    assert not progress["review"].counted
    assert flow.resume_page(None, {}) == "profile"


def test_worked_example_is_complete(flow: WizardFlow) -> None:
    values = example_values()
    assert flow.missing(values) == ()
    done, total = flow.overall(values)
    assert done == total > 30
    assert flow.resume_page(None, values) == "review"
    assert flow.resume_page("energy", values) == "energy"
    assert flow.resume_page("no-such-page", values) == "review"


def test_na_skips_sub_answers_and_only_where_allowed(flow: WizardFlow) -> None:
    values = example_values()
    values.pop("answers.E5_coal_fired")
    assert [m.key for m in flow.missing(values)] == ["answers.E5_coal_fired"]
    values["answers.E5"] = "na"
    assert "answers.E5_coal_fired" in flow.skipped_keys(values)
    assert flow.missing(values) == ()
    assert flow.na_allowed("answers.P4") and flow.na_allowed("answers.V5")
    assert not flow.na_allowed("answers.P1") and not flow.na_allowed("answers.V1")
    assert not flow.na_allowed("answers.P3")  # N/A through its "not covered" option, not a switch
    assert flow.na_allowed("outlets") and flow.na_allowed("history")
    assert not flow.na_allowed("water") and not flow.na_allowed("energy.raw_coal")
    assert flow.na_rule("answers.V5") is not None


def test_water_needs_zld_or_pollutants(flow: WizardFlow) -> None:
    values = example_values()
    values["water"] = {"zld": False, "pollutants": []}
    assert [m.key for m in flow.missing(values)] == ["water"]
    values["water"] = {"zld": True}
    assert flow.missing(values) == ()


def test_labels(flow: WizardFlow) -> None:
    assert flow.key_label("answers.P4").zh == "P4 低VOCs原辅材料替代率"
    assert flow.key_label("answers.P4").get("en").startswith("P4 ")
    assert flow.key_label("energy.grid_electricity").zh == "电网购电消费量"
    assert flow.key_label("outlets[0].pm").zh == "有组织排放口"
    assert flow.key_label("enterprise.uscc").zh == "统一社会信用代码"


def test_units_convert_to_canonical(flow: WizardFlow) -> None:
    f = flow.factors
    assert to_canonical(f, "grid_electricity", "10^4 kWh", "4,200") == 42_000_000
    assert to_canonical(f, "grid_electricity", "MWh", "１２．５") == 12_500
    assert to_canonical(f, "natural_gas", "m3", "1500000") == 150
    assert to_canonical(f, "raw_coal", "kg", "12000000") == 12_000
    assert from_canonical(f, "grid_electricity", "10^4 kWh", 42_000_000) == 4200
    with pytest.raises(NumberTextError):
        to_canonical(f, "raw_coal", "t", "12 吨")
    assert format_input(42_000_000.0) == "42000000"
    assert format_input(0.6096) == "0.6096"
    assert format_input(None) == ""


def test_plausibility_warns_on_unit_slips(flow: WizardFlow) -> None:
    c, f = flow.criteria, flow.factors
    warn = plausibility_warning(c, f, "energy.grid_electricity", 4200.0)
    assert warn is not None and "万kWh" in warn.zh
    assert plausibility_warning(c, f, "energy.grid_electricity", 42_000_000.0) is None
    assert plausibility_warning(c, f, "energy.natural_gas", 1_500_000.0) is not None
    assert plausibility_warning(c, f, "energy.raw_coal", 12_000.0) is None
    assert plausibility_warning(c, f, "answers.P4", 0.85) is not None
    assert plausibility_warning(c, f, "answers.P4", 85.0) is None
    assert plausibility_warning(c, f, "answers.P4", "na") is None


def test_kept_note_names_the_value_in_words(flow: WizardFlow) -> None:
    c = flow.criteria
    hidden = kept_note(c, "answers.P4", "na", 82.0)
    assert hidden is not None and "82%" in hidden and "不适用" in hidden and "不计分" in hidden
    assert (kept_note(c, "answers.P4", "na", 82.0, "en") or "").startswith("Kept")
    # a next-year draft: no answer yet, last year's value offered as a hint, never "na" or a repr
    hint = kept_note(c, "answers.P8", None, "na")
    assert hint == "上年度：不适用（仅供参考，请填写本年度数据）"
    output = kept_note(c, "output", None, {"quantity": 250000, "unit": "t"})
    assert output is not None and "250 000 t" in output and "quantity" not in output
    variant = kept_note(c, "pollutant_intensity", {"value": 1.0, "benchmark": 2.0, "leading": 0.5}, {"reduction_pct_3y": 18})
    assert variant is not None and "三年降幅 18%" in variant
    assert kept_note(c, "answers.P4", 82.0, None) is None


def test_settings_round_trip_and_upgrade() -> None:
    s = Settings(language="en", last_assessment=7, energy_units={"grid_electricity": "10^4 kWh"}, demo_offered=True)
    back = settings_from_mapping(settings_to_mapping(s))
    assert back == s
    old = settings_from_mapping({"version": "1", "language": "en_US"})
    assert old.language == "en" and old.version == SETTINGS_VERSION
    broken = settings_from_mapping({"language": "fr", "last_assessment": "x", "energy_units": "{"})
    assert broken == Settings()


def test_flow_imports_no_qt() -> None:
    code = "import sys, app.wizard_flow, app.settings, app.crash, app.demo; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_custom_limits_without_a_standard_are_warned_not_refused(flow: WizardFlow) -> None:
    c, f = flow.criteria, flow.factors
    coal = {"name": "1#锅炉", "source": f.source_types()[0], "nox": 32.0}
    custom = {"name": "涂装线", "source": "custom", "pm": 6.0, "limits": {"pm": 20.0}}
    warn = plausibility_warning(c, f, "outlets", [coal, custom])
    assert warn is not None and "涂装线" in warn.zh and "1#锅炉" not in warn.zh and "standard" in warn.en
    named = {**custom, "standard": "GB 16297-1996"}
    assert plausibility_warning(c, f, "outlets", [coal, named]) is None
    assert plausibility_warning(c, f, "outlets", [coal]) is None
    assert plausibility_warning(c, f, "outlets", "na") is None
