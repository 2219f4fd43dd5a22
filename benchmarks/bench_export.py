"""Export and verify benchmark: the worked example to Excel and PDF, in a warm process and from a
cold start, and verifying those files.

    .venv/bin/python benchmarks/bench_export.py [--runs 15] [--cold-runs 7]

Warm: the same process exports repeatedly (after one warm-up: imports done, font registered).
Cold: a fresh interpreter per run (imports, font registration, one export). Each case is shown
beside a same-run baseline (an empty openpyxl workbook saved; a one-paragraph reportlab PDF;
for cold starts, a fresh interpreter importing openpyxl and reportlab), so a slow machine shows
up in both columns. Targets (issue): PDF ≤ 300 ms warm, Excel ≤ 200 ms warm.

Verify (issue #12): an untouched file (byte-identical to its rebuild), a re-saved workbook
(openpyxl: compared cell by cell) and a re-written PDF (pypdf: compared object by object), each
against a warm export of the same filing run alternately with it (so a change in the machine's
load hits both); target ≤ 1.5× export. The rebuild cache is cleared before every verify, so each
one renders the filing again.
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


def _paired_ms(export: Callable[[], object], path: Path, runs: int) -> tuple[float, float]:
    """Medians of an export and of verifying ``path``, run alternately so that a change in the
    machine's load hits both (the cache of rebuilds is cleared before every verify)."""
    from app.filing import verify_filing
    from app.filing.verify import clear_caches

    exports, verifies = [], []
    for _ in range(runs):
        start = time.perf_counter()
        export()
        exports.append((time.perf_counter() - start) * 1000.0)
        clear_caches()
        start = time.perf_counter()
        result = verify_filing(path)
        verifies.append((time.perf_counter() - start) * 1000.0)
        assert result.ok, result.text()
    return statistics.median(exports), statistics.median(verifies)


def _resaved(folder: Path) -> tuple[Path, Path]:
    """The filings saved again by another program: openpyxl (workbook) and pypdf (PDF)."""
    from openpyxl import load_workbook
    from pypdf import PdfReader, PdfWriter

    xlsx, pdf = folder / "r.xlsx", folder / "r.pdf"
    load_workbook(folder / "w.xlsx").save(xlsx)
    writer = PdfWriter(clone_from=PdfReader(folder / "w.pdf"))
    writer.compress_identical_objects()
    with pdf.open("wb") as handle:
        writer.write(handle)
    return xlsx, pdf


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
        excel_ms = _median_ms(lambda: export_filing(doc, xlsx_path=folder / "w.xlsx"), opts.runs)
        pdf_ms = _median_ms(lambda: export_filing(doc, pdf_path=folder / "w.pdf"), opts.runs)
        rows = [
            ("Excel warm", excel_ms, "empty workbook save", _median_ms(_baseline_xlsx, opts.runs), 200.0),
            ("PDF warm", pdf_ms, "one-paragraph PDF", _median_ms(_baseline_pdf, opts.runs), 300.0),
        ]
        resaved_xlsx, resaved_pdf = _resaved(folder)
        checks = []
        for label, export, path in (
            ("verify Excel", lambda: export_filing(doc, xlsx_path=folder / "e.xlsx"), folder / "w.xlsx"),
            ("verify PDF", lambda: export_filing(doc, pdf_path=folder / "e.pdf"), folder / "w.pdf"),
            ("verify Excel re-saved", lambda: export_filing(doc, xlsx_path=folder / "e.xlsx"), resaved_xlsx),
            ("verify PDF re-written", lambda: export_filing(doc, pdf_path=folder / "e.pdf"), resaved_pdf),
        ):
            export_ms, verify_ms = _paired_ms(export, path, opts.runs)
            checks.append((label, verify_ms, "export (alternating)", export_ms))
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
    print()
    print(f"{'case':<24}{'median ms':>11}   {'same-run export':<21}{'ms':>8}{'ratio':>8}   target ≤ 1.5×")
    for label, ms, base_label, base_ms in checks:
        ratio = ms / base_ms
        print(
            f"{label:<24}{ms:>11.1f}   {base_label:<21}{base_ms:>8.1f}{ratio:>8.2f}   {'ok' if ratio <= 1.5 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
