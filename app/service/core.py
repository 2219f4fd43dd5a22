"""What every part of the service stands on: the database, one unit of work per operation, and
the revision-checked cache of an assessment's answers.

Every call is a short unit of work on the database. Writes are validated by the domain first
(invalid → DocumentError with a Chinese message, nothing stored), then committed at once in
their own transaction together with a journal row (autosave: an acknowledged write survives a
kill). Reads return plain data (rows, documents, results), never ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection

from assessments.criteria import load_criteria
from assessments.document import AnswersDocument, document_to_dict
from assessments.draft import draft_document
from assessments.errors import DocumentError, Problem, ScoringError
from assessments.scoring import Result, missing_inputs, score
from models import answers_repo, repo
from models.db import Database, open_database, translate_errors
from models.errors import ReadOnlyDatabase
from models.instance_lock import InstanceLock
from models.migrate import upgrade
from models.rows import AssessmentRow, JournalRow, StoredAnswer
from models.startup import open_storage

from ..paths import resolve_locations


class ServiceCore:
    """The database, the cache of answers by revision, and reading an assessment."""

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
    ) -> Self:
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
    def open_url(cls, url: str, data_dir: Path) -> Self:
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

    # ------------------------------------------------------------------ units of work

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (on SQLite ``BEGIN IMMEDIATE``): committed on leaving, rolled
        back whole on any exception."""
        self._refuse_if_read_only()
        with translate_errors(self.db.path), self.db.writer.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with translate_errors(self.db.path), self.db.engine.connect() as conn:
            yield conn

    # ------------------------------------------------------------------ the cache of answers

    def _answers(self, conn: Connection, row: AssessmentRow) -> dict[str, StoredAnswer]:
        # The revision counter is bumped by every write (from any program instance), so a
        # cached copy is used only while nothing has changed underneath it.
        cached = self._cache.get(row.id)
        if cached is not None and cached[0].revision == row.revision:
            return cached[1]
        stored = answers_repo.load_answers(conn, row.id)
        self._cache[row.id] = (row, stored)
        return stored

    def _forget(self, assessment_id: int) -> None:
        self._cache.pop(assessment_id, None)
        self._docs.pop(assessment_id, None)

    def _snapshot(self, assessment_id: int) -> tuple[AssessmentRow, dict[str, StoredAnswer]]:
        """The assessment row and its answers, from the cache when we hold one (writes re-check)."""
        cached = self._cache.get(assessment_id)
        if cached is not None:
            return cached
        with self._read() as conn:
            row = repo.get_assessment(conn, assessment_id)
            return row, self._answers(conn, row)

    def _draft(self, row: AssessmentRow, values: Mapping[str, Any]) -> AnswersDocument:
        """The parsed draft at ``row.revision``: kept between saves, so a save parses one key only."""
        held = self._docs.get(row.id)
        if held is not None and held[0] == row.revision:
            return held[1]
        doc = draft_document(row.criteria_id, row.year, values)
        self._docs[row.id] = (row.revision, doc)
        return doc

    @staticmethod
    def _values(stored: Mapping[str, StoredAnswer]) -> dict[str, Any]:
        return {k: a.value for k, a in stored.items() if a.value is not None}

    # ------------------------------------------------------------------ reading an assessment

    def get_assessment(self, assessment_id: int) -> AssessmentRow:
        with self._read() as conn:
            return repo.get_assessment(conn, assessment_id)

    def answers(self, assessment_id: int) -> dict[str, StoredAnswer]:
        """Every stored answer with what is kept aside (for the wizard's "kept" notes)."""
        with self._read() as conn:
            row = repo.get_assessment(conn, assessment_id)
            return dict(self._answers(conn, row))

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

    def journal(self, assessment_id: int, limit: int | None = None) -> list[JournalRow]:
        with self._read() as conn:
            return answers_repo.journal(conn, assessment_id, limit)

    def _summary(
        self, row: AssessmentRow, values: Mapping[str, Any], doc: AnswersDocument | None = None
    ) -> tuple[str, float | None, str | None]:
        """The list summary (status, total, grade) of an assessment holding ``values``."""
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
