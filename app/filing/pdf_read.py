"""Reading a received PDF safely with pypdf: bounded streams, exactly one carried envelope.

Every pypdf call on a received file runs inside ``pdf_limits()``: no stream may declare or
inflate to more than ``MAX_PDF_STREAM_BYTES`` and decoding work is capped, so a flate bomb or a
100 MB attachment ends in a Chinese message instead of a traceback or gigabytes of memory.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .carry import ATTACHMENT_NAME, MAX_ENVELOPE_BYTES, CarriedFiling, parse_envelope
from .errors import FilingReadError
from .limits import MAX_PDF_ATTACHMENTS, MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES, too_large, too_many


@contextmanager
def pdf_limits() -> Iterator[None]:
    """pypdf's resource limits lowered to what a filing can need (for this context only)."""
    from pypdf import apply_configuration

    limit = MAX_PDF_STREAM_BYTES
    with apply_configuration(
        maximum_declared_stream_length=limit,
        array_based_stream_maximum_output_length=limit,
        jbig2_maximum_output_length=limit,
        lzw_maximum_output_length=limit,
        run_length_maximum_output_length=limit,
        zlib_maximum_output_length=limit,
        brotli_maximum_output_length=limit,
        image_maximum_buffer_size=limit,
        stream_decoding_work_maximum_length=4 * limit,
        page_tree_maximum_entries=4 * MAX_PDF_PAGES,
        page_tree_maximum_page_entries=64 * MAX_PDF_PAGES,
    ):
        yield


def pdf_errors() -> tuple[type[BaseException], ...]:
    """Exceptions pypdf raises on damaged or hostile input."""
    from pypdf.errors import PyPdfError

    return (PyPdfError, ValueError, KeyError, TypeError, AssertionError, IndexError, AttributeError,
            zlib.error, UnicodeError, OverflowError, EOFError)  # fmt: skip


def reading_failed(path: Path, exc: BaseException) -> FilingReadError:
    from pypdf.errors import LimitReachedError

    if isinstance(exc, LimitReachedError):
        return FilingReadError(
            path,
            f"PDF 中有数据流超过大小上限（{MAX_PDF_STREAM_BYTES // 1024 // 1024} MB，解压后），"
            "不像本程序导出的备案材料（可能是“压缩炸弹”），已停止读取。",
            f"a PDF stream exceeds the size limit: {exc}",
        )
    return FilingReadError(path, "不是有效的 PDF 文件，或文件已损坏。", f"not a valid PDF file ({type(exc).__name__})")


def open_pdf(path: Path, data: bytes) -> Any:
    """A PdfReader over ``data``, or a FilingReadError (call inside ``pdf_limits``)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise FilingReadError(
                path, "PDF 文件被加密，本程序导出的备案材料不加密，无法核验。", "the PDF is encrypted"
            )
        pages = len(reader.pages)
    except FilingReadError:
        raise
    except pdf_errors() as exc:
        raise reading_failed(path, exc) from exc
    if pages > MAX_PDF_PAGES:
        raise too_many(path, "PDF 页", pages, MAX_PDF_PAGES)
    return reader


def attachments(path: Path, reader: Any) -> list[tuple[str, Any]]:
    """(name, EmbeddedFile) of every embedded file listed in the catalog."""
    out: list[tuple[str, Any]] = []
    try:
        for entry in reader.attachment_list:
            out.append((str(entry.name), entry))
            if len(out) > MAX_PDF_ATTACHMENTS:
                raise too_many(path, "PDF 附件", len(out), MAX_PDF_ATTACHMENTS)
    except FilingReadError:
        raise
    except pdf_errors() as exc:
        raise reading_failed(path, exc) from exc
    return out


def attachment_bytes(path: Path, entry: Any, limit: int) -> bytes:
    try:
        data = entry.content
    except pdf_errors() as exc:
        raise reading_failed(path, exc) from exc
    if not isinstance(data, bytes):
        data = bytes(data or b"")
    if len(data) > limit:
        raise too_large(path, f"附件 {entry.name}", len(data), limit)
    return data


def read_pdf(path: Path, data: bytes) -> tuple[Any, CarriedFiling]:
    """The reader and the one carried envelope (call inside ``pdf_limits``)."""
    reader = open_pdf(path, data)
    carried = [entry for name, entry in attachments(path, reader) if name == ATTACHMENT_NAME]
    if not carried:
        raise FilingReadError(
            path,
            "该 PDF 不是本程序导出的备案材料（没有携带答卷数据），无法核验或导入。",
            "this PDF was not exported by this program (no carried answers document)",
        )
    if len(carried) > 1:
        raise FilingReadError(
            path,
            f"该 PDF 携带了 {len(carried)} 份答卷数据（附件 {ATTACHMENT_NAME}），本程序导出的文件只有一份："
            "无法确定哪一份是真的，不予核验或导入。",
            f"the PDF carries {len(carried)} answers documents; exactly one is accepted",
        )
    raw = attachment_bytes(path, carried[0], MAX_ENVELOPE_BYTES)
    return reader, parse_envelope(raw, path, "pdf")


def page_text(page: Any) -> str:
    """A page's text (pypdf); empty when it cannot be extracted."""
    try:
        return str(page.extract_text() or "")
    except pdf_errors():
        return ""
