"""The summary workbook a bureau circulates (``desk summary``): per county the count of current
filings by grade, mean dimension scores, the ranking, the filings that failed verification with
what differed, and charts.

It is written with the filing writer's cell helper (app/filing/xlsx_book.py ``Book``), so the same
rules hold: every text cell injection-safe (typed as text, quote prefix on a leading = + - @),
rows grown to their wrapped text, A4, fit to width, header and footer on every printed page,
header rows repeated. Every figure comes from the desk's list (the verified re-scoring of the
carried answers), never from what a received file displays.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from app.filing.xlsx_book import Book, a4_fit_to_width
from assessments.criteria import DEFAULT_CRITERIA_ID, load_criteria

STATUS_ZH = {"verified": "一致", "modified": "被改动", "unverifiable": "无法核验"}
NO_COUNTY = "（未填写）"
NO_GRADE = "无评分"


class _SummaryBook(Book):
    def __init__(self, heading: str) -> None:
        super().__init__(None)  # type: ignore[arg-type]  # no filing: headers are the summary's own
        self.heading = heading
        self.made_at = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")

    def _print_setup(self, ws: Any) -> None:
        a4_fit_to_width(ws, "landscape")
        ws.oddHeader.left.text = self.heading.replace("&", "&&")[:60]
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        ws.oddFooter.right.text = f"生成 {self.made_at}"


def county_counts(rows: list[dict[str, Any]], grades: list[str]) -> dict[str, dict[str, int]]:
    """{county: {grade id or NO_GRADE: count, "verified": n, "failed": n}} of the list's rows."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        county = row["county"] or NO_COUNTY
        counts[county][row["grade"] if row["grade"] in grades else NO_GRADE] += 1
        counts[county]["verified" if row["status"] == "verified" else "failed"] += 1
    return {county: dict(counts[county]) for county in sorted(counts)}


def summary_workbook(service: Any, year: int | None) -> bytes:
    from openpyxl.chart import BarChart, Reference

    from models import desk_repo

    criteria = load_criteria(DEFAULT_CRITERIA_ID)
    grades = [g.id for g in criteria.grades]
    grade_names = {g.id: g.name.zh for g in criteria.grades}
    dims = [(d.id, d.name.zh) for d in criteria.dimensions]
    rows = service.ranked(year=year)
    scope = f"{year} 年度" if year is not None else "全部年度"
    b = _SummaryBook(f"双近零标杆企业自评估备案汇总（{scope}）")

    # 1. Counts by county and grade, with a stacked bar chart.
    ws = b.sheet("按县区统计", (16, 12, 12, 12, 12, 10, 10, 12, 12), first=True)
    b.title(ws, f"双近零标杆企业自评估备案汇总（{scope}）", 9)
    b.put(
        ws,
        2,
        1,
        f"生成时间 {b.made_at}；每家企业每年只计当前备案；等级和总分按文件携带的答卷重新评分。",
        style="plain",
        span=9,
    )
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=9)
    head = ("县（市、区）", *(grade_names[g] for g in grades), NO_GRADE, "合计", "核验一致", "未通过核验")
    b.header(ws, 3, head)
    counts = county_counts(rows, grades)
    r = 3
    for county, c in counts.items():
        r += 1
        b.put(ws, r, 1, county)
        values = [*(c.get(g, 0) for g in grades), c.get(NO_GRADE, 0)]
        for col, value in enumerate([*values, sum(values), c.get("verified", 0), c.get("failed", 0)], 2):
            b.put(ws, r, col, value, fmt="0")
    r += 1
    b.put(ws, r, 1, "全市合计", style="head")
    for col in range(2, 10):
        b.put(ws, r, col, sum(ws.cell(row=i, column=col).value or 0 for i in range(4, r)), fmt="0")
    ws.print_title_rows = "3:3"
    if counts:
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
        chart.title, chart.y_axis.title = "各县区备案等级分布", "企业数"
        chart.add_data(
            Reference(ws, min_col=2, max_col=2 + len(grades), min_row=3, max_row=r - 1), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=r - 1))
        chart.height, chart.width = 9, 22
        ws.add_chart(chart, f"A{r + 2}")

    # 2. Mean dimension scores by county, with a clustered bar chart.
    ws = b.sheet("维度平均得分", (16, *(14 for _ in dims), 12))
    b.title(ws, f"各县区维度平均得分（{scope}）", len(dims) + 2)
    b.header(ws, 3, ("县（市、区）", *(name for _, name in dims), "企业数"))
    with service.db.engine.connect() as conn:
        scored = desk_repo.dimension_scores(conn, year)
    by_county: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for scored_county, scores in scored:
        by_county[scored_county or NO_COUNTY].append(scores)
    r = 3
    for county in sorted(by_county):
        r += 1
        b.put(ws, r, 1, county)
        for col, (dim, _) in enumerate(dims, 2):
            dim_scores = [float(s[dim]) for s in by_county[county] if dim in s]
            b.put(ws, r, col, round(sum(dim_scores) / len(dim_scores), 1) if dim_scores else None, fmt="0.0")
        b.put(ws, r, len(dims) + 2, len(by_county[county]), fmt="0")
    ws.print_title_rows = "3:3"
    if by_county:
        chart = BarChart()
        chart.type, chart.title, chart.y_axis.title = "col", "各县区维度平均得分", "分"
        chart.add_data(Reference(ws, min_col=2, max_col=1 + len(dims), min_row=3, max_row=r), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=r))
        chart.height, chart.width = 9, 22
        ws.add_chart(chart, f"A{r + 2}")

    # 3. The ranking.
    ws = b.sheet("排名", (7, 8, 32, 22, 12, 9, 11, 11, 6, 28))
    b.title(ws, f"企业排名（{scope}，按等级、总分、名称）", 10)
    b.header(
        ws, 3, ("名次", "年度", "企业名称", "统一社会信用代码", "县（市、区）", "总分", "等级", "核验", "版本", "文件")
    )
    for r, row in enumerate(rows, 4):
        cells = (row["rank"], row["year"], row["name"] or "", row["uscc"] or "", row["county"] or "", row["total"],
                 grade_names.get(row["grade"] or "", NO_GRADE), STATUS_ZH[row["status"]], row["version"], row["file"])  # fmt: skip
        for col, value in enumerate(cells, 1):
            b.put(ws, r, col, value, fmt="0.0" if col == 6 else "0")
    ws.print_title_rows = "3:3"

    # 4. Filings that failed verification, one row per difference.
    ws = b.sheet("未通过核验", (12, 28, 22, 24, 10, 70))
    b.title(ws, f"未通过核验的当前备案（{scope}）", 6)
    b.header(ws, 3, ("县（市、区）", "企业名称", "统一社会信用代码", "文件", "核验", "不符之处"))
    with service.db.engine.connect() as conn:
        failed = desk_repo.failed_current(conn, year)
    r = 3
    for item in failed:
        for text in item["differences"] or [item["summary"]]:
            r += 1
            failed_cells = (item["county"] or NO_COUNTY, item["name"] or "", item["uscc"] or "", item["file_name"],
                            STATUS_ZH[item["status"]], text)  # fmt: skip
            for col, value in enumerate(failed_cells, 1):
                b.put(ws, r, col, value)
    if not failed:
        b.put(ws, 4, 1, "没有未通过核验的当前备案。", style="plain", span=6)
    ws.print_title_rows = "3:3"

    out = io.BytesIO()
    b.wb.save(out)
    return out.getvalue()
