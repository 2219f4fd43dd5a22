"""The command line: `python -m app [command]`. Without a command it starts the desktop program.

Exit codes: 0 success; 2 invalid input or usage, or a storage problem the user can act on (a
damaged or busy database, a full disk; message on stderr); 1 unexpected failure (a bug) — and
`verify` finding a filing that does not match.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Chinese with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"参数错误：{message}\n")


COMMANDS = frozenset({"score", "import", "list", "show", "backups", "restore", "export", "verify", "plan", "desk"})


def _top_parser() -> argparse.ArgumentParser:
    """The options of the program itself (no commands): all the desktop start needs."""
    parser = _Parser(prog="python -m app", description="双近零标杆企业自评估工具")
    parser.add_argument("--data-dir", type=Path, help="数据文件夹（默认：用户数据目录）")
    parser.add_argument("--db", type=Path, help="数据库文件路径（默认：数据文件夹中的 dnz.sqlite3）")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="自检：在临时（或 --data-dir 指定的）文件夹中走一遍导入、评分、导出和校验",
    )
    parser.add_argument(
        "--check-startup",
        nargs="?",
        const="shown",
        choices=("shown", "loaded"),
        help="照常启动桌面程序，主窗口显示且空闲后退出（返回0）；=loaded 时等数据库打开、列表显示后退出（供测试和基准）",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _top_parser()
    sub = parser.add_subparsers(dest="command", metavar="命令")
    score = sub.add_parser("score", help="为答卷文件或数据库中的评估评分")
    score.add_argument("file", help="答卷文件（JSON），或评估编号（配合 --db）")
    score.add_argument("--json", action="store_true", help="输出一个 JSON 对象（供其他程序使用）")
    score.add_argument("--lang", choices=("zh", "en"), default="zh", help="文本摘要的语言")
    from app.cli_db import accept_location_options, add_db_commands

    _DB_HANDLERS.update(add_db_commands(sub))
    _add_filing_commands(sub)
    from app.cli_plan import add_plan_command

    add_plan_command(sub)
    from app.desk.cli import add_desk_command

    add_desk_command(sub)
    for name in ("score", "export"):
        accept_location_options(sub.choices[name])
    return parser


def _add_filing_commands(sub: Any) -> None:
    export = sub.add_parser("export", help="导出 Excel 和/或 PDF 备案文件")
    export.add_argument("file", help="答卷文件（JSON），或评估编号（配合 --db）")
    export.add_argument("--xlsx", type=Path, help="输出的 Excel 文件（.xlsx）")
    export.add_argument("--pdf", type=Path, help="输出的 PDF 文件")
    export.add_argument("--plan", metavar="TARGET", help="附上达到该目标等级（advanced/benchmark）的改进计划")
    export.add_argument("--costs", type=Path, help="与 --plan 同用：本企业的措施单价（JSON）")
    verify = sub.add_parser(
        "verify",
        help="核验备案文件：重新评分、核对指纹，并按携带的数据重新生成文件逐项比较（返回 0 一致，1 被改动，2 无法核验）",
    )
    verify.add_argument("filing", type=Path, help="本程序导出的 .xlsx 或 .pdf 备案文件")
    verify.add_argument("--json", action="store_true", help="输出一个 JSON 对象（status、differences、notes 等）")
    # `import` belongs to app/cli_db (JSON into the database); filings and --json are added here.
    imp = sub.choices["import"]
    imp.add_argument("--json", type=Path, dest="json_out", help="不导入数据库，把备案文件携带的答卷写成 JSON 文件")
    imp.add_argument(
        "--force",
        action="store_true",
        help="备案文件未通过核验时仍然导入携带的答卷（在修改记录中注明未通过核验）",
    )


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
    from assessments import jsonnum
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
        _out(jsonnum.dumps(result_to_dict(result, doc), ensure_ascii=False))
    else:
        _out(summary_text(result, doc, args.lang))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export a `dnz-answers/1` file, or a stored assessment by id (with its evidence and journal)."""
    from app.cli_db import assessment_id, open_service
    from app.docfile import read_document_file
    from app.filing import FilingWriteError, export_filing

    if args.xlsx is None and args.pdf is None:
        _err("参数错误：请至少指定 --xlsx 或 --pdf 之一")
        return EXIT_INVALID
    if args.costs is not None and args.plan is None:
        _err("参数错误：--costs 只与 --plan 一起使用")
        return EXIT_INVALID
    ident = assessment_id(args.file)
    try:
        if ident is not None and not Path(args.file).exists():
            if args.costs is not None:
                _err("参数错误：评估编号的措施单价随评估保存，请在程序的“改进计划”页修改，不能用 --costs")
                return EXIT_INVALID
            service = open_service(args)
            try:
                outcome = service.export_filing(ident, xlsx_path=args.xlsx, pdf_path=args.pdf, plan_target=args.plan)
            finally:
                service.close()
        else:
            doc = read_document_file(Path(args.file))
            plan = _plan_for_filing(doc, args) if args.plan is not None else None
            outcome = export_filing(doc, xlsx_path=args.xlsx, pdf_path=args.pdf, plan=plan)
    except FilingWriteError as exc:
        _err(f"导出失败：{exc.path}\n{exc.zh}")
        return EXIT_INVALID
    for path in outcome.files:
        _out(str(path))
    _err(f"已导出，文件指纹 {outcome.fingerprint}")
    return EXIT_OK


