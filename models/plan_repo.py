"""SQL for what-if scenarios and improvement-plan settings (tables added in revision 0003).

They live in their own tables, keyed by the assessment: nothing here reads or writes an
assessment's answers, journal or summary row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Connection, Table, delete, insert, select, update

from .errors import NotFound
from .rows import as_utc, dumps, loads
from .tables import PlanSetting, Scenario

SCN = cast(Table, Scenario.__table__)
PLS = cast(Table, PlanSetting.__table__)


class ScenarioRecord(NamedTuple):
    id: int
    assessment_id: int
    name: str
    origin: str
    changes: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    applied_at: datetime | None


class PlanSettingRecord(NamedTuple):
    target: str
    costs: dict[str, Any]  # lever id → decimal text or None
    in_filing: bool
    updated_at: datetime


_COLUMNS = (
    SCN.c.id, SCN.c.assessment_id, SCN.c.name, SCN.c.origin, SCN.c.changes_json,
    SCN.c.created_at, SCN.c.updated_at, SCN.c.applied_at,
)  # fmt: skip


def _record(row: Any) -> ScenarioRecord:
    applied = row.applied_at
    return ScenarioRecord(
        id=row.id,
        assessment_id=row.assessment_id,
        name=row.name,
        origin=row.origin,
        changes=loads(row.changes_json),
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
        applied_at=as_utc(applied) if applied else None,
    )


def list_scenarios(conn: Connection, assessment_id: int) -> list[ScenarioRecord]:
    rows = conn.execute(select(*_COLUMNS).where(SCN.c.assessment_id == assessment_id).order_by(SCN.c.id))
    return [_record(r) for r in rows]


def get_scenario(conn: Connection, scenario_id: int) -> ScenarioRecord:
    row = conn.execute(select(*_COLUMNS).where(SCN.c.id == scenario_id)).first()
    if row is None:
        raise NotFound(f"试算场景 #{scenario_id} 不存在（可能已被删除）", f"scenario #{scenario_id} does not exist")
    return _record(row)


def scenario_named(conn: Connection, assessment_id: int, name: str) -> ScenarioRecord | None:
    row = conn.execute(select(*_COLUMNS).where(SCN.c.assessment_id == assessment_id, SCN.c.name == name)).first()
    return None if row is None else _record(row)


def insert_scenario(
    conn: Connection, assessment_id: int, name: str, origin: str, changes: dict[str, Any], at: datetime
) -> int:
    result = conn.execute(
        insert(SCN).values(
            assessment_id=assessment_id,
            name=name,
            origin=origin,
            changes_json=dumps(changes),
            created_at=at,
            updated_at=at,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def update_scenario(conn: Connection, scenario_id: int, changes: dict[str, Any], at: datetime) -> None:
    conn.execute(update(SCN).where(SCN.c.id == scenario_id).values(changes_json=dumps(changes), updated_at=at))


def rename_scenario(conn: Connection, scenario_id: int, name: str, at: datetime) -> None:
    conn.execute(update(SCN).where(SCN.c.id == scenario_id).values(name=name, updated_at=at))


def mark_applied(conn: Connection, scenario_id: int, at: datetime) -> None:
    conn.execute(update(SCN).where(SCN.c.id == scenario_id).values(applied_at=at))


def delete_scenario(conn: Connection, scenario_id: int) -> None:
    conn.execute(delete(SCN).where(SCN.c.id == scenario_id))


def get_plan_setting(conn: Connection, assessment_id: int) -> PlanSettingRecord | None:
    row = conn.execute(
        select(PLS.c.target, PLS.c.costs_json, PLS.c.in_filing, PLS.c.updated_at).where(
            PLS.c.assessment_id == assessment_id
        )
    ).first()
    if row is None:
        return None
    return PlanSettingRecord(
        target=row.target, costs=loads(row.costs_json), in_filing=bool(row.in_filing), updated_at=as_utc(row.updated_at)
    )


def put_plan_setting(
    conn: Connection, assessment_id: int, target: str, costs: dict[str, Any], in_filing: bool, at: datetime
) -> None:
    values = {"target": target, "costs_json": dumps(costs), "in_filing": in_filing, "updated_at": at}
    done = conn.execute(update(PLS).where(PLS.c.assessment_id == assessment_id).values(**values))
    if not done.rowcount:
        conn.execute(insert(PLS).values(assessment_id=assessment_id, **values))
