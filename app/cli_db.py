"""Command-line commands on the database: import, list, show, and score by assessment id."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessments import jsonnum

if TYPE_CHECKING:  # SQLAlchemy is imported only by the commands that use the database
    from app.services import AssessmentService


def open_service(args: argparse.Namespace) -> AssessmentService:
    # Commands open the database like the program does (migrate, check), minus the start-up
    # backup: a script that runs `list` a thousand times must not rotate the backups away.
    from app.services import AssessmentService

    return AssessmentService.open(args.data_dir, args.db, backup_on_start=False)


def assessment_id(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _print(text: str) -> None:
    if sys.stdout is not None:
        print(text)


def cmd_import(args: argparse.Namespace) -> int:
    from app.docfile import read_document_file

    path = Path(args.file)
    doc = read_document_file(path, partial=True)
    service = open_service(args)
    try:
        new_id = service.import_document(doc)
        row = service.get_assessment(new_id)
    finally:
        service.close()
    _print(str(new_id))
    if sys.stderr is not None:
        state = {"draft": "草稿（尚未填写完整）", "complete": "已完成"}.get(row.status, row.status)
        print(f"已导入为评估 #{new_id}：{row.enterprise_name} {row.year} 年度，{state}", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    service = open_service(args)
    try:
        rows = service.list_assessments(args.search or "")
    finally:
        service.close()
    if args.json:
        payload: list[dict[str, Any]] = [
            {
                "id": r.id,
                "enterprise": r.enterprise_name,
                "uscc": r.uscc,
                "year": r.year,
                "status": r.status,
                "total": r.total,
                "grade": r.grade,
                "criteria": r.criteria_id,
                "updated_at": r.updated_at.isoformat(),
            }
            for r in rows
        ]
        _print(jsonnum.dumps(payload, ensure_ascii=False))
        return 0
    if not rows:
        _print("（数据库中还没有评估）")
        return 0
    from assessments.criteria import load_criteria
    from assessments.vocabulary import ASSESSMENT_STATUS_LABELS

    status_zh = {status: text.zh for status, text in ASSESSMENT_STATUS_LABELS.items()}
    _print("编号\t年度\t状态\t总分\t等级\t企业（统一社会信用代码）")
    for r in rows:
        total = f"{r.total:.1f}" if r.total is not None else "—"
        grade = load_criteria(r.criteria_id).grade(r.grade).name.zh if r.grade else "—"
        _print(
            f"{r.id}\t{r.year}\t{status_zh.get(r.status, r.status)}\t{total}\t{grade}\t{r.enterprise_name}（{r.uscc}）"
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    service = open_service(args)
    try:
        document = service.document_dict(args.id)
    finally:
        service.close()
    _print(jsonnum.dumps(document, ensure_ascii=False, indent=2))
    return 0


def score_by_id(args: argparse.Namespace, ident: int) -> tuple[Any, Any]:
    """(document, result) of a stored assessment, which must be complete to be scored."""
    from assessments.scoring import score

    service = open_service(args)
    try:
        doc = service.document(ident)
    finally:
        service.close()
    return doc, score(doc)


def _locations(args: argparse.Namespace) -> Path:
    from app.paths import resolve_locations

    return resolve_locations(args.data_dir, args.db)[1]


def cmd_backups(args: argparse.Namespace) -> int:
    from models.backup import list_backups

    infos = list_backups(_locations(args))
    if args.json:
        _print(
            jsonnum.dumps(
                [
                    {"path": str(b.path), "reason": b.reason, "taken_at": b.taken_at.isoformat(),
                     "enterprises": b.enterprises, "assessments": b.assessments, "readable": b.readable}
                    for b in infos
                ],
                ensure_ascii=False,
            )
        )  # fmt: skip
        return 0
    if not infos:
        _print("（没有备份）")
    for b in infos:
        content = f"{b.enterprises} 家企业，{b.assessments} 项评估" if b.readable else "无法读取"
        _print(f"{b.taken_at.astimezone():%Y-%m-%d %H:%M:%S}\t{b.reason}\t{content}\t{b.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from models.backup import describe_backup
    from models.startup import restore_database

    backup = Path(args.backup).expanduser().resolve()
    info = describe_backup(backup)
    if not info.readable:
        from models.errors import DatabaseUnreadable

        raise DatabaseUnreadable(f"备份文件“{backup}”无法读取，未做任何改动", f"the backup '{backup}' is unreadable")
    db = _locations(args)
    kept = restore_database(backup, db)  # refused while another window or program has it open
    _print(
        f"已从备份恢复（{info.taken_at.astimezone():%Y-%m-%d %H:%M}，{info.enterprises} 家企业，{info.assessments} 项评估）。"
    )
    if kept is not None:
        _print(f"恢复前的数据库已另存为：{kept}")
    return 0


def restore_hint(args: argparse.Namespace) -> str:
    """What to tell a user whose database cannot be opened: the backups there are, and how."""
    from models.backup import list_backups

    try:
        infos = [b for b in list_backups(_locations(args)) if b.readable]
    except OSError:
        infos = []
    if not infos:
        return "没有找到可用的备份。"
    newest = infos[0]
    return (
        f"最近的可用备份：{newest.taken_at.astimezone():%Y-%m-%d %H:%M}（{newest.enterprises} 家企业，"
        f'{newest.assessments} 项评估）。恢复命令：python -m app restore "{newest.path}"（另见 python -m app backups）'
    )


def add_db_commands(sub: Any) -> dict[str, Any]:
    imp = sub.add_parser("import", help="把 dnz-answers/1 答卷文件导入数据库，输出新评估编号")
    imp.add_argument("file", type=Path, help="答卷文件（JSON）")
    lst = sub.add_parser("list", help="列出数据库中的企业年度评估")
    lst.add_argument("--json", action="store_true", help="输出 JSON 数组")
    lst.add_argument("--search", help="按企业名称、统一社会信用代码或县区筛选")
    show = sub.add_parser("show", help="以 dnz-answers/1 文档输出一项评估")
    show.add_argument("id", type=int, help="评估编号")
    for parser in (imp, lst, show):
        accept_location_options(parser)
    bak = sub.add_parser("backups", help="列出数据库备份（时间、原因、企业和评估数量）")
    bak.add_argument("--json", action="store_true", help="输出 JSON 数组")
    res = sub.add_parser("restore", help="用备份替换数据库（当前数据库先另存）")
    res.add_argument("backup", type=Path, help="备份文件")
    accept_location_options(bak)
    accept_location_options(res)
    return {"import": cmd_import, "list": cmd_list, "show": cmd_show, "backups": cmd_backups, "restore": cmd_restore}


def accept_location_options(parser: argparse.ArgumentParser) -> None:
    """`--db`/`--data-dir` also after the command (``list --db X``); SUPPRESS keeps the global value."""
    if "--db" not in parser._option_string_actions:
        parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件路径")
    if "--data-dir" not in parser._option_string_actions:
        parser.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="数据文件夹")
