"""The list read straight from the file at start-up (models/preview.py): equal to the service's
list when it can be read, None — never an error — for everything the normal open must handle."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.services import AssessmentService
from assessments.document import parse_document
from models.preview import preview_list
from tests.conftest import ROOT, example_decimal

FIXTURE_REV0001 = Path(__file__).parent / "fixtures" / "db-rev0001.sqlite3"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    service = AssessmentService.open(tmp_path, backup_on_start=False)
    try:
        doc = parse_document(example_decimal())
        for _ in range(3):
            service.import_document(doc)
        assert service.db_path is not None
        return service.db_path
    finally:
        service.close()


def test_preview_equals_the_service_list(db: Path) -> None:
    rows = preview_list(db)
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    try:
        listed = service.list_assessments()
    finally:
        service.close()
    assert rows is not None and len(rows) == 3
    assert [tuple(r) for r in rows] == [tuple(r) for r in listed]
    assert list(type(rows[0])._fields) == list(type(listed[0])._fields)


def test_an_empty_database_previews_as_an_empty_list(tmp_path: Path) -> None:
    AssessmentService.open(tmp_path, backup_on_start=False).close()
    assert preview_list(tmp_path / "dnz.sqlite3") == []


def test_preview_imports_neither_sqlalchemy_nor_the_domain(db: Path) -> None:
    probe = (
        "import sys; from pathlib import Path; from app.preview import preview_list;"
        f"rows = preview_list(Path({str(db)!r})); print(len(rows));"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'assessments', 'PySide6'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["3", "[]"]


def test_no_preview_without_a_database(tmp_path: Path) -> None:
    assert preview_list(tmp_path / "none.sqlite3") is None
    assert preview_list(tmp_path) is None  # a folder
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert preview_list(empty) is None


@pytest.mark.parametrize(
    "content",
    [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000, bytes(range(256)) * 64],
    ids=["text", "broken header", "noise"],
)
def test_no_preview_of_a_damaged_file_and_nothing_left_beside_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "dnz.sqlite3"
    path.write_bytes(content)
    assert preview_list(path) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dnz.sqlite3"]
    assert path.read_bytes() == content


def test_no_preview_of_another_programs_database(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.execute("INSERT INTO alembic_version VALUES ('0003')")
    conn.commit()
    conn.close()
    assert preview_list(path) is None  # no application id of ours


def test_no_preview_of_an_older_schema(tmp_path: Path) -> None:
    path = tmp_path / "dnz.sqlite3"
    shutil.copy(FIXTURE_REV0001, path)
    assert preview_list(path) is None  # the normal open migrates it first


def test_no_preview_while_a_crash_journal_waits_for_recovery(db: Path) -> None:
    wal = db.with_name(db.name + "-wal")
    wal.write_bytes(b"\x00" * 32)
    assert preview_list(db) is None
    wal.write_bytes(b"")
    assert preview_list(db) is not None


def test_a_locked_database_does_not_hold_the_preview_up(db: Path) -> None:
    writer = sqlite3.connect(db, timeout=0)
    writer.execute("PRAGMA journal_mode=DELETE")
    writer.execute("BEGIN EXCLUSIVE")
    try:
        assert preview_list(db) is None  # busy: the normal open waits and says so
    finally:
        writer.rollback()
        writer.close()
