"""Benchmark: the bureau desk on PostgreSQL — import throughput against verify alone, and the list.

Run from the repository root:  .venv/bin/python benchmarks/bench_desk.py [--filings 1000] [--rows 10000]

Needs a PostgreSQL server: ``DNZ_TEST_PG_URL`` (see tests/pg.py), or the Debian package
``postgresql`` installed, in which case scripts/pg_test_cluster.sh starts a throw-away cluster.

1. Generates ``--filings`` filings: half as many generated documents (tests/desk_corpus.py,
   varied answers, enterprises in all seven counties), each exported as .xlsx and .pdf (in
   parallel processes; not timed).
2. Verify alone: ``verify_filing`` on every file in a process pool of the same size the import
   uses — the baseline. Then ``desk import`` of the same folder into a fresh PostgreSQL database
   (hash, verify in the pool, store, rank). Then verify alone again; the baseline is the mean of
   the two runs, so a machine that slows down during the run is not charged to either side.
   Target: the import takes ≤ 1.20 × verify alone.
3. ``desk list`` over ``--rows`` received filings (stored rows of a fresh database): the ranked
   list of current filings as the command computes it (query + rank + JSON), median of 21 runs,
   for all years and for one year and county. Target < 200 ms. The wall time of the whole
   ``python -m app desk list --json`` process (interpreter start and imports included) is
   reported beside it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.desk.receive import find_files  # noqa: E402
from app.desk.service import DeskService  # noqa: E402
from tests.desk_corpus import COUNTIES, enterprise_document, export  # noqa: E402
from tests.pg import fresh_database  # noqa: E402

IMPORT_TARGET = 1.20
LIST_TARGET_MS = 200.0


def _export_one(args: tuple[int, str]) -> None:
    number, folder = args
    rng = random.Random(number)
    doc = enterprise_document(rng, 1000 + number, COUNTIES[number % len(COUNTIES)])
    export(doc, Path(folder) / COUNTIES[number % len(COUNTIES)], f"企业{number:05d}")


def _verify_one(path: Path) -> str:
    from app.filing import verify_filing

    return verify_filing(path).status


def verify_alone(files: list[Path], workers: int) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        statuses = list(pool.map(_verify_one, files, chunksize=4))
    seconds = time.perf_counter() - started
    return seconds, {s: statuses.count(s) for s in set(statuses)}


def fill_rows(url: str, rows: int) -> None:
    """``rows`` received filings as the import stores them (current, ranked columns set)."""
    from models import desk_repo

    desk = DeskService.open(url)
    rng = random.Random(15)
    grades = ("benchmark", "advanced", "compliant", "not_yet")
    try:
        with desk.db.writer.begin() as conn:
            batch = []
            for i in range(rows):
                g = rng.randrange(4)
                batch.append({
                    "sha256": f"{i:064x}", "size_bytes": 30_000, "kind": "xlsx", "file_name": f"企业{i:05d}.xlsx",
                    "source_path": f"/received/企业{i:05d}.xlsx", "status": "verified" if i % 20 else "modified",
                    "summary": "", "differences_json": "[]", "notes_json": "[]", "fingerprint": f"{i:064x}",
                    "exported_at": "2025-03-03 15:00:00", "program": "dnz-assess", "uscc": f"U{i:017d}",
                    "year": 2024 + i % 2, "name": f"滨州企业{i:05d}有限公司", "county": COUNTIES[i % 7],
                    "total": round(rng.uniform(20, 95), 1), "grade": grades[g], "grade_order": g,
                    "dimensions_json": None, "document_json": None, "is_current": True, "version": 1,
                    "review_state": "received", "received_at": datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
                })  # fmt: skip
            for row in batch:
                row["list_body"] = desk_repo.list_body(row)
            conn.execute(desk_repo.FILES.insert(), batch)
    finally:
        desk.close()


def time_list(url: str, runs: int = 21, **filters: object) -> float:
    desk = DeskService.open(url)
    try:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            desk.ranked_json(**filters)  # the text `desk list --json` prints
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)
    finally:
        desk.close()


def bench_import(args: argparse.Namespace) -> bool:
    with tempfile.TemporaryDirectory(prefix="dnz-bench-desk-") as tmp:
        folder = Path(tmp) / "received"
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            list(pool.map(_export_one, [(i, str(folder)) for i in range(args.filings // 2)], chunksize=4))
        files, _ = find_files([folder])
        print(f"generated {len(files)} filings ({args.filings // 2} documents × 2 formats) "
              f"in {time.perf_counter() - started:.0f} s; {args.workers} worker processes")  # fmt: skip
        v1, statuses = verify_alone(files, args.workers)
        print(f"verify alone, run 1: {v1:.1f} s ({len(files) / v1:.2f} filings/s) {statuses}")
        with fresh_database() as url:
            desk = DeskService.open(url)
            try:
                started = time.perf_counter()
                summary = desk.import_paths([folder], workers=args.workers)
                imported = time.perf_counter() - started
            finally:
                desk.close()
        print(f"desk import:         {imported:.1f} s ({len(files) / imported:.2f} filings/s) {summary.to_dict()}")
        v2, _ = verify_alone(files, args.workers)
        print(f"verify alone, run 2: {v2:.1f} s ({len(files) / v2:.2f} filings/s)")
        ratio = imported / ((v1 + v2) / 2)
        verdict = "OK" if ratio <= IMPORT_TARGET else "OVER"
        print(f"import / verify alone = {ratio:.3f} (target ≤ {IMPORT_TARGET:.2f}: {verdict})")
        return ratio <= IMPORT_TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--filings", type=int, default=1000, help="files to import (half as many documents × 2 formats)"
    )
    parser.add_argument("--rows", type=int, default=10_000, help="received filings for the list timing")
    parser.add_argument("--list-only", action="store_true", help="only the list timing")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    ok = True
    if not args.list_only:
        ok &= bench_import(args)
    with fresh_database() as url:
        fill_rows(url, args.rows)
        every = time_list(url)
        one = time_list(url, year=2025, county=COUNTIES[2])
        cmd = [sys.executable, "-m", "app", "desk", "list", "--db", url, "--json"]
        walls = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            walls.append((time.perf_counter() - started) * 1000)
        print(f"desk list over {args.rows} received filings: all years {every:.1f} ms, one year and county "
              f"{one:.1f} ms (median of 21; target < {LIST_TARGET_MS:.0f} ms); whole command incl. Python start "
              f"{statistics.median(walls):.0f} ms (median of 5)")  # fmt: skip
        ok &= every < LIST_TARGET_MS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
