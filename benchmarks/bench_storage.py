"""Storage benchmarks with a same-run baseline (raw sqlite3, same pragmas).

1. Saving one answer through the service (validate + write + journal + summary) vs one raw
   sqlite3 INSERT + COMMIT with WAL and synchronous=FULL. Target: ratio ≤ 2.
2. Listing 10 000 assessments through the service vs the same query in raw sqlite3.
   Target: ratio ≤ 3 and under 50 ms.

Run: .venv/bin/python benchmarks/bench_storage.py
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services import AssessmentService  # noqa: E402
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


def bench_save(folder: Path, rounds: int, *, complete: bool) -> tuple[float, float]:
    """A complete assessment is re-scored for the list summary on every save; a draft is not."""
    service = AssessmentService.open(folder / f"svc-{complete}", backup_on_start=False)
    doc = dict(EXAMPLE)
    if not complete:
        doc.pop("history")
    aid = service.import_document(parse_document(doc, partial=True))
    raw = raw_connection(folder / f"raw-{complete}.sqlite3")
    raw.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, assessment_id INT, key TEXT, value_json TEXT)")
    raw.commit()
    ours: list[float] = []
    base: list[float] = []
    for i in range(rounds):  # alternate so machine noise hits both alike
        t0 = time.perf_counter()
        service.set_answer(aid, "answers.P4", 50 + (i % 50) + 0.5)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        raw.execute("INSERT INTO answers (assessment_id, key, value_json) VALUES (?, ?, ?)", (1, "answers.P4", str(i)))
        raw.commit()
        base.append(time.perf_counter() - t0)
    service.close()
    raw.close()
    return statistics.median(ours), statistics.median(base)


def fill(service: AssessmentService, n: int) -> None:
    """n assessments over n/4 enterprises, inserted in bulk (Core executemany, one transaction)."""
    from sqlalchemy import insert

    from models.base import utcnow
    from models.repo import ASS, ENT

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


def bench_list(folder: Path, n: int, rounds: int) -> tuple[float, float]:
    service = AssessmentService.open(folder / "list", backup_on_start=False)
    fill(service, n)
    assert service.db_path is not None
    raw = raw_connection(service.db_path)
    ours: list[float] = []
    base: list[float] = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        rows = service.list_assessments()
        ours.append(time.perf_counter() - t0)
        assert len(rows) == n
        t0 = time.perf_counter()
        raw_rows = raw.execute(LIST_SQL).fetchall()
        base.append(time.perf_counter() - t0)
        assert len(raw_rows) == n
    raw.close()
    service.close()
    return statistics.median(ours), statistics.median(base)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for complete in (False, True):
            ours, base = bench_save(folder, 1000, complete=complete)
            kind = "complete assessment" if complete else "draft"
            print(
                f"save one answer ({kind}): service {ours * 1000:.2f} ms, raw sqlite3 insert+commit "
                f"{base * 1000:.2f} ms, ratio {ours / base:.2f}"
            )
        ours, base = bench_list(folder, 10_000, 25)
        print(
            f"list 10 000 assessments: service {ours * 1000:.1f} ms, raw sqlite3 {base * 1000:.1f} ms, ratio {ours / base:.2f}"
        )


if __name__ == "__main__":
    main()
