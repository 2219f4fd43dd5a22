"""The application service: the one façade the desktop program and the command line use.

Every call is a short unit of work on the database. Writes are validated by the domain first
(invalid → DocumentError with a Chinese message, nothing stored), then committed at once in
their own transaction together with a journal row (autosave: an acknowledged write survives a
kill). Reads return plain data (rows, documents, results), never ORM objects.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from assessments.criteria import DEFAULT_CRITERIA_ID, load_criteria
from assessments.document import AnswersDocument, document_to_dict
from assessments.draft import apply_to_document, carry_over, dict_to_draft, draft_document, validate_value
from assessments.errors import DocumentError, Problem, ScoringError, show_value
from assessments.exact import MIN_DIVISOR, round_half_up
from assessments.scoring import Result, missing_inputs, score
from assessments.text_guard import clean_name
from assessments.vocabulary import ENTERPRISE_KEYS, NA
from models import repo
from models.backup import BackupInfo, list_backups, take_backup
from models.base import utcnow
from models.db import Database, open_database, translate_errors
from models.errors import Conflict, DatabaseBusy, NotFound, ReadOnlyDatabase, WriteConflict
from models.instance_lock import InstanceLock
from models.migrate import upgrade
from models.repo import AssessmentRow, EnterpriseRow, EvidenceRow, JournalRow, StoredAnswer
from models.startup import open_storage, restore_database

from .evidence_store import MAX_EVIDENCE_BYTES, EvidenceError, store_file

if TYPE_CHECKING:  # openpyxl and reportlab load only when a filing is written
    from app.filing import ExportOutcome
    from app.next_year import NextYearSummary
    from app.prefiling import PrefilingReport
from .paths import resolve_locations

__all__ = [
    "AssessmentRow",
    "AssessmentService",
    "EnterpriseRow",
    "EvidenceRow",
    "JournalRow",
    "SaveOutcome",
    "StoredAnswer",
]


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


class _Unset:
    """No value given (distinct from None, which is a value: "no answer")."""


UNSET: Any = _Unset()


class AssessmentService:
    """Create, list, open, edit, score and delete enterprises and their yearly assessments."""

    def __init__(
        self,
        db: Database,
        data_dir: Path,
        *,
        lock: InstanceLock | None = None,
        notices: Sequence[Problem] = (),
    ) -> None:
        self.db = db
        self.data_dir = data_dir
        self.lock = lock  # held while this is the program window editing the database
        self.notices = list(notices)  # what the user should know after opening (no backup taken, …)
        self._cache: dict[int, tuple[AssessmentRow, dict[str, StoredAnswer]]] = {}
        self._docs: dict[int, tuple[int, AnswersDocument]] = {}  # parsed draft per assessment, by revision

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        data_dir: Path | None = None,
        db_path: Path | None = None,
        *,
        backup_on_start: bool = True,
        single_window: bool = False,
        read_only: bool = False,
    ) -> AssessmentService:
        """Open (create, migrate, check) the database; take the start-up backup.

        ``single_window``: hold the database's window lock for the session (the desktop program);
        a second window gets DatabaseInUse naming the first. ``read_only``: a window beside the
        one that edits; every write is refused with a message.
        """
        folder, path = resolve_locations(data_dir, db_path)
        opened = open_storage(
            path,
            evidence_dir=folder / "evidence",
            backup_reason="auto-start" if backup_on_start else None,
            single_window=single_window,
            read_only=read_only,
        )
        return cls(opened.db, folder, lock=opened.lock, notices=opened.notices)

    @classmethod
    def open_url(cls, url: str, data_dir: Path) -> AssessmentService:
        """A server database (e.g. PostgreSQL for a group or the bureau); no file backups."""
        db = open_database(url=url)
        upgrade(db)
        return cls(db, data_dir)

    def close(self) -> None:
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def _refuse_if_read_only(self) -> None:
        if self.db.read_only:
            raise ReadOnlyDatabase(
                "此窗口以只读方式打开（数据库正在另一个窗口中编辑），修改未保存。请在那个窗口中修改。",
                "this window is read-only (the database is being edited in another window); nothing was saved.",
            )

    @property
    def db_path(self) -> Path | None:
        return self.db.path

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        self._refuse_if_read_only()
        with translate_errors(self.db.path), self.db.writer.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with translate_errors(self.db.path), self.db.engine.connect() as conn:
            yield conn

    # ------------------------------------------------------------------ enterprises

    def _profile(self, fields: Mapping[str, Any]) -> dict[str, str | None]:
        """Validate enterprise fields through the domain (USCC checksum, lengths, …)."""
        values: dict[str, Any] = {}
        for key in ENTERPRISE_KEYS:
            raw = fields.get(key)
            if raw is None or raw == "":
                continue
            values[f"enterprise.{key}"] = validate_value(DEFAULT_CRITERIA_ID, 2025, values, f"enterprise.{key}", raw)
        missing = [k for k in ("name", "uscc") if f"enterprise.{k}" not in values]
        if missing:
            raise DocumentError([Problem(f"enterprise.{k}", "必须填写", "required") for k in missing])
        return {k: values.get(f"enterprise.{k}") for k in ENTERPRISE_KEYS}

    def create_enterprise(self, **fields: Any) -> int:
        profile = self._profile(fields)
        with self._write() as conn:
            return repo.insert_enterprise(conn, profile)

    def list_enterprises(self, search: str = "") -> list[EnterpriseRow]:
        with self._read() as conn:
            return repo.list_enterprises(conn, clean_name(search))

    def get_enterprise(self, enterprise_id: int) -> EnterpriseRow:
        with self._read() as conn:
            return repo.get_enterprise(conn, enterprise_id)

    # ------------------------------------------------------------------ assessments

    def create_assessment(self, enterprise_id: int, year: int, criteria_id: str = DEFAULT_CRITERIA_ID) -> int:
        """A new draft for the enterprise, with its profile filled in from the enterprise record."""
        criteria = load_criteria(criteria_id)
        if not 2000 <= year <= 2100:
            raise DocumentError([Problem("year", f"年度 {year} 超出范围（2000–2100）", "year out of range")])
        with self._write() as conn:
            ent = repo.get_enterprise(conn, enterprise_id)
            assessment_id = repo.insert_assessment(conn, enterprise_id, year, criteria.id, criteria.version)
            now = utcnow()
            entries = []
            for key in ENTERPRISE_KEYS:
                value = getattr(ent, key)
                if value:
                    repo.write_answer(conn, assessment_id, f"enterprise.{key}", value, None, exists=False, at=now)
                    entries.append((f"enterprise.{key}", None, value, "set"))
            repo.add_journal(conn, assessment_id, entries, now)
            return assessment_id

    def new_assessment(self, year: int, criteria_id: str = DEFAULT_CRITERIA_ID, **enterprise: Any) -> int:
        """Find the enterprise by its code (or create it), then start a draft for ``year``."""
        profile = self._profile(enterprise)
        enterprise_id = self._retry_once_on_integrity(lambda: self._find_or_create_enterprise(profile))
        return self.create_assessment(enterprise_id, year, criteria_id)

    def _find_or_create_enterprise(self, profile: Mapping[str, str | None]) -> int:
        with self._write() as conn:
            return _enterprise_id(conn, profile)

    @staticmethod
    def _retry_once_on_integrity(work: Callable[[], int]) -> int:
        """Run ``work`` again once if another program created the same enterprise at the same moment.

        On SQLite the write transaction serialises the look-up and the insert, so this never
        fires; a server database in READ COMMITTED may let two inserts race to the unique index.
        """
        try:
            return work()
        except IntegrityError:
            return work()

    def list_assessments(
        self, search: str = "", status: str | None = None, limit: int | None = None
    ) -> list[AssessmentRow]:
        with self._read() as conn:
            return repo.list_assessments(conn, clean_name(search), status, limit)

    def get_assessment(self, assessment_id: int) -> AssessmentRow:
        with self._read() as conn:
            return repo.get_assessment(conn, assessment_id)

    def open_assessment(self, assessment_id: int) -> AssessmentRow:
        """The assessment row for opening it, its list summary re-scored by this program first.

        An assessment stored by an earlier version (float arithmetic, before CRITERIA.md §9)
        may list a total or grade that exact scoring corrects. The summary is corrected quietly:
        no journal row (nobody changed an answer), the edit time stays, and an exported
        assessment stays "exported" (its filing carries the figures of the version that made it).
        """
        with self._read() as conn:
            row = repo.get_assessment(conn, assessment_id)
            values = self._values(self._answers(conn, row))
        status, total, grade = self._summary(row, values)
        if row.status == "exported" and status == "complete":
            status = "exported"
        if (status, total, grade) == (row.status, row.total, row.grade):
            return row
        with self._write() as conn:
            if not repo.correct_summary(conn, assessment_id, row.revision, status=status, total=total, grade=grade):
                return repo.get_assessment(conn, assessment_id)  # written meanwhile: that write re-scored it
            fresh = repo.get_assessment(conn, assessment_id)
        self._cache.pop(assessment_id, None)
        self._docs.pop(assessment_id, None)
        return fresh

    def answers(self, assessment_id: int) -> dict[str, StoredAnswer]:
        """Every stored answer with what is kept aside (for the wizard's "kept" notes)."""
        with self._read() as conn:
            row = repo.get_assessment(conn, assessment_id)
            return dict(self._answers(conn, row))

    def _answers(self, conn: Connection, row: AssessmentRow) -> dict[str, StoredAnswer]:
        # The revision counter is bumped by every write (from any program instance), so a
        # cached copy is used only while nothing has changed underneath it.
        cached = self._cache.get(row.id)
        if cached is not None and cached[0].revision == row.revision:
            return cached[1]
        stored = repo.load_answers(conn, row.id)
        self._cache[row.id] = (row, stored)
        return stored

    @staticmethod
    def _values(stored: Mapping[str, StoredAnswer]) -> dict[str, Any]:
        return {k: a.value for k, a in stored.items() if a.value is not None}

    def document(self, assessment_id: int) -> AnswersDocument:
        """The assessment as a (possibly partial) `dnz-answers/1` document."""
        with self._read() as conn:
            row = repo.get_assessment(conn, assessment_id)
            values = self._values(self._answers(conn, row))
        return draft_document(row.criteria_id, row.year, values)

    def document_dict(self, assessment_id: int) -> dict[str, Any]:
        return document_to_dict(self.document(assessment_id))

    def score(self, assessment_id: int, *, allow_incomplete: bool = True) -> Result:
        return score(self.document(assessment_id), allow_incomplete=allow_incomplete)

    def _summary(
        self, row: AssessmentRow, values: Mapping[str, Any], doc: AnswersDocument | None = None
    ) -> tuple[str, float | None, str | None]:
        try:
            if doc is None:
                doc = draft_document(row.criteria_id, row.year, values)
            missing = missing_inputs(doc, load_criteria(row.criteria_id))
            if missing:
                return "draft", None, None  # most typing happens in drafts: no need to score them
            result = score(doc, allow_incomplete=True, explain=False, known_missing=missing)
        except (ScoringError, DocumentError):
            return "draft", None, None
        if not result.complete:
            return "draft", None, None
        # An edit after an export makes the filed figures stale: the status says so.
        return "complete", result.total_rounded, result.grade

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
        for _attempt in range(5):
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
            write = repo.AutosaveWrite(key, new_value, kept, old is not None, known, action, status, total, grade, now)
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

    def _commit_autosave(self, assessment_id: int, row: AssessmentRow, write: repo.AutosaveWrite) -> bool:
        key, new_value = write.key, write.value
        if self.db.is_sqlite and not key.startswith("enterprise."):
            return self._autosave_sqlite(assessment_id, row.revision, write)
        with self._write() as conn:
            committed = repo.autosave(conn, assessment_id, row.revision, write)
            if committed and key.startswith("enterprise.") and new_value is not None and key != "enterprise.uscc":
                repo.update_enterprise(conn, row.enterprise_id, {key.split(".", 1)[1]: new_value})
            return committed

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

    def _forget(self, assessment_id: int) -> None:
        self._cache.pop(assessment_id, None)
        self._docs.pop(assessment_id, None)

    def _autosave_sqlite(self, assessment_id: int, revision: int, write: repo.AutosaveWrite) -> bool:
        """The typing hot path on SQLite: one driver transaction, no SQLAlchemy layers around it.

        ``BEGIN IMMEDIATE`` takes the write lock (waiting up to the busy timeout) and `commit`
        makes the write durable (WAL, synchronous=FULL); any failure rolls the whole write back.
        """
        raw = self.db.engine.raw_connection()
        try:
            db = raw.driver_connection
            assert db is not None
            with translate_errors(self.db.path):
                db.execute("BEGIN IMMEDIATE")
                try:
                    committed = repo.autosave_driver(db, assessment_id, revision, write)
                    if committed:
                        db.commit()
                    else:
                        db.rollback()
                except BaseException:
                    db.rollback()
                    raise
            return committed
        finally:
            raw.close()

    def _draft(self, row: AssessmentRow, values: Mapping[str, Any]) -> AnswersDocument:
        """The parsed draft at ``row.revision``: kept between saves, so a save parses one key only."""
        held = self._docs.get(row.id)
        if held is not None and held[0] == row.revision:
            return held[1]
        doc = draft_document(row.criteria_id, row.year, values)
        self._docs[row.id] = (row.revision, doc)
        return doc

    def _snapshot(self, assessment_id: int) -> tuple[AssessmentRow, dict[str, StoredAnswer]]:
        """The assessment row and its answers, from the cache when we hold one (writes re-check)."""
        cached = self._cache.get(assessment_id)
        if cached is not None:
            return cached
        with self._read() as conn:
            row = repo.get_assessment(conn, assessment_id)
            return row, self._answers(conn, row)

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

    def journal(self, assessment_id: int, limit: int | None = None) -> list[JournalRow]:
        with self._read() as conn:
            return repo.journal(conn, assessment_id, limit)

    # ------------------------------------------------------------------ import, next year, delete

    def import_document(self, doc: AnswersDocument, *, action: str = "import") -> int:
        """Store a document as a new assessment (its enterprise found by code, or created)."""
        uscc = doc.enterprise.uscc
        if not uscc or not doc.enterprise.name:
            raise DocumentError(
                [Problem("enterprise", "导入需要企业名称和统一社会信用代码", "name and code are required")]
            )
        values = dict_to_draft(doc)
        criteria = load_criteria(doc.criteria)
        profile = {k: getattr(doc.enterprise, k) for k in ENTERPRISE_KEYS}

        def store() -> int:
            # One write transaction: on SQLite it holds the write lock from the look-up of the
            # enterprise to the commit, so a second program importing the same new enterprise
            # waits and then finds it instead of failing on the unique code.
            with self._write() as conn:
                enterprise_id = _enterprise_id(conn, profile)
                assessment_id = repo.insert_assessment(conn, enterprise_id, doc.year, criteria.id, criteria.version)
                now = utcnow()
                for key, value in values.items():
                    repo.write_answer(conn, assessment_id, key, value, None, exists=False, at=now)
                repo.add_journal(conn, assessment_id, [(k, None, v, action) for k, v in values.items()], now)
                row = repo.get_assessment(conn, assessment_id)
                status, total, grade = self._summary(row, values)
                repo.update_summary(conn, assessment_id, status=status, total=total, grade=grade)
                return assessment_id

        return self._retry_once_on_integrity(store)

    def start_next_year(self, assessment_id: int) -> int:
        """Next year's draft: profile and slow-changing answers carried, the year's figures cleared.

        M6's year −3 figures are filled from the enterprise's assessment three years earlier
        when there is one (its computed CO2 and its output).
        """
        with self._read() as conn:
            row = repo.get_assessment(conn, assessment_id)
            values = self._values(self._answers(conn, row))
            year = row.year + 1
            if repo.find_assessment(conn, row.enterprise_id, year) is not None:
                other = repo.find_assessment(conn, row.enterprise_id, year)
                raise Conflict(
                    f"该企业 {year} 年度的评估已存在（#{other}）", f"the {year} assessment exists already (#{other})"
                )
            three_back = repo.find_assessment(conn, row.enterprise_id, year - 3)
        carried, kept = carry_over(row.criteria_id, values)
        history = self._history_from(three_back) if three_back is not None else None
        if history is not None:
            carried["history"] = history
        with self._write() as conn:
            new_id = repo.insert_assessment(conn, row.enterprise_id, year, row.criteria_id, row.criteria_version)
            now = utcnow()
            for key in sorted(carried.keys() | kept.keys()):
                # A kept-only row (no current value) offers last year's figures without using them.
                repo.write_answer(conn, new_id, key, carried.get(key), kept.get(key), exists=False, at=now)
            repo.add_journal(conn, new_id, [(k, None, v, "carry") for k, v in carried.items()], now)
            new_row = repo.get_assessment(conn, new_id)
            status, total, grade = self._summary(new_row, carried)
            repo.update_summary(conn, new_id, status=status, total=total, grade=grade)
        return new_id

    def next_year_of(self, assessment_id: int) -> int | None:
        """The assessment of the following year of the same enterprise, if there is one."""
        with self._read() as conn:
            row = repo.get_assessment(conn, assessment_id)
            return repo.find_assessment(conn, row.enterprise_id, row.year + 1)

    def next_year_summary(self, previous_id: int, new_id: int, lang: str = "zh") -> NextYearSummary:
        """What `start_next_year` carried, cleared and filled, in words (app/next_year.py)."""
        from app.next_year import summarise

        old, new = self.get_assessment(previous_id), self.get_assessment(new_id)
        current = {k: a.value for k, a in self.answers(new_id).items()}
        previous = self._values(self.answers(previous_id))
        return summarise(load_criteria(new.criteria_id), previous, current, old.year, new.year, lang)

    def _history_from(self, assessment_id: int) -> dict[str, Any] | None:
        try:
            doc = self.document(assessment_id)
            result = score(doc)
        except (DocumentError, ScoringError):
            return None  # the older assessment is incomplete: nothing reliable to carry
        # The CO2 figure as that year's filing shows it (half up to 0.1 t, from the exact value).
        co2 = round_half_up(result.energy.co2_t, 1)
        if doc.output is None or co2 < MIN_DIVISOR:
            return None
        return {"co2_t_3y_ago": co2, "output_3y_ago": doc.output.quantity}

    def deletion_token(self, assessment_id: int) -> str:
        """A token the caller must hand back to delete: proof that the user confirmed this one."""
        row = self.get_assessment(assessment_id)
        return f"{row.id}:{row.uscc}:{row.year}"

    def delete_assessment(self, assessment_id: int, token: str) -> None:
        if not secrets.compare_digest(token, self.deletion_token(assessment_id)):
            raise Conflict("删除确认不匹配，未删除任何内容", "the deletion token does not match; nothing deleted")
        if self.db.path is not None:
            take_backup(self.db.path, "pre-delete", keep=5)
        with self._write() as conn:
            repo.delete_assessment(conn, assessment_id)
        self._cache.pop(assessment_id, None)
        self._docs.pop(assessment_id, None)

    # ------------------------------------------------------------------ evidence

    def attach_evidence(self, assessment_id: int, question: str, source: Path) -> EvidenceRow:
        """Copy a file into the managed store and list it under ``question`` (e.g. "P4", "V1")."""
        row = self.get_assessment(assessment_id)
        criteria = load_criteria(row.criteria_id)
        known = {v.id for v in criteria.vetoes} | {i.id for i in criteria.indicators} | {"general"}
        if question not in known:
            raise EvidenceError(f"未知的题目“{question}”", f"unknown question {question!r}", field="佐证材料")
        self._refuse_if_read_only()
        # A file name is not typed: cleaned, never refused (an undecodable name arrives with
        # lone surrogates; a direction override would make "报告\u202efdp.exe" read "报告exe.pdf").
        name = clean_name(source.name)[:255]
        stored, sha, size = store_file(self.evidence_dir, source)
        with self._write() as conn:
            evidence_id = repo.insert_evidence(conn, assessment_id, question, name, stored, sha, size)
            now = utcnow()
            repo.add_journal(conn, assessment_id, [(f"evidence.{question}", None, name, "attach")], now)
            repo.touch_assessment(conn, assessment_id, now)
            return repo.get_evidence(conn, evidence_id)

    def list_evidence(self, assessment_id: int) -> list[EvidenceRow]:
        with self._read() as conn:
            return repo.list_evidence(conn, assessment_id)

    def evidence_file(self, row: EvidenceRow) -> Path:
        return self.evidence_dir / row.stored_name

    def prefiling_check(self, assessment_id: int, result: Result | None = None) -> PrefilingReport:
        """Warnings before filing (app/prefiling.py); ``result``: the live score when the caller has it."""
        from app.prefiling import check

        row = self.get_assessment(assessment_id)
        if result is None:
            try:
                result = self.score(assessment_id)
            except (ScoringError, DocumentError):
                result = None  # computed questions are then not judged; the rest is
        values = self._values(self.answers(assessment_id))
        evidence = self.list_evidence(assessment_id)
        return check(load_criteria(row.criteria_id), values, result, evidence, self.evidence_dir, MAX_EVIDENCE_BYTES)

    def remove_evidence(self, evidence_id: int) -> None:
        with self._write() as conn:
            row = repo.get_evidence(conn, evidence_id)
            repo.delete_evidence(conn, evidence_id)
            now = utcnow()
            repo.add_journal(
                conn, row.assessment_id, [(f"evidence.{row.question}", row.original_name, None, "detach")], now
            )
            repo.touch_assessment(conn, row.assessment_id, now)
            if not repo.stored_name_in_use(conn, row.stored_name):
                (self.evidence_dir / row.stored_name).unlink(missing_ok=True)

    # ------------------------------------------------------------------ exports and backups

    def export_filing(
        self,
        assessment_id: int,
        *,
        xlsx_path: Path | None = None,
        pdf_path: Path | None = None,
        progress: Callable[[int, str], None] | None = None,
        plan_target: str | None = None,
    ) -> ExportOutcome:
        """Export the filing of a complete assessment, with its evidence list and journal summary,
        and its improvement plan when the assessment's plan settings say so (or ``plan_target``).

        A backup is taken first; the result as filed is kept as a snapshot and the status becomes
        "exported". Safe to call from a worker thread (it opens its own connections).
        """
        from app.filing import evidence_items, export_filing, journal_summary
        from app.plan_store import PlanStore
        from assessments.result_json import result_to_dict

        doc = self.document(assessment_id)
        plan = PlanStore(self).filed_plan(assessment_id, plan_target)
        if self.db.path is not None:
            take_backup(self.db.path, "pre-export")
        outcome = export_filing(
            doc,
            xlsx_path=xlsx_path,
            pdf_path=pdf_path,
            evidence=evidence_items(self.list_evidence(assessment_id)),
            journal=journal_summary(self.journal(assessment_id), doc.criteria),
            progress=progress,
            plan=plan,
        )
        result = score(doc)
        self.record_export(
            assessment_id,
            outcome.fingerprint,
            document_to_dict(doc),
            result_to_dict(result, doc),
            [str(path) for path in outcome.files],
        )
        return outcome

    def record_export(self, assessment_id: int, fingerprint: str, document: Any, result: Any, files: list[str]) -> None:
        # A path may hold a name that is not UTF-8 on disk (lone surrogates in Python): the record
        # keeps it readable (U+FFFD) rather than failing after the files were written.
        files = [clean_name(f) for f in files]
        with self._write() as conn:
            repo.get_assessment(conn, assessment_id)
            repo.insert_export(conn, assessment_id, fingerprint, document, result, files)
            repo.add_journal(
                conn,
                assessment_id,
                [("export", None, {"fingerprint": fingerprint, "files": files}, "export")],
                utcnow(),
            )

    def record_unverified_import(self, assessment_id: int, file: str, summary: str) -> None:
        """Journal that an assessment was imported (``import --force``) from a filing that failed
        verification; ``summary`` is the Chinese verdict with what differed."""
        with self._write() as conn:
            repo.get_assessment(conn, assessment_id)
            repo.add_journal(
                conn, assessment_id, [("filing.unverified", None, f"{file}：{summary}", "import-unverified")], utcnow()
            )

    def latest_export(self, assessment_id: int) -> dict[str, Any] | None:
        with self._read() as conn:
            return repo.latest_export(conn, assessment_id)

    def backup_now(self, reason: str = "manual") -> Path | None:
        if self.db.path is None:
            return None
        return take_backup(self.db.path, reason)

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.db.path) if self.db.path is not None else []

    def restore(self, backup: Path) -> Path | None:
        """Replace the database with a backup (the current one is kept first); reopen.

        Refused (DatabaseInUse, nothing changed) while another window or program has the
        database open: it would go on writing into a file that is no longer the database.
        """
        self._refuse_if_read_only()
        if self.db.path is None:
            raise NotFound("服务器数据库不支持从文件备份恢复", "server databases are not restored from files")
        path = self.db.path
        self.db.dispose()
        self._cache.clear()
        self._docs.clear()
        try:
            kept = restore_database(backup, path, held=self.lock)
        finally:
            self.db = open_database(path)
        upgrade(self.db)
        return kept


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


def _enterprise_id(conn: Connection, profile: Mapping[str, str | None]) -> int:
    existing = repo.enterprise_by_uscc(conn, str(profile["uscc"]))
    return existing.id if existing is not None else repo.insert_enterprise(conn, profile)


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
