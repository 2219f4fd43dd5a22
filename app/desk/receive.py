"""Receiving files: find them, hash them, verify them in parallel processes.

A worker returns a ``Received`` (plain, picklable values): the verification outcome from
``verify_filing`` and, when the file carries a valid document, its re-scored total, grade and
dimension scores — the figures the ranking uses are computed from the carried answers, never
read from what the file displays. A worker never raises: ``verify_filing`` turns any hostile or
broken file into "unverifiable" with its reason.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.filehash import sha256_file

SUFFIXES = (".xlsx", ".pdf")


@dataclass(frozen=True)
class Candidate:
    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class Received:
    path: str
    sha256: str
    size: int
    status: str
    summary: str
    kind: str = ""
    differences: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    fingerprint: str = ""
    exported_at: str | None = None
    program: str = ""
    uscc: str | None = None
    year: int | None = None
    name: str | None = None
    county: str | None = None
    total: float | None = None
    grade: str | None = None
    grade_order: int = 99
    dimensions: dict[str, float] | None = None
    document_json: str | None = None
    answers_request: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Every .xlsx/.pdf named or under a named folder (recursively), sorted; and the problems
    (a path that does not exist) in Chinese. A named file is taken whatever its suffix: the
    reviewer chose it, and verify says what it is."""
    found: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            for root, _dirs, files in os.walk(path):
                found.extend(Path(root) / f for f in files if f.lower().endswith(SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            problems.append(f"找不到：{path}")
    return sorted(dict.fromkeys(found)), problems


def candidates(paths: Iterable[Path]) -> tuple[list[Candidate], list[str]]:
    files, problems = find_files(paths)
    out = []
    for path in files:
        try:
            sha, size = sha256_file(path)
        except OSError as exc:
            problems.append(f"无法读取：{path}（{exc.strerror or exc}）")
            continue
        out.append(Candidate(path, sha, size))
    return out, problems


def _quiet() -> None:
    """A hostile file makes pypdf warn and verify log what it caught: for the desk these are
    outcomes (recorded with the file), not messages for the terminal."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _text(value: Any, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value.strip() else None


def receive_one(candidate: Candidate) -> Received:
    """Verify one file and read what the desk files it under (runs in a worker process)."""
    from app.filing import verify_filing

    _quiet()
    v = verify_filing(candidate.path)
    base: dict[str, Any] = {
        "path": str(candidate.path), "sha256": candidate.sha256, "size": candidate.size, "status": v.status,
        "summary": v.summary, "kind": v.kind, "differences": v.differences, "notes": v.notes,
        "fingerprint": v.fingerprint, "program": v.program,
    }  # fmt: skip
    carried = v.carried
    if carried is None:
        return Received(**base)
    base["exported_at"] = carried.exported_at
    data: dict[str, Any] = carried.document_data if isinstance(carried.document_data, dict) else {}
    enterprise: dict[str, Any] = data["enterprise"] if isinstance(data.get("enterprise"), dict) else {}
    year = data.get("year")
    base.update(
        uscc=_text(enterprise.get("uscc"), 40), name=_text(enterprise.get("name"), 200),
        county=_text(enterprise.get("county"), 50),
        year=year if isinstance(year, int) and not isinstance(year, bool) and 1900 < year < 3000 else None,
        answers_request=_request_id(carried.raw),
    )  # fmt: skip
    base.update(_scored(carried))
    return Received(**base)


def _request_id(raw: bytes) -> str | None:
    """The correction request a resubmission answers, as its envelope names it (if any)."""
    from assessments import jsonnum

    try:
        envelope = jsonnum.loads(raw.decode("ascii"))
        answered = envelope.get("resubmission", {}).get("request_id")
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    return answered if isinstance(answered, str) and len(answered) <= 40 else None


def _scored(carried: Any) -> dict[str, Any]:
    from assessments.criteria import load_criteria
    from assessments.document import document_to_dict
    from assessments.errors import DomainError
    from assessments.scoring import score
    from models.desk_repo import dumps

    try:
        doc = carried.document()
        result = score(doc)
        grades = [g.id for g in load_criteria(doc.criteria).grades]
    except (DomainError, ValueError, ArithmeticError):
        return {}
    return {
        "uscc": doc.enterprise.uscc or None,
        "name": doc.enterprise.name or None,
        "county": doc.enterprise.county or None,
        "year": doc.year,
        "total": float(result.total_rounded),
        "grade": result.grade,
        "grade_order": grades.index(result.grade),
        "dimensions": {d.id: float(d.rounded) for d in result.dimensions},
        "document_json": dumps(document_to_dict(doc)),
    }


def receive_all(
    items: list[Candidate],
    *,
    workers: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    spawn: bool = False,
) -> Iterator[Received]:
    """Verify ``items`` in ``workers`` processes (0: in this process), yielding each as it is
    done. Stops handing out work once ``cancelled()``; what is running finishes. ``spawn``: start
    the workers fresh instead of forking (for a caller with threads of its own, e.g. the desk
    window — a fork copies only the calling thread, and locks other threads held stay held)."""
    if workers == 0 or len(items) <= 1:
        for item in items:
            if cancelled():
                return
            yield receive_one(item)
        return
    count = workers or max(1, min(os.cpu_count() or 1, len(items)))
    context = multiprocessing.get_context("spawn") if spawn else None
    pool = ProcessPoolExecutor(max_workers=count, mp_context=context)
    try:
        queue = iter(items)
        running: set[Future[Received]] = set()
        # A few tasks per worker in flight: enough to keep every worker busy, few enough that a
        # cancel stops soon.
        for item in queue:
            running.add(pool.submit(receive_one, item))
            if len(running) >= 2 * count:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
            if cancelled():
                return
            for item in queue:
                running.add(pool.submit(receive_one, item))
                if len(running) >= 2 * count:
                    break
    finally:
        # Cancelled or closed early: queued work is dropped, a file being verified finishes alone.
        pool.shutdown(wait=not cancelled(), cancel_futures=True)
