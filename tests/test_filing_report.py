"""The pure report model and the fingerprint (no file formats)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from decimal import Decimal as D

from assessments.document import parse_document
from assessments.fingerprint import compute_fingerprint, fingerprint_payload, short_fingerprint
from assessments.report import EvidenceItem, JournalSummary, TextCleaner, build_report, clean_text
from assessments.scoring import score

from .conftest import ROOT, example


def test_report_of_worked_example_shows_the_hand_checked_figures() -> None:
    doc = parse_document(example())
    r = build_report(doc, exported_at=datetime(2026, 1, 2, 3, 4, 5))
    assert r.total == 57.0
    assert r.grade_name == "合规"
    assert {d.id: d.score for d in r.dimensions} == {
        "process": 18.0,
        "energy": 8.9,
        "governance": 10.5,
        "emission": 19.7,
    }
    assert r.exported_at == "2026-01-02 03:04:05"
    assert r.enterprise_name == "滨州示例化工有限公司"
    e = r.energy
    assert (e.total_tce, e.scope1_t, e.scope2_t, e.co2_t) == (D("16906.75"), D("26046.9"), D("24384.0"), D("50430.9"))
    assert (e.grid_year, e.grid_value) == (2023, 0.6096)
    assert [c.carrier for c in e.carriers] == [
        "raw_coal", "natural_gas", "grid_electricity", "green_electricity", "onsite_renewable",
    ]  # fmt: skip
    assert e.carriers[1].unit == "10⁴ m³"
    p4 = r.answer("P4")
    assert (p4.answer, p4.unit, p4.fraction, p4.points) == (82.0, "%", 64.0, 2.1)
    assert r.answer("P8").points is None and r.answer("P8").answer == "不适用"
    assert r.answer("V5").answer.startswith("不适用")
    assert r.answer("E5_coal_fired").answer == "否"
    m1 = r.answer("M1")
    assert (m1.answer, m1.answer_places) == (D("0.64"), 3)
    assert r.monitoring.outlets[0].worst_ratio == D("0.64")
    assert r.cleaned == ()
    assert len(r.fingerprint) == 64 and r.short_fingerprint == short_fingerprint(r.fingerprint)


def test_fingerprint_is_stable_and_covers_answers_and_result() -> None:
    doc = parse_document(example())
    result = score(doc)
    fp = compute_fingerprint(doc, result)
    assert fp == compute_fingerprint(parse_document(example()), score(parse_document(example())))
    assert b'"criteria_version":"2025.1"' in fingerprint_payload(doc, result)
    changed = example()
    changed["answers"]["P4"] = 83.0
    assert compute_fingerprint(parse_document(changed), score(parse_document(changed))) != fp
    renamed = example()
    renamed["enterprise"]["contact"] = "李工"
    assert compute_fingerprint(parse_document(renamed), score(parse_document(renamed))) != fp
    assert short_fingerprint("0123456789abcdef" * 4) == "0123-4567-89ab-cdef"


def test_control_characters_are_removed_and_listed() -> None:
    clean = TextCleaner()
    assert clean("文件名", "报告\x0b第\x16一页\x0b.pdf") == "报告第一页.pdf"
    assert clean("地址", "正常文本\t含制表符\n换行") == "正常文本\t含制表符\n换行"
    assert [(c.where, c.removed) for c in clean.cleaned] == [("文件名", "\\x0b ×2、\\x16")]
    assert clean_text("a\ud800b\x7f\ufffe") == "ab"


def test_evidence_and_journal_inputs_are_cleaned_and_kept() -> None:
    doc = parse_document(example())
    evidence = (EvidenceItem("P1", "审核报告\x0b.pdf", "ab" * 32, 1234, datetime(2025, 3, 1, 9, 0)),)
    journal = JournalSummary(
        12, datetime(2025, 1, 1), datetime(2025, 3, 1), imports=1, exports=2, recent=("P4：80 → 82",)
    )
    r = build_report(doc, evidence=evidence, journal=journal)
    assert r.evidence[0].original_name == "审核报告.pdf"
    assert r.answer("P1").evidence_files == ("审核报告.pdf",)
    assert [(c.where, c.removed) for c in r.cleaned] == [("佐证材料 P1 文件名", "\\x0b")]
    assert r.journal is not None and "共记录 12 次修改" in r.journal.text() and "此前导出 2 次" in r.journal.text()


def test_report_module_imports_no_file_format_library() -> None:
    code = (
        "import sys, assessments.report, assessments.fingerprint\n"
        "bad = [m for m in ('openpyxl', 'reportlab', 'pypdf', 'PySide6', 'sqlalchemy') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
