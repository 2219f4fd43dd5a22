"""Opening an assessment and moving between wizard pages with 10 000 assessments in the database.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_wizard.py [--n 10000] [--repeat 7]

The database is filled by copying the demo assessment with plain SQL (a benchmark fixture, not
the program's write path). Timed: ``MainWindow.open_assessment`` (session, wizard, resume page,
events processed) and ``WizardView.open_page`` for every page, first visit (page built) and later
visits; medians in milliseconds. Target: under 100 ms each. The first assessment opened in the
process is also shown on its own ("cold": Qt builds and polishes each kind of widget for the
first time then), as a user meets it right after starting the program.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def fill(db: Path, template_id: int, n: int) -> None:
    from assessments.uscc import check_character

    con = sqlite3.connect(db)
    with con:
        ent = con.execute("SELECT name, industry_code, county, address, contact, phone, created_at, updated_at "
                          "FROM enterprises WHERE id = (SELECT enterprise_id FROM assessments WHERE id = ?)",
                          (template_id,)).fetchone()  # fmt: skip
        ass = con.execute("SELECT year, criteria_id, criteria_version, status, total, grade, revision, created_at, "
                          "updated_at FROM assessments WHERE id = ?", (template_id,)).fetchone()  # fmt: skip
        answers = con.execute("SELECT key, value_json, kept_json, updated_at FROM answers WHERE assessment_id = ?",
                              (template_id,)).fetchall()  # fmt: skip
        for i in range(n - 1):
            first = f"913716{i:011d}"
            uscc = first + check_character(first)
            cur = con.execute(
                "INSERT INTO enterprises (name, uscc, industry_code, county, address, contact, phone, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f"{ent[0]}{i}", uscc, *ent[1:]),
            )
            eid = cur.lastrowid
            cur = con.execute(
                "INSERT INTO assessments (enterprise_id, year, criteria_id, criteria_version, status, total, grade, "
                "revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (eid, *ass),
            )
            aid = cur.lastrowid
            con.executemany(
                "INSERT INTO answers (assessment_id, key, value_json, kept_json, updated_at) VALUES (?, ?, ?, ?, ?)",
                [(aid, *a) for a in answers],
            )
    con.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    opts = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from app.demo import open_or_import_demo
    from app.services import AssessmentService
    from app.settings import Settings
    from ui import notify
    from ui.application import Desktop, make_application
    from ui.crash import CrashDialog
    from ui.settings_store import SettingsStore

    def crash(cls: object, report: str, log_path: object, parent: object) -> bool:
        print(report, file=sys.stderr)
        os._exit(1)

    CrashDialog.present = classmethod(crash)  # type: ignore[method-assign, assignment]
    notify.set_notifier(notify.RecordingNotifier())
    data = Path(tempfile.mkdtemp(prefix="dnz-bench-"))
    service = AssessmentService.open(data)
    template = open_or_import_demo(service)
    service.close()
    t = time.perf_counter()
    fill(data / "dnz.sqlite3", template, opts.n)
    print(f"filled {opts.n} assessments in {time.perf_counter() - t:.1f} s")
    SettingsStore.in_folder(data).save(Settings(demo_offered=True))
    app = make_application()
    desktop = Desktop(app, argparse.Namespace(data_dir=data, db=None, check_startup=None))
    window = desktop.start()
    while desktop.service is None:
        QApplication.processEvents()
        time.sleep(0.005)
    rows = desktop.service.list_assessments()
    assert len(rows) == opts.n, len(rows)
    t = time.perf_counter()
    window.refresh_list()
    list_ms = (time.perf_counter() - t) * 1000
    ids = [rows[i * (opts.n // (opts.repeat + 1))].id for i in range(opts.repeat)]
    open_ms: list[float] = []
    first_ms: dict[str, list[float]] = {}
    again_ms: dict[str, list[float]] = {}
    for ident in ids:
        window.show_list()
        QApplication.processEvents()
        t = time.perf_counter()
        wizard = window.open_assessment(ident, "profile")
        QApplication.processEvents()
        open_ms.append((time.perf_counter() - t) * 1000)
        assert wizard is not None
        for visit in (first_ms, again_ms):
            for page in wizard.flow.page_ids:
                t = time.perf_counter()
                wizard.open_page(page)
                QApplication.processEvents()
                visit.setdefault(page, []).append((time.perf_counter() - t) * 1000)
        desktop.tasks.wait()
        QApplication.processEvents()
    print(f"list of {opts.n} assessments refreshed: {list_ms:.1f} ms")
    print(f"open an assessment (median of {len(open_ms)}): {statistics.median(open_ms):.1f} ms")
    print("page switch, median ms (first visit builds the page / later visits), and the cold first visit:")
    worst = 0.0
    for page in first_ms:
        a, b = statistics.median(first_ms[page]), statistics.median(again_ms[page])
        cold = first_ms[page][0]
        worst = max(worst, a, b)
        print(f"  {page:14s} {a:6.1f} / {b:5.1f}   cold {cold:6.1f}")
    window.close()
    desktop.shutdown()
    ok = statistics.median(open_ms) < 100 and worst < 100
    print("target < 100 ms:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
