"""Starting next year: the summary of what was carried, cleared and filled, in words (app/next_year.py),
and the service side of the wizard's next-year flow (an existing year is found, not duplicated)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from app.services import AssessmentService
from assessments.document import parse_document
from tests.conftest import example

# Internal keys, the N/A marker, Python literals and reprs, option ids: never shown to a person.
INTERNAL = re.compile(r"\b(answers|energy|enterprise)\.|\bna\b|True|False|None|[{}\[\]]|'|quantity=|\w+_\w+")


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    svc = AssessmentService.open(tmp_path / "data")
    yield svc
    svc.close()


def test_summary_lists_carried_cleared_and_last_years_values(service: AssessmentService) -> None:
    aid = service.import_document(parse_document(example()))
    assert service.next_year_of(aid) is None
    nid = service.start_next_year(aid)
    assert service.next_year_of(aid) == nid
    s = service.next_year_summary(aid, nid)
    assert (s.previous_year, s.year, s.filled, s.filled_from) == (2025, 2026, (), None)
    carried = {line.title: line.value for line in s.carried}
    cleared = {line.title: line.value for line in s.cleared}
    assert carried["G5 信息公开"] == "仅依法披露"
    assert carried["2020年煤炭消费（基准）"] == "原煤 15 000 t，焦炭 0 t"
    assert carried["企业名称"] == "滨州示例化工有限公司"
    assert cleared["P4 低VOCs原辅材料替代率"] == "82%"
    assert cleared["P8 余热余压余冷综合利用率"] == "不适用"
    assert cleared["V1 排污许可"] == "是"
    assert cleared["年产量"] == "250 000 t"
    assert cleared["原煤用量"] == "12 000 t"
    assert cleared["有组织排放口"] == "2 个：1#锅炉、涂装线"
    # every key of either year is in exactly one list (nothing dropped silently)
    keys = [line.key for line in (*s.carried, *s.cleared, *s.filled)]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(service.answers(aid)) | {k for k, a in service.answers(nid).items() if a.value is not None}
    for line in (*s.carried, *s.cleared):
        if not line.key.startswith("enterprise."):  # the enterprise's own text
            assert not INTERNAL.search(line.title + line.value), line
    english = service.next_year_summary(aid, nid, "en")
    assert {line.title: line.value for line in english.cleared}["P8 Waste heat/pressure utilisation"] == "not applicable"


def test_history_is_filled_from_three_years_earlier(service: AssessmentService) -> None:
    old = example()
    old["year"] = 2022
    old["output"] = {"quantity": 200000, "unit": "t"}
    service.import_document(parse_document(old))
    later = example()
    later["year"] = 2024
    aid = service.import_document(parse_document(later))
    nid = service.start_next_year(aid)
    s = service.next_year_summary(aid, nid)
    assert s.filled_from == 2022 and [line.key for line in s.filled] == ["history"]
    assert s.filled[0].value.startswith("CO₂ ") and "产量 200 000" in s.filled[0].value
    # last year's own year −3 figures (for 2021) are replaced, not listed twice
    assert "history" not in {line.key for line in (*s.cleared, *s.carried)}


def test_evidence_changes_the_last_change_time(service: AssessmentService, tmp_path: Path) -> None:
    aid = service.import_document(parse_document(example()))
    before = service.get_assessment(aid)
    time.sleep(0.01)  # timestamps are compared, not waited on
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4 x")
    row = service.attach_evidence(aid, "V1", pdf)
    attached = service.get_assessment(aid)
    assert attached.updated_at > before.updated_at
    assert attached.revision == before.revision  # the answers did not change
    listed = next(r for r in service.list_assessments() if r.id == aid)
    assert listed.updated_at == attached.updated_at
    time.sleep(0.01)
    service.remove_evidence(row.id)
    assert service.get_assessment(aid).updated_at > attached.updated_at
