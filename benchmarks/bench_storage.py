"""Storage benchmarks with a same-run baseline (raw sqlite3, same pragmas).

1. Saving one answer through the service (validate + write + journal + summary) vs one raw
   sqlite3 INSERT + COMMIT with WAL and synchronous=FULL. Target: ratio ≤ 2.
2. Listing 10 000 assessments through the service vs the same query in raw sqlite3.
   Target: ratio ≤ 3 and under 50 ms.

Each also runs a "driver" variant, measured in the same run: the service with its SQL sent
straight to sqlite3 (the three autosave statements; the list query's rows built from driver
tuples), as an earlier version did on SQLite. The service has one Core path; the variant shows
what a second, SQLite-only path would save.

Run: .venv/bin/python benchmarks/bench_storage.py
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services import AssessmentRow, AssessmentService  # noqa: E402
from assessments.document import parse_document  # noqa: E402

EXAMPLE = json.loads((ROOT / "assessments/examples/worked-example.json").read_text(encoding="utf-8"))
LIST_SQL = (
    "SELECT a.id, a.enterprise_id, e.name, e.uscc, e.county, a.year, a.criteria_id, a.criteria_version, a.status,"
    " a.total, a.grade, a.revision, a.resume_page, a.updated_at FROM assessments a JOIN enterprises e"
    " ON e.id = a.enterprise_id ORDER BY a.updated_at DESC, a.id DESC"
)


def raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _driver_autosave(service: Any, assessment_id: int, row: Any, w: Any) -> bool:
    """The autosave's three statements sent straight to sqlite3 (BEGIN IMMEDIATE … COMMIT)."""
    from models.rows import dumps

    raw = service.db.engine.raw_connection()
    try:
        db = raw.driver_connection
        ts = w.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        db.execute("BEGIN IMMEDIATE")
        cur = db.execute(
            "UPDATE assessments SET status = ?, total = ?, grade = ?, revision = revision + 1, updated_at = ?"
            " WHERE id = ? AND revision = ?",
            (w.status, w.total, w.grade, ts, assessment_id, row.revision),
        )
        if cur.rowcount != 1:
            db.rollback()
            return False
        kept = dumps(w.kept) if w.kept is not None else None
        if w.exists:
            db.execute(
                "UPDATE answers SET value_json = ?, kept_json = ?, updated_at = ? WHERE assessment_id = ? AND key = ?",
                (dumps(w.value), kept, ts, assessment_id, w.key),
            )
        else:
            db.execute(
                "INSERT INTO answers (assessment_id, key, value_json, kept_json, updated_at) VALUES (?, ?, ?, ?, ?)",
                (assessment_id, w.key, dumps(w.value), kept, ts),
            )
        db.execute(
            "INSERT INTO journal (assessment_id, key, old_json, new_json, action, at) VALUES (?, ?, ?, ?, ?, ?)",
            (assessment_id, w.key, dumps(w.old) if w.old is not None else None, dumps(w.value), w.action, ts),
        )
        db.commit()
        return True
    finally:
        raw.close()


def bench_save(folder: Path, rounds: int, *, complete: bool) -> tuple[float, float, float]:
    """A complete assessment is re-scored for the list summary on every save; a draft is not.

    Returns the medians of the service (Core path), the service with the driver variant, raw."""
    services = []
    for variant in ("core", "driver"):
        service = AssessmentService.open(folder / f"svc-{complete}-{variant}", backup_on_start=False)
        if variant == "driver":
            service._commit_autosave = partial(_driver_autosave, service)  # type: ignore[method-assign]
        doc = dict(EXAMPLE)
        if not complete:
            doc.pop("history")
        services.append((service, service.import_document(parse_document(doc, partial=True))))
    raw = raw_connection(folder / f"raw-{complete}.sqlite3")
    raw.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, assessment_id INT, key TEXT, value_json TEXT)")
    raw.commit()
    times: list[list[float]] = [[], [], []]
    for i in range(rounds):  # interleaved so machine noise hits all three alike
        for n, (service, aid) in enumerate(services):
            t0 = time.perf_counter()
            service.set_answer(aid, "answers.P4", 50 + (i % 50) + 0.5)
            times[n].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        raw.execute("INSERT INTO answers (assessment_id, key, value_json) VALUES (?, ?, ?)", (1, "answers.P4", str(i)))
        raw.commit()
        times[2].append(time.perf_counter() - t0)
    for service, aid in services:
        assert service.answers(aid)["answers.P4"].value == Decimal("99.5")  # both variants really wrote
        service.close()
    raw.close()
    core, driver, base = (statistics.median(t) for t in times)
    return core, driver, base


def fill(service: AssessmentService, n: int) -> None:
    """n assessments over n/4 enterprises, inserted in bulk (Core executemany, one transaction)."""
    from sqlalchemy import insert

    from models.base import utcnow
    from models.rows import ASS, ENT

    now = utcnow()
    ents = [
        {"name": f"企业{i:05d}有限公司", "uscc": f"X{i:017d}", "county": "邹平市", "created_at": now, "updated_at": now}
        for i in range(n // 4)
    ]
    with service.db.engine.begin() as conn:
        conn.execute(insert(ENT), ents)
        rows = [
            {
                "enterprise_id": 1 + i // 4, "year": 2022 + i % 4, "criteria_id": "binzhou-dnz-2025.1",
                "criteria_version": "2025.1", "status": "complete", "total": 40 + i % 50, "grade": "compliant",
                "revision": 1, "created_at": now, "updated_at": now,
            }
            for i in range(n)
        ]  # fmt: skip
        conn.execute(insert(ASS), rows)


def _driver_list(service: AssessmentService) -> list[AssessmentRow]:
    """The list query's rows built from driver tuples (by position), no Core result rows."""
    raw = service.db.engine.raw_connection()
    try:
        parse = datetime.fromisoformat
        return [
            AssessmentRow(*r[:13], parse(r[13]).replace(tzinfo=UTC))
            for r in raw.driver_connection.execute(LIST_SQL)  # type: ignore[union-attr]
        ]
    finally:
        raw.close()


def bench_list(folder: Path, n: int, rounds: int) -> tuple[float, float, float]:
    service = AssessmentService.open(folder / "list", backup_on_start=False)
    fill(service, n)
    assert service.db_path is not None
    raw = raw_connection(service.db_path)
    times: list[list[float]] = [[], [], []]
    for _ in range(rounds):
        t0 = time.perf_counter()
        rows = service.list_assessments()
        times[0].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        driver_rows = _driver_list(service)
        times[1].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        raw_rows = raw.execute(LIST_SQL).fetchall()
        times[2].append(time.perf_counter() - t0)
        assert len(rows) == len(raw_rows) == n and rows == driver_rows
    raw.close()
    service.close()
    core, driver, base = (statistics.median(t) for t in times)
    return core, driver, base


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for complete in (False, True):
            core, driver, base = bench_save(folder, 1000, complete=complete)
            kind = "complete assessment" if complete else "draft"
            print(
                f"save one answer ({kind}): service {core * 1000:.2f} ms (driver variant {driver * 1000:.2f} ms), "
                f"raw sqlite3 insert+commit {base * 1000:.2f} ms, ratio {core / base:.2f} "
                f"(driver variant {driver / base:.2f})"
            )
        core, driver, base = bench_list(folder, 10_000, 25)
        print(
            f"list 10 000 assessments: service {core * 1000:.1f} ms (driver variant {driver * 1000:.1f} ms), "
            f"raw sqlite3 {base * 1000:.1f} ms, ratio {core / base:.2f} (driver variant {driver / base:.2f})"
        )


if __name__ == "__main__":
    main()
