"""The correction request (``.dnzreq``): a small JSON file the bureau sends back with a filing.

::

    {"format": "dnz-request/1", "request_id": "<32 hex>", "uscc": "…", "year": 2025,
     "filing": {"fingerprint": "<64 hex>", "file": "name.xlsx", "exported_at": "…"},
     "items": [{"question": "P4", "title": "P4 …", "note": "…"}], "note": "…",
     "created_at": "2026-12-02T10:00:00+00:00", "issuer": "…", "signature": "<64 hex>"}

``signature`` is the SHA-256 of the canonical JSON of every other key, bound to the fingerprint
of the filing it answers: a request edited after it was made, or one meant for another filing,
is refused. A ``.dnzreq`` arrives from outside and is read as hostile input: a size limit before
anything is parsed, strict JSON (no duplicate keys, no NaN), exactly the keys above with their
types and lengths, a valid USCC, questions the criteria know. Every refusal is a Chinese
``RequestError``.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from assessments.criteria import load_criteria
from assessments.errors import DomainError, Problem
from assessments.texts import render
from assessments.uscc import uscc_problem

FORMAT: Final = "dnz-request/1"
SUFFIX: Final = ".dnzreq"
MAX_BYTES: Final = 256 * 1024
MAX_ITEMS: Final = 200
MAX_NOTE: Final = 2000
ISSUER: Final = "滨州市生态环境局"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_KEYS = {"format", "request_id", "uscc", "year", "filing", "items", "note", "created_at", "issuer", "signature"}


class RequestError(DomainError):
    """A ``.dnzreq`` that cannot be used, said in Chinese (and English)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__([Problem("修改通知", zh, en)])
        self.zh, self.en = zh, en

    def text(self, lang: str = "zh") -> str:  # the message alone, without DomainError's field prefix
        return render(self, lang)


@dataclass(frozen=True)
class RequestItem:
    question: str
    title: str
    note: str


@dataclass(frozen=True)
class CorrectionRequest:
    request_id: str
    uscc: str
    year: int
    fingerprint: str  # of the filing it answers
    file: str
    exported_at: str
    items: tuple[RequestItem, ...]
    note: str
    created_at: str
    issuer: str
    raw: dict[str, Any]

    def notes_by_question(self) -> dict[str, str]:
        return {item.question: item.note for item in self.items}


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")


def signature(body: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical({k: v for k, v in body.items() if k != "signature"})).hexdigest()


def question_title(criteria_id: str, question: str) -> str:
    criteria = load_criteria(criteria_id)
    for indicator in criteria.indicators:
        if indicator.id == question:
            return f"{indicator.id} {indicator.title.zh}"
    for veto in criteria.vetoes:
        if veto.id == question:
            return f"{veto.id} {veto.title.zh}"
    raise RequestError(f"评价标准中没有题目 {question}", f"the criteria have no question {question}")


