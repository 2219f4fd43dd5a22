"""Item 1 of issue #11: a migration killed at any statement leaves a file that opens.

Every DDL statement (and the version stamp, and the commit) of every migration gets a crash
snapshot (tests/faultkit.py); each snapshot must then open, reach the head revision and hold
exactly the data it held before. Also: a half-migrated file left by the earlier, non-atomic
migration is repaired; repeated failed starts keep one pre-migration backup, not five.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.services import AssessmentService
from models.backup import list_backups
from models.migrate import head_revision
from tests.conftest import example, example_decimal
from tests.faultkit import integrity, is_schema_statement, rows, run_cli, statement_snapshots

FIXTURE = Path(__file__).parent / "fixtures" / "db-rev0001.sqlite3"
TABLES = ("enterprises", "assessments", "answers", "journal", "evidence")


def _content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    for table in TABLES:
        data = rows(db, f"SELECT * FROM {table} ORDER BY id")
        if table == "assessments":  # 0002 appends resume_page: compare the 0001 columns
            data = [r[:11] for r in data]
        out[table] = data
    return out


def _open_and_check(db: Path) -> AssessmentService:
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    assert rows(db, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert integrity(db) == "ok"
    return service


def test_kill_at_every_statement_of_the_0001_to_head_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "live" / "dnz.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(FIXTURE, db)
    before = _content(db)
    with statement_snapshots(db, tmp_path / "snaps", is_schema_statement) as snaps:
        AssessmentService.open(db_path=db, backup_on_start=False).close()
    ddl = [s for s, _ in snaps if s.lstrip().upper().startswith(("CREATE", "ALTER"))]
    assert len(ddl) >= 3, snaps  # the add column, the new table, its index
    for statement, snap in snaps:
        service = _open_and_check(snap)
        try:
            assert _content(snap) == before, statement
            assert service.document_dict(1) == example_decimal(), statement
        finally:
            service.close()


def test_kill_at_every_statement_of_creating_a_new_database(tmp_path: Path) -> None:
    db = tmp_path / "live" / "dnz.sqlite3"
    db.parent.mkdir()
    with statement_snapshots(db, tmp_path / "snaps", is_schema_statement) as snaps:
        AssessmentService.open(db_path=db, backup_on_start=False).close()
    assert len([s for s, _ in snaps if s.lstrip().upper().startswith("CREATE")]) >= 6
    for statement, snap in snaps:
        service = _open_and_check(snap)
        try:
            assert service.list_assessments() == [], statement
            assert service.import_document  # the schema is whole: an import works
            from assessments.document import parse_document

            service.import_document(parse_document(example()))
        finally:
            service.close()


def test_half_migrated_file_from_the_old_program_is_repaired(tmp_path: Path) -> None:
    """What a kill between the old migration's statements left: 0001 stamped, 0002 partly applied."""
    db = tmp_path / "dnz.sqlite3"
    shutil.copyfile(FIXTURE, db)
    before = _content(db)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE assessments ADD COLUMN resume_page VARCHAR(40)")
    conn.commit()
    conn.close()
    code, out, err = run_cli("--db", str(db), "list")
    assert code == 0, err
    assert "滨州示例化工有限公司" in out
    assert _content(db) == before
    assert rows(db, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert integrity(db) == "ok"


def test_half_migrated_file_that_cannot_be_repaired_is_refused_naming_the_backup(tmp_path: Path) -> None:
    db = tmp_path / "dnz.sqlite3"
    shutil.copyfile(FIXTURE, db)
    conn = sqlite3.connect(db)
    # Not a state any migration leaves: a table of the next revision with a different shape.
    conn.execute("CREATE TABLE export_snapshots (id INTEGER PRIMARY KEY, unrelated TEXT)")
    conn.commit()
    conn.close()
    schema = rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name")
    before = _content(db)
    code, _out, err = run_cli("--db", str(db), "list")
    assert code == 2, err
    assert "export_snapshots" in err and "备份" in err
    backups = [b for b in list_backups(db) if b.reason.startswith("pre-migration")]
    assert len(backups) == 1 and str(backups[0].path) in err  # the backup is named
    # Nothing of the upgrade stayed (opening may switch the journal mode in the header, no more).
    assert rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema
    assert _content(db) == before
    assert rows(db, "SELECT version_num FROM alembic_version") == [("0001",)]


def test_repeated_failed_migrations_keep_the_clean_backup(tmp_path: Path) -> None:
    """A migration failing at its second DDL statement, seven starts in a row."""
    db = tmp_path / "dnz.sqlite3"
    shutil.copyfile(FIXTURE, db)
    before = _content(db)

    def fail_on_new_table(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("CREATE TABLE EXPORT_SNAPSHOTS"):
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(Engine, "before_cursor_execute", fail_on_new_table)
    try:
        for _ in range(7):
            code, _out, err = run_cli("--db", str(db), "list")
            assert code == 2, err
            assert "Traceback" not in err and "磁盘" in err
    finally:
        event.remove(Engine, "before_cursor_execute", fail_on_new_table)
    assert rows(db, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert _content(db) == before
    assert "resume_page" not in {r[1] for r in rows(db, "PRAGMA table_info(assessments)")}
    pre = [b for b in list_backups(db) if b.reason.startswith("pre-migration")]
    assert len(pre) == 1 and pre[0].assessments == 1
    code, _out, err = run_cli("--db", str(db), "list")  # and once the disk has room again
    assert code == 0, err
    assert _content(db) == before


@pytest.mark.parametrize("statement", ["ALTER", "CREATE TABLE", "CREATE INDEX", "UPDATE ALEMBIC_VERSION"])
def test_failure_at_a_statement_rolls_the_whole_migration_back(tmp_path: Path, statement: str) -> None:
    db = tmp_path / "dnz.sqlite3"
    shutil.copyfile(FIXTURE, db)
    schema = rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name")

    def fail(conn: object, cursor: object, sql: str, *args: object) -> None:
        if sql.lstrip().upper().startswith(statement):
            raise sqlite3.OperationalError("disk I/O error")

    event.listen(Engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(Exception) as info:
            AssessmentService.open(db_path=db, backup_on_start=False)
        from models.errors import StorageError

        assert isinstance(info.value, StorageError), repr(info.value)
    finally:
        event.remove(Engine, "before_cursor_execute", fail)
    assert rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema
    assert rows(db, "SELECT version_num FROM alembic_version") == [("0001",)]
