"""The lever catalogue is data validated on load (like the criteria): every default cost an estimate
with its basis, every path a real input of `dnz-answers/1`, every broken entry named."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from assessments import jsonnum
from assessments.errors import CriteriaError
from assessments.levers import available_catalogues, catalogue_for, load_catalogue, parse_catalogue
from tests.conftest import ROOT

RAW: dict[str, Any] = jsonnum.loads(
    resources.files("assessments").joinpath("levers", "binzhou-levers-2025.1.json").read_text(encoding="utf-8")
)


def fresh() -> dict[str, Any]:
    return copy.deepcopy(RAW)


def lever(data: dict[str, Any], lever_id: str) -> dict[str, Any]:
    return next(x for x in data["levers"] if x["id"] == lever_id)


def test_bundled_catalogue_loads_and_is_complete() -> None:
    assert available_catalogues() == ("binzhou-levers-2025.1",)
    catalogue = catalogue_for("binzhou-dnz-2025.1")
    assert catalogue.version == "2025.1"
    ops = {(lv.change.op, lv.change.path or lv.change.source, lv.change.target) for lv in catalogue.levers}
    # The measures the issue names, each as data.
    assert ("move", "energy.grid_electricity", "energy.green_electricity") in ops
    assert ("add", "gec_mwh", None) in ops
    assert ("move", "energy.raw_coal", "energy.natural_gas") in ops
    assert ("move", "energy.raw_coal", "energy.grid_electricity") in ops
    assert ("move", "energy.grid_electricity", "energy.onsite_renewable") in ops
    assert ("add", "offsets_t", None) in ops
    assert any(lv.change.op == "outlet" and lv.change.factor == 1 for lv in catalogue.levers)
    for path in ("answers.G1", "answers.G2", "answers.G4", "answers.P1"):
        assert ("set", path, None) in ops, path
    for lv in catalogue.levers:
        assert lv.cost.estimate is True
        assert lv.cost.source.zh.startswith("估算") and lv.cost.source.en.startswith("Estimate")
        assert lv.cost.default >= 0 and isinstance(lv.cost.default, Decimal)
        assert 0 <= lv.lead_time_months <= 120
        assert lv.evidence.zh and lv.evidence.en and lv.title.zh and lv.description.en


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        parts = path.split("/")
        for part in parts[:-1]:
            node = next(x for x in node if x["id"] == part[1:]) if part.startswith("@") else node[part]
        if value is _DELETE:
            del node[parts[-1]]
        else:
            node[parts[-1]] = value

    return change


_DELETE = object()

BROKEN = [
    (_set("schema", "dnz-levers/2"), "schema"),
    (_set("criteria", ["no-such-criteria"]), "criteria"),
    (_set("levers/@green_power/change/op", "teleport"), "green_power"),
    (_set("levers/@green_power/change/to", "energy.unobtainium"), "green_power"),
    (_set("levers/@green_power/cost/estimate", False), "estimate"),
    (_set("levers/@green_power/cost/default", -1), "green_power"),
    (_set("levers/@green_power/cost/default", "cheap"), "green_power"),
    (_set("levers/@green_power/cost/source", _DELETE), "green_power"),
    (_set("levers/@green_power/unit/per", 3), "per"),
    (_set("levers/@green_power/lead_time_months", 240), "lead_time_months"),
    (_set("levers/@green_power/lead_time_months", 1.5), "lead_time_months"),
    (_set("levers/@green_power/amount", _DELETE), "amount"),
    (_set("levers/@green_power/amount/max/share", 2), "share"),
    (_set("levers/@green_power/surprise", 1), "surprise"),
    (_set("levers/@coal_to_gas/change/basis", "amount"), "coal_to_gas"),
    (_set("levers/@coal_to_gas/change/to_step", _DELETE), "to_step"),
    (_set("levers/@ems_certification/change/value", "gold"), "ems_certification"),
    (_set("levers/@performance_grade_b/change/value", "not_covered"), "performance_grade_b"),
    (_set("levers/@ems_certification/change/path", "answers.Z9"), "ems_certification"),
    (_set("levers/@roadmap/change/value", "yes"), "roadmap"),
    (_set("levers/@low_voc_materials/change/path", "answers.G1"), "low_voc_materials"),
    (_set("levers/@offsets/change/path", "energy.raw_coal"), "offsets"),
    (_set("levers/@ultra_low_confirmation/requires", [{"metric": "happiness", "max": 1}]), "requires"),
    (_set("levers/@ultra_low_retrofit/change/factor", 0), "factor"),
    (_set("levers/@ultra_low_retrofit/amount", {"step": 1}), "ultra_low_retrofit"),
    (_set("levers/@green_power/id", "Green Power!"), "id"),
]


@pytest.mark.parametrize(("mutate", "needle"), BROKEN)
def test_broken_catalogue_is_refused_naming_the_entry(mutate: Callable[[dict[str, Any]], None], needle: str) -> None:
    data = fresh()
    mutate(data)
    with pytest.raises(CriteriaError) as info:
        parse_catalogue(data, "test.json")
    assert needle in str(info.value) and "test.json" in str(info.value)


def test_duplicate_lever_ids_are_refused() -> None:
    data = fresh()
    data["levers"].append(copy.deepcopy(data["levers"][0]))
    with pytest.raises(CriteriaError, match="重复"):
        parse_catalogue(data, "test.json")


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))] or [path]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))] or [path]
    return [path]


def test_random_mutations_are_valid_or_refused() -> None:
    """3 000 mutated catalogues: each loads or raises CriteriaError, never anything else."""
    rng = random.Random(16)
    replacements: list[Any] = [None, True, -1, 0, 10**30, "x", "", [], {}, Decimal("1e-400"), "energy.raw_coal"]
    refused = 0
    for _ in range(3000):
        data = fresh()
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(_leaves(data))
            node: Any = data
            for part in path[:-1]:
                node = node[part]
            if rng.random() < 0.3 and isinstance(node, dict):
                del node[path[-1]]
            else:
                node[path[-1]] = rng.choice(replacements)
        try:
            parse_catalogue(data, "fuzz.json")
        except CriteriaError:
            refused += 1
    assert refused > 2400  # almost every mutation breaks something, and is caught


def test_load_catalogue_unknown_id() -> None:
    with pytest.raises(CriteriaError):
        load_catalogue("nope")
    with pytest.raises(CriteriaError, match="改进措施目录"):
        catalogue_for("binzhou-dnz-1999.1")


def test_importing_the_planner_loads_no_solver() -> None:
    """numpy and HiGHS load only when a plan is solved (start-up and `import assessments` stay lean)."""
    probe = (
        "import importlib, json, pkgutil, sys, assessments.plan as p\n"
        "for m in pkgutil.walk_packages(p.__path__, 'assessments.plan.'): importlib.import_module(m.name)\n"
        "import assessments.levers\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    roots = set(json.loads(proc.stdout))
    assert "assessments" in roots
    assert not roots & {"numpy", "highspy", "PySide6", "sqlalchemy", "openpyxl", "reportlab"}
