"""Database commands: import, list, show, score ID — and bad input through each of them."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import Finished, run_app, run_process
from tests.conftest import EXAMPLE_PATH, example

# In this process (tests/cli_helpers.py); the round trip below also runs as a real process.
run = run_app


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "dnz.sqlite3"
    done = run("--db", str(path), "import", str(EXAMPLE_PATH))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
    return path


def test_import_show_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "dnz.sqlite3"
    imported = run_process("--db", str(db), "import", str(EXAMPLE_PATH))
    assert imported.returncode == 0 and imported.stdout.strip() == "1", imported.stderr
    shown = run_process("--db", str(db), "show", "1")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == example()
    refused = run_process("--db", str(db), "show", "999")
    assert refused.returncode == 2 and "没有编号为 999 的评估" in refused.stderr and "Traceback" not in refused.stderr


def test_import_show_round_trip_in_process(db: Path) -> None:
    shown = run("--db", str(db), "show", "1")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == example()


def test_list_text_and_json(db: Path) -> None:
    text = run("--db", str(db), "list")
    assert text.returncode == 0 and "滨州示例化工有限公司" in text.stdout and "57.0" in text.stdout and "合规" in text.stdout
    listed = json.loads(run("--db", str(db), "list", "--json").stdout)
    assert listed == [
        {
            "id": 1, "enterprise": "滨州示例化工有限公司", "uscc": "91371600MA3C5K2X7K", "year": 2025,
            "status": "complete", "total": 57.0, "grade": "compliant", "criteria": "binzhou-dnz-2025.1",
            "updated_at": listed[0]["updated_at"],
        }
    ]  # fmt: skip


def test_score_by_id_equals_score_of_the_file(db: Path) -> None:
    by_id = json.loads(run("--db", str(db), "score", "1", "--json").stdout)
    by_file = json.loads(run("score", str(EXAMPLE_PATH), "--json").stdout)
    assert by_id == by_file
    assert by_id["total"] == 57.0


def test_full_width_id_is_read_as_the_number(db: Path) -> None:
    shown = run("--db", str(db), "show", "１")
    assert shown.returncode == 0 and json.loads(shown.stdout)["year"] == 2025


def _assert_refused(done: Finished | subprocess.CompletedProcess[str], needle: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert needle in done.stderr
    assert "Traceback" not in done.stderr


def test_wrong_id(db: Path) -> None:
    before = dump(db)
    _assert_refused(run("--db", str(db), "show", "999"), "没有编号为 999 的评估")
    _assert_refused(run("--db", str(db), "score", "999"), "没有编号为 999 的评估")
    _assert_refused(run("--db", str(db), "show", "abc"), "参数错误")
    assert dump(db) == before


def test_missing_file(db: Path, tmp_path: Path) -> None:
    before = dump(db)
    _assert_refused(run("--db", str(db), "import", str(tmp_path / "nope.json")), "找不到该文件")
    assert dump(db) == before


def test_full_width_digits_in_json_are_refused_with_a_hint(db: Path, tmp_path: Path) -> None:
    doc = example()
    doc["energy"]["raw_coal"] = "１２０００"
    path = tmp_path / "fw.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump(db)
    done = run("--db", str(db), "import", str(path))
    _assert_refused(done, "energy.raw_coal")
    assert "如果指的是 12000，请去掉引号" in done.stderr
    assert dump(db) == before


def test_fifty_megabyte_json(db: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("w", encoding="utf-8") as fh:
        fh.write('{"format": "dnz-answers/1", "pad": "')
        fh.write("x" * (50 * 1024 * 1024))
        fh.write('"}')
    before = dump(db)
    _assert_refused(run("--db", str(db), "import", str(big)), "文件过大")
    assert dump(db) == before


def test_invalid_document_changes_nothing(db: Path, tmp_path: Path) -> None:
    doc = example()
    doc["answers"]["P4"] = 150
    doc["enterprise"]["uscc"] = "91371600MA3C5K2X70"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump(db)
    done = run("--db", str(db), "import", str(path))
    _assert_refused(done, "answers.P4")
    assert "校验位错误" in done.stderr  # both problems reported at once
    assert dump(db) == before


def test_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "dnz.sqlite3"
    bogus.write_text("这不是数据库", encoding="utf-8")
    _assert_refused(run("--db", str(bogus), "list"), "不是本程序的数据库文件")
    assert bogus.read_text(encoding="utf-8") == "这不是数据库"


def _make_read_only(folder: Path) -> bool:
    """Make ``folder`` unwritable for this process; False when that is not possible here."""
    if os.name != "posix":
        return False
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    # Root ignores permission bits; the immutable attribute stops even root (ext4 and friends).
    chattr = shutil.which("chattr")
    return bool(chattr) and subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode == 0


def _undo_read_only(folder: Path) -> None:
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    if not _make_read_only(folder):
        pytest.skip("cannot make a folder read-only on this machine")
    try:
        done = run("--db", str(folder / "dnz.sqlite3"), "import", str(EXAMPLE_PATH))
        _assert_refused(done, "无法打开数据库文件")
        assert list(folder.iterdir()) == []
    finally:
        _undo_read_only(folder)


def test_corrupt_database_message_offers_the_newest_backup(db: Path) -> None:
    assert run("--db", str(db), "backups").returncode == 0
    from models.backup import take_backup

    backup = take_backup(db, "manual")
    assert backup is not None
    db.write_bytes(b"\x00garbage" * 512)
    done = run("--db", str(db), "list")
    _assert_refused(done, "不是本程序的数据库文件")
    assert "最近的可用备份" in done.stderr and str(backup) in done.stderr and "1 项评估" in done.stderr
    restored = run("--db", str(db), "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "1 家企业，1 项评估" in restored.stdout
    assert "滨州示例化工有限公司" in run("--db", str(db), "list").stdout
    listed = json.loads(run("--db", str(db), "backups", "--json").stdout)
    assert {b["reason"] for b in listed} >= {"manual", "pre-restore"}


def test_export_by_id_records_the_filing_and_reimports(db: Path, tmp_path: Path) -> None:
    from app.services import AssessmentService

    out = tmp_path / "备案 文件"
    out.mkdir()
    done = run("--db", str(db), "export", "1", "--xlsx", str(out / "a.xlsx"), "--pdf", str(out / "a.pdf"))
    assert done.returncode == 0, done.stderr
    for name in ("a.xlsx", "a.pdf"):
        checked = run("verify", str(out / name))
        assert checked.returncode == 0 and "一致" in checked.stdout, checked.stdout
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    try:
        row = service.get_assessment(1)
        assert row.status == "exported"
        snapshot = service.latest_export(1)
        assert snapshot is not None and snapshot["result"]["total"] == 57.0
        assert snapshot["fingerprint"] in done.stderr
        assert any(b.reason == "pre-export" for b in service.backups())
    finally:
        service.close()
    again = run("--db", str(db), "import", str(out / "a.pdf"))
    assert again.returncode == 0 and again.stdout.strip() == "2"
    assert json.loads(run("--db", str(db), "show", "2").stdout) == example()


def test_location_options_also_after_the_command(db: Path) -> None:
    listed = run("list", "--db", str(db), "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout)[0]["id"] == 1
    assert json.loads(run("show", "1", "--db", str(db)).stdout)["year"] == 2025
    assert json.loads(run("score", "1", "--db", str(db), "--json").stdout)["total"] == 57.0
