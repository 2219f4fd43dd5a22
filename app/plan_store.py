"""What-if scenarios and the improvement plan of stored assessments (issue #16, F12/F13).

A thin service next to ``AssessmentService``: scenarios and plan settings are written to their own
tables (models/plan_repo.py) through the service's write unit; trying something in a sandbox
writes nothing at all. Applying a scenario is the one way its changes reach the assessment, and it
goes through ``AssessmentService.set_answer`` key by key, so each change is validated, saved and
journalled exactly like a typed answer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from assessments.criteria import load_criteria
from assessments.errors import DocumentError, Problem, ScoringError
from assessments.levers import catalogue_for
from assessments.plan.costs import PlanInputError, parse_costs
from assessments.scoring import missing_inputs
from assessments.whatif import MAX_SCENARIO_NAME, Sandbox, SandboxChange, with_changes
from models import plan_repo
from models.base import utcnow
from models.errors import Conflict

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlalchemy import Connection

    from assessments.document import AnswersDocument
    from assessments.plan import Plan
    from models.repo import AssessmentRow, StoredAnswer


class PlanHost(Protocol):
    """What the plan store needs of the assessment service (``AssessmentService`` is one).

    Named here so that the service may build a plan store without this module importing the
    service back (no import cycle)."""

    def _read(self) -> AbstractContextManager[Connection]: ...

    def _write(self) -> AbstractContextManager[Connection]: ...

    def get_assessment(self, assessment_id: int) -> AssessmentRow: ...

    def answers(self, assessment_id: int) -> Mapping[str, StoredAnswer]: ...

    def document(self, assessment_id: int) -> AnswersDocument: ...

    def set_answer(self, assessment_id: int, key: str, value: Any) -> Any: ...

DEFAULT_TARGET = "advanced"


@dataclass(frozen=True)
class ScenarioSummary:
    id: int
    name: str
    origin: str  # sandbox | plan
    changes: tuple[SandboxChange, ...]
    total: float | None  # score of the saved answers with the changes (None: cannot be scored yet)
    grade: str | None
    complete: bool
    updated_at: datetime
    applied_at: datetime | None


@dataclass(frozen=True)
class PlanSettings:
    target: str
    costs: dict[str, Decimal | None]  # the plant's own unit costs (levers not listed: the default)
    in_filing: bool


def scenario_name(text: Any) -> str:
    """A scenario's name: 1–100 characters of text, no control characters."""
    if not isinstance(text, str):
        raise DocumentError([Problem("name", "场景名称应为文本", "the name must be text")])
    name = unicodedata.normalize("NFC", text).strip()
    if not name:
        raise DocumentError([Problem("name", "请为场景起一个名称", "give the scenario a name")])
    if len(name) > MAX_SCENARIO_NAME:
        raise DocumentError(
            [Problem("name", f"场景名称过长（{len(name)} 个字符，最多 {MAX_SCENARIO_NAME} 个）", "the name is too long")]
        )
    if any(not ch.isprintable() for ch in name):
        raise DocumentError([Problem("name", "场景名称含有控制字符，请删除后重新输入", "the name contains control characters")])
    return name


