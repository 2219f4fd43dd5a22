"""The desk's operations on its database: import, list, history, correction requests.

``DeskService.open(location)`` takes a SQLAlchemy URL (``postgresql+psycopg://…`` for a shared
desk, ``sqlite:///…``) or a plain path of an SQLite file (a single reviewer); either is migrated
with the program's own Alembic migrations first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import desk_repo as repo
from models.db import Database, translate_errors

from .changes import stored_changes
from .receive import Received, candidates, receive_all

Progress = Callable[[int, int, str], None]  # done, total, file name


@dataclass
class ImportSummary:
    received: int = 0
    verified: int = 0
    modified: int = 0
    unverifiable: int = 0
    duplicates: int = 0
    cancelled: bool = False
    problems: list[str] = field(default_factory=list)
    outcomes: list[tuple[str, str, str]] = field(default_factory=list)  # path, status, summary

    def text(self) -> str:
        lines = [
            f"收到 {self.received} 份文件：核验一致 {self.verified} 份，被改动 {self.modified} 份，"
            f"无法核验 {self.unverifiable} 份，重复 {self.duplicates} 份（已收过，未重复保存）。"
        ]
        if self.cancelled:
            lines.append("导入已取消：已核验的文件已保存，其余未导入。")
        lines += self.problems
        for path, status, summary in self.outcomes:
            if status != "verified":
                lines.append(f"  {Path(path).name}：{summary}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received, "verified": self.verified, "modified": self.modified,
            "unverifiable": self.unverifiable, "duplicates": self.duplicates, "cancelled": self.cancelled,
            "problems": self.problems,
        }  # fmt: skip


def open_desk_database(location: str) -> Database:
    """The desk database at ``location`` (URL or SQLite path), migrated to head."""
    from models.db import open_database
    from models.migrate import upgrade

    if "://" in location and not location.startswith("sqlite"):
        db = open_database(url=location)
        upgrade(db)
        return db
    from models.startup import open_storage

    path = Path(location.removeprefix("sqlite:///")) if location.startswith("sqlite") else Path(location)
    return open_storage(path.expanduser().resolve(), backup_reason=None).db


class DeskService:
    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, location: str) -> DeskService:
        return cls(open_desk_database(location))

    def close(self) -> None:
        self.db.dispose()

    # ------------------------------------------------------------------ import

    def import_paths(
        self, paths: Iterable[Path], *, workers: int | None = None, progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False, spawn: bool = False,
    ) -> ImportSummary:  # fmt: skip
        """Verify and store every .xlsx/.pdf under ``paths``; a file already stored (same bytes)
        is a duplicate. Safe to run in several processes at once on one database."""
        summary = ImportSummary()
        items, summary.problems = candidates(paths)
        summary.received = len(items)
        with translate_errors(), self.db.engine.connect() as conn:
            known = repo.known_hashes(conn, [c.sha256 for c in items])
        fresh, seen = [], set(known)
        for item in items:
            if item.sha256 in seen:
                summary.duplicates += 1
            else:
                seen.add(item.sha256)
                fresh.append(item)
        done = summary.duplicates
        for received in receive_all(fresh, workers=workers, cancelled=cancelled, spawn=spawn):
            if cancelled():
                break  # cancelled: what was verified meanwhile is not stored
            stored = self._store(received)
            done += 1
            if not stored:
                summary.duplicates += 1  # another reviewer's import stored it meanwhile
            else:
                setattr(summary, received.status, getattr(summary, received.status) + 1)
                summary.outcomes.append((received.path, received.status, received.summary))
            if progress is not None:
                progress(done, summary.received, Path(received.path).name)
        summary.cancelled = cancelled() and done < summary.received
        return summary

    def _store(self, r: Received) -> bool:
        values = {
            "sha256": r.sha256, "size_bytes": r.size, "kind": r.kind, "file_name": Path(r.path).name[:500],
            "source_path": r.path, "status": r.status, "summary": r.summary,
            "differences_json": repo.dumps(list(r.differences)), "notes_json": repo.dumps(list(r.notes)),
            "fingerprint": r.fingerprint[:128], "exported_at": r.exported_at, "program": r.program[:200],
            "uscc": r.uscc, "year": r.year, "name": r.name, "county": r.county, "total": r.total,
            "grade": r.grade, "grade_order": r.grade_order,
            "dimensions_json": repo.dumps(r.dimensions) if r.dimensions is not None else None,
            "document_json": r.document_json, "answers_request": r.answers_request,
            # A file not filed under an enterprise and year is listed on its own.
            "is_current": r.uscc is None or r.year is None, "version": 1, "review_state": "received",
        }  # fmt: skip
        with translate_errors(), self.db.writer.begin() as conn:
            if r.uscc is not None and r.year is not None:
                repo.lock_enterprise_year(conn, r.uscc, r.year)
            new_id = repo.insert_file(conn, values)
            if new_id is None:
                return False
            if r.uscc is not None and r.year is not None:
                repo.refresh_current(conn, r.uscc, r.year, stored_changes)
                self._link_request(conn, new_id, r)
        return True

    def _link_request(self, conn: Any, new_id: int, r: Received) -> None:
        """A resubmission answers the request its envelope names; without one, a newer filing of
        a returned filing answers that filing's open request."""
        row = repo.get_file(conn, new_id)
        if row is None or row["previous_id"] is None or r.answers_request is not None:
            return
        request = repo.open_request_for(conn, row["previous_id"])
        if request is not None:
            repo.mark_answer(conn, new_id, request["request_id"])

    # ------------------------------------------------------------------ reading

    def ranked_json(self, **filters: Any) -> str:
        """The current filings, ranked (1 = best) within each year, as the JSON array ``desk list
        --json`` prints (keys: models.desk_repo.LIST_KEYS)."""
        with translate_errors(), self.db.engine.connect() as conn:
            return repo.list_current_json(conn, **filters)

    def ranked(self, **filters: Any) -> list[dict[str, Any]]:
        """``ranked_json`` as Python objects."""
        rows: list[dict[str, Any]] = json.loads(self.ranked_json(**filters))
        return rows

    def history(self, uscc: str, year: int) -> list[dict[str, Any]]:
        with translate_errors(), self.db.engine.connect() as conn:
            return repo.history(conn, uscc, year)

    def file(self, file_id: int) -> dict[str, Any] | None:
        with translate_errors(), self.db.engine.connect() as conn:
            return repo.get_file(conn, file_id)

    def current(self, uscc: str, year: int) -> dict[str, Any] | None:
        with translate_errors(), self.db.engine.connect() as conn:
            return repo.current_file(conn, uscc, year)

    # ------------------------------------------------------------------ correction requests

    def create_request(self, uscc: str, year: int, items: list[str], note: str) -> dict[str, Any]:
        """退回修改: a signed request for the current filing of (uscc, year), recorded with it."""
        from assessments import jsonnum

        from .request import RequestError, make_request

        row = self.current(uscc, year)
        if row is None:
            raise RequestError(f"没有收到 {uscc} 的 {year} 年度备案文件", f"no filing of {uscc} for {year}")
        if not row["fingerprint"] or not row["document_json"]:
            raise RequestError("该备案文件没有可读的答卷数据，无法针对其中的题目退回修改",
                               "the filing carries no readable document")  # fmt: skip
        criteria_id = str(jsonnum.loads(row["document_json"])["criteria"])
        body = make_request(uscc=uscc, year=year, fingerprint=row["fingerprint"], file=row["file_name"],
                            exported_at=row["exported_at"] or "", criteria_id=criteria_id, items=items,
                            note=note)  # fmt: skip
        with translate_errors(), self.db.writer.begin() as conn:
            repo.add_request(conn, {
                "request_id": body["request_id"], "file_id": row["id"], "uscc": uscc, "year": year,
                "fingerprint": row["fingerprint"], "items_json": repo.dumps(body["items"]), "note": note,
            })  # fmt: skip
        return body
