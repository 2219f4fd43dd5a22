"""Size limits checked before a received file is parsed, so a hostile file costs bounded memory and time.

A real filing is well under a megabyte (the worked example: 28 KB workbook, 140 KB PDF); even
one with 500 outlets and thousands of evidence files stays below a few megabytes. The limits
leave an order of magnitude of room and still keep a verify process within a few hundred MB.
Every refusal is a FilingReadError whose Chinese message names the limit and the value found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from .errors import FilingReadError

MB: Final = 1024 * 1024
MAX_FILE_BYTES: Final = 64 * MB  # either format, on disk
# Workbook package (ZIP): members, uncompressed sizes and the compression ratio of large members.
MAX_ZIP_MEMBERS: Final = 400
MAX_ZIP_MEMBER_BYTES: Final = 32 * MB
MAX_ZIP_TOTAL_BYTES: Final = 96 * MB
MAX_ZIP_RATIO: Final = 150  # real sheets compress 5–20×; a bomb compresses 1000×
MAX_XML_PART_BYTES: Final = 2 * MB  # workbook.xml, relationship parts
MAX_SHEETS: Final = 64
# The received workbook's cell data may be at most this many times the rebuilt one's (plus a
# margin): Excel and LibreOffice write more XML for the same cells, never ten times more.
MAX_GROWTH: Final = 6
GROWTH_MARGIN_BYTES: Final = 4 * MB
# PDF: any one stream (declared and decoded) and the number of objects.
MAX_PDF_STREAM_BYTES: Final = 32 * MB
MAX_PDF_ATTACHMENTS: Final = 16
MAX_PDF_PAGES: Final = 2_000


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size / 1024:.0f} KB"


def too_large(path: Path, what: str, size: int, limit: int) -> FilingReadError:
    return FilingReadError(
        path,
        f"{what}过大（{_mb(size)}，上限 {_mb(limit)}），不像本程序导出的备案文件，已停止读取。",
        f"{what} too large ({size} bytes, limit {limit})",
    )


def too_many(path: Path, what: str, count: int, limit: int) -> FilingReadError:
    return FilingReadError(
        path,
        f"{what}过多（{count} 个，上限 {limit} 个），不像本程序导出的备案文件，已停止读取。",
        f"too many {what} ({count}, limit {limit})",
    )


def check_file_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise too_large(path, "文件", size, MAX_FILE_BYTES)
