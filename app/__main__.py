"""`python -m app`: the desktop program, or a command (see `python -m app --help`);
`python -m app --desk [URL]`: the bureau desk window.

The one module of ``app`` that may import the GUI layer (``ui``): both windows start here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _desk(argv: list[str]) -> int:
    import argparse

    from app.paths import resolve_locations
    from models.errors import StorageError

    parser = argparse.ArgumentParser(prog="python -m app --desk", description="双近零备案受理台")
    parser.add_argument("--desk", nargs="?", const="", metavar="URL",
                        help="受理台数据库：postgresql+psycopg://…，或 SQLite 文件路径（默认：数据文件夹中的 desk.sqlite3）")  # fmt: skip
    parser.add_argument("--data-dir", type=str, default=None, help="数据文件夹（默认：用户数据目录）")
    args = parser.parse_args(argv)
    from pathlib import Path

    location = args.desk or str(
        resolve_locations(Path(args.data_dir) if args.data_dir else None, None)[0] / "desk.sqlite3"
    )
    from ui.desk.window import run_desk

    try:
        return run_desk(location)
    except StorageError as exc:
        print(exc.zh, file=sys.stderr)
        return 2


def start_desktop(args: argparse.Namespace) -> int:
    from ui.application import run_gui

    return int(run_gui(args))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if any(a == "--desk" or a.startswith("--desk=") for a in arguments):
        return _desk(arguments)
    from app.cli import run

    return run(arguments, start_desktop=start_desktop)


if __name__ == "__main__":
    sys.exit(main())
