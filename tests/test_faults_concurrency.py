"""Items 4 and 8 of issue #11: two program instances on one database.

Autosave compares against the stored revision, never only against a cached value; two instances
never both get "saved" for conflicting values (the loser is told the current value); two
imports of one new enterprise both succeed on the one enterprise.
"""

from __future__ import annotations

import random
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.services import AssessmentService
from assessments.document import parse_document
from assessments.vocabulary import NA
from models.errors import Conflict
from tests.conftest import example
from tests.faultkit import populated, rows


@pytest.fixture
def two(tmp_path: Path) -> Any:
    db, ident = populated(tmp_path)
    a = AssessmentService.open(db_path=db, backup_on_start=False)
    b = AssessmentService.open(db_path=db, backup_on_start=False)
    yield a, b, ident, db
    a.close()
    b.close()


def _stored(db: Path, key: str) -> Any:
    import json

    found = rows(db, f"SELECT value_json FROM answers WHERE key = '{key}'")
    return json.loads(found[0][0]) if found else None


def test_stale_cached_value_is_not_reported_as_saved(two: Any) -> None:
    a, b, ident, db = two
    a.set_answer(ident, "answers.P4", 50)
    b.set_answer(ident, "answers.P4", 60)
    with pytest.raises(Conflict) as info:
        a.set_answer(ident, "answers.P4", 50)
    assert info.value.current == 60  # type: ignore[attr-defined]
    assert "60" in info.value.zh
    assert _stored(db, "answers.P4") == 60
    # A has now seen 60: setting 50 again is its deliberate choice and is saved.
    outcome = a.set_answer(ident, "answers.P4", 50)
    assert outcome.changed and _stored(db, "answers.P4") == 50


def test_stale_clear_and_na_are_not_reported_as_saved(two: Any) -> None:
    a, b, ident, db = two
    a.set_answer(ident, "answers.P4", None)  # A clears
    b.set_answer(ident, "answers.P4", 70)  # B types a value
    with pytest.raises(Conflict):
        a.set_answer(ident, "answers.P4", None)  # A, stale, clears "again"
    assert _stored(db, "answers.P4") == 70
    a.set_na(ident, "answers.P6", True)
    b.set_na(ident, "answers.P6", False)
    with pytest.raises(Conflict):
        a.set_na(ident, "answers.P6", True)
    assert _stored(db, "answers.P6") != NA


def test_a_write_to_another_key_is_merged_not_refused(two: Any) -> None:
    a, b, ident, db = two
    a.set_answer(ident, "answers.P4", 50)
    b.set_answer(ident, "answers.P6", 60)
    a.set_answer(ident, "answers.P4", 55)  # A's cache is stale, but not for P4
    assert _stored(db, "answers.P4") == 55 and _stored(db, "answers.P6") == 60


def test_expected_value_from_the_screen_is_checked(two: Any) -> None:
    a, b, ident, db = two
    b.set_answer(ident, "answers.P4", 61)
    a.answers(ident)  # a background read refreshed A's cache, but the screen still shows 82
    with pytest.raises(Conflict) as info:
        a.set_answer(ident, "answers.P4", 70, expected=82)
    assert info.value.current == 61  # type: ignore[attr-defined]
    assert _stored(db, "answers.P4") == 61


def test_interleaved_instances_never_acknowledge_a_value_that_is_not_stored(two: Any) -> None:
    a, b, ident, db = two
    rng = random.Random(4)
    keys = ["answers.P4", "answers.P6", "answers.E7"]
    acknowledged = conflicts = wrong = 0
    for _ in range(400):
        service = rng.choice((a, b))
        key = rng.choice(keys)
        value: Any = rng.choice([None, NA, 40, 50, 60])
        try:
            outcome = service.set_answer(ident, key, value) if value != NA else service.set_na(ident, key, True)
        except Conflict as exc:
            conflicts += 1
            wrong += _stored(db, key) != exc.current  # type: ignore[attr-defined]
            continue
        acknowledged += 1
        wrong += _stored(db, key) != outcome.value
    assert wrong == 0
    assert acknowledged > 200 and conflicts > 0, (acknowledged, conflicts)


def test_two_imports_of_one_new_enterprise_both_succeed(tmp_path: Path) -> None:
    """B imports the same new enterprise between A's look-up and A's insert."""
    a = AssessmentService.open(tmp_path, backup_on_start=False)
    b = AssessmentService.open(tmp_path, backup_on_start=False)
    second = example()
    second["year"] = 2024
    results: dict[str, Any] = {}

    def b_imports() -> None:
        try:
            results["b"] = b.import_document(parse_document(second))
        except Exception as exc:
            results["b"] = exc

    fired: list[bool] = []

    def after_lookup(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not fired and "FROM enterprises" in statement:
            fired.append(True)
            thread = threading.Thread(target=b_imports)
            thread.start()
            # Either B finishes now (A's look-up holds no lock), or it waits for A's write lock:
            # A goes on after a bounded wait and B completes after A has committed.
            thread.join(timeout=1.0)
            results["thread"] = thread

    event.listen(a.db.engine, "after_cursor_execute", after_lookup)
    try:
        results["a"] = a.import_document(parse_document(example()))
    finally:
        event.remove(a.db.engine, "after_cursor_execute", after_lookup)
        results["thread"].join(timeout=30)
        a.close()
        b.close()
    assert isinstance(results["a"], int), results["a"]
    assert isinstance(results["b"], int), results["b"]
    assert rows(tmp_path / "dnz.sqlite3", "SELECT count(*) FROM enterprises") == [(1,)]
    assert rows(tmp_path / "dnz.sqlite3", "SELECT count(*) FROM assessments") == [(2,)]


def test_new_assessment_for_an_enterprise_created_meanwhile(tmp_path: Path) -> None:
    a = AssessmentService.open(tmp_path, backup_on_start=False)
    b = AssessmentService.open(tmp_path, backup_on_start=False)
    try:
        fields = {"name": "滨州示例化工有限公司", "uscc": "91371600MA3C5K2X7K"}
        first = a.new_assessment(2025, **fields)
        second = b.new_assessment(2024, **fields)
        assert a.get_assessment(first).enterprise_id == b.get_assessment(second).enterprise_id
    finally:
        a.close()
        b.close()
