"""The domain says which rows are incomplete and why (the wizard asks it; the parser uses it)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessments.document import parse_document
from assessments.errors import DocumentError
from assessments.rows import SECTION_FORMS, incomplete_rows, is_blank_row
from assessments.texts import render


def test_complete_and_blank_outlets_are_fine() -> None:
    rows = [
        {"name": "1#锅炉", "source": "coal_power", "nox": 30, "hourly_compliance": 100},
        {"source": "coal_power"},  # an editor's empty line
        {"source": "custom", "name": "", "standard": "   "},
    ]
    assert incomplete_rows("outlets", rows) == ()
    assert is_blank_row("outlets", rows[1]) and is_blank_row("outlets", rows[2])


def test_outlet_without_name_is_reported_with_its_position() -> None:
    (row,) = incomplete_rows("outlets", [{"source": "coal_power"}, {"source": "coal_power", "nox": 30}])
    assert row.row == 1 and row.field == "outlets[1].name"
    assert row.reason.zh == "第 2 个排放口：请填写名称（填写后自动保存）"
    assert render(row.reason, "en").startswith("Outlet 2")


def test_outlet_without_concentration_and_custom_without_limit() -> None:
    found = incomplete_rows(
        "outlets",
        [
            {"name": "A", "source": "coal_power", "hourly_compliance": 99},
            {"name": "B", "source": "custom", "so2": 10, "limits": {"nox": 50}},
        ],
    )
    assert [(r.row, r.field) for r in found] == [(0, "outlets[0].pm"), (1, "outlets[1].limits.so2")]
    assert "至少填写一项实测浓度" in found[0].reason.zh and "限值" in found[1].reason.zh


def test_custom_outlet_with_only_a_standard_is_started() -> None:
    (row,) = incomplete_rows("outlets", [{"source": "custom", "standard": "GB 13223"}])
    assert row.field == "outlets[0].name"


def test_water_rows() -> None:
    value = {
        "zld": False,
        "pollutants": [{"name": "COD", "concentration": 20}, {}, {"name": "氨氮", "concentration": 1, "limit": 5}],
    }
    (row,) = incomplete_rows("water", value)
    assert row.row == 0 and row.field == "water.pollutants[0].limit"
    assert incomplete_rows("water", {**value, "zld": True}) == ()


def test_forms_and_intensity() -> None:
    (row,) = incomplete_rows("output", {"quantity": 5})
    assert row.reason.zh == "请同时填写：单位（填齐后自动保存）" and row.field == "output.unit"
    (row,) = incomplete_rows("history", {"output_3y_ago": 5})
    assert row.reason.zh == "请同时填写：三年前 CO₂ 排放量（填齐后自动保存）"
    assert incomplete_rows("coal_2020", {"raw_coal": 5}) == ()  # left empty counts as 0
    assert incomplete_rows("output", {}) == ()
    (row,) = incomplete_rows("pollutant_intensity", {"value": 1, "benchmark": 2})
    assert row.field == "pollutant_intensity.leading"
    (row,) = incomplete_rows("pollutant_intensity", {"reduction_pct_3y": None})
    assert "下降率" in row.reason.zh
    assert set(SECTION_FORMS) == {"coal_2020", "output", "product_carbon", "history"}


@pytest.mark.parametrize(
    "value",
    [None, "na", 5, "x", [1, None, "x", []], {"pollutants": "x"}, {"pollutants": [None, 3]}, [{"name": ["x"]}],
     {"reduction_pct_3y": {}}, [{"name": "\x00", "so2": {"a": None}}], [{}] * 600],
)  # fmt: skip
@pytest.mark.parametrize("section", ["outlets", "water", "pollutant_intensity", "output", "history", "energy", "??"])
def test_hostile_values_never_raise(section: str, value: object) -> None:
    for row in incomplete_rows(section, value):
        assert row.reason.zh and row.reason.en


def _draft(**sections: object) -> dict[str, object]:
    return {"format": "dnz-answers/1", "criteria": "binzhou-dnz-2025.1", "year": 2025, **sections}


def test_draft_parser_reports_an_unnamed_outlet_instead_of_dropping_it() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(_draft(outlets=[{"source": "coal_power", "nox": 30}]), partial=True)
    assert [p.field for p in caught.value.problems] == ["outlets[0].name"]
    assert "请填写名称" in caught.value.problems[0].zh


def test_draft_parser_reports_an_unfinished_water_row() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(_draft(water={"zld": False, "pollutants": [{"name": "COD", "concentration": 20}]}), partial=True)
    assert [p.field for p in caught.value.problems] == ["water.pollutants[0].limit"]
    doc = parse_document(_draft(water={"zld": True, "pollutants": [{"name": "COD"}]}), partial=True)
    assert doc.water is not None and doc.water.zld


def test_draft_parser_keeps_complete_rows() -> None:
    doc = parse_document(_draft(outlets=[{"name": "A", "source": "coal_power", "nox": Decimal("30.5")}]), partial=True)
    assert doc.outlets != "na" and doc.outlets is not None and doc.outlets[0].nox == Decimal("30.5")
