"""Scenarios and plan settings (issue #16): the sandbox writes nothing to the assessment; applying a
scenario journals each change; scenarios and settings live in their own tables."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.plan_store import PlanStore
from app.services import AssessmentService
from assessments.document import parse_document
from assessments.errors import DocumentError
from assessments.plan import PlanInputError
from assessments.whatif import plan_changes
from models.errors import Conflict, NotFound
from tests.conftest import example_decimal


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    svc = AssessmentService.open(tmp_path / "data")
    yield svc
    svc.close()


@pytest.fixture
def ident(service: AssessmentService) -> int:
    return service.import_document(parse_document(example_decimal()))


def _assessment_state(service: AssessmentService, ident: int) -> dict[str, Any]:
    """Everything of the assessment itself: its row, answers and journal, read with plain sqlite3."""
    assert service.db_path is not None
    conn = sqlite3.connect(service.db_path)
    try:
        return {
            "assessment": conn.execute("SELECT * FROM assessments WHERE id = ?", (ident,)).fetchall(),
            "answers": conn.execute("SELECT * FROM answers WHERE assessment_id = ? ORDER BY id", (ident,)).fetchall(),
            "journal": conn.execute("SELECT * FROM journal WHERE assessment_id = ? ORDER BY id", (ident,)).fetchall(),
            "enterprises": conn.execute("SELECT * FROM enterprises").fetchall(),
        }
    finally:
        conn.close()


def test_the_sandbox_and_scenarios_never_write_to_the_assessment(service: AssessmentService, ident: int) -> None:
    store = PlanStore(service)
    before = _assessment_state(service, ident)
    sandbox = store.sandbox(ident)
    sandbox = sandbox.with_value("answers.G4", "full").with_value("energy.grid_electricity", "30,000,000")
    sandbox = sandbox.with_value("answers.P4", "95").with_value("answers.P4", 82)  # back to the saved value
    assert dict(sandbox.changes) == {"answers.G4": "full", "energy.grid_electricity": 30000000}
    result = sandbox.score()
    assert result.total_rounded > 57.0
    first = store.save_scenario(ident, "CEMS全覆盖+减电", sandbox.changes)
    store.save_scenario(ident, "另一个", {"answers.G7": False})
    store.rename_scenario(first, "方案一")
    listed = store.scenarios(ident)
    assert [s.name for s in listed] == ["方案一", "另一个"]
    assert listed[0].total == result.total_rounded and listed[0].grade == result.grade
    name, loaded = store.scenario(first)
    assert name == "方案一" and dict(loaded.changes) == dict(sandbox.changes)
    store.save_plan_settings(ident, target="benchmark", costs={"green_power": "0.003", "offsets": None}, in_filing=True)
    store.make_plan(ident)
    store.delete_scenario(listed[1].id)
    assert _assessment_state(service, ident) == before
    assert service.document_dict(ident) == example_decimal()


def test_apply_journals_each_change(service: AssessmentService, ident: int) -> None:
    store = PlanStore(service)
    changes = {"answers.G4": "full", "answers.G1": "none", "energy.onsite_renewable": None}
    scenario = store.save_scenario(ident, "试一试", changes)
    journal_before = len(service.journal(ident))
    outcomes = store.apply(ident, changes, scenario_id=scenario)
    assert [o.key for o in outcomes] == ["answers.G1", "answers.G4", "energy.onsite_renewable"]
    journal = service.journal(ident)  # newest first
    assert len(journal) == journal_before + 3
    new_rows = journal[:3]
    assert {(r.key, r.old, r.new) for r in new_rows} == {
        ("answers.G4", "cems_only", "full"),
        ("answers.G1", "certified", "none"),
        ("energy.onsite_renewable", 3000000, None),
    }
    assert {r.action for r in new_rows} == {"set", "clear"}
    doc = service.document_dict(ident)
    assert doc["answers"]["G4"] == "full" and "onsite_renewable" not in doc["energy"]
    assert store.scenarios(ident)[0].applied_at is not None
    assert store.scenarios(ident)[0].changes == ()  # applied: nothing differs from the saved answers any more


def test_a_stale_scenario_is_refused_before_anything_is_written(service: AssessmentService, ident: int) -> None:
    store = PlanStore(service)
    before = _assessment_state(service, ident)
    with pytest.raises(DocumentError) as info:
        store.apply(ident, {"answers.G4": "full", "answers.P4": 180})
    assert "P4" in str(info.value)
    with pytest.raises(DocumentError):
        store.apply(ident, {"answers.G4": "full", "answers.Z9": 1})
    assert _assessment_state(service, ident) == before


@pytest.mark.parametrize(("name", "needle"), [("", "名称"), ("  ", "名称"), ("x" * 101, "过长"), ("a\x07b", "控制字符"), (3, "文本")])
def test_bad_scenario_names(service: AssessmentService, ident: int, name: Any, needle: str) -> None:
    with pytest.raises(DocumentError, match=needle):
        PlanStore(service).save_scenario(ident, name, {"answers.G4": "full"})


def test_duplicate_names_and_empty_scenarios(service: AssessmentService, ident: int) -> None:
    store = PlanStore(service)
    store.save_scenario(ident, "方案", {"answers.G4": "full"})
    with pytest.raises(Conflict, match="方案"):
        store.save_scenario(ident, "方案", {"answers.G1": "none"})
    store.save_scenario(ident, "方案", {"answers.G1": "none"}, replace=True)
    assert [c.key for c in store.scenarios(ident)[0].changes] == ["answers.G1"]
    with pytest.raises(DocumentError, match="没有任何改动"):
        store.save_scenario(ident, "空", {"answers.G4": "cems_only"})
    with pytest.raises(NotFound):
        store.delete_scenario(999)


def test_plan_settings_round_trip_exactly(service: AssessmentService, ident: int) -> None:
    store = PlanStore(service)
    assert store.plan_settings(ident).target == "advanced" and store.plan_settings(ident).costs == {}
    store.save_plan_settings(ident, costs={"green_power": Decimal("0.0021"), "onsite_pv": None})
    settings = store.plan_settings(ident)
    assert settings.costs == {"green_power": Decimal("0.0021"), "onsite_pv": None}
    assert settings.target == "advanced" and settings.in_filing is False
    with pytest.raises(PlanInputError, match="green_power"):
        store.save_plan_settings(ident, costs={"green_power": -1})
    with pytest.raises(PlanInputError, match="gold"):
        store.save_plan_settings(ident, target="gold")
    assert store.plan_settings(ident).costs == settings.costs  # a refused edit changes nothing
    plan = store.make_plan(ident)
    assert "onsite_pv" not in {a.lever.id for a in plan.actions}


def test_a_plan_tried_in_the_sandbox_scores_as_the_plan_says(service: AssessmentService, ident: int) -> None:
    store = PlanStore(service)
    plan = store.make_plan(ident, "advanced")
    changes = plan_changes(service.document(ident), plan.document)
    sandbox = store.sandbox(ident, changes)
    assert Decimal(str(sandbox.score().total_rounded)) == plan.total_after


def test_deleting_the_assessment_deletes_its_scenarios_and_settings(service: AssessmentService, ident: int) -> None:
    store = PlanStore(service)
    store.save_scenario(ident, "方案", {"answers.G4": "full"})
    store.save_plan_settings(ident, in_filing=True)
    service.delete_assessment(ident, service.deletion_token(ident))
    assert service.db_path is not None
    conn = sqlite3.connect(service.db_path)
    try:
        assert conn.execute("SELECT count(*) FROM scenarios").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM plan_settings").fetchone() == (0,)
    finally:
        conn.close()


def test_incomplete_assessment_has_no_plan(service: AssessmentService) -> None:
    data = example_decimal()
    del data["answers"]["G4"]
    ident = service.import_document(parse_document(data, partial=True))
    with pytest.raises(PlanInputError, match="尚未填写完整"):
        PlanStore(service).make_plan(ident)


def test_migration_0003_creates_exactly_the_modelled_tables(service: AssessmentService) -> None:
    """The migrated schema equals the models: autogenerate finds nothing to write."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from models.base import Base
    from models.migrate import head_revision

    with service.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    with service.db.engine.connect() as conn:
        # 0003 or a later revision that adds tables of its own (0004: the bureau desk)
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
