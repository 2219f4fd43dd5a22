"""The managed evidence folder: files copied beside the database, named by their SHA-256.

Checked at attach time (kind of file, size, content, readability), never at export: a user
learns of a problem while the file is still at hand. Content addressing makes duplicates free
and lets a filing list a hash the bureau can check against the file it receives.

What is attached is one regular file, read once through one open handle: a symbolic link, a
junction or a special file (a pipe, a device) is refused, so an attachment can never copy a file
the user did not pick (a link to a system file) or hang on a pipe. Its content must be of the
kind its extension claims (by signature: ``%PDF``, image headers, Office containers, text),
and the message says what was found instead. The copy is hashed while it is written, private to
the user, and takes its name only when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import secrets
import stat
import sys
from pathlib import Path

from models import leftovers
from models.errors import StorageError

from .evidence_kinds import ALLOWED_SUFFIXES, kind_problem
from .filehash import sha256_file

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # "20 MB" as Windows Explorer shows sizes (1 MB = 1024 × 1024 bytes)
_CHUNK = 1024 * 1024
_HEAD = 64 * 1024
_MIB = 1024 * 1024

__all__ = ["ALLOWED_SUFFIXES", "MAX_EVIDENCE_BYTES", "EvidenceError", "check_candidate", "sha256_file", "store_file"]


class EvidenceError(StorageError):
    """A file cannot be attached; the message says why and what to do."""

    def __init__(self, zh: str, en: str, *, field: str = "佐证材料") -> None:
        super().__init__(zh, en, field=field)


def _megabytes(size: int) -> str:
    """Rounded up to 0.1 MB: a file over the limit never reads as being at it (20 MB + 1 byte → 20.1 MB)."""
    return f"{math.ceil(size * 10 / _MIB) / 10:.1f} MB"


def _bytes(size: int) -> str:
    return f"{size:,}".replace(",", " ")


def _is_link(st: os.stat_result) -> bool:
    junction = getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", None)
    return stat.S_ISLNK(st.st_mode) or (junction is not None and getattr(st, "st_reparse_tag", 0) == junction)


def _kind_of_special(st: os.stat_result) -> str:
    if stat.S_ISDIR(st.st_mode):
        return "文件夹"
    if stat.S_ISFIFO(st.st_mode):
        return "管道"
    if stat.S_ISSOCK(st.st_mode):
        return "套接字"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return "设备"
    return "特殊文件"


def _refuse_unless_regular(path: Path, st: os.stat_result) -> None:
    if _is_link(st):
        raise EvidenceError(
            f"“{path.name}”是一个链接（快捷方式），不是文件本身。请附加它所指向的原始文件。",
            f"'{path.name}' is a link, not the file itself; attach the original file.",
        )
    if not stat.S_ISREG(st.st_mode):
        raise EvidenceError(
            f"“{path.name}”不是普通文件（是{_kind_of_special(st)}），无法作为佐证材料附加。",
            f"'{path.name}' is not a regular file; it cannot be attached.",
        )


def _check_size(path: Path, size: int) -> None:
    if size == 0:
        raise EvidenceError(f"“{path.name}”是空文件", f"'{path.name}' is empty")
    if size > MAX_EVIDENCE_BYTES:
        limit = MAX_EVIDENCE_BYTES // _MIB
        raise EvidenceError(
            f"“{path.name}”过大（{_megabytes(size)}，即 {_bytes(size)} 字节），单个佐证材料最大 {limit} MB"
            f"（{_bytes(MAX_EVIDENCE_BYTES)} 字节）；请压缩图片或拆分文件后再附加",
            f"'{path.name}' is too large ({_megabytes(size)}, {size} bytes); the limit is {limit} MB "
            f"({MAX_EVIDENCE_BYTES} bytes)",
        )


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in ALLOWED_SUFFIXES:
        allowed = " ".join(ALLOWED_SUFFIXES)
        raise EvidenceError(
            f"不支持的文件类型“{path.suffix or '（无扩展名）'}”。允许：{allowed}",
            f"unsupported file type '{path.suffix}'; allowed: {allowed}",
        )


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """Open ``path`` for reading without following a link or waiting on a pipe; (fd, its stat)."""
    try:
        _refuse_unless_regular(path, os.lstat(path))
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise EvidenceError(f"“{path}”不是文件或不存在", f"'{path}' is not a file") from None
    except OSError as exc:
        raise EvidenceError(
            f"无法读取“{path.name}”：{exc.strerror or exc}", f"cannot read '{path.name}': {exc}"
        ) from None
    try:
        st = os.fstat(fd)  # what was opened, not what the name pointed to a moment before
        _refuse_unless_regular(path, st)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def _read_head(fd: int) -> bytes:
    head = os.read(fd, _HEAD)
    os.lseek(fd, 0, os.SEEK_SET)
    return head


def check_candidate(path: Path) -> int:
    """Kind, size and content checks with a clear message; returns the size."""
    _check_suffix(path)
    fd, st = _open_regular(path)
    try:
        _check_size(path, st.st_size)
        _check_content(path, fd)
    finally:
        os.close(fd)
    return st.st_size


def _check_content(path: Path, fd: int) -> None:
    problem = kind_problem(path.suffix.lower(), _read_head(fd), lambda: os.fdopen(os.dup(fd), "rb"))
    os.lseek(fd, 0, os.SEEK_SET)  # a duplicated handle shares the position: back to the start
    if problem is not None:
        raise EvidenceError(
            f"“{path.name}”的扩展名是 {path.suffix}，但内容是{problem[0]}。请确认文件没有被改名，"
            "或用正确的程序另存后再附加",
            f"'{path.name}' is named {path.suffix} but contains {problem[1]}",
        )


def _failed(source: Path, exc: OSError) -> EvidenceError:
    if exc.errno == 28:
        return EvidenceError(
            f"无法保存佐证材料“{source.name}”：磁盘已满。请腾出磁盘空间后重试。",
            f"cannot store '{source.name}': the disk is full",
        )
    return EvidenceError(
        f"无法保存佐证材料“{source.name}”：{exc.strerror or exc}", f"cannot store '{source.name}': {exc}"
    )


def _copy_hashing(fd: int, target: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        while chunk := os.read(fd, _CHUNK):
            digest.update(chunk)
            size += len(chunk)
            view = memoryview(chunk)
            while view:
                view = view[os.write(out, view) :]
        os.fsync(out)
    finally:
        os.close(out)
    return digest.hexdigest(), size


def store_file(folder: Path, source: Path) -> tuple[str, str, int]:
    """Copy ``source`` into the store; returns (stored relative name, sha256, size)."""
    _check_suffix(source)
    fd, st = _open_regular(source)
    incoming = leftovers.temporary(folder / f"incoming-{secrets.token_hex(6)}", ".partial")
    target_dir: Path | None = None
    try:
        _check_size(source, st.st_size)
        _check_content(source, fd)
        if sys.platform != "win32":
            os.set_blocking(fd, True)
        folder.mkdir(parents=True, exist_ok=True)
        sha, size = _copy_hashing(fd, incoming)
        if size != st.st_size:  # the file changed while it was read
            raise EvidenceError(
                f"复制“{source.name}”时内容发生变化，请关闭正在编辑该文件的程序后重试",
                f"'{source.name}' changed while being copied; close other programs and retry",
            )
        relative = f"{sha[:2]}/{sha}{source.suffix.lower()}"
        target = folder / relative
        if not target.exists():  # else: the same content is stored already
            target_dir = target.parent
            target_dir.mkdir(exist_ok=True)
            incoming.replace(target)
    except OSError as exc:
        raise _failed(source, exc) from None
    finally:
        os.close(fd)
        leftovers.discard(incoming)
        if target_dir is not None:
            with contextlib.suppress(OSError):
                if not any(target_dir.iterdir()):
                    target_dir.rmdir()
    return relative, sha, size
