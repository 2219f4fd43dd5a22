"""`python -m app score FILE [--json]` on real files: in this process, and as a fresh process for the
summary and a refused file (exit status and streams as a user sees them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import Finished, run_app, run_process
from tests.conftest import EXAMPLE_PATH, example


def run_score(*args: str | Path) -> Finished:
    """``score ARGS`` in this process (tests/cli_helpers.py); two tests below start a real process."""
    return run_app("score", *args)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def write(tmp_path: Path, content: str | bytes, name: str = "answers.json") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- success


def test_text_summary_of_the_worked_example() -> None:
    proc = run_score(EXAMPLE_PATH)
    assert proc.returncode == 0, proc.stderr
    assert "总分：57.0" in proc.stdout
    assert "合规" in proc.stdout
    assert proc.stderr == ""


def test_text_summary_as_a_fresh_process() -> None:
    proc = run_process("score", EXAMPLE_PATH)
    assert proc.returncode == 0, proc.stderr
    assert "总分：57.0" in proc.stdout and "合规" in proc.stdout
    assert proc.stderr == ""


def test_json_output_contract() -> None:
    proc = run_score(EXAMPLE_PATH, "--json")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.strip()
    assert out.count("\n") == 0  # exactly one JSON object, one line
    data = json.loads(out)
    assert isinstance(data, dict)
    assert data["total"] == 57.0
    assert data["grade"] == "compliant"
    assert data["score_band"] == "compliant" and data["gate_band"] == "advanced"
    assert data["dimensions"] == {"process": 18.0, "energy": 8.9, "governance": 10.5, "emission": 19.7}
    ids = [f"P{i}" for i in range(1, 9)] + [f"E{i}" for i in range(1, 8)]
    ids += [f"G{i}" for i in range(1, 8)] + [f"M{i}" for i in range(1, 8)]
    assert list(data["indicators"]) == ids
    for iid, ind in data["indicators"].items():
        assert {"fraction", "points", "max", "applicable"} <= ind.keys(), iid
    assert data["indicators"]["P8"] == {**data["indicators"]["P8"], "applicable": False, "fraction": None}
    assert data["indicators"]["E1"]["fraction"] == 1.0
    assert data["indicators"]["M1"]["fraction"] == pytest.approx(0.72)
    assert data["indicators"]["M2"]["points"] == 3.5  # 35 × 4/35 × 0.88 = 3.52
    assert data["indicators"]["M1"]["max"] == 8.0
    metrics = data["metrics"]
    for key in (
        "total_tce",
        "scope1_t",
        "scope2_t",
        "co2_t",
        "co2_per_tce",
        "non_fossil_share",
        "renewable_electricity_share",
        "electrification",
        "coal_change",
        "worst_air_ratio",
    ):
        assert isinstance(metrics[key], float | int), key
    assert metrics["total_tce"] == pytest.approx(16906.75, abs=0.01)
    assert metrics["co2_t"] == pytest.approx(50430.9, abs=0.1)
    assert metrics["coal_change"] == pytest.approx(-0.2, abs=1e-4)
    assert metrics["worst_air_ratio"] == pytest.approx(0.64)
    assert data["vetoes_failed"] == []
    assert isinstance(data["short_board"], list) and all(isinstance(s, str) for s in data["short_board"])
    assert data["short_board"][0].startswith("总分 57.0")


def test_failed_veto_in_json(tmp_path: Path) -> None:
    d = example()
    d["answers"]["V7"] = False
    proc = run_score(write(tmp_path, json.dumps(d, ensure_ascii=False)), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["grade"] == "not_yet" and data["vetoes_failed"] == ["V7"]
    assert any("V7" in s for s in data["short_board"])


def test_bom_file_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff" + json.dumps(example(), ensure_ascii=False))
    assert run_score(path).returncode == 0


# --------------------------------------------------------------------------- invalid input → exit 2


def _wrong_types() -> str:
    d = example()
    d["year"] = "2025"
    d["answers"]["P4"] = True
    d["answers"]["V1"] = "yes"
    d["energy"]["raw_coal"] = "１２０００"
    d["outlets"][0]["nox"] = [32]
    d["water"] = "zld"
    d["history"] = 61000
    return json.dumps(d, ensure_ascii=False)


def _replace(old: str, new: str) -> str:
    text = json.dumps(example(), ensure_ascii=False)
    assert old in text
    return text.replace(old, new, 1)


INVALID: dict[str, tuple[Any, list[str]]] = {
    "truncated": (json.dumps(example(), ensure_ascii=False)[:500], ["不是有效的 JSON"]),
    "wrong types": (_wrong_types(), ["answers.P4", "energy.raw_coal", "如果指的是 12000", "water", "history"]),
    "huge float": (_replace('"raw_coal": 12000', '"raw_coal": 1e400'), ["energy.raw_coal", "1e+400", "超出允许范围"]),
    "huge integer": (_replace('"gec_mwh": 2000', '"gec_mwh": ' + "9" * 5000), ["位数过多"]),
    "NaN token": (_replace('"P4": 82.0', '"P4": NaN'), ["NaN", "非有限数字"]),
    "escaped control character": (_replace("邹平市经济", "邹平市\\u0007经济"), ["enterprise.address", "控制字符"]),
    "raw control character": (_replace("邹平市经济", "邹平市\x01经济"), ["不是有效的 JSON"]),
    "list document": (json.dumps([example()]), ["JSON 对象"]),
    "empty file": ("", ["不是有效的 JSON"]),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, ["嵌套"]),
    "GBK encoded": (json.dumps(example(), ensure_ascii=False).encode("gbk"), ["UTF-8", "GBK"]),
    "ten megabyte string": (_replace('"contact": "', '"contact": "' + "x" * (10 * 1024 * 1024)), ["文件过大"]),
    "one megabyte string in a 1.5 MB file": (
        _replace('"address": "', '"address": "' + "x" * (1024 * 1024)) + " " * (512 * 1024),
        ["enterprise.address", "文本过长"],
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_input_exits_2_with_a_chinese_message(tmp_path: Path, case: str) -> None:
    content, fragments = INVALID[case]
    proc = run_score(write(tmp_path, content))
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith("输入无效")
    assert has_cjk(proc.stderr)
    for fragment in fragments:
        assert fragment in proc.stderr, (fragment, proc.stderr[:2000])
    assert len(proc.stderr) < 5000  # a long value is never echoed in full


def test_file_sizes_of_the_large_cases() -> None:
    assert len(INVALID["ten megabyte string"][0].encode()) > 10 * 1024 * 1024
    size = len(INVALID["one megabyte string in a 1.5 MB file"][0].encode())
    assert 1.4 * 1024 * 1024 < size < 2 * 1024 * 1024


def test_missing_file(tmp_path: Path) -> None:
    proc = run_score(tmp_path / "nope.json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "找不到该文件" in proc.stderr and "nope.json" in proc.stderr


def test_missing_file_as_a_fresh_process(tmp_path: Path) -> None:
    proc = run_process("score", tmp_path / "nope.json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "找不到该文件" in proc.stderr and "nope.json" in proc.stderr and proc.stdout == ""


def test_directory(tmp_path: Path) -> None:
    proc = run_score(tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "文件夹" in proc.stderr


def test_zero_energy_is_invalid_input(tmp_path: Path) -> None:
    d = example()
    d["energy"] = {}
    proc = run_score(write(tmp_path, json.dumps(d, ensure_ascii=False)), "--json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "综合能源消费量为 0" in proc.stderr and proc.stdout == ""