class PlanStore:
    def __init__(self, service: PlanHost) -> None:
        self.service = service

    # ------------------------------------------------------------------ sandbox and scenarios

    def sandbox(self, assessment_id: int, changes: Mapping[str, Any] | None = None) -> Sandbox:
        """A sandbox over the saved answers (with ``changes`` validated again, if given)."""
        row = self.service.get_assessment(assessment_id)
        saved = {k: a.value for k, a in self.service.answers(assessment_id).items() if a.value is not None}
        return with_changes(row.criteria_id, row.year, saved, changes or {})

    def scenarios(self, assessment_id: int) -> list[ScenarioSummary]:
        with self.service._read() as conn:
            records = plan_repo.list_scenarios(conn, assessment_id)
        out = []
        for rec in records:
            try:
                sandbox = self.sandbox(assessment_id, rec.changes)
                changes = tuple(sandbox.change_list())
            except DocumentError:  # the saved answers moved on so that a change no longer fits
                out.append(ScenarioSummary(rec.id, rec.name, rec.origin, (), None, None, False, rec.updated_at, rec.applied_at))
                continue
            try:
                result = sandbox.score()
                total, grade, complete = result.total_rounded, result.grade, result.complete
            except (ScoringError, DocumentError):
                total, grade, complete = None, None, False
            out.append(ScenarioSummary(rec.id, rec.name, rec.origin, changes, total, grade, complete, rec.updated_at, rec.applied_at))
        return out

    def scenario(self, scenario_id: int) -> tuple[str, Sandbox]:
        """(name, sandbox) of a stored scenario over the current saved answers."""
        with self.service._read() as conn:
            rec = plan_repo.get_scenario(conn, scenario_id)
        return rec.name, self.sandbox(rec.assessment_id, rec.changes)

    def save_scenario(
        self, assessment_id: int, name: str, changes: Mapping[str, Any], *, origin: str = "sandbox", replace: bool = False
    ) -> int:
        """Store a named scenario (validated first); ``replace`` overwrites one of the same name."""
        name = scenario_name(name)
        sandbox = self.sandbox(assessment_id, changes)
        if not sandbox.changes:
            raise DocumentError([Problem("changes", "试算中没有任何改动，无需保存", "the sandbox holds no change")])
        now = utcnow()
        with self.service._write() as conn:
            existing = plan_repo.scenario_named(conn, assessment_id, name)
            if existing is not None:
                if not replace:
                    raise Conflict(f"已有名为“{name}”的场景", f"a scenario named {name!r} exists", field="name")
                plan_repo.update_scenario(conn, existing.id, dict(sandbox.changes), now)
                return existing.id
            return plan_repo.insert_scenario(conn, assessment_id, name, origin, dict(sandbox.changes), now)

    def rename_scenario(self, scenario_id: int, name: str) -> None:
        name = scenario_name(name)
        with self.service._write() as conn:
            rec = plan_repo.get_scenario(conn, scenario_id)
            other = plan_repo.scenario_named(conn, rec.assessment_id, name)
            if other is not None and other.id != scenario_id:
                raise Conflict(f"已有名为“{name}”的场景", f"a scenario named {name!r} exists", field="name")
            plan_repo.rename_scenario(conn, scenario_id, name, utcnow())

    def delete_scenario(self, scenario_id: int) -> None:
        with self.service._write() as conn:
            plan_repo.get_scenario(conn, scenario_id)
            plan_repo.delete_scenario(conn, scenario_id)

    def apply(self, assessment_id: int, changes: Mapping[str, Any], *, scenario_id: int | None = None) -> list[Any]:
        """Write a sandbox's changes to the assessment: every change validated together first, then
        saved one by one through the autosave path (one journal row each); the service's outcome of each."""
        sandbox = self.sandbox(assessment_id, changes)
        sandbox.document()  # the whole merged draft parses: nothing is written otherwise
        outcomes = [self.service.set_answer(assessment_id, c.key, c.new) for c in sandbox.change_list()]
        if scenario_id is not None:
            with self.service._write() as conn:
                plan_repo.mark_applied(conn, scenario_id, utcnow())
        return outcomes

    # ------------------------------------------------------------------ the plan

    def plan_settings(self, assessment_id: int) -> PlanSettings:
        row = self.service.get_assessment(assessment_id)
        with self.service._read() as conn:
            rec = plan_repo.get_plan_setting(conn, assessment_id)
        if rec is None:
            return PlanSettings(DEFAULT_TARGET, {}, False)
        catalogue = catalogue_for(row.criteria_id)
        known = {k: v for k, v in rec.costs.items() if k in catalogue.ids}  # a lever since retired is ignored
        try:
            costs = parse_costs(known, catalogue, source="plan_settings", text_numbers=True)
        except PlanInputError:
            costs = {}
        criteria = load_criteria(row.criteria_id)
        target = rec.target if rec.target in [g.id for g in criteria.grades[:-1]] else DEFAULT_TARGET
        return PlanSettings(target, costs, rec.in_filing)

    def save_plan_settings(
        self,
        assessment_id: int,
        *,
        target: str | None = None,
        costs: Mapping[str, Any] | None = None,
        in_filing: bool | None = None,
    ) -> PlanSettings:
        """Store the plan's choices (each validated); what is not given stays as it was."""
        current = self.plan_settings(assessment_id)
        row = self.service.get_assessment(assessment_id)
        criteria = load_criteria(row.criteria_id)
        new_target = current.target if target is None else target
        if new_target not in [g.id for g in criteria.grades[:-1]]:
            raise PlanInputError([Problem("target", f"目标等级 {new_target!r} 不存在", f"unknown target {new_target!r}")])
        catalogue = catalogue_for(row.criteria_id)
        new_costs = current.costs if costs is None else parse_costs(dict(costs), catalogue, text_numbers=True)
        new_in_filing = current.in_filing if in_filing is None else bool(in_filing)
        stored = {k: (None if v is None else str(v)) for k, v in new_costs.items()}
        with self.service._write() as conn:
            plan_repo.put_plan_setting(conn, assessment_id, new_target, stored, new_in_filing, utcnow())
        return PlanSettings(new_target, dict(new_costs), new_in_filing)

    def filed_plan(self, assessment_id: int, target: str | None = None) -> dict[str, Any] | None:
        """The plan a filing carries: with ``target``, or when the settings put it in the filing."""
        from assessments.plan.filed import filed_plan

        settings = self.plan_settings(assessment_id)
        if target is None and not settings.in_filing:
            return None
        return filed_plan(self.make_plan(assessment_id, target))

    def make_plan(self, assessment_id: int, target: str | None = None) -> Plan:
        """The least-cost plan for the saved answers with the assessment's own costs."""
        from assessments.plan import make_plan

        settings = self.plan_settings(assessment_id)
        doc = self.service.document(assessment_id)
        missing = missing_inputs(doc, load_criteria(doc.criteria))
        if missing:
            raise PlanInputError(
                [Problem("assessment", "评估尚未填写完整，无法制定改进计划", "the assessment is incomplete; no plan yet")]
            )
        return make_plan(doc, target or settings.target, settings.costs)
