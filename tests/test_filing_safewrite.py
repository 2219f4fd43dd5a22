"""Writing filings safely: atomic replace, clear Chinese messages, no half-written or lost files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.filing import FilingWriteError, export_filing, safewrite, verify_filing
from app.filing.safewrite import TEMP_PREFIX, write_atomic
from assessments.document import parse_document

from .conftest import example


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def test_chinese_path_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "备案 文件 2025"
    folder.mkdir()
    out = export_filing(
        parse_document(example()), xlsx_path=folder / "滨州 示例.xlsx", pdf_path=folder / "滨州 示例.pdf"
    )
    assert all(p.is_file() for p in out.files)
    assert verify_filing(folder / "滨州 示例.pdf").ok and verify_filing(folder / "滨州 示例.xlsx").ok
    assert _leftovers(folder) == []


def test_target_open_in_excel_keeps_the_earlier_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "备案.xlsx"
    target.write_bytes(b"earlier filing")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FilingWriteError) as info:
        export_filing(parse_document(example()), xlsx_path=target)
    assert "正被其他程序打开" in info.value.zh and "请关闭该文件后重试" in info.value.zh
    assert target.read_bytes() == b"earlier filing"
    assert _leftovers(tmp_path) == []


def test_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "备案.pdf"
    target.write_bytes(b"earlier filing")
    real_write = os.write
    calls = []

    def full(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data)[:100])  # a partial write first, then the disk is full

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(FilingWriteError) as info:
        write_atomic(target, b"x" * 10_000)
    assert "磁盘空间不足" in info.value.zh and "原有文件保持不变" in info.value.zh
    assert target.read_bytes() == b"earlier filing"
    assert _leftovers(tmp_path) == []


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    (folder / "备案.xlsx").write_bytes(b"earlier filing")
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0:  # root ignores permissions: simulate what a normal user meets

            def refuse(*args: object, **kwargs: object) -> tuple[int, Path]:
                raise PermissionError(errno.EACCES, "Permission denied", str(folder))

            monkeypatch.setattr(safewrite, "_create_temp", refuse)
        with pytest.raises(FilingWriteError) as info:
            export_filing(parse_document(example()), xlsx_path=folder / "备案.xlsx")
    finally:
        folder.chmod(0o755)
    assert "没有在该文件夹中写入文件的权限" in info.value.zh
    assert (folder / "备案.xlsx").read_bytes() == b"earlier filing"
    assert _leftovers(folder) == []


def test_missing_folder_and_folder_as_target(tmp_path: Path) -> None:
    with pytest.raises(FilingWriteError, match="文件夹不存在"):
        write_atomic(tmp_path / "没有" / "a.pdf", b"x")
    with pytest.raises(FilingWriteError, match="目标是一个文件夹"):
        write_atomic(tmp_path, b"x")


def test_replace_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    target.write_bytes(b"old")
    write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000
    assert _leftovers(tmp_path) == []


def test_written_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    """Like any file a user saves (0666 less the umask), not mkstemp's 0600."""
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.pdf", b"x")
        os.umask(0o027)
        write_atomic(tmp_path / "b.pdf", b"x")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.pdf").stat().st_mode & 0o777 == 0o640
