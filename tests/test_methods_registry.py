"""The scoring-method registry: adding a method is one class and this test — it is validated by
the criteria loader, scored by the engine, explained in the gaps and shown in the filing without
editing another module."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from importlib import resources
from typing import Any, ClassVar

import pytest

from app.wizard_flow import indicator_metric as flow_metric
from assessments.criteria import load_criteria, parse_criteria
from assessments.document import parse_document_json
from assessments.errors import CriteriaError
from assessments.evaluation import MISSING, Context, Eval, IndPlan
from assessments.exact import ONE, ZERO
from assessments.methods import GapInput, GapText, ScoringMethod, ShownInput, method, method_names, register, unregister
from assessments.methods.base import ParamKind, ShownCell
from assessments.report import build_report
from assessments.scoring import score
from assessments.texts import LocalText

CRITERIA_ID = "binzhou-dnz-2025.1"


class Threshold(ScoringMethod):
    """A toy: full marks when a computed metric reaches ``at_least``, none otherwise."""

    name = "toy_threshold"
    answer_type = "computed"
    params: ClassVar[Mapping[str, ParamKind]] = {"metric": "metric", "at_least": "number"}

    def metric(self, params: Mapping[str, Any]) -> str | None:
        return str(params["metric"])

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        value = ctx.metrics[ip.params["metric"]]
        if value is None:
            return MISSING
        n, d = value
        return Eval(True, ONE if n >= ip.params["at_least"] * d else ZERO, value)

    def gap(self, g: GapInput) -> GapText:
        value = g.metrics[g.ind.params["metric"]]
        at_least = g.ind.params["at_least"]
        return GapText(
            LocalText(f"现为 {value:.1f}", f"now {value:.1f}"), LocalText(f"达到 {at_least}", f"reach {at_least}")
        )

    def shown_value(self, s: ShownInput) -> ShownCell | None:
        return f"玩具 {s.res.value:.1f}", "", None


@pytest.fixture
def toy() -> Iterator[None]:
    register(Threshold)
    yield
    unregister(Threshold.name)


def _criteria_data() -> dict[str, Any]:
    raw = resources.files("assessments").joinpath("criteria", f"{CRITERIA_ID}.json").read_text(encoding="utf-8")
    return dict(json.loads(raw))


def _with_toy(data: dict[str, Any], **scoring: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for ind in data["indicators"]:
        if ind["scoring"]["method"] == "metric_lin" and ind["scoring"]["metric"] == "co2_per_tce":
            ind["scoring"] = {"method": "toy_threshold", **scoring}
            return data
    raise AssertionError("the criteria have no co2_per_tce indicator to swap")


def test_every_method_the_criteria_use_is_registered() -> None:
    used = {ind.method for ind in load_criteria(CRITERIA_ID).indicators}
    assert used <= method_names()
    assert {"choice", "boolean", "lin", "metric_lin", "air", "water", "offsets", "elasticity"} <= method_names()


def test_unknown_method_is_refused_until_registered() -> None:
    data = _with_toy(_criteria_data(), metric="co2_per_tce", at_least=1)
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(data, "toy.json")
    swapped = next(i for i in data["indicators"] if i["scoring"]["method"] == "toy_threshold")
    assert caught.value.problems[0].field.endswith(f"({swapped['id']}).scoring")  # no method takes at_least
    del swapped["scoring"]["at_least"]
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(data, "toy.json")
    assert caught.value.problems[0].field.endswith("scoring.method")


def test_toy_method_is_validated(toy: None) -> None:
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(_with_toy(_criteria_data(), metric="co2_per_tce"), "toy.json")
    assert "缺少参数 at_least" in caught.value.problems[0].zh
    with pytest.raises(CriteriaError):
        parse_criteria(_with_toy(_criteria_data(), metric="co2_per_tce", at_least="many"), "toy.json")
    with pytest.raises(CriteriaError):
        parse_criteria(_with_toy(_criteria_data(), metric="no_such_metric", at_least=1), "toy.json")


def test_toy_method_is_scored_gap_texted_and_shown(toy: None) -> None:
    text = resources.files("assessments").joinpath("examples", "worked-example.json").read_text(encoding="utf-8")
    doc = parse_document_json(text)
    ratio = score(doc).metrics["co2_per_tce"]
    assert ratio is not None
    passing = parse_criteria(_with_toy(_criteria_data(), metric="co2_per_tce", at_least=1), "toy.json")
    failing = parse_criteria(_with_toy(_criteria_data(), metric="co2_per_tce", at_least=1000), "toy.json")
    ind = next(i for i in passing.indicators if i.method == "toy_threshold")
    assert flow_metric(passing, ind.id) == "co2_per_tce"  # the wizard's hint comes from the method

    assert score(doc, criteria=passing).indicator(ind.id).fraction == 1
    result = score(doc, criteria=failing)
    assert result.indicator(ind.id).fraction == 0
    gap = next(g for g in result.gaps if g.indicator == ind.id)
    assert gap.current == LocalText(f"现为 {ratio:.1f}", f"now {ratio:.1f}") and gap.target.zh == "达到 1000"

    report = build_report(doc, result, criteria=failing)
    row = next(r for r in report.answers if r.id == ind.id)
    assert row.answer == f"玩具 {ratio:.1f}"


def test_registering_twice_under_one_name_is_refused(toy: None) -> None:
    class Other(Threshold):
        pass

    with pytest.raises(ValueError, match="twice"):
        register(Other)
    assert isinstance(method("toy_threshold"), Threshold)
    assert Decimal(1) == 1
