"""The carried envelope: the `dnz-answers/1` document and everything else a filing is rebuilt from.

Both formats carry the same JSON envelope (in a very-hidden sheet, or as a PDF embedded file)::

    {"format": "dnz-filing/2", "fingerprint": "<64 hex>", "fingerprint_format": "dnz-fingerprint/2",
     "renderer": 2, "libraries": {"openpyxl": "…", "reportlab": "…", "pypdf": "…"},
     "criteria": "...", "criteria_version": "...", "exported_at": "YYYY-MM-DD HH:MM:SS",
     "program": "dnz-assess 0.2.0", "document": {dnz-answers/1},
     "evidence": [{"question_id", "original_name", "sha256", "size_bytes", "added_at"}],
     "journal": {"changes", "first_at", "last_at", "imports", "exports", "recent"} | null,
     "plan": {dnz-plan/1}}   (only when the filing carries the improvement plan, issue #16)

``verify`` renders the filing again from exactly these values with renderer ``renderer`` and
compares the result with the file. Format ``dnz-filing/1`` (program ≤ 0.2.0) had no renderer,
library or fingerprint-format keys: its renderer is version 1 and its fingerprint format 1.

The envelope is ASCII JSON (non-ASCII escaped), so it survives any container unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from assessments import jsonnum
from assessments.document import AnswersDocument, decode_json, document_to_dict, parse_document
from assessments.errors import DomainError
from assessments.fingerprint import FINGERPRINT_FORMAT, LEGACY_FORMAT
from assessments.report import EvidenceItem, FilingReport, JournalSummary

from .errors import CarriedDataDamaged, FilingReadError

ENVELOPE_FORMAT: Final = "dnz-filing/2"
LEGACY_ENVELOPE_FORMAT: Final = "dnz-filing/1"
ATTACHMENT_NAME: Final = "dnz-answers.json"
# The renderer version: raised whenever a writer's output for the same envelope changes, so that
# verify never compares a file with a rendering it was not made by (see render.py).
RENDERER_VERSION: Final = 2
LEGACY_RENDERER: Final = 1
# Generous bounds for a real envelope (a document is at most 2 MB; evidence lists and journal lines
# are short): a bigger one is refused before it is decoded.
MAX_ENVELOPE_BYTES: Final = 16 * 1024 * 1024
MAX_EVIDENCE_ITEMS: Final = 20_000
MAX_JOURNAL_LINES: Final = 100


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def library_versions() -> dict[str, str]:
    """Versions of the libraries whose output the filing's bytes depend on (read from the modules,
    which a frozen build has, not from package metadata, which it may not)."""
    import openpyxl
    import pypdf
    import reportlab

    return {
        "openpyxl": str(openpyxl.__version__),
        "pypdf": str(pypdf.__version__),
        "reportlab": str(reportlab.Version),
    }


def build_envelope(
    report: FilingReport,
    doc: AnswersDocument,
    evidence: tuple[EvidenceItem, ...],
    journal: JournalSummary | None,
    libraries: dict[str, str] | None = None,
    plan: Any = None,
) -> bytes:
    envelope: dict[str, Any] = {
        "format": ENVELOPE_FORMAT,
        "fingerprint": report.fingerprint,
        "fingerprint_format": FINGERPRINT_FORMAT,
        "renderer": RENDERER_VERSION,
        "libraries": libraries if libraries is not None else library_versions(),
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
    if plan is not None:  # the improvement plan, when the enterprise files it (issue #16)
        envelope["plan"] = plan
    # jsonnum: the document's decimals are carried as typed (0.1 stays 0.1, 1e-7 stays 1e-07).
    return jsonnum.dumps(envelope, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")


@dataclass(frozen=True)
class CarriedFiling:
    """What a filing carries: the envelope, decoded and type-checked (the document itself is
    validated only by ``document()``)."""

    path: Path
    kind: str  # "xlsx" | "pdf"
    format: str  # envelope format
    fingerprint: str
    fingerprint_format: str
    renderer: int
    libraries: dict[str, str]
    criteria_id: str
    criteria_version: str
    exported_at: str
    program: str
    document_data: Any  # the carried dnz-answers/1 document as decoded JSON
    evidence: tuple[EvidenceItem, ...]
    journal: JournalSummary | None
    raw: bytes = field(default=b"", repr=False)  # the envelope bytes as found in the file
    plan_data: Any = None  # the carried improvement plan (assessments.plan.filed), type-checked

    @property
    def legacy(self) -> bool:
        """Made by renderer 1 (program ≤ 0.2.0): this program cannot draw it again."""
        return self.renderer != RENDERER_VERSION

    def document(self) -> AnswersDocument:
        """The carried document, validated; a DomainError names what is wrong with it."""
        return parse_document(self.document_data)


def _damaged(path: Path, detail: str = "") -> CarriedDataDamaged:
    return CarriedDataDamaged(
        path,
        "文件中携带的答卷数据已损坏或被修改，无法读取" + (f"（{detail}）" if detail else "") + "。",
        "the answers document carried in the file is damaged or was edited; it cannot be read",
    )


def _text(value: Any, what: str, path: Path, *, limit: int = 4096) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _damaged(path, f"{what}不是有效的文本")
    return value


def _count(value: Any, what: str, path: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**53:
        raise _damaged(path, f"{what}不是有效的非负整数")
    return int(value)


def _when(value: Any, what: str, path: Path) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(_text(value, what, path, limit=64))
    except ValueError:
        raise _damaged(path, f"{what}不是有效的时间") from None


def _evidence(data: Any, path: Path) -> tuple[EvidenceItem, ...]:
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > MAX_EVIDENCE_ITEMS:
        raise _damaged(path, "佐证材料清单格式不对")
    items = []
    for i, e in enumerate(data, 1):
        if not isinstance(e, dict):
            raise _damaged(path, f"佐证材料第 {i} 项格式不对")
        items.append(
            EvidenceItem(
                _text(e.get("question_id"), f"佐证材料第 {i} 项的问题编号", path, limit=64),
                _text(e.get("original_name"), f"佐证材料第 {i} 项的文件名", path, limit=260),
                _text(e.get("sha256"), f"佐证材料第 {i} 项的 SHA-256", path, limit=128),
                _count(e.get("size_bytes"), f"佐证材料第 {i} 项的大小", path),
                _when(e.get("added_at"), f"佐证材料第 {i} 项的添加时间", path),
            )
        )
    return tuple(items)


def _journal(data: Any, path: Path) -> JournalSummary | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _damaged(path, "修改记录摘要格式不对")
    recent = data.get("recent", [])
    if not isinstance(recent, list) or len(recent) > MAX_JOURNAL_LINES:
        raise _damaged(path, "修改记录格式不对")
    return JournalSummary(
        _count(data.get("changes"), "修改次数", path),
        _when(data.get("first_at"), "首次修改时间", path),
        _when(data.get("last_at"), "最近修改时间", path),
        _count(data.get("imports", 0), "导入次数", path),
        _count(data.get("exports", 0), "导出次数", path),
        tuple(_text(line, "修改记录", path, limit=300) for line in recent),
    )


def _libraries(data: Any, path: Path) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, dict) or len(data) > 16:
        raise _damaged(path, "程序库版本格式不对")
    return {_text(k, "程序库名称", path, limit=64): _text(v, "程序库版本", path, limit=64) for k, v in data.items()}


def parse_envelope(raw: bytes, path: Path, kind: str) -> CarriedFiling:
    """The envelope found in a file, type-checked; anything else is CarriedDataDamaged."""
    if len(raw) > MAX_ENVELOPE_BYTES:
        raise _damaged(
            path, f"携带的数据有 {len(raw) / 1024 / 1024:.0f} MB，超过 {MAX_ENVELOPE_BYTES // 1024 // 1024} MB 上限"
        )
    try:
        data = decode_json(raw.decode("utf-8"))
    except (UnicodeDecodeError, DomainError, RecursionError, ValueError) as exc:
        raise _damaged(path) from exc
    if not isinstance(data, dict) or data.get("format") not in (ENVELOPE_FORMAT, LEGACY_ENVELOPE_FORMAT):
        raise _damaged(path, "不是本程序的备案数据格式")
    legacy = data["format"] == LEGACY_ENVELOPE_FORMAT
    renderer = LEGACY_RENDERER if legacy else _count(data.get("renderer"), "渲染版本", path)
    fingerprint = _text(data.get("fingerprint"), "文件指纹", path, limit=128)
    return CarriedFiling(
        path=path,
        kind=kind,
        format=data["format"],
        fingerprint=fingerprint,
        fingerprint_format=LEGACY_FORMAT
        if legacy
        else _text(data.get("fingerprint_format"), "指纹格式", path, limit=64),
        renderer=renderer,
        libraries=_libraries(data.get("libraries"), path),
        criteria_id=_text(data.get("criteria"), "评价标准", path, limit=128),
        criteria_version=_text(data.get("criteria_version"), "评价标准版本", path, limit=64),
        exported_at=_text(data.get("exported_at"), "导出时间", path, limit=64),
        program=_text(data.get("program", ""), "导出程序", path, limit=200),
        document_data=data.get("document"),
        evidence=_evidence(data.get("evidence"), path),
        journal=_journal(data.get("journal"), path),
        raw=raw,
        plan_data=_plan(data.get("plan"), path),
    )


def _plan(data: Any, path: Path) -> Any:
    if data is None:
        return None
    from assessments.plan.filed import FiledPlanError, parse_filed_plan

    try:
        parse_filed_plan(data)
    except FiledPlanError as exc:
        raise _damaged(path, str(exc)) from exc
    return data


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