def make_request(
    *, uscc: str, year: int, fingerprint: str, file: str, exported_at: str, criteria_id: str,
    items: Sequence[str], note: str, item_notes: dict[str, str] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """A new request (the JSON object, signed) for the filing with ``fingerprint``."""
    if not items:
        raise RequestError("请至少指定一道需要修改的题目（--items）", "name at least one question (--items)")
    if len(note) > MAX_NOTE:
        raise RequestError(f"说明过长（最多 {MAX_NOTE} 字）", f"the note is too long (at most {MAX_NOTE})")
    rows = []
    for question in dict.fromkeys(q.strip().upper() for q in items if q.strip()):
        rows.append({"question": question, "title": question_title(criteria_id, question),
                     "note": (item_notes or {}).get(question, note)[:MAX_NOTE]})  # fmt: skip
    body: dict[str, Any] = {
        "format": FORMAT, "request_id": uuid.uuid4().hex, "uscc": uscc, "year": year,
        "filing": {"fingerprint": fingerprint, "file": file[:260], "exported_at": exported_at[:64]},
        "items": rows, "note": note, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "issuer": ISSUER,
    }  # fmt: skip
    body["signature"] = signature(body)
    return body


def request_bytes(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def _refuse(zh: str, en: str) -> RequestError:
    return RequestError(f"无法打开修改通知：{zh}", f"cannot open the correction request: {en}")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise _refuse("文件中有重复的键", "duplicate keys")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise _refuse(f"文件中有无效的数值 {name}", f"invalid number {name}")


def _str(body: dict[str, Any], key: str, limit: int, what: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or len(value) > limit:
        raise _refuse(f"{what}无效", f"{key} is not valid")
    return value


def parse_request(data: bytes, criteria_id: str | None = None) -> CorrectionRequest:
    """A ``.dnzreq``'s bytes, checked (see the module docstring)."""
    if len(data) > MAX_BYTES:
        raise _refuse(f"文件过大（{len(data) // 1024} KB，上限 {MAX_BYTES // 1024} KB），不像修改通知",
                      f"file too large ({len(data)} bytes)")  # fmt: skip
    try:
        body = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except RequestError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _refuse("不是有效的 JSON 文件", "not valid JSON") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise _refuse("不是本程序的修改通知（格式不对）", "not a correction request of this program")
    if set(body) != _KEYS:
        extra, missing = sorted(set(body) - _KEYS), sorted(_KEYS - set(body))
        raise _refuse(f"内容不完整或多出内容（缺少：{'、'.join(missing) or '无'}；多出：{'、'.join(extra) or '无'}）",
                      f"keys missing {missing} or unexpected {extra}")  # fmt: skip
    signed = _str(body, "signature", 64, "签名")
    if not _HEX64.fullmatch(signed) or signed != signature(body):
        raise _refuse("签名不符，文件在生成后被修改过", "the signature does not match: the file was edited")
    request_id = _str(body, "request_id", 32, "通知编号")
    if not _HEX32.fullmatch(request_id):
        raise _refuse("通知编号无效", "request_id is not valid")
    uscc = _str(body, "uscc", 18, "统一社会信用代码")
    if uscc_problem(uscc) is not None:
        raise _refuse("统一社会信用代码无效", "the USCC is not valid")
    year = body.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise _refuse("评估年度无效", "year is not valid")
    filing = body.get("filing")
    if not isinstance(filing, dict) or set(filing) != {"fingerprint", "file", "exported_at"}:
        raise _refuse("所针对的备案文件信息无效", "filing is not valid")
    fingerprint = _str(filing, "fingerprint", 64, "备案文件指纹")
    if not _HEX64.fullmatch(fingerprint):
        raise _refuse("备案文件指纹无效", "the filing fingerprint is not valid")
    items_data = body.get("items")
    if not isinstance(items_data, list) or not 0 < len(items_data) <= MAX_ITEMS:
        raise _refuse("需要修改的题目清单无效", "items is not valid")
    items = []
    for entry in items_data:
        if not isinstance(entry, dict) or set(entry) != {"question", "title", "note"}:
            raise _refuse("需要修改的题目格式不对", "an item is not valid")
        question = _str(entry, "question", 64, "题目编号")
        if criteria_id is not None:
            try:
                question_title(criteria_id, question)  # a question the criteria know
            except RequestError as exc:
                raise _refuse(exc.zh, exc.en) from None
        items.append(
            RequestItem(question, _str(entry, "title", 300, "题目名称"), _str(entry, "note", MAX_NOTE, "说明"))
        )
    return CorrectionRequest(
        request_id=request_id, uscc=uscc, year=year, fingerprint=fingerprint,
        file=_str(filing, "file", 260, "文件名"), exported_at=_str(filing, "exported_at", 64, "导出时间"),
        items=tuple(items), note=_str(body, "note", MAX_NOTE, "说明"),
        created_at=_str(body, "created_at", 64, "通知时间"), issuer=_str(body, "issuer", 100, "发出单位"), raw=body,
    )  # fmt: skip


def read_request(path: Path, criteria_id: str | None = None) -> CorrectionRequest:
    """Read a ``.dnzreq`` from disk (size checked before reading)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _refuse(f"文件过大（上限 {MAX_BYTES // 1024} KB），不像修改通知", "file too large")
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(f"无法读取文件：{exc.strerror or exc}", f"cannot read the file: {exc}") from None
    return parse_request(data, criteria_id)
