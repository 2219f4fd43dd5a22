"""Item 7 of issue #11: lone surrogates, bidi overrides and zero-width characters in any text.

Refused at the field (named) when they would hide or garble what is filed; zero-width
characters, invisible and harmless once gone, are removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services import AssessmentService
from assessments.document import parse_document
from assessments.errors import DocumentError
from tests.conftest import example
from tests.faultkit import populated, run_cli

HOSTILE = {
    "lone surrogate": "滨州\ud800化工",
    "low surrogate": "\udc80滨州化工",
    "right-to-left override": "滨州\u202e化工",
    "isolate": "滨州\u2066化工\u2069",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_enterprise_text_is_refused_at_the_field(tmp_path: Path, text: str) -> None:
    db, ident = populated(tmp_path)
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    try:
        with pytest.raises(DocumentError) as info:
            service.set_answer(ident, "enterprise.name", text)
        assert info.value.problems[0].field == "enterprise.name"
        assert "U+" in info.value.problems[0].zh
        with pytest.raises(DocumentError) as info:
            service.new_assessment(2024, name=text, uscc="91371600MA3C5K2X7K")
        assert info.value.problems[0].field == "enterprise.name"
        assert service.answers(ident)["enterprise.name"].value == "滨州示例化工有限公司"
    finally:
        service.close()


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_in_an_imported_file_exits_2_naming_the_field(tmp_path: Path, text: str) -> None:
    data = example()
    data["enterprise"]["name"] = text
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")  # \ud800 as an escape
    code, _out, err = run_cli("--db", str(tmp_path / "dnz.sqlite3"), "import", str(source))
    assert code == 2, err
    assert "enterprise.name" in err


def test_zero_width_characters_are_removed(tmp_path: Path) -> None:
    db, ident = populated(tmp_path)
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    try:
        outcome = service.set_answer(ident, "enterprise.address", "滨州\u200b市\ufeff滨城区\u200d黄河五路")
        assert outcome.value == "滨州市滨城区黄河五路"
    finally:
        service.close()


def test_hostile_evidence_file_names_are_cleaned(tmp_path: Path) -> None:
    import os

    db, ident = populated(tmp_path / "data")
    folder = tmp_path / "files"
    folder.mkdir()
    # A name that is not UTF-8 on disk arrives in Python with a lone surrogate ("\udcff").
    raw = os.fsencode(folder) + b"/\xff\xfe\xe6\x8a\xa5\xe5\x91\x8a\xe2\x80\xaefdp.pdf"
    with open(raw, "wb") as fh:
        fh.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    source = Path(os.fsdecode(raw))
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    try:
        row = service.attach_evidence(ident, "P4", source)
        assert "\u202e" not in row.original_name
        row.original_name.encode("utf-8")  # storable and printable
        assert row.original_name.endswith("fdp.pdf")
    finally:
        service.close()


def test_hostile_search_text_finds_nothing_instead_of_crashing(tmp_path: Path) -> None:
    db, _ = populated(tmp_path)
    code, _out, err = run_cli("--db", str(db), "list", "--search", "滨州\ud800")
    assert code == 0, err


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Any:
    service = AssessmentService.open(tmp_path_factory.mktemp("any"), backup_on_start=False)
    ident = service.import_document(parse_document(example()))
    yield service, ident
    service.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(codec=None, categories=None), min_size=1, max_size=30))
def test_any_text_is_stored_or_refused_with_a_field_message(shared: Any, text: str) -> None:
    service, ident = shared
    for key in ("enterprise.contact", "enterprise.address"):
        try:
            outcome = service.set_answer(ident, key, text)
        except DocumentError as exc:
            assert exc.problems and exc.problems[0].field == key
            continue
        stored = service.answers(ident).get(key)
        assert (stored.value if stored else None) == outcome.value
        if isinstance(outcome.value, str):
            outcome.value.encode("utf-8")
            assert not any(c in outcome.value for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b")


def test_export_to_a_folder_with_an_undecodable_name_is_recorded(tmp_path: Path) -> None:
    import os

    db, ident = populated(tmp_path / "data")
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xff\xfe\xe5\xa4\x87\xe6\xa1\x88"))
    folder.mkdir()
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    try:
        outcome = service.export_filing(ident, pdf_path=folder / "备案.pdf")
        assert outcome.files and (folder / "备案.pdf").exists()
        recorded = service.latest_export(ident)
        assert recorded is not None and recorded["fingerprint"] == outcome.fingerprint
        assert "\ufffd" in recorded["files"][0]
    finally:
        service.close()
