"""What a file is, by its first bytes, and whether that is what its extension says.

Signatures: PDF ``%PDF-`` (within the first 1024 bytes, as the PDF standard allows), JPEG
``FF D8 FF``, PNG's eight bytes, BMP ``BM``, TIFF ``II*\\0``/``MM\\0*``, the OLE2 container of
old Word/Excel files, the ZIP container of .docx/.xlsx/OFD (told apart by the parts inside),
and text (UTF-8 or GB18030, no NUL bytes) for .csv/.txt.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Callable
from typing import BinaryIO

ALLOWED_SUFFIXES = (
    ".pdf", ".ofd", ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".doc", ".docx", ".xls", ".xlsx",
    ".csv", ".txt", ".zip",
)  # fmt: skip

# kind id → (Chinese, English) as the message names what was found
LABELS = {
    "pdf": ("PDF 文档", "a PDF document"),
    "ofd": ("OFD 版式文档", "an OFD document"),
    "jpeg": ("JPEG 图片", "a JPEG image"),
    "png": ("PNG 图片", "a PNG image"),
    "bmp": ("BMP 图片", "a BMP image"),
    "tiff": ("TIFF 图片", "a TIFF image"),
    "gif": ("GIF 图片（不在允许的类型中）", "a GIF image"),
    "webp": ("WebP 图片（不在允许的类型中）", "a WebP image"),
    "ole": ("旧版 Office 文档（.doc / .xls）", "an old Office document"),
    "docx": ("Word 文档（.docx）", "a Word document"),
    "xlsx": ("Excel 工作簿（.xlsx）", "an Excel workbook"),
    "pptx": ("PowerPoint 演示文稿（不在允许的类型中）", "a PowerPoint file"),
    "zip": ("ZIP 压缩包", "a ZIP archive"),
    "rar": ("RAR/7z 压缩包（不在允许的类型中）", "a RAR or 7z archive"),
    "exe": ("Windows 可执行程序（.exe/.dll）", "a Windows program"),
    "elf": ("Linux 可执行程序", "a Linux program"),
    "script": ("脚本或网页", "a script or web page"),
    "text": ("纯文本", "plain text"),
    "binary": ("无法识别的二进制内容", "unrecognised binary data"),
}

ACCEPTS = {
    ".pdf": {"pdf"},
    ".ofd": {"ofd"},
    ".jpg": {"jpeg"},
    ".jpeg": {"jpeg"},
    ".png": {"png"},
    ".bmp": {"bmp"},
    ".tif": {"tiff"},
    ".tiff": {"tiff"},
    ".doc": {"ole"},
    ".xls": {"ole"},
    ".docx": {"docx"},
    ".xlsx": {"xlsx"},
    ".zip": {"zip", "docx", "xlsx", "pptx", "ofd"},
    ".csv": {"text"},
    ".txt": {"text"},
}

_MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x7fELF", "elf"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "rar"),
)
# The sizes a BMP's second header can have: "BM" alone starts many a text ("BMW …").
_BMP_INFO_SIZES = {12, 40, 52, 56, 64, 108, 124}


def _zip_kind(open_file: Callable[[], BinaryIO]) -> str:
    try:
        with open_file() as fh, zipfile.ZipFile(fh) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "binary"
    tops = {n.split("/", 1)[0] for n in names}
    if "[Content_Types].xml" in names:
        for part, kind in (("word", "docx"), ("xl", "xlsx"), ("ppt", "pptx")):
            if part in tops:
                return kind
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def sniff(head: bytes, open_file: Callable[[], BinaryIO]) -> str:
    """The kind of a file from its first bytes (``open_file`` opens it whole, for ZIP containers)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(open_file)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"BM") and int.from_bytes(head[14:18], "little") in _BMP_INFO_SIZES:
        return "bmp"
    text = _is_text(head)
    if head.startswith(b"MZ") and not text:
        return "exe"
    if text:
        lowered = head[:512].lstrip().lower()
        if lowered.startswith((b"#!", b"<script", b"<html", b"<!doctype html", b"<?php")):
            return "script"
        return "text"
    return "binary"


def kind_problem(suffix: str, head: bytes, open_file: Callable[[], BinaryIO]) -> tuple[str, str] | None:
    """None when the content is what ``suffix`` claims; else (zh, en) naming what it is."""
    kind = sniff(head, open_file)
    if kind in ACCEPTS.get(suffix, set()):
        return None
    return LABELS[kind]
