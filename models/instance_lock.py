"""One program window per database file: a lock file with the owner's process id and an OS lock.

``dnz.sqlite3.lock`` beside the database. Its first line says who holds it (process id, program,
computer, since when) so a second window can name it; the lock itself is an operating-system
lock on the open file (``fcntl.flock`` on Linux/macOS, ``msvcrt.locking`` on Windows), which the
system releases when the process ends however it ends: a lock file left by a killed program
never blocks the next start. The file is never deleted (deleting it would let two programs lock
two different files of one name); an ended owner just empties it.

Lines appended after the first are requests from a second window to bring this one forward
(`request_raise`); the owner watches the file.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import DatabaseInUse, StorageError

# Windows locks are mandatory: the lock sits far past the owner line so others can still read it.
_WINDOWS_LOCK_OFFSET = 1 << 30


@dataclass(frozen=True)
class LockOwner:
    pid: int
    program: str
    host: str
    since: str  # ISO time, local

    def describe_zh(self) -> str:
        when = self.since[:16].replace("T", " ")
        where = "" if self.host == socket.gethostname() else f"，在电脑“{self.host}”上"
        return f"进程 {self.pid}，自 {when} 起{where}"

    def describe_en(self) -> str:
        return f"process {self.pid} since {self.since[:16].replace('T', ' ')} on {self.host}"


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def read_owner(db_path: Path) -> LockOwner | None:
    """Who the lock file says holds the database (without checking that it still does)."""
    try:
        first = lock_path(db_path).read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
        data = json.loads(first)
        return LockOwner(int(data["pid"]), str(data["program"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    """Held for a program window's whole session; `release` (or the process ending) frees it."""

    def __init__(self, db_path: Path, fd: int) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, db_path: Path, *, purpose: tuple[str, str] | None = None) -> InstanceLock:
        """Take the lock, or raise DatabaseInUse naming the window that has it.

        ``purpose`` (zh, en): what needs the database alone (a restore), for the message; without
        it the message is the one for a second program window.
        """
        path = lock_path(db_path)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise StorageError(
                f"无法在数据文件夹中创建锁文件“{path}”：{exc.strerror or exc}。请检查文件夹权限。",
                f"cannot create the lock file '{path}': {exc}",
            ) from None
        try:
            locked = _try_lock(fd)
        except OSError:
            # A file system without locks (some network drives): run without the guarantee
            # rather than not at all; SQLite's own locking still protects every write.
            locked = True
        if not locked:
            os.close(fd)
            owner = read_owner(db_path)
            who = f"（{owner.describe_zh()}）" if owner else ""
            who_en = f" ({owner.describe_en()})" if owner else ""
            if purpose is not None:
                raise DatabaseInUse(
                    f"{purpose[0]}需要独占数据库，但它已在本机的另一个窗口中打开{who}。请先关闭那个窗口，再重试。"
                    "数据库未被改动。",
                    f"{purpose[1]} needs the database alone, but another window has it open{who_en}; close it and "
                    "retry. Nothing was changed.",
                    owner=owner,
                )
            raise DatabaseInUse(
                f"这个数据库已在本机的另一个窗口中打开{who}。同一个数据库一次只能在一个窗口中编辑："
                "请切换到那个窗口，或以只读方式打开。",
                f"this database is already open in another window{who_en}; switch to it or open read-only.",
                owner=owner,
            )
        owner_line = json.dumps(
            {"pid": os.getpid(), "program": "dnz-assess", "host": socket.gethostname(),
             "since": datetime.now().isoformat(timespec="seconds")},
            ensure_ascii=False,
        )  # fmt: skip
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, (owner_line + "\n").encode("utf-8"))
        return cls(db_path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)  # nobody holds it now: say nothing about an owner
            _unlock(fd)
        except OSError:
            pass  # closing the file releases the lock anyway
        finally:
            os.close(fd)


def request_raise(db_path: Path) -> LockOwner | None:
    """Ask the window holding ``db_path`` to come to the front; returns that window's owner."""
    owner = read_owner(db_path)
    if owner is None:
        return None
    if sys.platform == "win32":  # only the foreground process may hand the foreground on
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(owner.pid)
        except (OSError, AttributeError):
            pass
    try:
        with lock_path(db_path).open("a", encoding="utf-8") as fh:
            fh.write(f"raise {os.getpid()}\n")
    except OSError:
        return None
    return owner
