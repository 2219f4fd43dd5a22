"""Export benchmark: the worked example to Excel and PDF, in a warm process and from a cold start.

    .venv/bin/python benchmarks/bench_export.py [--runs 15] [--cold-runs 7]

Warm: the same process exports repeatedly (after one warm-up: imports done, font registered).
Cold: a fresh interpreter per run (imports, font registration, one export). Each case is shown
beside a same-run baseline (an empty openpyxl workbook saved; a one-paragraph reportlab PDF;
for cold starts, a fresh interpreter importing openpyxl and reportlab), so a slow machine shows
up in both columns. Targets (issue): PDF ≤ 300 ms warm, Excel ≤ 200 ms warm.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLE = ROOT / "assessments" / "examples" / "worked-example.json"


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def _baseline_xlsx() -> None:
    from openpyxl import Workbook

    Workbook().save(io.BytesIO())


def _baseline_pdf() -> None:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    SimpleDocTemplate(io.BytesIO()).build([Paragraph("One paragraph.", getSampleStyleSheet()["Normal"])])


COLD_EXPORT = """
import json, sys
from pathlib import Path
from app.docfile import read_document_file
from app.filing import export_filing
export_filing(read_document_file(Path(sys.argv[1])), **{sys.argv[2]: Path(sys.argv[3])})
"""
COLD_BASE = "import openpyxl, reportlab.platypus"


def _cold(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, check=True)
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cold-runs", type=int, default=7)
    opts = parser.parse_args()

    from app.docfile import read_document_file
    from app.filing import export_filing

    doc = read_document_file(EXAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export_filing(doc, xlsx_path=folder / "w.xlsx", pdf_path=folder / "w.pdf")  # warm-up
        _baseline_xlsx()
        _baseline_pdf()
        rows = [
            ("Excel warm", _median_ms(lambda: export_filing(doc, xlsx_path=folder / "w.xlsx"), opts.runs),
             "empty workbook save", _median_ms(_baseline_xlsx, opts.runs), 200.0),
            ("PDF warm", _median_ms(lambda: export_filing(doc, pdf_path=folder / "w.pdf"), opts.runs),
             "one-paragraph PDF", _median_ms(_baseline_pdf, opts.runs), 300.0),
        ]  # fmt: skip
        base = _cold(["-c", COLD_BASE], opts.cold_runs)
        for label, kind in (("Excel cold", "xlsx_path"), ("PDF cold", "pdf_path")):
            rows.append(
                (label, _cold(["-c", COLD_EXPORT, str(EXAMPLE), kind, str(folder / f"c.{kind[:-5]}")], opts.cold_runs),
                 "python: import openpyxl+reportlab", base, None)
            )  # fmt: skip
    print(f"{'case':<12}{'median ms':>11}   {'baseline':<34}{'ms':>8}{'ratio':>8}   target")
    for label, ms, base_label, base_ms, target in rows:
        verdict = "" if target is None else f"≤ {target:.0f} ms {'ok' if ms <= target else 'MISSED'}"
        print(f"{label:<12}{ms:>11.1f}   {base_label:<34}{base_ms:>8.1f}{ms / base_ms:>8.1f}   {verdict}")


if __name__ == "__main__":
    main()
