"""Filings of renderer version 1 (program ≤ 0.2.0, envelope ``dnz-filing/1``): data checks only.

This program cannot draw such a file again, so it never calls one "一致". It says which program
made it, re-scores the carried document and checks the format-1 fingerprint. That fingerprint
hashed the result *as the old program computed it*; when this version computes a figure
differently (exact decimals instead of binary floats move a few ties, e.g. 2.8 → 2.9), the
fingerprint is checked a second time with the figures the workbook shows in place of this
version's. If that matches, the carried document is intact and the file shows what the old
program computed: both are reported, with what this version computes. Otherwise the result says
plainly that edited data and a changed rule cannot be told apart without the old version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assessments.criteria import Criteria
from assessments.document import AnswersDocument
from assessments.fingerprint import legacy_fingerprint, legacy_result_core
from assessments.metrics import METRICS
from assessments.report import number_text
from assessments.scoring import Result

from .carry import CarriedFiling

_VETO_STATUS = {"是（满足）": "pass", "否（不满足）": "fail", "不适用": "na", "未回答": "missing"}
_CORE_LABELS = {"total": "总分", "grade": "等级", "score_band": "分数段对应等级", "gate_band": "门槛允许的最高等级",
                "complete": "评估是否完整"}  # fmt: skip


@dataclass
class LegacyCheck:
    data_verified: bool
    notes: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    """A SheetLook's cell values as rows of tuples (row 1 first, empty cells None)."""
    if not sheet.cells:
        return []
    width = min(max(col for _, col in sheet.cells), 64)
    height = min(max(row for row, _ in sheet.cells), 100_000)
    grid: list[list[Any]] = [[None] * width for _ in range(height)]
    for (row, col), cell in sheet.cells.items():
        if row <= height and col <= width:
            grid[row - 1][col - 1] = cell.value
    return [tuple(r) for r in grid]


def _after_header(rows: list[tuple[Any, ...]], first: str, second: str) -> list[tuple[Any, ...]]:
    for i, row in enumerate(rows):
        if len(row) >= 2 and row[0] == first and row[1] == second:
            return rows[i + 1 :]
    return []


def shown_core_from_workbook(look: Any, criteria: Criteria) -> dict[str, Any]:
    """The result figures a renderer-1 workbook shows (read by xlsx_read into a WorkbookLook),
    keyed like ``legacy_result_core``."""
    core: dict[str, Any] = {}
    grades = {g.name.zh: g.id for g in criteria.grades}
    sheets = {sheet.name: sheet for sheet in look.sheets}
    if "封面" in sheets:
        cover = {row[0]: row[1] for row in _rows(sheets["封面"]) if len(row) >= 2 and isinstance(row[0], str)}
        if (total := _number(cover.get("总分"))) is not None:
            core["total"] = total
        for key, label in (
            ("grade", "等级"),
            ("score_band", "分数段对应等级"),
            ("gate_band", "门槛条件允许的最高等级"),
        ):
            if cover.get(label) in grades:
                core[key] = grades[cover[label]]
        if isinstance(cover.get("评估是否完整"), str):
            core["complete"] = cover["评估是否完整"] == "完整"
    if "得分汇总" in sheets:
        rows = _rows(sheets["得分汇总"])
        names = {d.name.zh: d.id for d in criteria.dimensions}
        dims: dict[str, float] = {}
        for row in _after_header(rows, "维度", "得分"):
            if row[0] in names and (value := _number(row[1])) is not None:
                dims[names[row[0]]] = value
            elif row[0] == "总分":
                break
        if dims:
            core["dimensions"] = dims
        vetoes = {}
        for row in _after_header(rows, "编号", "是否满足"):
            if not row or row[0] is None:
                break
            vetoes[str(row[0])] = _VETO_STATUS.get(str(row[1]), "na")
        if vetoes:
            core["vetoes"] = vetoes
    if "指标明细" in sheets:
        rows = _rows(sheets["指标明细"])
        indicators = {i.id for i in criteria.indicators}
        head = next((r for r in rows if len(r) > 7 and r[0] == "编号"), None)
        if head is not None and "得分" in head:
            col = head.index("得分")
            core["points"] = {
                row[0]: None if row[col] == "不适用" else _number(row[col])
                for row in rows
                if row and row[0] in indicators
            }
    if "能源与碳排放" in sheets:
        rows = _rows(sheets["能源与碳排放"])
        by_label = {info.zh: key for key, info in METRICS.items()}
        metrics: dict[str, float | None] = {}
        for row in _after_header(rows, "指标", "数值"):
            if not row or row[0] is None:
                break
            if row[0] in by_label:
                metrics[by_label[row[0]]] = None if row[1] == "—" else _number(row[1])
        if metrics:
            core["metrics"] = metrics
        grid = {row[0]: row[1] for row in rows if row and row[0] in ("电网排放因子年份", "电网排放因子")}
        if "电网排放因子年份" in grid and "电网排放因子" in grid:
            core["grid_factor"] = {
                "year": int(_number(grid["电网排放因子年份"]) or 0),
                "value": _number(grid["电网排放因子"]),
            }
    return core


