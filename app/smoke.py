"""`--smoke-test`: the whole program path once, from source or frozen, with a temporary data folder.

Steps: open and migrate a new database, import the worked example, score it, export Excel and
PDF, verify both. Exit 0 when every step passed; otherwise 1, naming the step that failed (and
why) — the check run after every build.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

EXPECTED_TOTAL = 57.0
EXPECTED_GRADE = "compliant"


def _say(text: str) -> None:
    if sys.stdout is not None:  # windowed builds have no stdout
        print(text, flush=True)


def run_smoke_test(data_dir: Path | None = None, out: Callable[[str], None] = _say) -> int:
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        return _run(data_dir, out)
    with tempfile.TemporaryDirectory(prefix="dnz-smoke-") as tmp:
        return _run(Path(tmp), out)


def _run(folder: Path, out: Callable[[str], None]) -> int:
    state: dict[str, Any] = {}

    def open_db() -> str:
        from app.services import AssessmentService

        state["service"] = AssessmentService.open(folder)
        return str(state["service"].db_path)

    def import_example() -> str:
        from assessments.document import parse_document_json

        text = resources.files("assessments").joinpath("examples", "worked-example.json").read_text(encoding="utf-8")
        state["id"] = state["service"].import_document(parse_document_json(text))
        return f"评估 #{state['id']}"

    def score_it() -> str:
        result = state["service"].score(state["id"], allow_incomplete=False)
        if (result.total_rounded, result.grade) != (EXPECTED_TOTAL, EXPECTED_GRADE):
            raise AssertionError(f"总分 {result.total_rounded}、等级 {result.grade}，应为 {EXPECTED_TOTAL}、{EXPECTED_GRADE}")
        return f"总分 {result.total_rounded:.1f}，等级 {result.grade}"

    def export(kind: str) -> Callable[[], str]:
        def step() -> str:
            from app.filing import export_filing

            target = folder / "filings" / f"双近零自评估 示例.{kind}"
            target.parent.mkdir(parents=True, exist_ok=True)
            doc = state["service"].document(state["id"])
            xlsx, pdf = (target, None) if kind == "xlsx" else (None, target)
            outcome = export_filing(doc, xlsx_path=xlsx, pdf_path=pdf)
            state[kind] = target
            return f"{target.name}（{target.stat().st_size // 1024} KB，指纹 {outcome.fingerprint[:12]}）"

        return step

    def verify(kind: str) -> Callable[[], str]:
        def step() -> str:
            from app.filing import verify_filing

            report = verify_filing(state[kind])
            if not report.ok:
                raise AssertionError(report.text())
            return "一致"

        return step

    def plan_it() -> str:
        # The solver (HiGHS through highspy and numpy) travels with the bundle: one real plan.
        from app.plan_store import PlanStore

        plan = PlanStore(state["service"]).make_plan(state["id"], "advanced")
        if not plan.reachable or plan.grade_after != "advanced" or not plan.actions:
            raise AssertionError(f"改进计划未达到“先进”：{plan.grade_after} {plan.total_after}")
        return f"{len(plan.actions)} 项措施，{plan.total_before} → {plan.total_after} 分，HiGHS {plan.proof.solves} 次求解"

    steps: list[tuple[str, Callable[[], str]]] = [
        ("打开并迁移数据库", open_db),
        ("导入示例评估", import_example),
        ("评分", score_it),
        ("改进计划", plan_it),
        ("导出 Excel", export("xlsx")),
        ("导出 PDF", export("pdf")),
        ("校验 Excel", verify("xlsx")),
        ("校验 PDF", verify("pdf")),
    ]
    try:
        for name, step in steps:
            started = time.perf_counter()
            try:
                detail = step()
            except Exception as exc:  # the point of a smoke test: name the step and carry on reporting
                out(f"失败：{name}：{exc}")
                out(traceback.format_exc())
                return 1
            out(f"通过：{name}（{(time.perf_counter() - started) * 1000:.0f} ms）{detail}")
    finally:
        service = state.get("service")
        if service is not None:
            service.close()
    out("冒烟测试全部通过")
    return 0
