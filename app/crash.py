"""Logging to the data folder and the text of a crash report (the dialog lives in ui/crash.py)."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_NAME = "dnz-assess.log"
log = logging.getLogger("dnz")


def setup_logging(data_dir: Path) -> Path | None:
    """Log to ``<data>/logs/dnz-assess.log`` (rotating); None when the folder is not writable."""
    folder = data_dir / "logs"
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("dnz")
    for old in list(root.handlers):
        if isinstance(old, RotatingFileHandler):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def crash_report(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    log_path: Path | None,
    criteria: str | None = None,
) -> str:
    """A plain-text report the user can copy into an e-mail: version, OS, traceback, log path."""
    import platform
    import traceback
    from datetime import datetime

    from app.version import app_version

    lines = [
        "双近零标杆企业自评估 — 错误报告 / error report",
        f"时间 / time: {datetime.now().isoformat(timespec='seconds')}",
        f"版本 / version: {app_version()}",
        f"评价标准 / criteria: {criteria or '-'}",
        f"Python: {sys.version.split()[0]}  系统 / OS: {platform.platform()}",
        f"日志文件 / log: {log_path or '-'}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return "\n".join(lines)
