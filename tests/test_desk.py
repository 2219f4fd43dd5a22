"""The bureau desk: import, ranking, history, correction requests — on PostgreSQL and SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.desk.service import DeskService
from assessments.criteria import load_criteria
from assessments.document import AnswersDocument
from assessments.scoring import score
from tests.desk_corpus import Corpus, build_corpus
from tests.pg import pg_url, server_url  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("received"))


@pytest.fixture(params=["postgresql", "sqlite"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "desk.sqlite3")
    else:
        yield request.getfixturevalue("pg_url")


def _expected_ranking(docs: list[AnswersDocument]) -> list[tuple[str, float, str]]:
    grades = [g.id for g in load_criteria(docs[0].criteria).grades]
    rows = []
    for doc in docs:
        result = score(doc)
        rows.append((str(doc.enterprise.name), float(result.total_rounded), result.grade))
    return sorted(rows, key=lambda r: (grades.index(r[2]), -r[1], r[0]))


def test_import_of_a_folder_gives_exact_counts_statuses_and_ranking(corpus: Corpus, location: str) -> None:
    desk = DeskService.open(location)
    try:
        summary = desk.import_paths([corpus.folder], workers=2)
        assert (summary.received, summary.verified, summary.modified, summary.unverifiable, summary.duplicates) == (
            15, 11, 2, 1, 1,
        )  # fmt: skip
        assert "收到 15 份文件：核验一致 11 份，被改动 2 份，无法核验 1 份，重复 1 份" in summary.text()
        rows = desk.ranked(year=2025)
        assert corpus.v2 is not None
        expected = _expected_ranking([corpus.v2, *corpus.genuine[1:], *corpus.tampered])
        assert [(r["name"], r["total"], r["grade"]) for r in rows] == expected
        assert [r["rank"] for r in rows] == list(range(1, len(expected) + 1))
        tampered = {str(d.enterprise.name) for d in corpus.tampered}
        assert {r["name"]: r["status"] for r in rows} == {
            name: "modified" if name in tampered else "verified" for name, _, _ in expected
        }
        example = next(r for r in rows if r["uscc"] == corpus.v2.enterprise.uscc)
        assert (example["version"], example["file"]) == (2, "示例-v2.xlsx")
        # The random file is received and listed as unverifiable, under no enterprise or year.
        everything = desk.ranked()
        assert [(r["file"], r["status"], r["year"]) for r in everything if r["uscc"] is None] == [
            ("random.xlsx", "unverifiable", None)
        ]
        # v1 is kept as history; v2 lists what changed since.
        history = desk.history(str(corpus.v2.enterprise.uscc), 2025)
        # (both files of v1 carry one fingerprint: one filing, version 1)
        assert sorted((h["version"], h["file_name"], h["is_current"]) for h in history) == [
            (1, "示例-v1.pdf", False), (1, "示例-v1.xlsx", False), (2, "示例-v2.xlsx", True),
        ]  # fmt: skip
        assert history[2]["changes"] == ["P4 低VOCs原辅材料替代率：82% → 95%"]
        again = desk.import_paths([corpus.folder], workers=0)
        assert (again.received, again.duplicates, again.verified + again.modified + again.unverifiable) == (15, 15, 0)
        assert desk.ranked() == everything
    finally:
        desk.close()


def _count(location: str, sql: str) -> Any:
    from sqlalchemy import create_engine, text

    engine = create_engine(location)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).all()
    finally:
        engine.dispose()


def test_two_desk_processes_importing_one_folder_at_once_on_postgresql(corpus: Corpus, pg_url: str) -> None:  # noqa: F811
    DeskService.open(pg_url).close()  # not needed for safety (the migration takes a lock); keeps the race on import
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [
        sys.executable,
        "-m",
        "app",
        "desk",
        "import",
        str(corpus.folder),
        "--db",
        pg_url,
        "--json",
        "--workers",
        "1",
    ]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1].decode() for o in outs]
    counts = [json.loads(o[0]) for o in outs]
    stored = sum(c["verified"] + c["modified"] + c["unverifiable"] for c in counts)
    assert stored == 14  # 15 files, one a copy: each stored once, by one of the two
    assert [c["received"] for c in counts] == [15, 15]
    assert sum(c["duplicates"] for c in counts) == 30 - 14
    assert _count(pg_url, "SELECT count(*), count(DISTINCT sha256) FROM desk_files") == [(14, 14)]
    assert (
        _count(pg_url, "SELECT uscc, year FROM desk_files WHERE is_current GROUP BY uscc, year HAVING count(*) > 1")
        == []
    )


def test_two_processes_migrating_a_new_postgresql_database_at_once(pg_url: str) -> None:  # noqa: F811
    code = "import sys; from app.desk.service import DeskService; DeskService.open(sys.argv[1]).close()"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code, pg_url], cwd=ROOT, env=env, stderr=subprocess.PIPE)
             for _ in range(3)]  # fmt: skip
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    from models.migrate import head_revision

    assert _count(pg_url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


def test_the_cli_list_json_has_the_promised_keys(corpus: Corpus, tmp_path: Path) -> None:
    from app.cli import run

    db = str(tmp_path / "desk.sqlite3")
    assert (
        run(["desk", "import", str(corpus.folder / "示例-v1.xlsx"), str(corpus.folder / "random.xlsx"), "--db", db])
        == 0
    )
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert run(["desk", "list", "--db", db, "--json"]) == 0
    rows = json.loads(out.getvalue())
    keys = {"uscc", "name", "county", "year", "total", "grade", "status", "rank", "file", "received_at"}
    assert all(keys <= set(r) for r in rows) and len(rows) == 2
    assert rows[0]["status"] == "verified" and rows[0]["uscc"] == "91371600MA3C5K2X7K"
    assert rows[0]["total"] == 57.0 and rows[0]["grade"] == "compliant" and rows[0]["county"] == "邹平市"


def test_return_of_an_enterprise_without_a_filing_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import run

    code = run(["desk", "return", "91371600MA3C5K2X7K", "--year", "2025", "--items", "P4", "--note", "x",
                "--out", str(tmp_path / "r.dnzreq"), "--db", str(tmp_path / "d.sqlite3")])  # fmt: skip
    assert code == 2 and "没有收到 91371600MA3C5K2X7K 的 2025 年度备案文件" in capsys.readouterr().err
    assert not (tmp_path / "r.dnzreq").exists()


@pytest.fixture(scope="module")
def received_pg(corpus: Corpus) -> Iterator[str]:
    """The corpus imported once into a PostgreSQL desk (for the tests that only read it)."""
    from tests.pg import fresh_database

    with fresh_database() as url:
        desk = DeskService.open(url)
        try:
            desk.import_paths([corpus.folder], workers=2)
        finally:
            desk.close()
        yield url


def test_summary_workbook_counts_per_county_equal_a_query_of_the_list(received_pg: str, tmp_path: Path) -> None:
    from collections import Counter

    from openpyxl import load_workbook

    from app.cli import run

    out = tmp_path / "汇总.xlsx"
    assert run(["desk", "summary", "--db", received_pg, "--year", "2025", "--xlsx", str(out)]) == 0
    desk = DeskService.open(received_pg)
    try:
        rows = desk.ranked(year=2025)
    finally:
        desk.close()
    wb = load_workbook(out)
    assert wb.sheetnames == ["按县区统计", "维度平均得分", "排名", "未通过核验"]
    ws = wb["按县区统计"]
    head = [c.value for c in ws[3]]
    assert head == [
        "县（市、区）",
        "双近零标杆",
        "先进",
        "合规",
        "尚未达标",
        "无评分",
        "合计",
        "核验一致",
        "未通过核验",
    ]
    grade_of = {"双近零标杆": "benchmark", "先进": "advanced", "合规": "compliant", "尚未达标": "not_yet"}
    in_sheet: Counter[tuple[str, str]] = Counter()
    for line in ws.iter_rows(min_row=4, values_only=True):
        if line[0] == "全市合计":
            assert line[6] == len(rows)
            break
        for name, grade in grade_of.items():
            in_sheet[(str(line[0]), grade)] += int(line[head.index(name)])
        assert line[7] + line[8] == line[6]
    from_list = Counter((str(r["county"]), str(r["grade"])) for r in rows)
    assert +in_sheet == from_list
    assert len(ws._charts) == 1 and len(wb["维度平均得分"]._charts) == 1
    ranking = [(line[0], line[2], line[5]) for line in wb["排名"].iter_rows(min_row=4, values_only=True)]
    assert ranking == [(r["rank"], r["name"], r["total"]) for r in rows]
    failed = {line[3] for line in wb["未通过核验"].iter_rows(min_row=4, values_only=True)}
    assert failed == {"篡改.xlsx", "篡改.pdf"}


def test_summary_text_cells_cannot_become_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from app.desk.summary_xlsx import summary_workbook
    from tests.desk_corpus import export

    data = __import__("tests.conftest", fromlist=["example_decimal"]).example_decimal()
    data["enterprise"]["name"] = '=HYPERLINK("http://evil","点我")'
    data["enterprise"]["county"] = "+cmd|' /C calc'!A0"
    from assessments.document import parse_document

    export(parse_document(data), tmp_path / "in", "注入")
    desk = DeskService.open(str(tmp_path / "d.sqlite3"))
    try:
        assert desk.import_paths([tmp_path / "in"], workers=0).verified == 2
        (tmp_path / "s.xlsx").write_bytes(summary_workbook(desk, 2025))
    finally:
        desk.close()
    wb = load_workbook(tmp_path / "s.xlsx")
    name = wb["排名"]["C4"]
    county = wb["按县区统计"]["A4"]
    assert (name.value, name.data_type, name.quotePrefix) == ('=HYPERLINK("http://evil","点我")', "s", True)
    assert (county.value, county.data_type, county.quotePrefix) == ("+cmd|' /C calc'!A0", "s", True)
