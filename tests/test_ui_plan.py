"""Issue #16 in the desktop program (pytest-qt, offscreen): the 试算 sandbox writes nothing, shows the
saved score beside its own, keeps and applies scenarios (journalled); the 改进计划 page plans, saves the
plant's costs and opens the plan in the sandbox."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.test_ui_wizard import Harness, editor, harness, modals, no_crash_dialog, type_text  # noqa: F401

pytestmark = pytest.mark.gui


def _rows(h: Harness) -> dict[str, Any]:
    conn = sqlite3.connect(h.service.db_path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("assessments", "answers", "journal")
        }
    finally:
        conn.close()


@pytest.fixture
def demo(harness: Harness) -> Harness:
    harness.window.open_demo()
    harness.wait_scored()
    return harness


def test_the_sandbox_writes_nothing_and_compares_with_the_saved_score(demo: Harness, qtbot: Any) -> None:
    h, w = demo, demo.wizard
    before = _rows(h)
    w.try_button.click()
    assert w.session.in_sandbox and w.sandbox_bar.isVisible()
    page = w.open_page("governance")
    editor(page, "answers.G4").choose("full")
    process = w.open_page("process")
    type_text(qtbot, editor(process, "answers.P4").edit, "96")
    qtbot.waitUntil(lambda: not w.session.scoring and w.session.result.total_rounded > 57.0)
    assert _rows(h) == before  # nothing written: answers, journal, the assessment row
    assert w.score_panel.title.text() == "试算评分"
    assert "57.0" in w.score_panel.compare.text() and w.score_panel.compare.isVisible()
    assert w.score_panel.bars.reference == [18.0, 8.9, 10.5, 19.7]
    assert "G4" in w.sandbox_bar.text.text() and "已改动 2 项" in w.sandbox_bar.text.text()
    assert w.saved_label.text() == "试算（未保存到评估）"
    h.notes.answers = [True]  # drop the tried changes
    w.sandbox_bar.leave_button.click()
    assert not w.session.in_sandbox and not w.sandbox_bar.isVisible()
    qtbot.waitUntil(lambda: not w.session.scoring and w.session.result is not None)
    assert w.session.result.total_rounded == 57.0
    assert editor(w.pages["governance"], "answers.G4").current() == "cems_only"
    assert "尚未保存为场景" in h.notes.questions[-1]
    after = _rows(h)  # back in the assessment the page shown is remembered again: answers and journal as before
    assert after["answers"] == before["answers"] and after["journal"] == before["journal"]


def test_a_refused_value_in_the_sandbox_is_refused_as_in_the_assessment(demo: Harness, qtbot: Any) -> None:
    h, w = demo, demo.wizard
    before = _rows(h)
    w.sandbox.enter()
    process = w.open_page("process")
    card = process.cards["answers.P4"]
    type_text(qtbot, editor(process, "answers.P4").edit, "180")
    assert card.message.level == "error" and "100" in card.message.text()
    assert not w.session.sandbox.changes
    assert _rows(h) == before


def test_scenarios_are_kept_compared_and_applied_with_a_journal(demo: Harness, qtbot: Any, monkeypatch: Any) -> None:
    from ui.wizard.sandbox import ComparisonDialog, NameDialog, ScenarioDialog

    h, w = demo, demo.wizard
    names = iter(["认证与平台", "认证与平台"])
    monkeypatch.setattr(NameDialog, "ask", classmethod(lambda cls, parent, title, default: next(names)))
    w.sandbox.enter()
    page = w.open_page("governance")
    editor(page, "answers.G4").choose("full")
    editor(page, "answers.G2").choose("certified")
    w.sandbox_bar.save_button.click()
    assert w.session.sandbox_name == "认证与平台"
    w.sandbox.leave(ask=True)  # saved as a scenario: leaving asks nothing
    assert not w.session.in_sandbox and len(h.notes.questions) == 0
    dialog = ScenarioDialog(w.sandbox, w)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "认证与平台" and dialog.table.item(0, 3).text() == "59.5"
    comparison = ComparisonDialog(w.session, w.sandbox.store, [dialog.scenarios[0].id], w)
    table = comparison.table
    assert table.item(0, 0).text() == "57.0" and table.item(0, 1).text() == "59.5"
    assert [table.verticalHeaderItem(r).text() for r in range(2 + 4, table.rowCount())] == [
        "G2 能源管理体系及计量",
        "G4 自动监测与能碳管理平台",
    ]
    assert table.item(6, 1).text().endswith("*")
    journal_before = len(h.service.journal(w.session.id))
    dialog.table.selectRow(0)
    h.notes.answers = [True]
    dialog.apply_button.click()
    assert "记入修改记录" in h.notes.questions[-1] and "G4" in h.notes.questions[-1]
    journal = h.service.journal(w.session.id)
    assert len(journal) == journal_before + 2
    assert {(r.key, r.new) for r in journal[:2]} == {("answers.G4", "full"), ("answers.G2", "certified")}
    qtbot.waitUntil(lambda: not w.session.scoring and w.session.result.total_rounded == 59.5)
    assert editor(w.pages["governance"], "answers.G4").current() == "full"
    assert dialog.scenarios[0].applied_at is not None
    dialog.close()
    comparison.close()


def test_plan_page_plans_saves_costs_and_opens_the_plan_in_the_sandbox(demo: Harness, qtbot: Any) -> None:
    from app.plan_store import PlanStore

    h, w = demo, demo.wizard
    before = _rows(h)
    page = w.open_page("plan")
    qtbot.waitUntil(lambda: page.plan is not None and not page._running, timeout=30000)
    plan = page.plan
    assert plan.reachable and plan.total_after == Decimal("70.0")
    assert page.action_table.rowCount() == len(plan.actions) == len(page.timeline.rows)
    assert sorted(m for _, m in page.timeline.rows) == sorted(a.months for a in plan.actions)
    assert "158.00 万元" in page.summary.text()
    assert "57.0" in page.summary.text() and "70.0" in page.summary.text()
    # the plant's own cost, typed into the table, is saved with the assessment and planned with
    row = next(r for r in range(page.costs.rowCount()) if page.costs.item(r, 0).text().startswith("购买绿电"))
    page.costs.item(row, 3).setText("0.5")
    store = PlanStore(h.service)
    assert store.plan_settings(w.session.id).costs == {"green_power": Decimal("0.5")}
    qtbot.waitUntil(lambda: not page._running and page.plan is not plan and page.plan is not None, timeout=30000)
    assert "green_power" not in {a.lever.id for a in page.plan.actions}
    # a refused cost is said at the table and changes nothing saved
    page.costs.item(row, 3).setText("-3")
    assert page.cost_message.level == "error" and "green_power" in page.cost_message.text()
    assert store.plan_settings(w.session.id).costs == {"green_power": Decimal("0.5")}
    page.costs.item(row, 3).setText("")
    page.costs.item(row, 4).setCheckState(Qt.CheckState.Unchecked)
    assert store.plan_settings(w.session.id).costs == {"green_power": None}
    page.in_filing.setChecked(True)
    assert store.plan_settings(w.session.id).in_filing is True
    page.target.setCurrentIndex(page.target.findData("benchmark"))
    assert store.plan_settings(w.session.id).target == "benchmark"
    page.reset_button.click()
    assert store.plan_settings(w.session.id).costs == {}
    page.target.setCurrentIndex(page.target.findData("advanced"))
    qtbot.waitUntil(lambda: not page._running and page.plan is not None and page.plan.target == "advanced"
                    and not page.timer.isActive(), timeout=30000)  # fmt: skip
    # the plan in the sandbox scores as the plan says, and still nothing is written to the assessment
    page.try_button.click()
    assert w.session.in_sandbox and w.current != "plan"
    qtbot.waitUntil(lambda: not w.session.scoring and w.session.result is not None and w.session.result.total_rounded == 70.0)
    assert "改进计划" in w.sandbox_bar.text.text()
    rows = _rows(h)
    assert rows["answers"] == before["answers"] and rows["journal"] == before["journal"]


def test_plan_page_in_english(qtbot: Any, tmp_path: Path) -> None:
    h = Harness(qtbot, tmp_path, language="en")
    try:
        h.window.open_demo()
        h.wait_scored()
        page = h.wizard.open_page("plan")
        qtbot.waitUntil(lambda: page.plan is not None and not page._running, timeout=30000)
        assert page.action_table.horizontalHeaderItem(0).text() == "Measure"
        assert page.action_table.item(0, 0).text() == "Buy green electricity"
        assert "10k CNY" in page.summary.text()
        assert h.wizard.try_button.text() == "Try (&T)"
    finally:
        h.close()


def test_the_wizard_loads_no_solver_until_a_plan_is_computed() -> None:
    """Opening the program and the wizard imports neither numpy nor HiGHS (start-up stays lean)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = (
        "import sys, ui.application, ui.main_window, ui.wizard.view, app.plan_store, app.cli\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'highspy'}))"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_closing_the_wizard_while_a_plan_is_computed_is_quiet(demo: Harness, qtbot: Any, monkeypatch: Any) -> None:
    """The plan arrives after the wizard (and its plan page) was closed: nothing is shown, no
    exception ('Internal C++ object already deleted' was raised in the event loop)."""
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent

    from app.plan_store import PlanStore

    release = threading.Event()
    started = threading.Event()
    make_plan = PlanStore.make_plan

    def slow(self: PlanStore, *args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(30)
        return make_plan(self, *args, **kwargs)

    monkeypatch.setattr(PlanStore, "make_plan", slow)
    h, w = demo, demo.wizard
    tasks = w.session.tasks
    w.open_page("plan")
    qtbot.waitUntil(started.is_set, timeout=30000)
    h.window.close_wizard()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the wizard's widgets are gone
    release.set()
    qtbot.waitUntil(lambda: tasks.running == 0, timeout=30000)
