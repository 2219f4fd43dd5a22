"""`python -m app plan FILE.json|ID --target advanced|benchmark [--costs COSTS.json] [--json] [--out TARGET.json]`.

Bad input (a malformed cost table, an unknown target or lever, a negative cost, an incomplete
assessment) exits 2 with a Chinese message naming the field, the value and what is allowed.
An unreachable target is an answer, not an error: exit 0, ``reachable: false``, and the
blocking gates on stderr (and in the text summary).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assessments import jsonnum


def add_plan_command(sub: Any) -> None:
    from app.cli_db import accept_location_options

    plan = sub.add_parser("plan", help="制定达到目标等级的最低成本改进计划（求解器求解，评分引擎复核）")
    plan.add_argument("file", help="答卷文件（JSON），或评估编号（配合 --db）")
    plan.add_argument("--target", required=True, help="目标等级：advanced（先进）或 benchmark（双近零标杆）")
    plan.add_argument(
        "--costs", type=Path, help="本企业的措施单价（JSON 对象：措施编号 → 万元/单位，null 表示不可采用）"
    )
    plan.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    plan.add_argument("--out", type=Path, help="把执行计划后的答卷写入此文件（dnz-answers/1）")
    plan.add_argument("--lang", choices=("zh", "en"), default="zh", help="措施名称和文字摘要的语言")
    accept_location_options(plan)


def _err(text: str) -> None:
    if sys.stderr is not None:
        print(text, file=sys.stderr)


def _out(text: str) -> None:
    if sys.stdout is not None:
        print(text)


def _document(args: argparse.Namespace) -> tuple[Any, Any]:
    """(document, the costs saved with the assessment; None for a file: the catalogue's defaults)."""
    from app.cli_db import assessment_id, open_service
    from app.docfile import read_document_file

    ident = assessment_id(args.file)
    if ident is not None and not Path(args.file).exists():
        from app.plan_store import PlanStore

        service = open_service(args)
        try:
            doc = service.document(ident)
            costs = PlanStore(service).plan_settings(ident).costs
        finally:
            service.close()
        return doc, costs
    return read_document_file(Path(args.file), partial=True), None


def cmd_plan(args: argparse.Namespace) -> int:
    from app.docfile import read_json_file
    from assessments.criteria import load_criteria
    from assessments.document import document_to_json
    from assessments.errors import Problem
    from assessments.levers import catalogue_for
    from assessments.plan import PlanInputError, make_plan, plan_to_dict
    from assessments.plan.costs import parse_costs
    from assessments.plan.text import plan_text
    from assessments.scoring import missing_inputs
    from assessments.wording import key_title

    doc, costs = _document(args)
    criteria = load_criteria(doc.criteria)
    missing = missing_inputs(doc, criteria)
    if missing:
        shown = "、".join(key_title(criteria, key) for key in missing[:10])
        more = f" 等 {len(missing)} 项" if len(missing) > 10 else ""
        raise PlanInputError(
            [
                Problem(
                    args.file,
                    f"评估尚未填写完整，无法制定改进计划。缺少：{shown}{more}",
                    f"the assessment is incomplete; missing: {', '.join(missing[:10])}",
                )
            ]
        )
    if args.costs is not None:
        costs = parse_costs(read_json_file(args.costs), catalogue_for(criteria.id), source=str(args.costs))
    plan = make_plan(doc, args.target.strip(), costs)
    if args.out is not None:
        from app.filing import FilingWriteError
        from app.filing.safewrite import write_atomic

        try:
            write_atomic(args.out, (document_to_json(plan.document) + "\n").encode("utf-8"))
        except FilingWriteError as exc:
            _err(f"无法写出 --out 文件：{exc.path}\n{exc.zh}")
            return 2
        _err(f"已写出计划完成后的答卷：{args.out}")
    if args.json:
        _out(jsonnum.dumps(plan_to_dict(plan, args.lang), ensure_ascii=False))
    else:
        _out(plan_text(plan, doc, args.lang))
    if not plan.reachable:
        name = criteria.grade(plan.target).name.zh
        reasons = "；".join(b.text("zh") for b in plan.blockers)
        best = criteria.grade(plan.grade_after).name.zh
        _err(f"无法达到目标等级“{name}”：{reasons}。可达到的最高等级：{best}")
    return 0
