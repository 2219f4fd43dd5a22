"""`python -m app plan …` as a user and a script run it: exit codes, the JSON contract, --out, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import run
from assessments import jsonnum
from assessments.document import parse_document_json
from assessments.levers import catalogue_for
from assessments.plan import ACTION_KEYS, PLAN_KEYS
from assessments.scoring import score
from tests.conftest import EXAMPLE_PATH, ROOT, example


def run_plan(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "plan", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def write(tmp_path: Path, content: Any, name: str) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def in_process(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run(["plan", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- success


def test_text_summary() -> None:
    proc = run_plan(EXAMPLE_PATH, "--target", "advanced")
    assert proc.returncode == 0, proc.stderr
    assert "改进计划：目标等级 先进" in proc.stdout and "总成本" in proc.stdout
    assert "57.0 分" in proc.stdout and "购买绿电" in proc.stdout
    assert proc.stderr == ""


def test_json_contract_and_out(tmp_path: Path) -> None:
    out = tmp_path / "after.json"
    proc = run_plan(EXAMPLE_PATH, "--target", "advanced", "--json", "--out", out)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.strip()
    assert text.count("\n") == 0  # one JSON object on one line: HiGHS prints nothing into it
    data = json.loads(text)
    assert tuple(data) == PLAN_KEYS
    assert data["target"] == "advanced" and data["reachable"] is True
    assert data["grade_before"] == "compliant" and data["total_before"] == 57.0
    for action in data["actions"]:
        assert tuple(action) == ACTION_KEYS
        for path, change in action["changes"].items():
            assert set(change) == {"from", "to"}, path
    # --out holds the changed document: scoring it gives total_after and grade_after.
    after = parse_document_json(out.read_text(encoding="utf-8"))
    result = score(after)
    assert result.total_rounded == data["total_after"] and result.grade == data["grade_after"]
    # Every change of the plan is in the written document, exactly.
    written = jsonnum.loads(out.read_text(encoding="utf-8"))
    exact = jsonnum.loads(text)
    for action in exact["actions"]:
        for path, change in action["changes"].items():
            node: Any = written
            for part in path.split("."):
                node = node[int(part)] if isinstance(node, list) else node[part]
            assert node == change["to"], path


def test_costs_file_changes_the_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    costs = write(tmp_path, {"green_power": None, "green_certificates": 0.0001}, "costs.json")
    code, out, err = in_process(capsys, EXAMPLE_PATH, "--target", "advanced", "--costs", costs, "--json")
    assert code == 0, err
    data = json.loads(out)
    levers = [a["lever"] for a in data["actions"]]
    assert "green_power" not in levers and "green_certificates" in levers


def test_english_titles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = in_process(capsys, EXAMPLE_PATH, "--target", "advanced", "--lang", "en")
    assert code == 0 and "Improvement plan" in out and "Buy green electricity" in out


def test_unreachable_target_exits_0_and_names_the_gate(tmp_path: Path) -> None:
    d = example()
    d["answers"]["V3"] = False
    proc = run_plan(write(tmp_path, d, "veto.json"), "--target", "advanced", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["reachable"] is False and data["actions"] == [] and data["grade_after"] == "not_yet"
    assert "V3" in proc.stderr and "前提条件" in proc.stderr and "可达到的最高等级" in proc.stderr


def test_plan_of_a_stored_assessment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "dnz.sqlite3"
    assert run(["import", str(EXAMPLE_PATH), "--db", str(db)]) == 0
    ident = capsys.readouterr().out.strip()
    code, out, err = in_process(capsys, ident, "--target", "advanced", "--json", "--db", db)
    assert code == 0, err
    assert json.loads(out)["total_after"] >= 70


# --------------------------------------------------------------------------- bad input → exit 2


def test_unknown_target(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = in_process(capsys, EXAMPLE_PATH, "--target", "platinum")
    assert code == 2 and "platinum" in err and "advanced" in err and has_cjk(err)
    assert "Traceback" not in err


def test_incomplete_assessment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = example()
    del d["answers"]["G4"]
    del d["history"]
    code, _, err = in_process(capsys, write(tmp_path, d, "draft.json"), "--target", "advanced")
    assert code == 2 and "尚未填写完整" in err and "G4" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "JSON"),
        ("[1, 2]", "对象"),
        ('{"gold_plating": 3}', "gold_plating"),
        ('{"green_power": -1}', "green_power"),
        ('{"green_power": "cheap"}', "green_power"),
        ('{"green_power": true}', "green_power"),
        ('{"green_power": NaN}', "非有限"),
        ('{"green_power": 1e400000000000000000000}', "指数"),
        ('{"green_power": 5000000}', "green_power"),
        ('{"green_power": 1.00000000000000000000000000000000000000000001}', "有效数字"),
        ('{"green_power": {"cost": 1}}', "green_power"),
        ('{"green_power": 1e-20}', "green_power"),
    ],
)
def test_bad_costs_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str) -> None:
    costs = write(tmp_path, content, "costs.json")
    code, out, err = in_process(capsys, EXAMPLE_PATH, "--target", "advanced", "--costs", costs)
    assert code == 2, (out, err)
    assert needle in err and has_cjk(err) and "Traceback" not in err
    assert out == ""


def test_missing_costs_file_and_unwritable_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = in_process(capsys, EXAMPLE_PATH, "--target", "advanced", "--costs", tmp_path / "none.json")
    assert code == 2 and "找不到" in err
    code, _, err = in_process(capsys, EXAMPLE_PATH, "--target", "advanced", "--out", tmp_path / "no" / "dir" / "x.json")
    assert code == 2 and has_cjk(err) and "Traceback" not in err


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    costs=st.dictionaries(
        st.sampled_from([*catalogue_for("binzhou-dnz-2025.1").ids[:6], "x", ""]), _json_values, max_size=4
    )
    | _json_values
)
def test_any_costs_file_exits_0_or_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], costs: Any) -> None:
    path = tmp_path / "costs.json"
    path.write_text(json.dumps(costs), encoding="utf-8")
    code, out, err = in_process(capsys, EXAMPLE_PATH, "--target", "advanced", "--costs", path, "--json")
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 0:
        data = json.loads(out)
        assert tuple(data) == PLAN_KEYS
        assert Decimal(str(data["cost"])) >= 0
