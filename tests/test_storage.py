"""Database opening, migrations, corrupt and foreign files, backups and restore."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.services import AssessmentService
from assessments.document import parse_document
from models.backup import KEEP_AUTOMATIC, list_backups, take_backup
from models.errors import DatabaseUnreadable
from models.migrate import head_revision
from tests.conftest import example, example_decimal

FIXTURE = Path(__file__).parent / "fixtures" / "db-rev0001.sqlite3"


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_upgrade_of_a_first_revision_database_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, db)
    before = {
        table: _rows(db, f"SELECT * FROM {table} ORDER BY id")
        for table in ("enterprises", "assessments", "answers", "journal", "evidence")
    }
    assert _rows(db, "SELECT version_num FROM alembic_version") == [("0001",)]
    service = AssessmentService.open(db_path=db)
    try:
        assert _rows(db, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        for table, rows in before.items():
            after = _rows(db, f"SELECT * FROM {table} ORDER BY id")
            if table == "assessments":  # one column added by 0002, everything else identical
                after = [row[:-1] for row in after]
                assert [r[-1] for r in _rows(db, "SELECT resume_page FROM assessments")] == [None]
            assert after == rows, table
        # And the data reads back as the very document it was made from.
        assert service.document_dict(1) == example_decimal()
        backups = [b for b in service.backups() if b.reason == "pre-migration-0001"]
        assert len(backups) == 1 and backups[0].assessments == 1 and backups[0].enterprises == 1
    finally:
        service.close()


def test_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "dnz.sqlite3"
    bad.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 10)
    content = bad.read_bytes()
    with pytest.raises(DatabaseUnreadable) as info:
        AssessmentService.open(db_path=bad)
    assert "不是本程序的数据库文件" in info.value.zh
    assert bad.read_bytes() == content


def test_corrupt_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "dnz.sqlite3"
    service = AssessmentService.open(db_path=path)
    service.import_document(parse_document(example()))
    service.close()
    data = bytearray(path.read_bytes())
    # Overwrite the middle of the file (table pages) with garbage, keep the header.
    for i in range(4096, min(len(data), 4096 * 6)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    damaged = path.read_bytes()
    with pytest.raises(DatabaseUnreadable) as info:
        AssessmentService.open(db_path=path)
    assert "损坏" in info.value.zh or "完整性" in info.value.zh
    assert path.read_bytes() == damaged


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseUnreadable, match="另一个程序"):
        AssessmentService.open(db_path=path)
    assert path.read_bytes() == before


def test_backups_rotate_and_describe_their_content(tmp_path: Path) -> None:
    service = AssessmentService.open(tmp_path)
    try:
        service.import_document(parse_document(example()))
        assert service.db_path is not None
        for _ in range(KEEP_AUTOMATIC + 3):
            take_backup(service.db_path, "auto-start")
        autos = [b for b in list_backups(service.db_path) if b.reason == "auto-start"]
        assert len(autos) == KEEP_AUTOMATIC
        newest = autos[0]
        assert (newest.enterprises, newest.assessments, newest.readable) == (1, 1, True)
    finally:
        service.close()


def test_restore_brings_back_the_backup_and_keeps_the_current_file(tmp_path: Path) -> None:
    service = AssessmentService.open(tmp_path)
    try:
        first = service.import_document(parse_document(example()))
        snapshot = service.backup_now("manual")
        assert snapshot is not None
        service.set_answer(first, "answers.P4", 55)
        second = example()
        second["year"] = 2024
        service.import_document(parse_document(second))
        kept = service.restore(snapshot)
        assert kept is not None and kept.exists()
        assert [r.id for r in service.list_assessments()] == [first]
        assert service.answers(first)["answers.P4"].value == 82
        # The file replaced by the restore is itself a restorable backup with both assessments.
        pre = [b for b in service.backups() if b.reason == "pre-restore"]
        assert pre and pre[0].assessments == 2
    finally:
        service.close()


def test_restore_replaces_a_corrupt_database(tmp_path: Path) -> None:
    from models.backup import restore_backup

    path = tmp_path / "dnz.sqlite3"
    service = AssessmentService.open(db_path=path)
    service.import_document(parse_document(example()))
    backup = service.backup_now("manual")
    service.close()
    assert backup is not None
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(DatabaseUnreadable):
        AssessmentService.open(db_path=path)
    restore_backup(backup, path)
    service = AssessmentService.open(db_path=path)
    try:
        assert len(service.list_assessments()) == 1
    finally:
        service.close()


def test_busy_database_gives_a_clear_message_and_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import models.db
    from models.errors import DatabaseBusy

    monkeypatch.setattr(models.db, "BUSY_TIMEOUT_MS", 200)
    service = AssessmentService.open(tmp_path)
    try:
        aid = service.import_document(parse_document(example()))
        assert service.db_path is not None
        other = sqlite3.connect(service.db_path, timeout=0.1)  # a second program holding the write lock
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusy, match="另一个程序实例"):
            service.set_answer(aid, "answers.P4", 60)
        other.rollback()
        other.close()
        assert service.answers(aid)["answers.P4"].value == 82
        service.set_answer(aid, "answers.P4", 60)  # and it works again once the lock is gone
        assert service.answers(aid)["answers.P4"].value == 60
    finally:
        service.close()


def test_schema_compiles_for_postgresql() -> None:
    # The bureau side will run the same models on PostgreSQL: every type must have a mapping.
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateTable

    from models.base import Base

    ddl = [str(CreateTable(t).compile(dialect=postgresql.dialect())) for t in Base.metadata.sorted_tables]
    assert len(ddl) == 10 and all("CREATE TABLE" in d for d in ddl)  # 6 tables, + 2 in 0003 (#16), + 2 in 0004 (#15)
    assert any("TIMESTAMP WITH TIME ZONE" in d for d in ddl)


# --------------------------------------------------------------------------- opening without Alembic


def test_the_static_head_revision_is_alembics_head() -> None:
    from models.migrate import HEAD_REVISION, known_revisions

    assert head_revision() == HEAD_REVISION
    assert HEAD_REVISION in known_revisions()


_OPEN_PROBE = """
import json, sys
from pathlib import Path
from app.services import AssessmentService
service = AssessmentService.open(Path(sys.argv[1]), backup_on_start=False)
ids = [row.id for row in service.list_assessments()]
service.close()
print(json.dumps({"ids": ids, "alembic": "alembic" in sys.modules}))
"""


def _open_in_a_fresh_process(folder: Path) -> dict[str, object]:
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-c", _OPEN_PROBE, str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_database_at_head_opens_without_importing_alembic(tmp_path: Path) -> None:
    service = AssessmentService.open(tmp_path, backup_on_start=False)
    try:
        ident = service.import_document(parse_document(example_decimal()))
    finally:
        service.close()
    assert _open_in_a_fresh_process(tmp_path) == {"ids": [ident], "alembic": False}


def test_a_database_behind_head_is_still_migrated(tmp_path: Path) -> None:
    shutil.copy(FIXTURE, tmp_path / "dnz.sqlite3")
    opened = _open_in_a_fresh_process(tmp_path)
    assert opened["alembic"] is True and opened["ids"]
    assert _rows(tmp_path / "dnz.sqlite3", "SELECT version_num FROM alembic_version") == [(head_revision(),)]
