"""The improvement plan in a filing (issue #16): carried in the envelope, covered by the fingerprint,
drawn from the carried data, rebuilt and checked by verify — and a forged plan is caught."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.filing import export_filing, verify_filing
from app.filing.carry import parse_envelope
from app.filing.errors import CarriedDataDamaged
from app.filing.render import render_filing
from assessments import jsonnum
from assessments.document import parse_document
from assessments.plan import make_plan
from assessments.plan.filed import FiledPlanError, filed_plan, parse_filed_plan
from tests.conftest import example
from tests.filing_helpers import EVIDENCE, EXPORTED_AT, JOURNAL
from tests.test_filing_verify import _CELL, _bump_cell, _cells

PLAN_SHEET = "改进计划"


@pytest.fixture(scope="module")
def plan_data() -> dict[str, Any]:
    return filed_plan(make_plan(parse_document(example()), "advanced"))


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory, plan_data: dict[str, Any]) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("plan-filing")
    xlsx, pdf = folder / "plan.xlsx", folder / "plan.pdf"
    export_filing(parse_document(example()), xlsx_path=xlsx, pdf_path=pdf, evidence=EVIDENCE, journal=JOURNAL,
                  exported_at=EXPORTED_AT, plan=plan_data)  # fmt: skip
    return xlsx, pdf


@pytest.mark.parametrize("kind", [0, 1], ids=["xlsx", "pdf"])
def test_a_filing_with_its_plan_verifies_byte_for_byte(filed: tuple[Path, Path], kind: int) -> None:
    result = verify_filing(filed[kind])
    assert result.status == "verified" and result.identical and result.data_verified, result.text()
    assert result.carried is not None and result.carried.plan_data is not None


def test_the_plan_is_drawn_and_carried(filed: tuple[Path, Path], plan_data: dict[str, Any]) -> None:
    book = load_workbook(filed[0])
    assert book.sheetnames.index(PLAN_SHEET) == book.sheetnames.index("佐证材料") + 1
    ws = book[PLAN_SHEET]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("计划完成后 70.0 分（先进）" in t for t in texts)
    assert "购买绿电（绿电交易）" in texts and any("电网购电用量：42 000 000 kWh → 0 kWh" in t for t in texts)
    assert any("总成本 158.00 万元（估算）" in t for t in texts)
    pdf_text = subprocess.run(["pdftotext", str(filed[1]), "-"], capture_output=True, text=True).stdout
    assert "六、改进计划" in pdf_text and "购买绿电" in pdf_text
    carried = verify_filing(filed[0]).carried
    assert carried is not None
    assert jsonnum.loads(jsonnum.dumps(carried.plan_data)) == jsonnum.loads(jsonnum.dumps(plan_data))


def test_the_fingerprint_covers_the_plan(filed: tuple[Path, Path], tmp_path: Path) -> None:
    without = tmp_path / "without.xlsx"
    export_filing(parse_document(example()), xlsx_path=without, evidence=EVIDENCE, journal=JOURNAL,
                  exported_at=EXPORTED_AT)  # fmt: skip
    with_plan, without_plan = verify_filing(filed[0]), verify_filing(without)
    assert with_plan.fingerprint != without_plan.fingerprint
    assert PLAN_SHEET not in load_workbook(without).sheetnames


def test_every_visible_cell_of_the_plan_sheet_edited_once_is_reported(filed: tuple[Path, Path], tmp_path: Path) -> None:
    package = zipfile.ZipFile(filed[0])
    members = {info.filename: package.read(info) for info in package.infolist()}
    book = load_workbook(filed[0])
    index = book.sheetnames.index(PLAN_SHEET) + 1
    part = f"xl/worksheets/sheet{index}.xml"
    merged_away = {ref for r in book[PLAN_SHEET].merged_cells.ranges for ref in _cells(r)[1:]}
    targets = [m for m in _CELL.finditer(members[part])
               if m.group(1).decode() not in merged_away and (b"<v>" in m.group(0) or b"<t" in m.group(0))]  # fmt: skip
    assert len(targets) > 50
    missed = []
    path = tmp_path / "m.xlsx"
    for match in targets:
        xml = members[part]
        edited = xml[: match.start()] + _bump_cell(match.group(0)) + xml[match.end() :]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in members.items():
                out.writestr(name, edited if name == part else data)
        result = verify_filing(path)
        ref = match.group(1).decode()
        if result.status != "modified" or not any(d.startswith(f"{PLAN_SHEET} {ref}") for d in result.differences):
            missed.append((ref, result.differences))
    assert missed == []


def _forged(tmp_path: Path, plan: dict[str, Any], kind: str = "xlsx") -> Path:
    """A filing whose carried plan was edited and whose fingerprint was computed again (what someone
    with this program could make): only the engine's re-check of the plan can catch it."""
    rendered = render_filing(parse_document(example()), exported_at="2025-03-03 15:00:00", program="dnz-assess 0.2.0",
                             plan=plan, xlsx=kind == "xlsx", pdf=kind == "pdf")  # fmt: skip
    path = tmp_path / f"forged.{kind}"
    data = rendered.xlsx if kind == "xlsx" else rendered.pdf
    assert data is not None
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_a_plan_claiming_more_than_its_changes_give_is_caught(tmp_path: Path, plan_data: dict[str, Any], kind: str) -> None:
    forged = copy.deepcopy(plan_data)
    forged["total_after"] = Decimal("85.0")
    forged["grade_after"] = "benchmark"
    result = verify_filing(_forged(tmp_path, forged, kind))
    assert result.status == "modified" and not result.data_verified
    assert any("按计划改动重新评分为 70.0 分" in d for d in result.differences), result.differences


