"""Reading `dnz-answers/1` files from disk with clear messages for everything that goes wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assessments.document import AnswersDocument, decode_json, parse_document
from assessments.errors import DocumentError, Problem

# A real answers document is a few kilobytes; anything this large is the wrong file.
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


class InputFileError(DocumentError):
    """The file itself cannot be read (missing, too large, not UTF-8, …)."""


def _fail(path: Path, zh: str, en: str) -> InputFileError:
    return InputFileError([Problem(str(path), zh, en)])


def read_text_file(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise _fail(path, "这是一个文件夹，请选择 .json 文件", "this is a folder, not a file")
        if size > max_bytes:
            raise _fail(
                path,
                f"文件过大（{size / 1024 / 1024:.1f} MB），答卷文档最大 {max_bytes // 1024 // 1024} MB，请确认选择了正确的文件",
                f"file too large ({size / 1024 / 1024:.1f} MB); an answers document is at most {max_bytes // 1024 // 1024} MB",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "找不到该文件，请检查路径", "file not found") from None
    except PermissionError:
        raise _fail(path, "没有读取该文件的权限", "permission denied") from None
    except OSError as exc:
        raise _fail(path, f"无法读取文件：{exc.strerror or exc}", f"cannot read the file: {exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(
            path,
            "文件不是 UTF-8 编码（可能是 GBK/ANSI）：请用记事本“另存为”并选择 UTF-8 编码",
            "the file is not UTF-8 encoded (perhaps GBK); save it as UTF-8",
        ) from None


def read_json_file(path: Path) -> Any:
    return decode_json(read_text_file(path))


def read_document_file(path: Path, *, partial: bool = False) -> AnswersDocument:
    """Read and validate an answers document; every failure is a DocumentError in Chinese."""
    return parse_document(read_json_file(path), partial=partial)
