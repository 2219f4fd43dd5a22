"""The check before filing: what the bureau will ask for that the assessment does not show yet.

Run on the review page and before export (F6 in docs/capabilities.md: each question
names the evidence it expects). It never blocks and never changes anything; each finding says what
is wrong and where to fix it (a page and a key or question to jump to):

- a question that applies and claims something ("是", a level or rate that earns points, a computed
  indicator that earns points) with no evidence file, although the criteria name the evidence
  expected (``evidence`` text of the question);
- the same file attached twice to one question;
- a stored file over the size limit, missing from the evidence folder, or changed on disk
  (its size differs from the one recorded when it was attached);
- cover fields (industry code, county, address, contact, phone) left empty: they are printed on
  the filing's cover.

Only file sizes are read (no hashing), so the check is quick enough to run on every visit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assessments.criteria import Criteria, Indicator
from assessments.texts import LocalText
from assessments.vocabulary import ENTERPRISE_LABELS, NA
from assessments.wording import GENERAL_EVIDENCE, value_text

if TYPE_CHECKING:
    from assessments.scoring import Result

COVER_FIELDS = ("industry_code", "county", "address", "contact", "phone")


class StoredEvidence(Protocol):
    @property
    def question(self) -> str: ...
    @property
    def original_name(self) -> str: ...
    @property
    def stored_name(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def size(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # "no_evidence" | "duplicate" | "too_large" | "file_missing" | "file_changed" | "cover"
    page: str  # where to fix it: "evidence" or "profile"
    target: str  # the question id (evidence page) or the draft key (profile)
    text: LocalText


@dataclass(frozen=True, slots=True)
class PrefilingReport:
    findings: tuple[Finding, ...]
    files: int  # evidence files attached

    @property
    def ok(self) -> bool:
        return not self.findings


def check(
    criteria: Criteria,
    values: Mapping[str, Any],
    result: Result | None,
    evidence: Iterable[StoredEvidence],
    evidence_dir: Path,
    max_bytes: int,
) -> PrefilingReport:
    rows = list(evidence)
    by_question: dict[str, list[StoredEvidence]] = defaultdict(list)
    for row in rows:
        by_question[row.question].append(row)
    findings = _cover(values)
    for ident, title, expected, claim in _questions(criteria, values, result):
        if not by_question.get(ident) and expected.zh.strip() and claim is not None:
            findings.append(_no_evidence(ident, title, expected, claim))
    titles = {v.id: _title(v.id, v.title) for v in criteria.vetoes}
    titles.update({i.id: _title(i.id, i.title) for i in criteria.indicators})
    for ident in [*titles, *sorted(set(by_question) - set(titles))]:
        if ident in by_question:
            title = titles.get(ident) or (GENERAL_EVIDENCE if ident == "general" else LocalText(ident, ident))
            findings.extend(_file_problems(ident, title, by_question[ident], evidence_dir, max_bytes))
    return PrefilingReport(tuple(findings), len(rows))


def _cover(values: Mapping[str, Any]) -> list[Finding]:
    empty = [f for f in COVER_FIELDS if not str(values.get(f"enterprise.{f}") or "").strip()]
    if not empty:
        return []
    zh = "、".join(ENTERPRISE_LABELS[f].zh for f in empty)
    en = ", ".join(ENTERPRISE_LABELS[f].en.lower() for f in empty)
    return [
        Finding(
            "cover",
            "profile",
            f"enterprise.{empty[0]}",
            LocalText(f"封面信息未填写：{zh}（会印在备案文件封面上）", f"Cover details not filled in: {en} (printed on the filing's cover)"),
        )
    ]


def _questions(
    criteria: Criteria, values: Mapping[str, Any], result: Result | None
) -> Iterable[tuple[str, LocalText, LocalText, LocalText | None]]:
    """(id, title, evidence expected, what the answer claims or None) per question that applies."""
    for veto in criteria.vetoes:
        value = values.get(f"answers.{veto.id}")
        if value not in (None, NA):
            claim = LocalText("回答“是”", "answered yes") if value is True else None
            yield veto.id, _title(veto.id, veto.title), veto.evidence, claim
    for ind in criteria.indicators:
        if ind.user_answered:
            value = values.get(f"answers.{ind.id}")
            if value in (None, NA):
                continue
            yield ind.id, _title(ind.id, ind.title), ind.evidence, _claim(criteria, ind, value)
        elif result is not None:
            r = result.indicator(ind.id)
            if r.applicable and not r.missing and (r.fraction or 0) > 0:  # points earned from the figures
                claim = LocalText("按填写的数据计算得分", "points earned from the figures entered")
                yield ind.id, _title(ind.id, ind.title), ind.evidence, claim


def _title(ident: str, title: LocalText) -> LocalText:
    return LocalText(f"{ident} {title.zh}", f"{ident} {title.en}")


def _claim(criteria: Criteria, ind: Indicator, value: Any) -> LocalText | None:
    """What an answer claims, in words, or None when it claims nothing to prove ("否", "未开展", 0)."""
    key = f"answers.{ind.id}"
    if isinstance(value, bool):
        return LocalText("回答“是”", "answered yes") if value else None
    if isinstance(value, str):
        option = ind.answer.option(value)
        if option is None or option.na or not option.fraction:
            return None
    elif isinstance(value, int | float | Decimal) and value <= 0:
        return None
    return LocalText(f"回答“{value_text(criteria, key, value, 'zh')}”", f"answered “{value_text(criteria, key, value, 'en')}”")


def _no_evidence(ident: str, title: LocalText, expected: LocalText, claim: LocalText) -> Finding:
    return Finding(
        "no_evidence",
        "evidence",
        ident,
        LocalText(
            f"{title.zh}：{claim.zh}，但没有附佐证材料。应提供：{expected.zh}",
            f"{title.en}: {claim.en} but no evidence is attached. Expected: {expected.en}",
        ),
    )


def _file_problems(
    ident: str, title: LocalText, files: list[StoredEvidence], folder: Path, max_bytes: int
) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, list[str]] = defaultdict(list)
    for row in files:
        seen[row.sha256].append(row.original_name)
    for names in seen.values():
        if len(names) > 1:
            zh, en = "、".join(names), ", ".join(names)
            out.append(
                Finding(
                    "duplicate",
                    "evidence",
                    ident,
                    LocalText(
                        f"{title.zh}：同一个文件附加了 {len(names)} 次（{zh}），请移除重复的",
                        f"{title.en}: the same file is attached {len(names)} times ({en}); remove the copies",
                    ),
                )
            )
    limit_mb = max_bytes // 1024 // 1024
    for row in files:
        path = folder / row.stored_name
        try:
            on_disk: int | None = path.stat().st_size
        except OSError:
            on_disk = None
        name = row.original_name
        if on_disk is None:
            zh = f"{title.zh}：“{name}”在数据文件夹中找不到了，请重新附加"
            en = f"{title.en}: “{name}” is missing from the data folder; attach it again"
            out.append(Finding("file_missing", "evidence", ident, LocalText(zh, en)))
        elif on_disk != row.size:
            zh = f"{title.zh}：“{name}”保存后被改动过（大小与附加时不同），请重新附加"
            en = f"{title.en}: “{name}” changed after it was attached (its size differs); attach it again"
            out.append(Finding("file_changed", "evidence", ident, LocalText(zh, en)))
        elif row.size > max_bytes:
            size = f"{row.size / 1024 / 1024:.1f}"
            zh = f"{title.zh}：“{name}”有 {size} MB，超过单个文件 {limit_mb} MB 的上限，请压缩或拆分后重新附加"
            en = f"{title.en}: “{name}” is {size} MB, over the {limit_mb} MB limit per file; compress or split it"
            out.append(Finding("too_large", "evidence", ident, LocalText(zh, en)))
    return out
