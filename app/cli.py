"""The command line: `python -m app [command]`. Without a command it starts the desktop program.

Exit codes: 0 success; 2 invalid input or usage (message on stderr); 1 unexpected failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from assessments.errors import DomainError
from models.errors import DatabaseUnreadable

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Chinese with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m app", description="双近零标杆企业自评估工具")
    parser.add_argument("--data-dir", type=Path, help="数据文件夹（默认：用户数据目录）")
    parser.add_argument("--db", type=Path, help="数据库文件路径（默认：数据文件夹中的 dnz.sqlite3）")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    score = sub.add_parser("score", help="为答卷文件或数据库中的评估评分")
    score.add_argument("file", help="答卷文件（JSON），或评估编号（配合 --db）")
    score.add_argument("--json", action="store_true", help="输出一个 JSON 对象（供其他程序使用）")
    score.add_argument("--lang", choices=("zh", "en"), default="zh", help="文本摘要的语言")
    from app.cli_db import add_db_commands

    _DB_HANDLERS.update(add_db_commands(sub))
    return parser


_DB_HANDLERS: dict[str, Any] = {}


def _err(text: str, stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stderr
    if out is not None:  # a windowed Windows build has no stderr
        print(text, file=out)


def _out(text: str) -> None:
    if sys.stdout is not None:
        print(text)


def cmd_score(args: argparse.Namespace) -> int:
    from app.cli_db import assessment_id, score_by_id
    from app.docfile import read_document_file
    from assessments.result_json import result_to_dict
    from assessments.scoring import score
    from assessments.summary import summary_text

    ident = assessment_id(args.file)
    if ident is not None and not Path(args.file).exists():
        doc, result = score_by_id(args, ident)
    else:
        doc = read_document_file(Path(args.file))
        result = score(doc)
    if args.json:
        _out(json.dumps(result_to_dict(result, doc), ensure_ascii=False))
    else:
        _out(summary_text(result, doc, args.lang))
    return EXIT_OK


def _prepare_streams() -> None:
    # A Windows console or a pipe may use a legacy code page; never die on an unencodable
    # character (e.g. "₂"), replace it instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def run(argv: Sequence[str] | None = None) -> int:
    _prepare_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ui.application import run_gui

        return int(run_gui(args))
    handlers = {"score": cmd_score, **_DB_HANDLERS}
    try:
        return int(handlers[args.command](args))
    except DatabaseUnreadable as exc:
        from app.cli_db import restore_hint

        _err(f"{exc.zh}\n{restore_hint(args)}")
        return EXIT_INVALID
    except DomainError as exc:
        _err(f"输入无效：\n{exc.text('zh')}")
        return EXIT_INVALID
    except OSError as exc:
        _err(f"无法访问文件或文件夹：{exc.filename or ''} {exc.strerror or exc}")
        return EXIT_INVALID
    except MemoryError:
        _err("输入过大，内存不足，已停止处理。")
        return EXIT_INVALID
