"""Autosave: one answer at a time, validated by the domain and judged against the stored revision.

One path for every database: a write transaction (`ServiceCore._write`, on SQLite
``BEGIN IMMEDIATE`` then commit with WAL and synchronous=FULL) running `answers_repo.autosave`,
whose first statement updates the summary row only at the revision the write was judged
against. Nothing written when another program moved the revision meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from assessments.document import AnswersDocument
from assessments.draft import apply_to_document
from assessments.errors import show_value
from assessments.vocabulary import NA
from models import answers_repo, repo
from models.answers_repo import AutosaveWrite
from models.base import utcnow
from models.errors import DatabaseBusy, WriteConflict
from models.rows import AssessmentRow, StoredAnswer

from .core import ServiceCore

MAX_ATTEMPTS = 5  # redone on fresh data while other programs write to *other* answers


@dataclass(frozen=True)
class SaveOutcome:
    key: str
    value: Any  # normalised value as stored (None when cleared)
    kept: Any  # value kept aside (hidden by N/A or a changed choice)
    saved_at: datetime
    changed: bool
    total: float | None  # summary after the write (None while incomplete)
    grade: str | None
    status: str


class _RevisionMoved(Exception):
    """Another program wrote to the assessment since the write was judged."""


class _Unset:
    """No value given (distinct from None, which is a value: "no answer")."""


UNSET: Any = _Unset()


class AutosaveService(ServiceCore):
    """`set_answer`, `set_na` and where the wizard was left."""

    def set_answer(self, assessment_id: int, key: str, value: Any, *, expected: Any = UNSET) -> SaveOutcome:
        """Validate and store one answer at once (autosave). ``None`` clears it.

        Text typed into a numeric field is accepted as it was typed ("１２,０００" → 12000) or
        refused with the reason. Setting "na" keeps the previous value aside, so switching
        N/A off brings it back (`set_na`).

        Another program instance may write to the same assessment at any time. The write is
        judged against what the caller last saw of this answer — ``expected`` (what the screen
        shows) or else what this service last read — and against the stored revision, never a
        cached value alone: when the answer was changed elsewhere meanwhile, WriteConflict
        carries the value stored now and nothing is written; changes elsewhere to *other*
        answers are merged (the write is redone on fresh data).
        """
        self._refuse_if_read_only()
        for _attempt in range(MAX_ATTEMPTS):
            row, stored = self._snapshot(assessment_id)
            old = stored.get(key)
            known = old.value if old else None
            base = known if expected is UNSET else expected  # what the caller believes is stored
            if base != known:
                self._reload_or_conflict(assessment_id, key, value, base)
                continue  # what we held was stale and the caller saw the truth: judge again
            now = utcnow()
            current = self._draft(row, self._values(stored))
            doc: AnswersDocument | None = None
            new_value = None
            if value is not None:
                new_value, doc = apply_to_document(row.criteria_id, row.year, current, key, value)
            if new_value == known:
                # Nothing to write — if what we know is still what is stored.
                if self._still_at(assessment_id, row.revision):
                    saved_at = old.updated_at if old else now
                    return SaveOutcome(key, known, old.kept if old else None, saved_at, False, row.total, row.grade,
                                       row.status)  # fmt: skip
                self._reload_or_conflict(assessment_id, key, value, base)
                continue
            if doc is None:
                _, doc = apply_to_document(row.criteria_id, row.year, current, key, None)
            if new_value is None:
                kept, action = (old.kept if old else None), "clear"
            else:
                kept, action = _kept_after(key, old, new_value), ("na" if new_value == NA else "set")
            values = self._values(stored)
            if new_value is None:
                values.pop(key, None)
            else:
                values[key] = new_value
            status, total, grade = self._summary(row, values, doc)
            write = AutosaveWrite(
                key=key, value=new_value, kept=kept, exists=old is not None, old=known, action=action,
                status=status, total=total, grade=grade, at=now,
            )  # fmt: skip
            if self._commit_autosave(assessment_id, row, write):
                break
            # Another instance wrote to this assessment since our snapshot: to this answer?
            self._reload_or_conflict(assessment_id, key, value, base)
        else:
            raise DatabaseBusy(
                "该评估正被另一个程序实例频繁修改，本次修改未保存，请稍后重试。",
                "the assessment is being changed by another instance; this change was not saved.",
            )
        # Our own write moved the revision by one: keep the snapshot valid instead of reloading.
        updated = dict(stored)
        if new_value is None and kept is None:
            updated.pop(key, None)
        else:
            updated[key] = StoredAnswer(new_value, kept, now)
        fresh = row._replace(revision=row.revision + 1, status=status, total=total, grade=grade, updated_at=now)
        self._cache[assessment_id] = (fresh, updated)
        self._docs[assessment_id] = (fresh.revision, doc)
        return SaveOutcome(key, new_value, kept, now, True, total, grade, status)

    def _commit_autosave(self, assessment_id: int, row: AssessmentRow, write: AutosaveWrite) -> bool:
        """One unit of work: the guarded summary, the answer, the journal (and the enterprise
        record when a profile field changed); rolled back whole when the revision moved."""
        try:
            with self._write() as conn:
                if not answers_repo.autosave(conn, assessment_id, row.revision, write):
                    raise _RevisionMoved  # leaves the transaction rolled back
                key, new_value = write.key, write.value
                if key.startswith("enterprise.") and new_value is not None and key != "enterprise.uscc":
                    repo.update_enterprise(conn, row.enterprise_id, {key.split(".", 1)[1]: new_value})
        except _RevisionMoved:
            return False
        return True

    def _still_at(self, assessment_id: int, revision: int) -> bool:
        with self._read() as conn:
            return repo.get_revision(conn, assessment_id) == revision

    def _reload_or_conflict(self, assessment_id: int, key: str, value: Any, base: Any) -> None:
        """Drop what we hold and read again; WriteConflict when ``key`` is no longer ``base``."""
        self._forget(assessment_id)
        _, fresh = self._snapshot(assessment_id)
        now = fresh.get(key)
        if (now.value if now else None) != base:
            raise _write_conflict(key, _shown(value), now)

    def set_na(self, assessment_id: int, key: str, na: bool, *, expected: Any = UNSET) -> SaveOutcome:
        """Mark an answer not applicable, or bring back the value kept when it was marked.

        ``expected`` as for `set_answer`: what the screen shows (for switching N/A off: "na").
        """
        if na:
            return self.set_answer(assessment_id, key, NA, expected=expected)
        self._refuse_if_read_only()
        current = self.answers(assessment_id).get(key)
        value = current.value if current else None
        if expected is not UNSET and expected != value:
            raise _write_conflict(key, "取消“不适用”", current)
        if value != NA:
            return SaveOutcome(key, value, current.kept if current else None,
                               utcnow(), False, None, None, "draft")  # fmt: skip
        assert current is not None
        return self.set_answer(assessment_id, key, current.kept, expected=NA)

    def set_resume_page(self, assessment_id: int, page: str | None) -> None:
        if self.db.read_only:
            return  # where a read-only window was is not worth an error
        with self._write() as conn:
            repo.set_resume_page(conn, assessment_id, page)


def _shown(value: Any) -> str:
    if value is None:
        return "（空）"
    if value == NA:
        return "“不适用”"
    return show_value(value)


def _write_conflict(key: str, attempted: str, now: StoredAnswer | None) -> WriteConflict:
    current = now.value if now else None
    return WriteConflict(
        f"此项已在另一个窗口或程序中被改为 {_shown(current)}，您的修改（{attempted}）未保存。"
        "现在显示的是已保存的值；如仍要修改，请重新输入。",
        f"this answer was changed in another window or program to {show_value(current)}; your change was not "
        "saved. The saved value is shown; enter yours again to replace it.",
        key=key,
        current=current,
        kept=now.kept if now else None,
    )


def _kept_after(key: str, old: StoredAnswer | None, new: Any) -> Any:
    """What to keep aside after a write: never silently drop an answer a choice has hidden."""
    if new == NA:
        if old is None:
            return None
        return old.value if old.value != NA else old.kept
    if old is None:
        return None
    if old.value == NA or old.value is None:
        return None  # the value came back (or was replaced): nothing is hidden any more
    switched_variant = (
        key == "pollutant_intensity"
        and isinstance(old.value, dict)
        and isinstance(new, dict)
        and ("reduction_pct_3y" in old.value) != ("reduction_pct_3y" in new)
    )
    if switched_variant:
        return old.value  # switched between the two variants: keep the other one
    return old.kept
