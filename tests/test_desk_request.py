"""The correction request (.dnzreq) read as hostile input: every refusal a Chinese message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.desk.request import MAX_BYTES, RequestError, make_request, parse_request, read_request, signature
from assessments.criteria import DEFAULT_CRITERIA_ID

FP = "ab" * 32


def _request(**changes: Any) -> dict[str, Any]:
    body = make_request(uscc="91371600MA3C5K2X7K", year=2025, fingerprint=FP, file="filing.xlsx",
                        exported_at="2025-03-03 15:00:00", criteria_id=DEFAULT_CRITERIA_ID,
                        items=["p4", "M1", "P4"], note="请核对P4")  # fmt: skip
    body.update(changes)
    body["signature"] = signature(body)
    return body


def _bytes(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def test_a_made_request_reads_back() -> None:
    request = parse_request(_bytes(_request()), DEFAULT_CRITERIA_ID)
    assert [(i.question, i.title) for i in request.items] == [
        ("P4", "P4 低VOCs原辅材料替代率"),
        ("M1", "M1 大气污染物近零排放"),
    ]
    assert (request.uscc, request.year, request.fingerprint) == ("91371600MA3C5K2X7K", 2025, FP)
    assert request.notes_by_question() == {"P4": "请核对P4", "M1": "请核对P4"}


def test_unknown_question_is_refused_when_made() -> None:
    with pytest.raises(RequestError, match="评价标准中没有题目 Z9"):
        make_request(uscc="91371600MA3C5K2X7K", year=2025, fingerprint=FP, file="f", exported_at="",
                     criteria_id=DEFAULT_CRITERIA_ID, items=["Z9"], note="x")  # fmt: skip


def _edited(change: Any) -> bytes:
    body = _request()
    change(body)
    return _bytes(body)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"x" * (MAX_BYTES + 1), "文件过大"),
        (b"\xff\xfe not utf-8", "不是有效的 JSON"),
        (b"{", "不是有效的 JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "不是有效的 JSON"),
        (b'{"format": "dnz-request/1", "format": "dnz-request/1"}', "重复的键"),
        (b'{"format": "dnz-request/1", "year": NaN}', "无效的数值"),
        (b'"just a string"', "格式不对"),
        (_bytes({"format": "dnz-filing/2"}), "格式不对"),
        (_edited(lambda b: b.pop("note")), "缺少：note"),
        (_edited(lambda b: b.update(extra=1)), "多出：extra"),
        (_edited(lambda b: b.update(note="改过")), "签名不符"),
        (_edited(lambda b: b["filing"].update(fingerprint="cd" * 32)), "签名不符"),
        (_bytes(_request(uscc="91371600MA3C5K2X7X")), "统一社会信用代码无效"),
        (_bytes(_request(year=True)), "评估年度无效"),
        (_bytes(_request(year=1e9)), "评估年度无效"),
        (_bytes(_request(request_id="../../etc/passwd")), "通知编号无效"),
        (_bytes(_request(items=[])), "题目清单无效"),
        (_bytes(_request(items=[{"question": "P4"}])), "题目格式不对"),
        (_bytes(_request(items=[{"question": "Z9", "title": "t", "note": "n"}])), "评价标准中没有题目 Z9"),
        (_bytes(_request(note="长" * 2001)), "说明无效"),
        (_bytes(_request(filing={"fingerprint": "zz", "file": "f", "exported_at": ""})), "指纹无效"),
    ],
)
def test_hostile_requests_are_refused_in_chinese(data: bytes, message: str) -> None:
    with pytest.raises(RequestError) as info:
        parse_request(data, DEFAULT_CRITERIA_ID)
    assert info.value.zh.startswith("无法打开修改通知：") and message in info.value.zh


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.dnzreq"
    with path.open("wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: 2 GB that would not fit the limit
    with pytest.raises(RequestError, match="文件过大"):
        read_request(path)
    with pytest.raises(RequestError, match="无法读取文件"):
        read_request(tmp_path / "missing.dnzreq")


def test_desk_return_writes_a_request_the_reader_accepts(tmp_path: Path) -> None:
    from app.cli import run
    from app.desk.service import DeskService
    from assessments.document import parse_document
    from tests.conftest import example_decimal
    from tests.desk_corpus import export

    export(parse_document(example_decimal()), tmp_path / "in", "filing")
    db = str(tmp_path / "desk.sqlite3")
    assert run(["desk", "import", str(tmp_path / "in"), "--db", db, "--workers", "0"]) == 0
    out = tmp_path / "退回.dnzreq"
    assert run(["desk", "return", "91371600MA3C5K2X7K", "--year", "2025", "--items", "P4,M1",
                "--note", "P4 佐证不足", "--out", str(out), "--db", db]) == 0  # fmt: skip
    request = read_request(out, DEFAULT_CRITERIA_ID)
    desk = DeskService.open(db)
    try:
        current = desk.current("91371600MA3C5K2X7K", 2025)
    finally:
        desk.close()
    assert current is not None and request.fingerprint == current["fingerprint"]
    assert (current["review_state"], current["review_note"]) == ("returned", "P4 佐证不足")
