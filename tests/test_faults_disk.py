"""Item 5 of issue #11: a full disk at start and while typing.

A real full disk: a small tmpfs is mounted over the data folder (Linux as root; elsewhere the
tests skip and say why). The database fits, a backup of it does not.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from app.services import AssessmentService
from models.errors import StorageError
from tests.faultkit import fill, integrity, populated, run_cli, tiny_tmpfs

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="a full disk is made with a Linux tmpfs")


@pytest.fixture
def full_disk(tmp_path: Path) -> Any:
    with tiny_tmpfs(tmp_path / "disk", 1024) as disk:
        db, ident = populated(disk)
        filler = fill(disk, 80 * 1024)  # room for the -shm (32 KB) and a few autosaves, not for a backup (68 KB)
        yield db, ident, filler


def test_start_survives_a_full_disk_and_says_backups_failed(full_disk: Any) -> None:
    db, ident, filler = full_disk
    service = AssessmentService.open(db_path=db)  # the start-up backup cannot be written
    try:
        assert service.notices, "the user must be told that no backup was taken"
        text = " ".join(p.zh for p in service.notices)
        assert "备份" in text and "磁盘" in text
        saved = 0
        for n in range(200):
            try:
                service.set_answer(ident, "answers.P4", n % 90 + 1)
                saved += 1
            except StorageError as exc:
                assert "磁盘已满" in exc.zh
                break
        assert saved >= 1  # autosave went on while there was room
        filler.unlink()
        service.set_answer(ident, "answers.P4", 7)
        assert service.answers(ident)["answers.P4"].value == 7
    finally:
        service.close()
    assert integrity(db) == "ok"


def test_command_line_on_a_full_disk_says_so_without_calling_it_invalid_input(full_disk: Any) -> None:
    db, _ident, _filler = full_disk
    fill(db.parent, 0)
    from tests.conftest import EXAMPLE_PATH

    code, out, err = run_cli("--db", str(db), "import", str(EXAMPLE_PATH))
    assert code == 2, (out, err)
    assert "磁盘已满" in err and "输入无效" not in err and "Traceback" not in err
    code, out, err = run_cli("--db", str(db), "list")  # a disk without a byte free: even reading may fail
    assert (code == 0 and "滨州示例化工有限公司" in out) or (code == 2 and "磁盘已满" in err), (code, err)
    assert "输入无效" not in err
