"""Enterprises and their yearly assessments: create, list, open, import, next year, delete."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from assessments.criteria import DEFAULT_CRITERIA_ID, load_criteria
from assessments.document import AnswersDocument
from assessments.draft import carry_over, dict_to_draft, validate_value
from assessments.errors import DocumentError, Problem, ScoringError
from assessments.exact import MIN_DIVISOR, round_half_up
from assessments.scoring import score
from assessments.text_guard import clean_name
from assessments.vocabulary import ENTERPRISE_KEYS
from models import answers_repo, repo
from models.backup import take_backup
from models.base import utcnow
from models.errors import Conflict
from models.rows import AssessmentRow, EnterpriseRow

from .core import ServiceCore

if TYPE_CHECKING:
    from app.next_year import NextYearSummary

YEARS = range(2000, 2101)


def _check_year(year: int) -> None:
    if year not in YEARS:
        raise DocumentError([Problem("year", f"年度 {year} 超出范围（2000–2100）", "year out of range")])


class RecordsService(ServiceCore):
    """Enterprises and assessments as records (the answers themselves: `AutosaveService`)."""

    # ------------------------------------------------------------------ enterprises

    def _profile(
        self, fields: Mapping[str, Any], *, year: int | None = None, criteria_id: str = DEFAULT_CRITERIA_ID
    ) -> dict[str, str | None]:
        """Validate enterprise fields through the domain (USCC checksum, lengths, …), in the draft
        of the assessment they are for (``year``), or of this year when no assessment is meant."""
        year = date.today().year if year is None else year
        values: dict[str, Any] = {}
        for key in ENTERPRISE_KEYS:
            raw = fields.get(key)
            if raw is None or raw == "":
                continue
            values[f"enterprise.{key}"] = validate_value(criteria_id, year, values, f"enterprise.{key}", raw)
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
        _check_year(year)
        with self._write() as conn:
            ent = repo.get_enterprise(conn, enterprise_id)
            assessment_id = repo.insert_assessment(conn, enterprise_id, year, criteria.id, criteria.version)
            now = utcnow()
            entries = []
            for key in ENTERPRISE_KEYS:
                value = getattr(ent, key)
                if value:
                    answers_repo.write_answer(
                        conn, assessment_id, f"enterprise.{key}", value, None, exists=False, at=now
                    )
                    entries.append((f"enterprise.{key}", None, value, "set"))
            answers_repo.add_journal(conn, assessment_id, entries, now)
            return assessment_id

    def new_assessment(self, year: int, criteria_id: str = DEFAULT_CRITERIA_ID, **enterprise: Any) -> int:
        """Find the enterprise by its code (or create it), then start a draft for ``year``."""
        load_criteria(criteria_id)
        _check_year(year)
        profile = self._profile(enterprise, year=year, criteria_id=criteria_id)
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

    def open_assessment(self, assessment_id: int) -> AssessmentRow:
        """The assessment row for opening it, its list summary re-scored by this program first.

        An assessment stored by an earlier version (float arithmetic, before exact scoring)
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
        self._forget(assessment_id)
        return fresh

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
                    answers_repo.write_answer(conn, assessment_id, key, value, None, exists=False, at=now)
                answers_repo.add_journal(conn, assessment_id, [(k, None, v, action) for k, v in values.items()], now)
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
            other = repo.find_assessment(conn, row.enterprise_id, year)
            if other is not None:
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
                answers_repo.write_answer(conn, new_id, key, carried.get(key), kept.get(key), exists=False, at=now)
            answers_repo.add_journal(conn, new_id, [(k, None, v, "carry") for k, v in carried.items()], now)
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
        self._forget(assessment_id)


def _enterprise_id(conn: Connection, profile: Mapping[str, str | None]) -> int:
    existing = repo.enterprise_by_uscc(conn, str(profile["uscc"]))
    return existing.id if existing is not None else repo.insert_enterprise(conn, profile)