def _plan_for_filing(doc: Any, args: argparse.Namespace) -> Any:
    """The plan a filing of a document file carries (``export --plan TARGET [--costs FILE]``)."""
    from app.docfile import read_json_file
    from assessments.levers import catalogue_for
    from assessments.plan import make_plan, parse_costs
    from assessments.plan.filed import filed_plan

    costs = None
    if args.costs is not None:
        costs = parse_costs(read_json_file(args.costs), catalogue_for(doc.criteria), source=str(args.costs))
    return filed_plan(make_plan(doc, args.plan.strip(), costs))


def cmd_verify(args: argparse.Namespace) -> int:
    """Exit 0 verified, 1 modified, 2 unverifiable (not a filing, damaged, hostile, older version)."""
    from app.filing import verify_filing
    from assessments import jsonnum

    verification = verify_filing(args.filing)
    if args.json:
        _out(jsonnum.dumps(verification.to_dict(), ensure_ascii=False))
    else:
        _out(verification.text())
    return verification.exit_code


def cmd_import(args: argparse.Namespace) -> int:
    """`import`: a filing (.xlsx/.pdf) to --json or the database; a JSON file as before (app/cli_db).

    A filing is verified first and refused (exit 2, nothing imported) unless it verifies — or its
    carried data checks out and only the appearance of an older version's file cannot be
    compared. ``--force`` imports a refused filing's carried document anyway and journals it.
    """
    path = Path(args.file)
    is_filing = path.suffix.lower() in (".xlsx", ".pdf")
    json_out = getattr(args, "json_out", None)
    if not is_filing:
        if json_out is not None or getattr(args, "force", False):
            _err("参数错误：--json 和 --force 只用于备案文件（.xlsx 或 .pdf）")
            return EXIT_INVALID
        return int(_DB_HANDLERS["import"](args))
    from app.filing import carried_document, verify_filing
    from app.filing.safewrite import write_atomic
    from assessments import jsonnum
    from assessments.document import document_to_dict

    verification = verify_filing(path)
    if verification.carried is None:
        _err(f"未导入：{verification.summary}")
        return EXIT_INVALID
    # An older version's filing cannot be drawn again; its carried data is what is imported, and
    # that is checked by its fingerprint.
    accepted = verification.ok or (verification.carried.legacy and verification.data_verified)
    if not accepted and not args.force:
        _err(f"未导入：备案文件未通过核验，没有导入任何内容。\n{verification.text()}")
        _err("如确需导入携带的答卷，请加 --force（修改记录中会注明该文件未通过核验）。")
        return EXIT_INVALID
    if not verification.ok:
        _err(verification.text())
    doc = carried_document(verification.carried)
    if json_out is None:
        new_id = _import_filing_into_db(args, doc, None if accepted else verification)
        _out(str(new_id))
        _err(f"已从备案文件导入为评估 #{new_id}" + ("" if accepted else "（未通过核验，已记入修改记录）"))
        return EXIT_OK
    data = document_to_dict(doc)
    try:
        text = jsonnum.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate survives only as an escape
        text = jsonnum.dumps(data, ensure_ascii=True, indent=2).encode("ascii")
    write_atomic(json_out, text + b"\n")
    _err(f"已写出答卷文件：{json_out}" + ("" if accepted else "（该备案文件未通过核验）"))
    return EXIT_OK


