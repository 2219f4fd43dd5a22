"""Soak test of data safety (issue #11): random SIGKILLs of real work, then a restart, counted.

Not run in CI (it takes minutes). Series, each a child process killed at a random moment:

- writer:    an autosaving writer (random answers, the same database killed again and again)
- export:    Excel + PDF filing of a complete assessment, over and over
- backup:    backups of a database of 1 000 assessments (some 9 MB)
- restore:   restores alternating between two backups
- migration: the start of the program on a copy of a revision-0001 database

After every kill the database is opened again as the program would (counted as refused if it
cannot be), ``PRAGMA integrity_check`` must say ``ok``, and the series' own check runs: every
acknowledged write stored (else lost), the restored content one of the two backups, the exported
files verifiable, no temporary files left once the next start has cleaned up.

Run (on a busy machine, with nice):  nice .venv/bin/python benchmarks/soak_data_safety.py
      options: --writer 100 --export 20 --backup 20 --restore 20 --migration 20 --seed 11
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURE = ROOT / "tests" / "fixtures" / "db-rev0001.sqlite3"
EXAMPLE = ROOT / "assessments" / "examples" / "worked-example.json"
KEYS = ("answers.P4", "answers.P6", "answers.E7", "energy.raw_coal", "energy.grid_electricity", "gec_mwh")


# --------------------------------------------------------------------------- children


def _say(*parts: object) -> None:
    # One write per line: a kill can cut the line, never interleave it (the reader drops cut lines).
    sys.stdout.write(" ".join(str(p) for p in parts) + " .\n")
    sys.stdout.flush()


def child_writer(folder: Path, seed: int) -> None:
    from app.services import AssessmentService

    service = AssessmentService.open(folder)  # as the program starts: clean-up, checks, backup
    found = service.list_assessments()
    ident = found[0].id if found else service.new_assessment(2025, name="断电测试企业", uscc="91371600MA3C5K2X7K")
    _say("READY", ident)
    rng = random.Random(seed)
    n = 0
    while True:
        key = rng.choice(KEYS)
        value = rng.randint(1, 99) if key.startswith("answers.") else rng.randint(1, 10**6)
        _say("TRY", n, key, value)
        service.set_answer(ident, key, value)
        _say("ACK", n, key, value)
        n += 1


def child_export(folder: Path, out: Path) -> None:
    from app.services import AssessmentService

    service = AssessmentService.open(folder)
    ident = service.list_assessments()[0].id
    _say("READY", ident)
    n = 0
    while True:
        outcome = service.export_filing(ident, xlsx_path=out / "备案.xlsx", pdf_path=out / "备案.pdf")
        _say("ACK", n, outcome.fingerprint)
        n += 1


def child_backup(folder: Path) -> None:
    from models.backup import take_backup

    db = folder / "dnz.sqlite3"
    _say("READY", 0)  # imports done: the kill lands in the backups
    n = 0
    while True:
        path = take_backup(db, "manual")
        _say("ACK", n, path)
        n += 1


def child_restore(folder: Path, first: Path, second: Path) -> None:
    from models.startup import restore_database

    db = folder / "dnz.sqlite3"
    _say("READY", 0)
    n = 0
    while True:
        which = (first, second)[n % 2]
        _say("TRY", n, which.name)
        restore_database(which, db)
        _say("ACK", n, which.name)
        n += 1


def child_migration(folder: Path) -> None:
    _say("READY", 0)
    from app.services import AssessmentService

    _say("START", 0)
    AssessmentService.open(folder).close()
    _say("ACK", 0, "done")


# --------------------------------------------------------------------------- the parent side


@dataclass
class Series:
    name: str
    runs: int = 0
    acknowledged: int = 0
    lost: int = 0
    integrity_failures: int = 0
    refused_opens: int = 0
    leftovers: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.name:<10} runs {self.runs:>4}  acknowledged {self.acknowledged:>7}  lost {self.lost}  "
            f"integrity failures {self.integrity_failures}  refused opens {self.refused_opens}  "
            f"leftover temporary files {self.leftovers}"
        )


class Child:
    """A child process whose output lines are collected by a thread (so it never blocks on the pipe)."""

    def __init__(self, args: list[str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"},
        )
        self.lines: list[list[str]] = []
        self.ready = threading.Event()
        self.started = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            parts = raw.split()
            if not parts or parts[-1] != "." or not raw.endswith("\n"):
                continue  # cut by the kill: not an acknowledgement
            parts = parts[:-1]
            self.lines.append(parts)
            if parts[0] == "READY":
                self.ready.set()
            elif parts[0] == "START":
                self.started.set()

    def kill_after(self, seconds: float) -> None:
        time.sleep(seconds)
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._reader.join(timeout=30)

    def error(self) -> str:
        return self.proc.stderr.read()[-2000:] if self.proc.stderr else ""


def reopen(db: Path) -> tuple[Any, bool]:
    """Open as the program does (without a backup); (service or None, refused)."""
    from app.services import AssessmentService
    from assessments.errors import DomainError

    try:
        return AssessmentService.open(db_path=db, backup_on_start=False), False
    except DomainError as exc:
        print(f"   refused: {exc.text('zh')[:200]}")
        return None, True


def _scalar(db: Path, sql: str) -> Any:
    # Closed at once: a connection left to the garbage collector keeps the file open, and the
    # next start would rightly refuse to migrate a database another connection has open.
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def integrity(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        conn.close()


def temporary_files(folder: Path) -> int:
    suffixes = (".partial", ".restoring", ".creating", ".tmp")
    return sum(1 for p in folder.rglob("*") if p.is_file() and any(s in p.name for s in suffixes))


def run_writer(series: Series, runs: int, rng: random.Random, work: Path) -> None:
    folder = work / "writer"
    journal_before = 0
    state: dict[str, Any] = {}  # the stored value of every key after the last run
    for run in range(runs):
        child = Child(["writer", str(folder), str(rng.randrange(10**9))])
        if not child.ready.wait(60):
            series.notes.append(f"run {run}: no READY: {child.error()}")
            child.kill_after(0)
            continue
        ident = int(child.lines[0][1])
        child.kill_after(rng.uniform(0.05, 1.5))
        series.runs += 1
        acks = [p for p in child.lines if p[0] == "ACK"]
        tries = [p for p in child.lines if p[0] == "TRY"]
        series.acknowledged += len(acks)
        last: dict[str, int] = {}
        changes = 0  # an acknowledged write of the value already stored writes no journal row
        for _, _n, key, value in acks:
            changes += state.get(key) != int(value)
            state[key] = last[key] = int(value)
        in_flight = tries[-1] if tries and (not acks or tries[-1][1] != acks[-1][1]) else None
        db = folder / "dnz.sqlite3"
        series.integrity_failures += not integrity(db)
        service, refused = reopen(db)
        series.refused_opens += refused
        if service is None:
            continue
        try:
            stored = service.answers(ident)
            for key, value in last.items():
                ok = {value} | ({int(in_flight[3])} if in_flight and in_flight[2] == key else set())
                if key not in stored or stored[key].value not in ok:
                    series.lost += 1
            journal = len([e for e in service.journal(ident) if not e.key.startswith("enterprise.")])
            if not journal_before + changes <= journal <= journal_before + changes + 1:
                series.lost += 1
                series.notes.append(f"run {run}: journal {journal}, expected {journal_before + changes}(+1)")
            journal_before = journal
            state = {k: a.value for k, a in stored.items() if k in KEYS}
        finally:
            service.close()
    series.leftovers += temporary_files(folder)


def _prepare_example(folder: Path, copies: int = 1) -> Path:
    from app.services import AssessmentService
    from assessments.document import parse_document

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    service = AssessmentService.open(folder, backup_on_start=False)
    try:
        for i in range(copies):
            data["year"] = 2000 + (i % 100)
            data["enterprise"]["name"] = f"滨州示例化工有限公司{i // 100 or ''}"
            service.import_document(parse_document(data))
        assert service.db_path is not None
        return service.db_path
    finally:
        service.close()


def run_export(series: Series, runs: int, rng: random.Random, work: Path) -> None:
    from app.filing import verify_filing

    folder, out = work / "export", work / "export-out"
    out.mkdir(parents=True)
    db = _prepare_example(folder)
    acknowledged = 0
    for run in range(runs):
        child = Child(["export", str(folder), str(out)])
        if not child.ready.wait(60):
            series.notes.append(f"run {run}: no READY: {child.error()}")
            child.kill_after(0)
            continue
        child.kill_after(rng.uniform(0.0, 6.0))  # one export takes 1–3 s
        series.runs += 1
        acks = [p for p in child.lines if p[0] == "ACK"]
        series.acknowledged += len(acks)
        acknowledged += len(acks)
        series.integrity_failures += not integrity(db)
        service, refused = reopen(db)
        series.refused_opens += refused
        if service is not None:
            service.close()
            recorded = _scalar(db, "SELECT count(*) FROM export_snapshots")
            if recorded < acknowledged:  # an acknowledged export whose record was lost
                series.lost += acknowledged - recorded
                series.notes.append(f"run {run}: {recorded} exports recorded, {acknowledged} acknowledged")
        for target in (out / "备案.xlsx", out / "备案.pdf"):
            if target.exists() and not verify_filing(target).ok:
                series.lost += 1
                series.notes.append(f"run {run}: {target.name} does not verify")
    series.leftovers += temporary_files(folder)
    stray = [p.name for p in out.iterdir() if p.name not in ("备案.xlsx", "备案.pdf")]
    if stray:
        series.notes.append(f"temporary filing files left beside the targets (app/filing): {len(stray)}")


def run_backup(series: Series, runs: int, rng: random.Random, work: Path) -> None:
    from models.backup import describe_backup

    folder = work / "backup"
    db = _prepare_example(folder, copies=1000)
    started = time.perf_counter()
    from models.backup import take_backup

    take_backup(db, "manual")
    duration = time.perf_counter() - started
    series.notes.append(f"database {db.stat().st_size / 1e6:.1f} MB, one backup {duration * 1000:.0f} ms")
    for _run in range(runs):
        child = Child(["backup", str(folder)])
        if not child.ready.wait(60):
            child.kill_after(0)
            continue
        child.kill_after(rng.uniform(0.0, 3 * duration))
        series.runs += 1
        acks = [p for p in child.lines if p[0] == "ACK"]
        series.acknowledged += len(acks)
        series.integrity_failures += not integrity(db)
        service, refused = reopen(db)  # cleans up what the kill left
        series.refused_opens += refused
        if service is not None:
            service.close()
        for ack in acks:
            path = Path(ack[2])
            if path.exists() and not describe_backup(path).readable:
                series.lost += 1
    series.leftovers += temporary_files(folder)


def _signature(db: Path) -> Any:
    from models.backup import content_signature

    return content_signature(db, immutable=False)


def run_restore(series: Series, runs: int, rng: random.Random, work: Path) -> None:
    from models.backup import describe_backup, take_backup

    folder = work / "restore"
    db = _prepare_example(folder, copies=50)
    first = take_backup(db, "manual")
    _prepare_example(folder, copies=150)
    second = take_backup(db, "manual")
    assert first is not None and second is not None
    signatures = {_signature(first), _signature(second)}
    started = time.perf_counter()
    from models.startup import restore_database

    restore_database(first, db)
    duration = time.perf_counter() - started
    series.notes.append(f"one restore {duration * 1000:.0f} ms")
    for run in range(runs):
        child = Child(["restore", str(folder), str(first), str(second)])
        if not child.ready.wait(60):
            child.kill_after(0)
            continue
        child.kill_after(rng.uniform(0.0, 3 * duration))
        series.runs += 1
        series.acknowledged += len([p for p in child.lines if p[0] == "ACK"])
        series.integrity_failures += not integrity(db)
        service, refused = reopen(db)
        series.refused_opens += refused
        if service is not None:
            service.close()
            if _signature(db) not in signatures:
                series.lost += 1
                series.notes.append(f"run {run}: the database is neither backup after the kill")
        for kept in (folder / "backups").glob("pre-restore-*.sqlite3"):
            if not describe_backup(kept).readable:
                series.lost += 1
    series.leftovers += temporary_files(folder)


def run_migration(series: Series, runs: int, rng: random.Random, work: Path) -> None:
    # How long the child takes from START to done, to kill inside that window.
    calibration = work / "migration-calibration"
    calibration.mkdir(parents=True)
    shutil.copyfile(FIXTURE, calibration / "dnz.sqlite3")
    child = Child(["migration", str(calibration)])
    child.started.wait(60)
    t0 = time.perf_counter()
    child.proc.wait()
    window = time.perf_counter() - t0
    series.notes.append(f"start with migration {window * 1000:.0f} ms")
    rolled_back = done = 0
    for run in range(runs):
        folder = work / f"migration-{run}"
        folder.mkdir()
        db = folder / "dnz.sqlite3"
        shutil.copyfile(FIXTURE, db)
        before = _rows(db)
        child = Child(["migration", str(folder)])
        if not child.started.wait(60):
            child.kill_after(0)
            continue
        child.kill_after(rng.uniform(0.0, window))
        series.runs += 1
        series.acknowledged += len([p for p in child.lines if p[0] == "ACK"])
        version = _scalar(db, "SELECT version_num FROM alembic_version")
        rolled_back += version == "0001"
        done += version != "0001"
        series.integrity_failures += not integrity(db)
        service, refused = reopen(db)
        series.refused_opens += refused
        if service is not None:
            service.close()
            if _rows(db) != before:
                series.lost += 1
        pre = list((folder / "backups").glob("pre-migration-*.sqlite3"))
        if len(pre) > 1:
            series.notes.append(f"run {run}: {len(pre)} pre-migration backups")
        series.leftovers += temporary_files(folder)
    series.notes.append(f"killed before the upgrade committed: {rolled_back}, after: {done}")


def _rows(db: Path) -> Any:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("enterprises", "answers", "journal")
        }
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+")
    for name, default in (("writer", 100), ("export", 20), ("backup", 20), ("restore", 20), ("migration", 20)):
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        children: dict[str, Callable[..., None]] = {
            "writer": lambda f, s: child_writer(Path(f), int(s)),
            "export": lambda f, o: child_export(Path(f), Path(o)),
            "backup": lambda f: child_backup(Path(f)),
            "restore": lambda f, a, b: child_restore(Path(f), Path(a), Path(b)),
            "migration": lambda f: child_migration(Path(f)),
        }
        children[kind](*rest)
        return 0
    if not hasattr(signal, "SIGKILL"):
        print("needs POSIX SIGKILL")
        return 2
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="dnz-soak-"))
    results = []
    started = time.perf_counter()
    try:
        for name, runner in (
            ("writer", run_writer),
            ("export", run_export),
            ("backup", run_backup),
            ("restore", run_restore),
            ("migration", run_migration),
        ):
            count = getattr(args, name)
            if count <= 0:
                continue
            series = Series(name)
            t0 = time.perf_counter()
            runner(series, count, rng, work)
            results.append(series)
            print(series.line(), f"({time.perf_counter() - t0:.0f} s)", flush=True)
            for note in series.notes:
                print("   ", note)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = Series("total")
    for s in results:
        for attr in ("runs", "acknowledged", "lost", "integrity_failures", "refused_opens", "leftovers"):
            setattr(total, attr, getattr(total, attr) + getattr(s, attr))
    print(total.line(), f"({time.perf_counter() - started:.0f} s)")
    return 0 if total.lost == total.integrity_failures == total.refused_opens == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
