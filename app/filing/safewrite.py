"""Writing a file so that the target is either the complete new file or untouched.

The bytes go to a temporary file in the target's folder (same volume, so the final rename is
atomic), are flushed to disk, and then replace the target with ``os.replace``. The temporary
file is created with mode 0666 filtered by the user's umask, like any file a program saves
(``tempfile.mkstemp`` would give 0600, which colleagues on a shared folder cannot read). Every failure
removes the temporary file and becomes a FilingWriteError with a Chinese message that says
what to do: the target open in Excel or a PDF reader (Windows refuses to replace it), a
read-only folder, a full disk, a missing folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from .errors import FilingWriteError

TEMP_PREFIX = ".~dnz-"
TEMP_SUFFIX = ".tmp"


def _message(exc: OSError, path: Path, stage: str) -> FilingWriteError:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return FilingWriteError(
            path,
            "磁盘空间不足，文件未保存（原有文件保持不变）。请清理磁盘或换一个保存位置后重试。",
            "the disk is full; nothing was saved (any earlier file is unchanged)",
        )
    if code == errno.ENOENT:
        return FilingWriteError(
            path, "保存位置的文件夹不存在，请重新选择保存位置。", "the folder does not exist; choose another location"
        )
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS):
        if stage == "replace":
            return FilingWriteError(
                path,
                "目标文件正被其他程序打开（例如 Excel 或 PDF 阅读器）或为只读，无法覆盖。"
                "请关闭该文件后重试；原有文件保持不变。",
                "the target file is open in another program (Excel, a PDF reader) or read-only; close it and retry",
            )
        return FilingWriteError(
            path,
            "没有在该文件夹中写入文件的权限（文件夹只读或受保护），文件未保存。请换一个保存位置，例如“文档”文件夹。",
            "no permission to write in this folder (read-only or protected); choose another location",
        )
    reason = exc.strerror or str(exc)
    return FilingWriteError(
        path,
        f"保存文件失败（{reason}），原有文件保持不变。请换一个保存位置后重试。",
        f"could not save the file ({reason}); any earlier file is unchanged",
    )


def _create_temp(folder: Path) -> tuple[int, Path]:
    """A new, exclusively created temporary file in ``folder`` (mode 0666 less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        candidate = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise FilingWriteError (Chinese message) on failure."""
    path = Path(path)
    if path.is_dir():
        raise FilingWriteError(path, "目标是一个文件夹，请输入文件名。", "the target is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = _create_temp(folder)
    except OSError as exc:
        raise _message(exc, path, "create") from exc
    stage = "write"
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        stage = "replace"
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _message(exc, path, stage) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
