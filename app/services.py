"""The application service: the one façade the desktop program and the command line use.

Every call is a short unit of work on the database. Writes are validated by the domain first
(invalid → DocumentError with a Chinese message, nothing stored), then committed at once in
their own transaction together with a journal row (autosave: an acknowledged write survives a
kill). Reads return plain data (rows, documents, results), never ORM objects.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from assessments.criteria import DEFAULT_CRITERIA_ID, load_criteria
from assessments.document import ENTERPRISE_KEYS, NA, AnswersDocument, document_to_dict
from assessments.draft import apply_to_document, carry_over, dict_to_draft, draft_document, validate_value
from assessments.errors import DocumentError, Problem, ScoringError
from assessments.exact import MIN_DIVISOR, round_half_up
from assessments.scoring import Result, missing_inputs, score
from models import repo
from models.backup import BackupInfo, list_backups, restore_backup, take_backup
from models.base import utcnow
from models.db import Database, open_database, translate_errors
from models.errors import Conflict, DatabaseBusy, NotFound
from models.migrate import upgrade
from models.repo import AssessmentRow, EnterpriseRow, EvidenceRow, JournalRow, StoredAnswer

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


class AssessmentService:
    """Create, list, open, edit, score and delete enterprises and their yearly assessments."""

    def __init__(self, db: Database, data_dir: Path) -> None:
        self.db = db
        self.data_dir = data_dir
        self._cache: dict[int, tuple[AssessmentRow, dict[str, StoredAnswer]]] = {}
        self._docs: dict[int, tuple[int, AnswersDocument]] = {}  # parsed draft per assessment, by revision

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls, data_dir: Path | None = None, db_path: Path | None = None, *, backup_on_start: bool = True
    ) -> AssessmentService:
        """Open (create, migrate, check) the database; take the start-up backup."""
        folder, path = resolve_locations(data_dir, db_path)
        db = open_database(path)
        try:
            upgrade(db)
            if backup_on_start:
                take_backup(path, "auto-start")
        except BaseException:
            db.dispose()
            raise
        return cls(db, folder)

    @classmethod
    def open_url(cls, url: str, data_dir: Path) -> AssessmentService:
        """A server database (e.g. PostgreSQL for a group or the bureau); no file backups."""
        db = open_database(url=url)
        upgrade(db)
        return cls(db, data_dir)

    def close(self) -> None:
        self.db.dispose()

    @property
    def db_path(self) -> Path | None:
        return self.db.path

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with translate_errors(), self.db.engine.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with translate_errors(), self.db.engine.connect() as conn:
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
            return repo.list_enterprises(conn, search)

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
        with self._read() as conn:
            existing = repo.enterprise_by_uscc(conn, str(profile["uscc"]))
        enterprise_id = existing.id if existing else self.create_enterprise(**profile)
        return self.create_assessment(enterprise_id, year, criteria_id)

    def list_assessments(
        self, search: str = "", status: str | None = None, limit: int | None = None
    ) -> list[AssessmentRow]:
        with self._read() as conn:
            return repo.list_assessments(conn, search, status, limit)

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

    def set_answer(self, assessment_id: int, key: str, value: Any) -> SaveOutcome:
        """Validate and store one answer at once (autosave). ``None`` clears it.

        Text typed into a numeric field is accepted as it was typed ("１２,０００" → 12000) or
        refused with the reason. Setting "na" keeps the previous value aside, so switching
        N/A off brings it back (`set_na`). Validation runs against a snapshot of the draft; the
        write commits only if nobody else changed the assessment meanwhile, else it is redone
        on fresh data.
        """
        for _attempt in range(5):
            row, stored = self._snapshot(assessment_id)
            values = self._values(stored)
            old = stored.get(key)
            now = utcnow()
            current = self._draft(row, values)
            if value is None:
                if old is None or old.value is None:
                    return SaveOutcome(
                        key, None, old.kept if old else None, now, False, row.total, row.grade, row.status
                    )
                values.pop(key, None)
                _, doc = apply_to_document(row.criteria_id, row.year, current, key, None)
                new_value, kept, action = None, old.kept, "clear"
            else:
                new_value, doc = apply_to_document(row.criteria_id, row.year, current, key, value)
                if old is not None and old.value == new_value:
                    return SaveOutcome(
                        key, new_value, old.kept, old.updated_at, False, row.total, row.grade, row.status
                    )
                kept = _kept_after(key, old, new_value)
                values[key] = new_value
                action = "na" if new_value == NA else "set"
            status, total, grade = self._summary(row, values, doc)
            write = repo.AutosaveWrite(
                key, new_value, kept, old is not None, old.value if old else None, action, status, total, grade, now
            )
            if self.db.is_sqlite and not key.startswith("enterprise."):
                committed = self._autosave_sqlite(assessment_id, row.revision, write)
            else:
                with self._write() as conn:
                    committed = repo.autosave(conn, assessment_id, row.revision, write)
                    if (
                        committed
                        and key.startswith("enterprise.")
                        and new_value is not None
                        and key != "enterprise.uscc"
                    ):
                        repo.update_enterprise(conn, row.enterprise_id, {key.split(".", 1)[1]: new_value})
            if committed:
                break
            self._cache.pop(assessment_id, None)  # another instance wrote first: start again
            self._docs.pop(assessment_id, None)
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

    def _autosave_sqlite(self, assessment_id: int, revision: int, write: repo.AutosaveWrite) -> bool:
        """The typing hot path on SQLite: one driver transaction, no SQLAlchemy layers around it.

        The driver opens the transaction before the first UPDATE and `commit` makes it durable
        (WAL, synchronous=FULL); any failure rolls the whole write back.
        """
        raw = self.db.engine.raw_connection()
        try:
            db = raw.driver_connection
            assert db is not None
            with translate_errors():
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

    def set_na(self, assessment_id: int, key: str, na: bool) -> SaveOutcome:
        """Mark an answer not applicable, or bring back the value kept when it was marked."""
        if na:
            return self.set_answer(assessment_id, key, NA)
        current = self.answers(assessment_id).get(key)
        if current is None or current.value != NA:
            return SaveOutcome(key, current.value if current else None, current.kept if current else None,
                               utcnow(), False, None, None, "draft")  # fmt: skip
        return self.set_answer(assessment_id, key, current.kept)

    def set_resume_page(self, assessment_id: int, page: str | None) -> None:
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
        with self._write() as conn:
            existing = repo.enterprise_by_uscc(conn, uscc)
            profile = {k: getattr(doc.enterprise, k) for k in ENTERPRISE_KEYS}
            enterprise_id = existing.id if existing is not None else repo.insert_enterprise(conn, profile)
            assessment_id = repo.insert_assessment(conn, enterprise_id, doc.year, criteria.id, criteria.version)
            now = utcnow()
            for key, value in values.items():
                repo.write_answer(conn, assessment_id, key, value, None, exists=False, at=now)
            repo.add_journal(conn, assessment_id, [(k, None, v, action) for k, v in values.items()], now)
            row = repo.get_assessment(conn, assessment_id)
            status, total, grade = self._summary(row, values)
            repo.update_summary(conn, assessment_id, status=status, total=total, grade=grade)
        return assessment_id

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
        stored, sha, size = store_file(self.evidence_dir, source)
        with self._write() as conn:
            evidence_id = repo.insert_evidence(conn, assessment_id, question, source.name[:255], stored, sha, size)
            now = utcnow()
            repo.add_journal(conn, assessment_id, [(f"evidence.{question}", None, source.name, "attach")], now)
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
    ) -> ExportOutcome:
        """Export the filing of a complete assessment, with its evidence list and journal summary.

        A backup is taken first; the result as filed is kept as a snapshot and the status becomes
        "exported". Safe to call from a worker thread (it opens its own connections).
        """
        from app.filing import evidence_items, export_filing, journal_summary
        from assessments.result_json import result_to_dict

        doc = self.document(assessment_id)
        if self.db.path is not None:
            take_backup(self.db.path, "pre-export")
        outcome = export_filing(
            doc,
            xlsx_path=xlsx_path,
            pdf_path=pdf_path,
            evidence=evidence_items(self.list_evidence(assessment_id)),
            journal=journal_summary(self.journal(assessment_id), doc.criteria),
            progress=progress,
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
        """Replace the database with a backup (the current one is kept first); reopen."""
        if self.db.path is None:
            raise NotFound("服务器数据库不支持从文件备份恢复", "server databases are not restored from files")
        path = self.db.path
        self.db.dispose()
        self._cache.clear()
        self._docs.clear()
        kept = restore_backup(backup, path)
        self.db = open_database(path)
        upgrade(self.db)
        return kept


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
