"""The managed evidence folder: files copied beside the database, named by their SHA-256.

Checked at attach time (size, type, readability), never at export: a user learns of a problem
while the file is still at hand. Content addressing makes duplicates free and lets a filing list
a hash the bureau can check against the file it receives.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from models.errors import StorageError

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = (
    ".pdf", ".ofd", ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".doc", ".docx", ".xls", ".xlsx",
    ".csv", ".txt", ".zip",
)  # fmt: skip
_CHUNK = 1024 * 1024


class EvidenceError(StorageError):
    """A file cannot be attached; the message says why and what to do."""


def sha256_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def check_candidate(path: Path) -> int:
    """Size and type checks with a clear message; returns the size."""
    try:
        if not path.is_file():
            raise EvidenceError(f"“{path}”不是文件或不存在", f"'{path}' is not a file", field="佐证材料")
        size = path.stat().st_size
    except OSError as exc:
        raise EvidenceError(
            f"无法读取“{path.name}”：{exc.strerror or exc}", f"cannot read '{path.name}'", field="佐证材料"
        ) from None
    if path.suffix.lower() not in ALLOWED_SUFFIXES:
        allowed = " ".join(ALLOWED_SUFFIXES)
        raise EvidenceError(
            f"不支持的文件类型“{path.suffix or '（无扩展名）'}”。允许：{allowed}",
            f"unsupported file type '{path.suffix}'; allowed: {allowed}",
            field="佐证材料",
        )
    if size == 0:
        raise EvidenceError(f"“{path.name}”是空文件", f"'{path.name}' is empty", field="佐证材料")
    if size > MAX_EVIDENCE_BYTES:
        raise EvidenceError(
            f"“{path.name}”过大（{size / 1024 / 1024:.1f} MB），单个佐证材料最大 {MAX_EVIDENCE_BYTES // 1024 // 1024} MB；"
            "请压缩图片或拆分文件后再附加",
            f"'{path.name}' is too large ({size / 1024 / 1024:.1f} MB); the limit is {MAX_EVIDENCE_BYTES // 1024 // 1024} MB",
            field="佐证材料",
        )
    return size


def store_file(folder: Path, source: Path) -> tuple[str, str, int]:
    """Copy ``source`` into the store; returns (stored relative name, sha256, size)."""
    check_candidate(source)
    sha, size = sha256_file(source)
    relative = f"{sha[:2]}/{sha}{source.suffix.lower()}"
    target = folder / relative
    if target.exists():
        return relative, sha, size  # same content already stored (another question or assessment)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        shutil.copyfile(source, partial)
        copied, _ = sha256_file(partial)
        if copied != sha:  # the source changed while we copied, or the disk lied
            raise EvidenceError(
                f"复制“{source.name}”时内容发生变化，请关闭正在编辑该文件的程序后重试",
                f"'{source.name}' changed while being copied; close other programs and retry",
                field="佐证材料",
            )
        partial.replace(target)
    except OSError as exc:
        raise EvidenceError(
            f"无法保存佐证材料“{source.name}”：{exc.strerror or exc}",
            f"cannot store '{source.name}': {exc}",
            field="佐证材料",
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return relative, sha, size
