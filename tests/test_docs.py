"""The documents in docs/ that are made from data, or that code comments point to, stay true."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from assessments.criteria import DEFAULT_CRITERIA_ID, load_criteria
from tests.conftest import ROOT


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_criteria_doc", ROOT / "scripts" / "gen_criteria_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_criteria_doc_is_up_to_date() -> None:
    written = (ROOT / "docs" / "criteria.md").read_text(encoding="utf-8")
    assert written == generator().render(), "docs/criteria.md is out of date: run python3 scripts/gen_criteria_doc.py"


def test_criteria_doc_holds_every_indicator_veto_grade_and_factor() -> None:
    text = generator().render()
    criteria = load_criteria(DEFAULT_CRITERIA_ID)
    for ind in criteria.indicators:
        section = text.split(f"#### {ind.id} {ind.title.zh}", 1)[1].split("\n#### ", 1)[0]
        assert f"- **Weight:** {ind.weight:g}" in section, ind.id
        assert f"`{ind.method}`" in section and ind.source in section and ind.evidence.zh in section, ind.id
        for key, value in ind.params.items():
            assert f"`{key}`" in section, (ind.id, key, value)
        for option in ind.answer.options:
            assert option.label.zh in section, (ind.id, option.id)
    for veto in criteria.vetoes:
        assert f"#### {veto.id} {veto.title.zh}" in text
    for grade in criteria.grades:
        assert f"(`{grade.id}`): total ≥ {grade.min_total:g}" in text
    import json

    factors = json.loads((ROOT / "assessments" / "factors" / f"{criteria.factors_id}.json").read_text(encoding="utf-8"))
    for carrier in factors["carriers"]:
        assert carrier["tce_source"] in text and carrier["co2"]["source"] in text, carrier["id"]
    for grid in factors["grid_factors"]:
        assert grid["source"] in text
    assert "Other data" not in text  # every field of today's data has its own place


def test_check_mode_finds_a_stale_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gen = generator()
    stale = tmp_path / "criteria.md"
    monkeypatch.setattr(gen, "OUTPUT", stale)
    assert gen.main(["--check"]) == 1  # missing
    assert gen.main([]) == 0 and gen.main(["--check"]) == 0
    stale.write_text(stale.read_text(encoding="utf-8").replace("| 25 |", "| 26 |", 1), encoding="utf-8")
    assert gen.main(["--check"]) == 1


def test_an_unknown_field_is_written_not_dropped() -> None:
    gen = generator()
    lines = gen.other_data({"id": "X", "new_rule": {"zh": "新"}}, {"id"}, "X")
    assert "new_rule" in "\n".join(lines) and "新" in "\n".join(lines)


OUTSIDE_DOCS = re.compile(r"CRITERIA\.md|REFERENCE\.md|ARCHITECTURE\.md|PRODUCT\.md|STYLE\.md|\.\./shared")


def test_no_code_cites_a_document_outside_the_repository() -> None:
    cited = []
    for folder in ("assessments", "models", "app", "ui", "scripts", "benchmarks", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "test_docs.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if OUTSIDE_DOCS.search(line):
                    cited.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not cited, "\n".join(cited[:20])


def test_every_document_the_code_cites_is_in_the_repository() -> None:
    cited: set[str] = set()
    for folder in ("assessments", "models", "app", "ui", "scripts", "benchmarks", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            cited.update(re.findall(r"docs/[\w-]+\.md", path.read_text(encoding="utf-8")))
    assert {"docs/criteria.md", "docs/capabilities.md"} <= cited
    missing = sorted(name for name in cited if not (ROOT / name).is_file())
    assert not missing, missing


def test_capabilities_name_f1_to_f19_once_each() -> None:
    text = (ROOT / "docs" / "capabilities.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (F\d+) \|", text, flags=re.MULTILINE)
    assert rows == [f"F{i}" for i in range(1, 20)]


@pytest.mark.parametrize("name", ["capabilities.md", "architecture.md"])
def test_the_files_a_document_names_exist(name: str) -> None:
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    named = re.findall(r"((?:assessments|models|app|ui|scripts|tests|benchmarks)/[\w/.-]+\.(?:py|json))", text)
    assert len(named) > 10
    missing = sorted({path for path in named if not (ROOT / path).exists()})
    assert not missing, missing
