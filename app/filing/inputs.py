"""Turning stored rows (models.repo EvidenceRow / JournalRow, or anything shaped like them) into the
plain report inputs EvidenceItem and JournalSummary, for the service and the export page."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from assessments.criteria import DEFAULT_CRITERIA_ID, load_criteria
from assessments.report import EvidenceItem, JournalSummary
from assessments.wording import change_text

RECENT_LINES = 10


class EvidenceLike(Protocol):
    # Read-only members, so frozen dataclasses and named tuples match.
    @property
    def question(self) -> str: ...
    @property
    def original_name(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def added_at(self) -> datetime: ...


class JournalLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def old(self) -> Any: ...
    @property
    def new(self) -> Any: ...
    @property
    def action(self) -> str: ...
    @property
    def at(self) -> datetime: ...


def evidence_items(rows: Iterable[EvidenceLike]) -> tuple[EvidenceItem, ...]:
    return tuple(EvidenceItem(r.question, r.original_name, r.sha256, r.size, r.added_at) for r in rows)


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:80] + "…"


def journal_summary(rows: Iterable[JournalLike], criteria_id: str = DEFAULT_CRITERIA_ID) -> JournalSummary:
    """Counts answer changes (imports and exports apart) and keeps the latest few as lines in words
    (``G5 信息公开：（空）→ 依法披露``), never internal keys or values."""
    criteria = load_criteria(criteria_id)
    rows = sorted(rows, key=lambda r: r.at)
    changes = [r for r in rows if r.action not in ("import", "export")]
    recent = tuple(
        f"{r.at:%Y-%m-%d %H:%M} {_short(change_text(criteria, r.key, r.old, r.new))}" for r in changes[-RECENT_LINES:]
    )
    return JournalSummary(
        changes=len(changes),
        first_at=rows[0].at if rows else None,
        last_at=rows[-1].at if rows else None,
        imports=sum(1 for r in rows if r.action == "import"),
        exports=sum(1 for r in rows if r.action == "export"),
        recent=recent,
    )
