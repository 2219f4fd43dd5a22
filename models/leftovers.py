"""Temporary files of interrupted work, named after the process that writes them, and their cleanup.

Backups, restores, new databases and evidence copies are written to a temporary file beside the
target and renamed into place when complete. A kill in between leaves the temporary file; it is
removed at the next start once the process named in it has ended (a temporary file of a program
still running is left alone). Names carry that process id: ``<target>.<pid>.partial``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

SUFFIXES = (".partial", ".restoring", ".creating")
# SQLite's own files beside a temporary database, removed with it.
_COMPANIONS = ("-journal", "-wal", "-shm")
_PID = re.compile(r"\.(\d+)(?:\.partial|\.restoring|\.creating)(?:-journal|-wal|-shm)?$")


def temporary(target: Path, suffix: str = ".partial") -> Path:
    """The temporary file this process writes before ``target`` is complete."""
    assert suffix in SUFFIXES
    return target.with_name(f"{target.name}.{os.getpid()}{suffix}")


def discard(path: Path) -> None:
    """Remove a temporary file and SQLite's companions of it, if any."""
    for suffix in ("", *_COMPANIONS):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        kernel = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel.OpenProcess.restype = wintypes.HANDLE
        kernel.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
        kernel.CloseHandle.argtypes = (wintypes.HANDLE,)
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(ctypes.get_last_error() == 5)  # access denied: it exists
        try:
            code = wintypes.DWORD()
            if not kernel.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True  # cannot tell: keep its files
            return bool(code.value == 259)  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_abandoned(path: Path) -> bool:
    """A temporary file whose writer has ended (or, named before process ids were used, any)."""
    match = _PID.search(path.name)
    return match is None or not pid_alive(int(match.group(1)))


def remove_abandoned(db_path: Path, evidence_dir: Path | None = None) -> list[Path]:
    """Remove what killed work left beside the database, in backups/ and in the evidence store.

    Returns what was removed. Empty evidence sub-folders (left by a failed copy) go too.
    """
    removed: list[Path] = []
    folders = [db_path.parent, db_path.parent / "backups"]
    if evidence_dir is not None and evidence_dir.is_dir():
        folders += [evidence_dir, *(p for p in evidence_dir.iterdir() if p.is_dir())]
    for folder in folders:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            name = path.name
            base = name
            for companion in _COMPANIONS:
                base = base.removesuffix(companion)
            legacy_restore = folder == db_path.parent and base == db_path.with_suffix(".restoring").name
            if not (base.endswith(SUFFIXES) or legacy_restore):
                continue
            if folder == db_path.parent and not (base.startswith(db_path.name) or legacy_restore):
                continue  # beside the database, only its own temporary files
            if is_abandoned(path) or legacy_restore:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    if evidence_dir is not None and evidence_dir.is_dir():
        for sub in evidence_dir.iterdir():
            with contextlib.suppress(OSError):
                if sub.is_dir() and not any(sub.iterdir()):
                    sub.rmdir()
                    removed.append(sub)
    return removed
