"""Hostile and broken files: every one ends in exit 2 with a Chinese message, never a traceback,
within a memory ceiling (each case runs `python -m app verify` in a process limited by
RLIMIT_AS), and in bounded time."""

from __future__ import annotations

import json
import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.filing import verify_filing

from .conftest import ROOT
from .filing_helpers import carried_json, export_example, replace_pdf_envelope, rewrite_members

MEMORY_CEILING_MB = 400
_LIMITED = (
    "import resource, sys\n"
    "limit = int(sys.argv[1]) * 1024 * 1024\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "from app.cli import run\n"
    "sys.exit(run(sys.argv[2:]))\n"
)


def run_limited(*args: str, ceiling_mb: int = MEMORY_CEILING_MB) -> subprocess.CompletedProcess[str]:
    """`python -m app …` in a process whose address space is capped (a few hundred MB)."""
    return subprocess.run(
        [sys.executable, "-c", _LIMITED, str(ceiling_mb), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def assert_refused(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert message in done.stdout + done.stderr, done.stdout + done.stderr


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return export_example(tmp_path_factory.mktemp("hostile"))


BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]>\n"
)
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'


def _with_dtd(dtd: bytes, entity: bytes) -> Any:
    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            body = data.split(b"?>", 1)[-1] if data.startswith(b"<?xml") else data
            return dtd + body.replace(b"<t>", b"<t>" + entity, 1)
        return data

    return change


@pytest.mark.parametrize(("name", "dtd", "entity"), [("billion laughs", BOMB, b"&lol9;"), ("XXE", XXE, b"&e;")])
def test_xml_entities_in_a_sheet(
    filed: tuple[Path, Path], tmp_path: Path, name: str, dtd: bytes, entity: bytes
) -> None:
    path = tmp_path / "entities.xlsx"
    rewrite_members(filed[0], path, _with_dtd(dtd, entity))
    assert_refused(run_limited("verify", str(path)), "含有 XML 文档类型声明（DTD/实体）")


def test_xml_entities_in_the_styles_part(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """A part only the content comparison reads (styles) is refused the same way."""
    path = tmp_path / "styles.xlsx"

    def change(name: str, data: bytes) -> bytes:
        return BOMB + data if name == "xl/styles.xml" else data

    rewrite_members(filed[0], path, change)
    assert_refused(run_limited("verify", str(path)), "含有 XML 文档类型声明（DTD/实体）")


def _huge_sheet(cells: int) -> bytes:
    row = b"".join(b'<c r="%s1"><v>1</v></c>' % letter for letter in (b"A", b"B", b"C", b"D", b"E", b"F", b"G", b"H"))
    rows = b"".join(b'<row r="%d">' % r + row.replace(b'1"', b'%d"' % r) + b"</row>" for r in range(1, cells // 8 + 1))
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows
        + b"</sheetData></worksheet>"
    )


def test_huge_sheet_over_the_member_limit(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """≈ 1.5 M cells (40 MB of XML) in one sheet: refused from the ZIP directory, before parsing."""
    path = tmp_path / "huge.xlsx"
    big = _huge_sheet(1_500_000)
    assert len(big) > 32 * 1024 * 1024
    rewrite_members(filed[0], path, lambda name, data: big if name == "xl/worksheets/sheet2.xml" else data)
    assert_refused(run_limited("verify", str(path)), "解压后过大")


def test_large_sheet_under_the_limits_is_modified_without_reading_every_cell(
    filed: tuple[Path, Path], tmp_path: Path
) -> None:
    """≈ 1 M cells (25 MB) added to a sheet: not opened cell by cell (the rebuilt workbook is
    80 KB), reported as modified, within the memory ceiling."""
    path = tmp_path / "large.xlsx"
    big = _huge_sheet(1_000_000)
    assert 16 * 1024 * 1024 < len(big) < 32 * 1024 * 1024
    rewrite_members(filed[0], path, lambda name, data: big if name == "xl/worksheets/sheet2.xml" else data)
    done = run_limited("verify", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert "远多于按携带数据重新生成的备案表" in done.stdout


def test_zip_bomb_member(filed: tuple[Path, Path], tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    rewrite_members(filed[0], path, lambda name, data: data, add={"xl/media/zeros.bin": b"\0" * (20 * 1024 * 1024)})
    assert_refused(run_limited("verify", str(path)), "压缩比异常")


def test_zip_declaring_false_sizes(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """A sheet whose directory entries claim 100 bytes but that inflates to 10 MB: the read stops
    at the declared size and the CRC check fails; nothing larger is ever held."""
    path = tmp_path / "liar.xlsx"
    padded = b"<!--" + b"x" * (10 * 1024 * 1024) + b"-->"
    rewrite_members(filed[0], path, lambda name, data: data + padded if name == "xl/worksheets/sheet2.xml" else data)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet2.xml"
    patched = 0
    for signature, size_offset, name_offset in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                struct.pack_into("<I", data, start + size_offset, 100)
                patched += 1
            start += 4
    assert patched == 2
    path.write_bytes(bytes(data))
    done = run_limited("verify", str(path))
    assert_refused(done, "无法解压")


def test_too_many_members(filed: tuple[Path, Path], tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    rewrite_members(filed[0], path, lambda name, data: data, add={f"junk/{i}.xml": b"<x/>" for i in range(1000)})
    assert_refused(run_limited("verify", str(path)), "压缩包中的部件过多（1016 个，上限 400 个）")


def test_pdf_flate_bomb_in_the_carried_attachment(filed: tuple[Path, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter(clone_from=PdfReader(filed[1]))
    bomb = StreamObject()
    bomb._data = zlib.compress(b"\0" * (200 * 1024 * 1024), 9)
    bomb[NameObject("/Filter")] = NameObject("/FlateDecode")
    bomb[NameObject("/Type")] = NameObject("/EmbeddedFile")
    for attachment in writer.attachment_list:
        attachment.pdf_object["/EF"][NameObject("/F")] = writer._add_object(bomb)
    path = tmp_path / "bomb.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert path.stat().st_size < 1024 * 1024
    assert_refused(run_limited("verify", str(path)), "超过大小上限")


def test_pdf_attachment_over_the_stream_limit(filed: tuple[Path, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(filed[1]))
    writer.add_attachment("big.bin", random.Random(1).randbytes(40 * 1024 * 1024))
    path = tmp_path / "big.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    done = run_limited("verify", str(path))
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert "超过大小上限" in done.stdout or "附件被改动" in done.stdout


def test_100_mb_pdf(filed: tuple[Path, Path], tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.write(filed[1].read_bytes())
        handle.truncate(100 * 1024 * 1024)
    assert_refused(run_limited("verify", str(path)), "文件过大（100.0 MB，上限 64.0 MB）")


def test_two_megabyte_program_field(filed: tuple[Path, Path], tmp_path: Path) -> None:
    envelope = carried_json(filed[1])
    envelope["program"] = "x" * (2 * 1024 * 1024)
    path = tmp_path / "program.pdf"
    replace_pdf_envelope(filed[1], path, json.dumps(envelope).encode("ascii"))
    assert_refused(run_limited("verify", str(path)), "导出程序不是有效的文本")


def test_encrypted_pdf(filed: tuple[Path, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(filed[1]))
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert_refused(run_limited("verify", str(path)), "PDF 文件被加密")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xlsx", b"", "只能读取本程序导出的 .xlsx 或 .pdf"),
        ("text.pdf", b"hello", "只能读取本程序导出的 .xlsx 或 .pdf"),
        ("fake.xlsx", b"PK\x03\x04" + b"\0" * 100, "不是有效的 Excel（.xlsx）文件"),
        ("fake.pdf", b"%PDF-1.4\n%%EOF", "不是有效的 PDF 文件"),
    ],
)
def test_not_filings(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = verify_filing(path)
    assert result.status == "unverifiable" and result.exit_code == 2
    assert message in result.summary


@pytest.mark.parametrize("kind", [0, 1], ids=["xlsx", "pdf"])
def test_truncated_files(filed: tuple[Path, Path], tmp_path: Path, kind: int) -> None:
    data = filed[kind].read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 200):
        path = tmp_path / f"cut{cut}{filed[kind].suffix}"
        path.write_bytes(data[:cut])
        result = verify_filing(path)
        assert result.status in ("unverifiable", "modified"), result.text()
        assert result.summary


def test_each_header_cell_edited(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """Editing a table header used to raise KeyError: now it is a named difference."""
    from openpyxl import load_workbook

    for column in range(1, 14):
        wb = load_workbook(filed[0])
        cell = wb["指标明细"].cell(row=3, column=column)
        cell.value = f"{cell.value}改"
        path = tmp_path / f"head{column}.xlsx"
        wb.save(path)
        result = verify_filing(path)
        assert result.status == "modified"
        assert any(d.startswith(f"指标明细 {cell.coordinate}") for d in result.differences), result.differences


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_byte_damage_never_raises(filed: tuple[Path, Path], tmp_path: Path, data: Any) -> None:
    kind = data.draw(st.sampled_from([0, 1]))
    original = bytearray(filed[kind].read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    path = tmp_path / f"damaged{filed[kind].suffix}"
    path.write_bytes(bytes(original))
    result = verify_filing(path)
    assert result.status in ("verified", "modified", "unverifiable")
    assert result.summary
    if result.status == "verified":
        assert result.identical or result.notes


def test_hostile_envelope_values(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """Wrong types, huge lists and deep nesting in the carried data: refused, no traceback."""
    base = carried_json(filed[1])
    cases: list[tuple[str, Any]] = [
        ("evidence", [{"question_id": 1}]),
        ("evidence", [{"question_id": "P1", "original_name": "a", "sha256": "x", "size_bytes": True}]),
        ("journal", {"changes": -1}),
        ("journal", {"changes": 1, "recent": ["x"] * 1000}),
        ("exported_at", 20250101),
        ("document", {"format": "dnz-answers/1"}),
        ("document", "[" * 100_000),
        ("renderer", "2"),
        ("libraries", {"a" * 100: "b"}),
    ]
    for key, value in cases:
        envelope = dict(base)
        envelope[key] = value
        path = tmp_path / "envelope.pdf"
        replace_pdf_envelope(filed[1], path, json.dumps(envelope).encode("ascii"))
        result = verify_filing(path)
        assert result.status == "unverifiable", (key, result.text())
    deep = tmp_path / "deep.pdf"
    replace_pdf_envelope(filed[1], deep, b"[" * 100_000 + b"]" * 100_000)
    assert verify_filing(deep).status == "unverifiable"
