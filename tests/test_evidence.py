"""Evidence files: checked at attach time, stored by content hash, duplicates detected."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.evidence_store import MAX_EVIDENCE_BYTES, EvidenceError
from app.services import AssessmentService
from assessments.document import parse_document
from models.errors import Conflict
from tests.conftest import example


@pytest.fixture
def setup(tmp_path: Path):  # type: ignore[no-untyped-def]
    service = AssessmentService.open(tmp_path / "data")
    aid = service.import_document(parse_document(example()))
    yield service, aid, tmp_path
    service.close()


def test_attach_copies_hashes_and_lists(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, tmp = setup
    src = tmp / "排污 许可证.pdf"  # Chinese and a space in the name
    src.write_bytes(b"%PDF-1.4 permit")
    row = service.attach_evidence(aid, "V1", src)
    assert row.sha256 == hashlib.sha256(b"%PDF-1.4 permit").hexdigest()
    assert row.size == len(b"%PDF-1.4 permit") and row.original_name == "排污 许可证.pdf"
    stored = service.evidence_file(row)
    assert stored.read_bytes() == src.read_bytes() and stored.parent.parent == service.evidence_dir
    src.unlink()  # the managed copy does not depend on the original
    assert service.evidence_file(service.list_evidence(aid)[0]).exists()


def test_duplicate_on_same_question_refused_but_shared_content_stored_once(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, tmp = setup
    src = tmp / "report.pdf"
    src.write_bytes(b"%PDF-1.4 monitoring report")
    service.attach_evidence(aid, "V3", src)
    with pytest.raises(Conflict, match="已作为 V3"):
        service.attach_evidence(aid, "V3", src)
    service.attach_evidence(aid, "M1", src)
    assert len(service.list_evidence(aid)) == 2
    assert len(list(service.evidence_dir.rglob("*.pdf"))) == 1


def test_too_large_refused_at_attach_time(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, tmp = setup
    big = tmp / "scan.pdf"
    with big.open("wb") as fh:
        fh.truncate(MAX_EVIDENCE_BYTES + 1)
    with pytest.raises(EvidenceError, match="过大"):
        service.attach_evidence(aid, "V1", big)
    assert service.list_evidence(aid) == []


@pytest.mark.parametrize(("name", "reason"), [("virus.exe", "不支持的文件类型"), ("empty.pdf", "空文件")])
def test_bad_files_refused(setup, name: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    service, aid, tmp = setup
    path = tmp / name
    path.write_bytes(b"" if name == "empty.pdf" else b"MZ")
    with pytest.raises(EvidenceError, match=reason):
        service.attach_evidence(aid, "V1", path)


def test_unknown_question_and_missing_file(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, tmp = setup
    src = tmp / "a.pdf"
    src.write_bytes(b"%PDF-1.4 x")
    with pytest.raises(EvidenceError, match="未知的题目"):
        service.attach_evidence(aid, "Z9", src)
    with pytest.raises(EvidenceError, match="不存在"):
        service.attach_evidence(aid, "V1", tmp / "missing.pdf")


def test_remove_deletes_unreferenced_file(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, tmp = setup
    src = tmp / "a.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n data")
    row = service.attach_evidence(aid, "P5", src)
    path = service.evidence_file(row)
    service.remove_evidence(row.id)
    assert not path.exists() and service.list_evidence(aid) == []