def test_a_plan_with_a_wrong_before_value_or_cost_is_caught(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    forged = copy.deepcopy(plan_data)
    forged["actions"][0]["changes"][0]["from"] = 1
    forged["cost"] = Decimal(1)
    result = verify_filing(_forged(tmp_path, forged))
    assert result.status == "modified"
    text = "\n".join(result.differences)
    assert "原为 1" in text
    forged = copy.deepcopy(plan_data)
    forged["cost"] = Decimal(1)
    result = verify_filing(_forged(tmp_path, forged))
    assert any("成本之和" in d for d in result.differences)


HOSTILE: list[Any] = [
    None, [], "plan", {"format": "dnz-plan/2"}, {"format": "dnz-plan/1"},
    {"format": "dnz-plan/1", "actions": "x"}, {"format": "dnz-plan/1", "actions": [1]},
    {"format": "dnz-plan/1", "actions": [{"changes": [{"path": 1, "from": 0, "to": 0}]}]},
    {"format": "dnz-plan/1", "actions": [{}] * 201},
]  # fmt: skip


@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_carried_plans_are_refused_with_a_reason(data: Any) -> None:
    with pytest.raises(FiledPlanError, match="携带的改进计划无效"):
        parse_filed_plan(data)


def test_random_mutations_of_a_carried_plan_never_crash(plan_data: dict[str, Any]) -> None:
    import random

    rng = random.Random(16)
    text = jsonnum.dumps(plan_data)
    base = jsonnum.loads(text)
    values: list[Any] = [None, True, -1, 10**40, "x" * 3000, [], {}, Decimal("1e-400"), "answers.Z9", 1.5]
    outcomes = {"ok": 0, "refused": 0}
    doc = parse_document(example())
    from assessments.plan.filed import check_filed_plan

    for _ in range(600):
        data = copy.deepcopy(base)
        node: Any = data
        path: list[Any] = []
        while isinstance(node, dict | list) and node and rng.random() < 0.7:
            key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
            path.append(key)
            node = node[key]
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        if path:
            target[path[-1]] = rng.choice(values)
        try:
            parsed = parse_filed_plan(data)
        except FiledPlanError:
            outcomes["refused"] += 1
            continue
        check_filed_plan(parsed, doc)  # a list of problems, never an exception
        outcomes["ok"] += 1
    assert outcomes["refused"] > 100 and outcomes["ok"] > 50


def test_a_damaged_carried_plan_makes_the_envelope_damaged(tmp_path: Path) -> None:
    raw = json.dumps({"format": "dnz-filing/2", "renderer": 2, "fingerprint": "0" * 64, "plan": {"format": "x"}})
    with pytest.raises(CarriedDataDamaged):
        parse_envelope(raw.encode(), tmp_path / "x.xlsx", "xlsx")


def test_export_command_with_a_plan(tmp_path: Path) -> None:
    from tests.cli_helpers import run_app as run  # in this process
    from tests.conftest import EXAMPLE_PATH

    out = tmp_path / "f.xlsx"
    proc = run("export", str(EXAMPLE_PATH), "--xlsx", str(out), "--plan", "benchmark")
    assert proc.returncode == 0, proc.stderr
    assert PLAN_SHEET in load_workbook(out).sheetnames
    assert run("verify", str(out)).returncode == 0
    bad = run("export", str(EXAMPLE_PATH), "--xlsx", str(out), "--plan", "gold")
    assert bad.returncode == 2 and "gold" in bad.stderr and "Traceback" not in bad.stderr
    lonely = run("export", str(EXAMPLE_PATH), "--xlsx", str(out), "--costs", str(out))
    assert lonely.returncode == 2 and "--plan" in lonely.stderr


def test_the_service_files_the_plan_when_the_assessment_says_so(tmp_path: Path) -> None:
    from app.plan_store import PlanStore
    from app.services import AssessmentService

    service = AssessmentService.open(tmp_path / "data")
    try:
        ident = service.import_document(parse_document(example()))
        plain = service.export_filing(ident, xlsx_path=tmp_path / "a.xlsx")
        assert PLAN_SHEET not in load_workbook(tmp_path / "a.xlsx").sheetnames
        PlanStore(service).save_plan_settings(ident, target="advanced", in_filing=True, costs={"roadmap": "0"})
        with_plan = service.export_filing(ident, xlsx_path=tmp_path / "b.xlsx")
        assert PLAN_SHEET in load_workbook(tmp_path / "b.xlsx").sheetnames
        assert with_plan.fingerprint != plain.fingerprint
        result = verify_filing(tmp_path / "b.xlsx")
        assert result.ok and result.carried is not None
        assert result.carried.plan_data["target"] == "advanced"
    finally:
        service.close()


def test_plan_texts_are_injection_safe(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    """A title written as a formula stays text in the plan sheet (the program's own writer rules)."""
    forged = copy.deepcopy(plan_data)
    forged["actions"][0]["title"] = "=HYPERLINK(\"http://x\",\"点我\")"
    path = _forged(tmp_path, forged)
    ws = load_workbook(path)[PLAN_SHEET]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=HYPER"))
    assert cell.data_type == "s" and cell.quotePrefix
    assert re.search("HYPERLINK", str(cell.value))
