"""Item 10 of issue #11: evidence files — links, special files, disguised types, exact size limits."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.evidence_store import MAX_EVIDENCE_BYTES, EvidenceError
from app.services import AssessmentService
from tests.faultkit import fill, populated, tiny_tmpfs

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.fixture
def setup(tmp_path: Path) -> Any:
    db, ident = populated(tmp_path / "data")
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    files = tmp_path / "files"
    files.mkdir()
    yield service, ident, files
    service.close()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege on Windows")
def test_symbolic_links_are_refused(setup: Any, tmp_path: Path) -> None:
    service, ident, files = setup
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(PDF + b"private")
    link = files / "许可证.pdf"
    link.symlink_to(secret)
    with pytest.raises(EvidenceError, match="链接"):
        service.attach_evidence(ident, "V1", link)
    assert service.list_evidence(ident) == []
    assert not any(p.is_file() for p in service.evidence_dir.rglob("*"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_special_files_are_refused_without_blocking(setup: Any) -> None:
    service, ident, files = setup
    fifo = files / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(EvidenceError, match="不是普通文件"):
        service.attach_evidence(ident, "V1", fifo)


@pytest.mark.parametrize(
    ("name", "content", "found"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200, "Windows 可执行程序"),
        ("photo.jpg", b"\x7fELF\x02\x01\x01" + b"\0" * 200, "Linux 可执行程序"),
        ("scan.png", PDF, "PDF"),
        ("table.xlsx", _zip(["word/document.xml", "[Content_Types].xml"]), "Word"),
        ("notes.docx", b"just some text, not a document", "文本"),
        ("data.csv", b"\x00\x01\x02\x03binary\xff\xfe" * 20, "无法识别"),
        ("image.tif", b"GIF89a" + b"\0" * 50, "GIF"),
    ],
)
def test_content_must_match_the_extension_and_the_message_says_what_was_found(
    setup: Any, name: str, content: bytes, found: str
) -> None:
    service, ident, files = setup
    path = files / name
    path.write_bytes(content)
    with pytest.raises(EvidenceError) as info:
        service.attach_evidence(ident, "V1", path)
    assert found in info.value.zh, info.value.zh
    assert path.suffix in info.value.zh


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("许可证.pdf", PDF),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 50),
        ("photo.jpeg", b"\xff\xd8\xff\xe1" + b"\0" * 50),
        ("site.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50),
        (
            "scan.bmp",
            b"BM"
            + (70).to_bytes(4, "little")
            + b"\0" * 4
            + (54).to_bytes(4, "little")
            + (40).to_bytes(4, "little")
            + b"\0" * 52,
        ),
        ("bmw.txt", b"BMW X5 annual service report\n"),
        ("scan.tif", b"II*\x00" + b"\0" * 50),
        ("scan.tiff", b"MM\x00*" + b"\0" * 50),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50),
        ("new.docx", _zip(["[Content_Types].xml", "word/document.xml"])),
        ("new.xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"])),
        ("bundle.zip", _zip(["a.txt"])),
        ("invoice.ofd", _zip(["OFD.xml", "Doc_0/Document.xml"])),
        ("data.csv", "企业,数值\n滨州,1\n".encode()),
        ("data.csv", "企业,数值\n滨州,1\n".encode("gb18030")),
        ("readme.txt", "\ufeff说明".encode()),
    ],
)
def test_genuine_files_are_accepted(setup: Any, name: str, content: bytes) -> None:
    service, ident, files = setup
    path = files / name
    path.write_bytes(content)
    row = service.attach_evidence(ident, "V1", path)
    assert service.evidence_file(row).read_bytes() == content


def test_size_limit_is_stated_as_the_user_reads_it(setup: Any) -> None:
    service, ident, files = setup
    at_limit = files / "at.pdf"
    with at_limit.open("wb") as fh:
        fh.write(PDF)
        fh.truncate(MAX_EVIDENCE_BYTES)
    service.attach_evidence(ident, "V1", at_limit)
    over = files / "over.pdf"
    with over.open("wb") as fh:
        fh.write(PDF + b"x")
        fh.truncate(MAX_EVIDENCE_BYTES + 1)
    with pytest.raises(EvidenceError) as info:
        service.attach_evidence(ident, "V2", over)
    message = info.value.zh
    assert "最大 20 MB" in message
    assert "20.0 MB" not in message  # the old message said the file was 20.0 MB, the limit 20 MB
    assert "20 971 521 字节" in message


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk is made with a Linux tmpfs")
def test_a_copy_onto_a_full_disk_leaves_nothing_behind(tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(PDF + b"\0" * (2 * 1024 * 1024))
    with tiny_tmpfs(tmp_path / "disk", 1536) as disk:
        db, ident = populated(disk)
        service = AssessmentService.open(db_path=db, backup_on_start=False)
        try:
            fill(disk, 256 * 1024)
            with pytest.raises(EvidenceError, match="磁盘已满"):
                service.attach_evidence(ident, "V1", source)
            assert service.list_evidence(ident) == []
            assert not service.evidence_dir.exists() or list(service.evidence_dir.rglob("*")) == []
        finally:
            service.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_stored_evidence_is_private_to_the_user(setup: Any) -> None:
    service, ident, files = setup
    path = files / "a.pdf"
    path.write_bytes(PDF)
    path.chmod(0o644)
    row = service.attach_evidence(ident, "V1", path)
    assert service.evidence_file(row).stat().st_mode & 0o077 == 0
