"""The carried envelope: the `dnz-answers/1` document and what else a filing needs to be rebuilt.

Both formats carry the same JSON envelope (in a very-hidden sheet, or as a PDF embedded file)::

    {"format": "dnz-filing/1", "fingerprint": "<64 hex>", "criteria": "...", "criteria_version": "...",
     "exported_at": "...", "program": "...", "document": {dnz-answers/1},
     "evidence": [{"question_id", "original_name", "sha256", "size_bytes", "added_at"}], "journal": {...} | null}

The envelope is ASCII JSON (non-ASCII escaped), so it survives any container unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from assessments import jsonnum
from assessments.document import AnswersDocument, document_to_dict, parse_document
from assessments.errors import DomainError
from assessments.report import EvidenceItem, FilingReport, JournalSummary

from .errors import CarriedDataDamaged, FilingReadError

ENVELOPE_FORMAT: Final = "dnz-filing/1"
ATTACHMENT_NAME: Final = "dnz-answers.json"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def build_envelope(
    report: FilingReport,
    doc: AnswersDocument,
    evidence: tuple[EvidenceItem, ...],
    journal: JournalSummary | None,
) -> bytes:
    envelope = {
        "format": ENVELOPE_FORMAT,
        "fingerprint": report.fingerprint,
        "criteria": report.criteria_id,
        "criteria_version": report.criteria_version,
        "exported_at": report.exported_at,
        "program": report.program,
        "document": document_to_dict(doc),
        "evidence": [
            {
                "question_id": e.question_id,
                "original_name": e.original_name,
                "sha256": e.sha256,
                "size_bytes": e.size_bytes,
                "added_at": _iso(e.added_at),
            }
            for e in evidence
        ],
        "journal": None
        if journal is None
        else {
            "changes": journal.changes,
            "first_at": _iso(journal.first_at),
            "last_at": _iso(journal.last_at),
            "imports": journal.imports,
            "exports": journal.exports,
            "recent": list(journal.recent),
        },
    }
    # jsonnum: the document's decimals are carried as typed (0.1 stays 0.1, 1e-7 stays 1e-07).
    return jsonnum.dumps(envelope, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")


@dataclass(frozen=True)
class CarriedFiling:
    """What a filing carries, and the figures it shows (read back from cells or page text)."""

    path: Path
    kind: str  # "xlsx" | "pdf"
    fingerprint: str
    criteria_id: str
    criteria_version: str
    exported_at: str
    program: str
    document_data: Any  # the carried dnz-answers/1 document as decoded JSON
    evidence: tuple[EvidenceItem, ...]
    journal: JournalSummary | None
    shown: dict[str, Any] = field(default_factory=dict)  # figure key -> value shown in the filing
    shown_fingerprints: tuple[str, ...] = ()  # every fingerprint printed (cover, page footers)
    pages: tuple[str, ...] = ()  # PDF page text, for comparing with a fresh rendering

    def document(self) -> AnswersDocument:
        """The carried document, validated; a DomainError names what is wrong with it."""
        return parse_document(self.document_data)


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_envelope(raw: bytes, path: Path, kind: str) -> CarriedFiling:
    damaged = CarriedDataDamaged(
        path,
        "文件中携带的答卷数据已损坏或被修改，无法读取。",
        "the answers document carried in the file is damaged or was edited; it cannot be read",
    )
    try:
        data = jsonnum.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise damaged from exc
    if not isinstance(data, dict) or data.get("format") != ENVELOPE_FORMAT:
        raise damaged
    try:
        evidence = tuple(
            EvidenceItem(
                str(e["question_id"]), str(e["original_name"]), str(e["sha256"]), int(e["size_bytes"]),
                _when(e.get("added_at")),
            )
            for e in data.get("evidence") or ()
        )  # fmt: skip
        j = data.get("journal")
        journal = (
            None
            if j is None
            else JournalSummary(
                int(j["changes"]), _when(j.get("first_at")), _when(j.get("last_at")), int(j.get("imports", 0)),
                int(j.get("exports", 0)), tuple(str(x) for x in j.get("recent", ())),
            )
        )  # fmt: skip
        return CarriedFiling(
            path=path,
            kind=kind,
            fingerprint=str(data["fingerprint"]),
            criteria_id=str(data["criteria"]),
            criteria_version=str(data["criteria_version"]),
            exported_at=str(data["exported_at"]),
            program=str(data.get("program", "")),
            document_data=data["document"],
            evidence=evidence,
            journal=journal,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise damaged from exc


def carried_document(carried: CarriedFiling) -> AnswersDocument:
    """The carried document for import; an invalid one is a FilingReadError naming the problems."""
    try:
        return carried.document()
    except DomainError as exc:
        raise FilingReadError(
            carried.path,
            f"文件中携带的答卷不是有效的 dnz-answers/1 文档：\n{exc.text('zh')}",
            f"the carried answers document is not valid: {exc.text('en')}",
        ) from exc