def _import_filing_into_db(args: argparse.Namespace, doc: Any, failed: Any) -> int:
    """The database import of a filing's carried document; ``failed``: the Verification of a
    filing imported with --force, journaled with the assessment."""
    from app.cli_db import open_service

    service = open_service(args)
    try:
        new_id = int(service.import_document(doc))
        if failed is not None:
            service.record_unverified_import(new_id, str(args.file), failed.text())
    finally:
        service.close()
    return new_id


def _prepare_streams() -> None:
    # A Windows console or a pipe may use a legacy code page; never die on an unencodable
    # character (e.g. "₂"), replace it instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def run(argv: Sequence[str] | None = None, *, start_desktop: Callable[[argparse.Namespace], int] | None = None) -> int:
    """Run a command; without one, start the desktop program through ``start_desktop``.

    The entry point (app/__main__.py) passes the desktop starter: the GUI layer sits above this
    one and is imported only there, so the command line never depends on Qt.
    """
    _prepare_streams()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if any(a in COMMANDS or a in ("-h", "--help") for a in arguments):
        args = build_parser().parse_args(arguments)
    else:
        # Starting the desktop program: skip building the command parsers (start-up time).
        args = _top_parser().parse_args(arguments)
        args.command = None
    if args.smoke_test:
        from app.smoke import run_smoke_test

        return run_smoke_test(args.data_dir)
    if args.command is None:
        if start_desktop is None:
            _err("参数错误：请指定命令（python -m app --help 列出全部命令）")
            return EXIT_INVALID
        return int(start_desktop(args))
    # Imported here, not at the top: the desktop program paints its window before loading the domain.
    from app.cli_plan import cmd_plan
    from app.desk.cli import cmd_desk
    from assessments.errors import DomainError
    from models.errors import DatabaseUnreadable, StorageError

    handlers = {
        "score": cmd_score,
        **_DB_HANDLERS,
        "export": cmd_export,
        "verify": cmd_verify,
        "import": cmd_import,
        "plan": cmd_plan,
        "desk": cmd_desk,
    }
    try:
        return int(handlers[args.command](args))
    except DatabaseUnreadable as exc:
        from app.cli_db import restore_hint

        _err(f"{exc.zh}\n{restore_hint(args)}")
        return EXIT_INVALID
    except StorageError as exc:
        # Not the input's fault (a full disk, a busy or locked database): said as it is.
        _err(exc.zh)
        return EXIT_INVALID
    except DomainError as exc:
        _err(f"输入无效：\n{exc.text('zh')}")
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader went away (`… | head`): not an error of ours, and nothing left to say.
        with contextlib.suppress(OSError):
            sys.stdout = None
        return EXIT_FAILURE
    except OSError as exc:
        _err(f"无法访问文件或文件夹：{exc.filename or ''} {exc.strerror or exc}")
        return EXIT_INVALID
    except MemoryError:
        _err("输入过大，内存不足，已停止处理。")
        return EXIT_INVALID
