"""The service façade over SQLite: autosave, validation, N/A retention, import/show, next year."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.services import AssessmentService
from assessments.document import parse_document
from assessments.errors import DocumentError
from models.errors import Conflict, NotFound
from tests.conftest import example, example_decimal

USCC = "91371600MA3C5K2X7K"


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    svc = AssessmentService.open(tmp_path / "data")
    yield svc
    svc.close()


def test_database_file_lives_in_the_data_folder(service: AssessmentService, tmp_path: Path) -> None:
    assert service.db_path == (tmp_path / "data" / "dnz.sqlite3").resolve()
    conn = sqlite3.connect(service.db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_pragmas_on_every_connection(service: AssessmentService) -> None:
    with service.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_import_then_show_returns_the_same_document(service: AssessmentService) -> None:
    original = example()
    new_id = service.import_document(parse_document(original))
    assert service.document_dict(new_id) == example_decimal()  # every decimal as typed
    row = service.get_assessment(new_id)
    assert (row.status, row.total, row.grade, row.year) == ("complete", 57.0, "compliant", 2025)
    assert row.enterprise_name == "滨州示例化工有限公司"


def test_set_answer_validates_and_stores_nothing_wrong(service: AssessmentService) -> None:
    aid = service.new_assessment(2025, name="测试企业", uscc=USCC)
    with pytest.raises(DocumentError) as info:
        service.set_answer(aid, "answers.P4", "150")
    assert "answers.P4" in str(info.value) and "150" in str(info.value)
    assert "answers.P4" not in service.answers(aid)
    with pytest.raises(DocumentError, match="逗号"):
        service.set_answer(aid, "energy.raw_coal", "1,23")
    assert "energy.raw_coal" not in service.answers(aid)
    outcome = service.set_answer(aid, "energy.raw_coal", "１２，０００")  # full-width digits and comma
    assert outcome.value == 12000 and outcome.changed
    assert service.answers(aid)["energy.raw_coal"].value == 12000


def test_every_write_is_journaled(service: AssessmentService) -> None:
    aid = service.new_assessment(2025, name="测试企业", uscc=USCC)
    service.set_answer(aid, "answers.P4", 60)
    service.set_answer(aid, "answers.P4", "70")
    service.set_answer(aid, "answers.P4", None)
    entries = [(e.key, e.old, e.new, e.action) for e in service.journal(aid) if e.key == "answers.P4"]
    assert entries == [
        ("answers.P4", 70, None, "clear"),
        ("answers.P4", 60, 70, "set"),
        ("answers.P4", None, 60, "set"),
    ]


def test_unchanged_value_is_not_rewritten(service: AssessmentService) -> None:
    aid = service.new_assessment(2025, name="测试企业", uscc=USCC)
    first = service.set_answer(aid, "answers.P6", 90)
    again = service.set_answer(aid, "answers.P6", "90")
    assert again.changed is False and again.saved_at == first.saved_at
    assert len([e for e in service.journal(aid) if e.key == "answers.P6"]) == 1


def test_na_keeps_the_hidden_value_and_brings_it_back(service: AssessmentService) -> None:
    aid = service.new_assessment(2025, name="测试企业", uscc=USCC)
    service.set_answer(aid, "answers.P4", 82)
    service.set_na(aid, "answers.P4", True)
    stored = service.answers(aid)["answers.P4"]
    assert (stored.value, stored.kept) == ("na", 82)
    assert service.document(aid).answers["P4"] == "na"  # excluded from scoring
    service.set_na(aid, "answers.P4", False)
    stored = service.answers(aid)["answers.P4"]
    assert (stored.value, stored.kept) == (82, None)


def test_na_refused_where_criteria_do_not_allow_it(service: AssessmentService) -> None:
    aid = service.new_assessment(2025, name="测试企业", uscc=USCC)
    with pytest.raises(DocumentError, match="不适用"):
        service.set_na(aid, "answers.P1", True)
    assert "answers.P1" not in service.answers(aid)


def test_outlets_marked_na_keep_the_list(service: AssessmentService) -> None:
    aid = service.import_document(parse_document(example()))
    outlets = example_decimal()["outlets"]
    service.set_na(aid, "outlets", True)
    assert service.answers(aid)["outlets"].kept == outlets
    assert service.score(aid).indicator("M1").applicable is False
    service.set_na(aid, "outlets", False)
    assert service.answers(aid)["outlets"].value == outlets


def test_switching_intensity_variant_keeps_the_other(service: AssessmentService) -> None:
    aid = service.import_document(parse_document(example()))
    variant = {"value": 0.5, "benchmark": 1.0, "leading": 0.2}
    service.set_answer(aid, "pollutant_intensity", variant)
    assert service.answers(aid)["pollutant_intensity"].kept == {"reduction_pct_3y": 18}


def test_summary_follows_completeness(service: AssessmentService) -> None:
    aid = service.import_document(parse_document(example()))
    service.set_answer(aid, "answers.G7", None)
    row = service.get_assessment(aid)
    assert (row.status, row.total, row.grade) == ("draft", None, None)
    service.set_answer(aid, "answers.G7", True)
    row = service.get_assessment(aid)
    assert (row.status, row.total, row.grade) == ("complete", 57.0, "compliant")


def test_enterprise_code_is_unique_and_checked(service: AssessmentService) -> None:
    service.create_enterprise(name="甲企业", uscc=USCC)
    with pytest.raises(Conflict, match="已存在"):
        service.create_enterprise(name="乙企业", uscc=USCC)
    with pytest.raises(DocumentError, match="校验位"):
        service.create_enterprise(name="丙企业", uscc=USCC[:-1] + "0")


def test_list_and_search(service: AssessmentService) -> None:
    service.import_document(parse_document(example()))
    other = example()
    other["enterprise"] = {"name": "惠民县纺织厂", "uscc": "913716000000000000", "county": "惠民县"}
    service.import_document(parse_document(other))
    assert len(service.list_assessments()) == 2
    assert [r.enterprise_name for r in service.list_assessments("惠民")] == ["惠民县纺织厂"]
    assert [r.enterprise_name for r in service.list_assessments("91371600MA3C")] == ["滨州示例化工有限公司"]


def test_start_next_year_carries_slow_answers_and_clears_figures(service: AssessmentService) -> None:
    aid = service.import_document(parse_document(example()))
    nxt = service.start_next_year(aid)
    row = service.get_assessment(nxt)
    assert row.year == 2026 and row.status == "draft"
    stored = service.answers(nxt)
    assert stored["answers.P1"].value == "ii_advanced"  # a level, not a yearly figure
    assert stored["enterprise.name"].value == "滨州示例化工有限公司"
    assert stored["coal_2020"].value == {"raw_coal": 15000, "coke": 0}
    assert "answers.V1" not in stored  # yearly statements must be answered again
    assert "energy.raw_coal" not in stored
    assert stored["answers.P4"].value is None and stored["answers.P4"].kept == 82  # offered, not used
    assert stored["outlets"].value is None and stored["outlets"].kept == example_decimal()["outlets"]
    assert "history" not in stored  # no assessment of 2023 exists
    with pytest.raises(Conflict, match="2026"):
        service.start_next_year(aid)


def test_next_year_fills_m6_history_from_three_years_earlier(service: AssessmentService) -> None:
    old = example()
    old["year"] = 2022
    old["output"] = {"quantity": 200000, "unit": "t"}
    first = service.import_document(parse_document(old))
    co2_2022 = service.score(first).energy.co2_t
    later = example()
    later["year"] = 2024
    y2025 = service.start_next_year(service.import_document(parse_document(later)))
    assert service.get_assessment(y2025).year == 2025
    history = service.answers(y2025)["history"].value
    assert history == {"co2_t_3y_ago": round(co2_2022, 1), "output_3y_ago": 200000}


def test_delete_needs_the_confirmation_token(service: AssessmentService) -> None:
    aid = service.import_document(parse_document(example()))
    with pytest.raises(Conflict, match="不匹配"):
        service.delete_assessment(aid, "wrong")
    assert service.get_assessment(aid).id == aid
    service.delete_assessment(aid, service.deletion_token(aid))
    with pytest.raises(NotFound):
        service.get_assessment(aid)
    assert any(b.reason == "pre-delete" for b in service.backups())


def test_unknown_ids_give_clear_messages(service: AssessmentService) -> None:
    with pytest.raises(NotFound, match="没有编号为 999 的评估"):
        service.document(999)
    aid = service.new_assessment(2025, name="测试企业", uscc=USCC)
    with pytest.raises(DocumentError, match="未知的答题项"):
        service.set_answer(aid, "answers.P99", 1)


def test_resume_page_is_remembered(service: AssessmentService) -> None:
    aid = service.new_assessment(2025, name="测试企业", uscc=USCC)
    service.set_resume_page(aid, "energy")
    assert service.get_assessment(aid).resume_page == "energy"


def test_second_instance_sees_writes_of_the_first(tmp_path: Path) -> None:
    first = AssessmentService.open(tmp_path)
    second = AssessmentService.open(tmp_path, backup_on_start=False)
    try:
        aid = first.new_assessment(2025, name="测试企业", uscc=USCC)
        assert second.answers(aid)["enterprise.name"].value == "测试企业"  # warms second's cache
        first.set_answer(aid, "answers.P4", 55)
        # The revision counter invalidates the second instance's cached answers.
        assert second.answers(aid)["answers.P4"].value == 55
        second.set_answer(aid, "answers.P6", 90)
        assert set(first.answers(aid)) >= {"answers.P4", "answers.P6"}
    finally:
        first.close()
        second.close()


def test_enterprise_fields_are_checked_in_the_year_they_are_for(
    service: AssessmentService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profile is validated in the draft of the assessment's year (not a fixed year), and
    an enterprise created on its own in this year's."""
    from datetime import date

    from app.service import records

    seen: list[tuple[str, int]] = []
    validate = records.validate_value

    def spy(criteria_id: str, year: int, values: object, key: str, raw: object) -> object:
        seen.append((key, year))
        return validate(criteria_id, year, values, key, raw)  # type: ignore[arg-type]

    monkeypatch.setattr(records, "validate_value", spy)
    service.new_assessment(2031, name="甲企业", uscc=USCC)
    assert seen and {year for _key, year in seen} == {2031}
    seen.clear()
    service._profile({"name": "乙企业", "uscc": USCC})  # what create_enterprise checks
    assert {year for _key, year in seen} == {date.today().year}


def test_the_list_rows_are_built_by_column_name() -> None:
    """Every AssessmentRow field is filled from the column of that name (a reordered select
    would otherwise shift values silently)."""
    from models.rows import ASSESSMENT_COLUMNS, AssessmentRow, assessment_rows

    assert tuple(c.name for c in ASSESSMENT_COLUMNS) == AssessmentRow._fields

    class Shuffled:
        def keys(self) -> tuple[str, ...]:
            return tuple(reversed(AssessmentRow._fields))

        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter(())

    with pytest.raises(AssertionError):
        assessment_rows(Shuffled())
