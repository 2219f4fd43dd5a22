"""``python -m app desk import|list|summary|return`` — the bureau desk on the command line.

Exit codes as elsewhere: 0 done, 2 invalid input or a storage problem (message on stderr).
``desk import`` exits 0 even when files failed verification: receiving them is its job, and the
summary says how many did.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assessments import jsonnum

EXIT_OK = 0
EXIT_INVALID = 2
STATUSES = ("verified", "modified", "unverifiable")
STATUS_ZH = {"verified": "一致", "modified": "被改动", "unverifiable": "无法核验"}


def add_desk_command(sub: Any) -> None:
    desk = sub.add_parser("desk", help="生态环境局受理台：导入、核验、排名、汇总和退回备案文件")
    actions = desk.add_subparsers(dest="desk_command", metavar="操作", required=True)

    def with_db(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument(
            "--db", dest="desk_db", required=True, metavar="URL",
            help="受理台数据库：postgresql+psycopg://… （多人共用）或 SQLite 文件路径（单人）",
        )  # fmt: skip
        return parser

    imp = with_db(actions.add_parser("import", help="导入备案文件或文件夹（递归查找 .xlsx 和 .pdf），逐个核验后保存"))
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--workers", type=int, default=None, help="并行核验的进程数（默认：CPU 核数）")
    imp.add_argument("--json", action="store_true", help="输出一个 JSON 对象（各类数量）")
    lst = with_db(actions.add_parser("list", help="列出每家企业每年的当前备案，按等级、总分、名称排名"))
    lst.add_argument("--year", type=int)
    lst.add_argument("--county")
    lst.add_argument("--status", choices=STATUSES)
    lst.add_argument("--json", action="store_true", help="输出一个 JSON 数组")
    summ = with_db(actions.add_parser("summary", help="生成汇总表（Excel）"))
    summ.add_argument("--year", type=int)
    summ.add_argument("--xlsx", type=Path, required=True, metavar="OUT.xlsx")
    ret = with_db(actions.add_parser("return", help="退回修改：生成修改通知（.dnzreq）"))
    ret.add_argument("uscc")
    ret.add_argument("--year", type=int, required=True)
    ret.add_argument("--items", required=True, help="需要修改的题目，逗号分隔，例如 P4,M1")
    ret.add_argument("--note", required=True, help="给企业的说明")
    ret.add_argument("--out", type=Path, required=True, metavar="REQUEST.dnzreq")


def _out(text: str) -> None:
    if sys.stdout is not None:
        print(text)


def _err(text: str) -> None:
    if sys.stderr is not None:
        print(text, file=sys.stderr)


def cmd_desk(args: argparse.Namespace) -> int:
    from .service import DeskService

    handler = {"import": _import, "list": _list, "summary": _summary, "return": _return}[args.desk_command]
    service = DeskService.open(args.desk_db)
    try:
        return int(handler(service, args))
    finally:
        service.close()


def _import(service: Any, args: argparse.Namespace) -> int:
    summary = service.import_paths(args.paths, workers=args.workers)
    if args.json:
        _out(jsonnum.dumps(summary.to_dict(), ensure_ascii=False))
        _err(summary.text())
    else:
        _out(summary.text())
    return EXIT_OK


def _list(service: Any, args: argparse.Namespace) -> int:
    filters = {"year": args.year, "county": args.county, "status": args.status}
    if args.json:
        _out(service.ranked_json(**filters))
        return EXIT_OK
    rows = service.ranked(**filters)
    if not rows:
        _out("没有符合条件的备案。")
    for row in rows:
        total = "—" if row["total"] is None else f"{row['total']:.1f}"
        _out(f"{row['rank']:>4}  {row['year'] or '—'}  {row['name'] or row['file']}  {row['county'] or '—'}  "
             f"{total}  {row['grade'] or '—'}  {STATUS_ZH[row['status']]}  v{row['version']}")  # fmt: skip
    return EXIT_OK


def _summary(service: Any, args: argparse.Namespace) -> int:
    from app.filing.safewrite import write_atomic

    from .summary_xlsx import summary_workbook

    data = summary_workbook(service, args.year)
    write_atomic(args.xlsx, data)
    _out(str(args.xlsx))
    return EXIT_OK


def _return(service: Any, args: argparse.Namespace) -> int:
    from app.filing.safewrite import write_atomic
    from assessments.uscc import normalise_uscc

    from .request import RequestError, request_bytes

    try:
        body = service.create_request(normalise_uscc(args.uscc), args.year, args.items.split(","), args.note)
    except RequestError as exc:
        _err(exc.zh)
        return EXIT_INVALID
    write_atomic(args.out, request_bytes(body))
    _out(str(args.out))
    _err(f"已生成修改通知 {body['request_id']}，针对 {body['filing']['file']}（{len(body['items'])} 道题）")
    return EXIT_OK
