"""Reading a filing back and verifying it: re-score the carried document, check the fingerprint,
compare every figure the filing shows with a freshly built report model."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from assessments.criteria import load_criteria
from assessments.errors import DomainError
from assessments.fingerprint import compute_fingerprint, short_fingerprint
from assessments.report import FilingReport, build_report
from assessments.scoring import score

from .carry import CarriedFiling
from .errors import CarriedDataDamaged, FilingReadError
from .figures import expected_figures, figure_label, places_of, same, show

# Figures the PDF reader finds on the pages; the rest of a PDF is compared as page text.
PDF_FIGURES = ("total", "grade")
MAX_TEXT_DIFFS = 40


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    path: Path
    fingerprint: str = ""
    differences: list[str] = field(default_factory=list)  # Chinese sentences, one per difference

    def text(self) -> str:
        if self.ok:
            return f"一致：{self.path.name} 的答卷、指纹与文件中的数字均与重新计算的结果一致（指纹 {short_fingerprint(self.fingerprint)}）。"
        lines = [f"不一致：{self.path.name} 有 {len(self.differences)} 处与重新计算的结果不符："]
        lines += [f"  {i}. {d}" for i, d in enumerate(self.differences, 1)]
        return "\n".join(lines)


def read_filing(path: Path | str) -> CarriedFiling:
    """The carried document, fingerprint and shown figures of an .xlsx or .pdf filing."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as handle:
            magic = handle.read(5)
    except FileNotFoundError:
        raise FilingReadError(path, "找不到该文件，请检查路径。", "file not found") from None
    except PermissionError:
        raise FilingReadError(path, "没有读取该文件的权限，或文件正被其他程序独占打开。", "permission denied") from None
    except IsADirectoryError:
        raise FilingReadError(path, "这是一个文件夹，请选择 .xlsx 或 .pdf 备案文件。", "this is a folder") from None
    except OSError as exc:
        raise FilingReadError(path, f"无法读取文件：{exc.strerror or exc}", f"cannot read the file: {exc}") from None
    if magic.startswith(b"%PDF") or (suffix == ".pdf" and not magic.startswith(b"PK")):
        from .pdf import read_pdf

        return read_pdf(path)
    if magic.startswith(b"PK") or suffix == ".xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path)
    raise FilingReadError(
        path, "只能读取本程序导出的 .xlsx 或 .pdf 备案文件。", "only .xlsx or .pdf filings exported by this program"
    )


def _rebuild(carried: CarriedFiling) -> tuple[FilingReport | None, list[str]]:
    """The report model rebuilt from the carried document, or the reasons it cannot be."""
    problems: list[str] = []
    try:
        doc = carried.document()
    except DomainError as exc:
        return None, [f"文件携带的答卷已被修改或损坏，不是有效的答卷：{exc.text('zh')}"]
    try:
        criteria = load_criteria(doc.criteria)
    except DomainError as exc:
        return None, [f"本程序没有文件所用的评价标准 {doc.criteria}：{exc.text('zh')}"]
    if doc.criteria != carried.criteria_id or criteria.version != carried.criteria_version:
        problems.append(
            f"评价标准不一致：文件记录为 {carried.criteria_id}（版本 {carried.criteria_version}），"
            f"携带的答卷按 {criteria.id}（版本 {criteria.version}）评分"
        )
    try:
        result = score(doc)
    except DomainError as exc:
        return None, [*problems, f"携带的答卷无法评分：{exc.text('zh')}"]
    fingerprint = compute_fingerprint(doc, result)
    if fingerprint != carried.fingerprint:
        problems.append(
            f"指纹不一致：文件记录的指纹为 {short_fingerprint(carried.fingerprint)}，按携带的答卷重新计算为 "
            f"{short_fingerprint(fingerprint)}——答卷或评分结果在导出后被修改"
        )
    report = build_report(
        doc,
        result,
        evidence=carried.evidence,
        journal=carried.journal,
        exported_at=carried.exported_at,
        program=carried.program,
    )
    return report, problems


def _compare_figures(carried: CarriedFiling, report: FilingReport) -> list[str]:
    expected = expected_figures(report)
    keys = list(expected) if carried.kind == "xlsx" else [k for k in PDF_FIGURES]
    out: list[str] = []
    for key in keys:
        want = expected[key]
        label = figure_label(key)
        if key not in carried.shown:
            out.append(f"{label}：文件中找不到（应为 {show(want, places_of(key))}）")
            continue
        got = carried.shown[key]
        if not same(got, want):
            places = places_of(key)
            if key.startswith("answer."):
                out.append(
                    f"{label}：文件中显示 {show(got, places)}，携带的答卷为 {show(want, places)}（导出后被修改）"
                )
            else:
                out.append(f"{label}：文件中显示 {show(got, places)}，重新计算为 {show(want, places)}")
    extra = sorted(k for k in carried.shown if k not in expected)
    for key in extra:
        out.append(f"{figure_label(key)}：文件中多出此项（{show(carried.shown[key])}），携带的答卷中没有")
    return out


def _compare_pages(carried: CarriedFiling, report: FilingReport) -> list[str]:
    """PDF: render the carried document again and compare the page text line by line."""
    from .carry import build_envelope
    from .pdf import page_texts, write_pdf

    doc = carried.document()
    fresh = page_texts(write_pdf(report, build_envelope(report, doc, carried.evidence, carried.journal)))
    out: list[str] = []
    if len(fresh) != len(carried.pages):
        out.append(f"页数不一致：文件有 {len(carried.pages)} 页，重新生成应为 {len(fresh)} 页")
    for number, (got, want) in enumerate(zip(carried.pages, fresh, strict=False), 1):
        if got == want:
            continue
        got_lines, want_lines = got.splitlines(), want.splitlines()
        matcher = difflib.SequenceMatcher(a=got_lines, b=want_lines, autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal":
                continue
            shown = " / ".join(got_lines[a0:a1]) or "（无）"
            wanted = " / ".join(want_lines[b0:b1]) or "（无）"
            out.append(f"第 {number} 页内容不符：文件中为“{shown}”，按携带的答卷重新生成应为“{wanted}”")
            if len(out) >= MAX_TEXT_DIFFS:
                out.append("（差异过多，其余未列出）")
                return out
    return out


def verify_filing(path: Path | str) -> VerifyReport:
    """Re-score the carried document and compare fingerprint and shown figures; never raises for
    a tampered file (the differences say what changed), only for a file that is not a filing."""
    path = Path(path)
    try:
        carried = read_filing(path)
    except CarriedDataDamaged as exc:
        return VerifyReport(False, path, "", [exc.zh])
    report, problems = _rebuild(carried)
    for shown_fp in carried.shown_fingerprints:
        if shown_fp not in (carried.fingerprint, short_fingerprint(carried.fingerprint)):
            problems.append(f"文件中印出的指纹 {shown_fp} 与携带的指纹 {short_fingerprint(carried.fingerprint)} 不一致")
            break
    if report is not None:
        problems += _compare_figures(carried, report)
        if carried.kind == "pdf":
            problems += _compare_pages(carried, report)
    return VerifyReport(not problems, path, carried.fingerprint, problems)