def _merge(current: dict[str, Any], shown: dict[str, Any]) -> dict[str, Any]:
    merged = dict(current)
    for key, value in shown.items():
        if isinstance(value, dict) and isinstance(current.get(key), dict):
            merged[key] = {**current[key], **value}
        else:
            merged[key] = value
    return merged


def _changes(current: dict[str, Any], shown: dict[str, Any], criteria: Criteria) -> list[str]:
    """What this version computes differently from what the file shows."""
    grade_names = {g.id: g.name.zh for g in criteria.grades}
    dim_names = {d.id: d.name.zh for d in criteria.dimensions}
    out: list[str] = []

    def fmt(value: Any) -> str:
        if isinstance(value, float):
            return number_text(value, None)
        if isinstance(value, bool):
            return "完整" if value else "不完整"
        return grade_names.get(str(value), "—" if value is None else str(value))

    for key, value in shown.items():
        now = current.get(key)
        if isinstance(value, dict):
            for sub, old in value.items():
                new = (now or {}).get(sub)
                if old != new:
                    label = {"dimensions": dim_names.get(sub, sub), "points": f"指标 {sub} 得分",
                             "metrics": METRICS[sub].zh if sub in METRICS else sub, "vetoes": f"前提条件 {sub}",
                             "grid_factor": "电网排放因子" + ("年份" if sub == "year" else "")}.get(key, sub)  # fmt: skip
                    out.append(f"{label}：文件中为 {fmt(old)}，本版本计算为 {fmt(new)}")
        elif value != now:
            out.append(f"{_CORE_LABELS.get(key, key)}：文件中为 {fmt(value)}，本版本计算为 {fmt(now)}")
    return out


def check_legacy(
    carried: CarriedFiling, doc: AnswersDocument, result: Result, criteria: Criteria, look: Any | None
) -> LegacyCheck:
    """Re-score and check the format-1 fingerprint (see the module docstring)."""
    current = legacy_result_core(result)
    if legacy_fingerprint(doc, carried.criteria_id, carried.criteria_version, current) == carried.fingerprint:
        return LegacyCheck(True, ["携带的答卷经本版本重新评分，结果与文件记录的指纹一致（答卷与得分未被修改）。"])
    if look is not None:
        shown = shown_core_from_workbook(look, criteria)
        merged = _merge(current, shown)
        if legacy_fingerprint(doc, carried.criteria_id, carried.criteria_version, merged) == carried.fingerprint:
            changes = _changes(current, shown, criteria)
            return LegacyCheck(
                True,
                [
                    "携带的答卷未被修改：文件记录的指纹与答卷及文件中显示的得分一致，"
                    "这些得分是导出时的程序版本计算的。",
                    "本版本的评分方法有修订（例如按精确小数计算，并列时的进位不同），重新计算的结果与文件所示不同：",
                    *(f"  {line}" for line in changes),
                ],
            )
    return LegacyCheck(
        False,
        [],
        [
            "文件记录的指纹与携带的答卷及本版本重新计算的结果不一致：可能是答卷或得分在导出后被修改，"
            "也可能是评分方法在新版本中有修订；只有用生成该文件的程序版本才能区分。"
        ],
    )


def legacy_summary(carried: CarriedFiling, path: Path) -> str:
    made_by = carried.program or "较早的程序版本"
    return (
        f"{path.name} 由 {made_by} 生成（备案文件格式 {carried.format}，渲染版本 {carried.renderer}）。"
        "本版本无法按该版本的版式重新生成文件，因此不能证明文件中显示的内容未被改动："
        f"外观需用 {made_by} 核验。"
    )
