"""Decimals as typed through every path (docs/criteria.md §9 E1), E6 refusals, and re-scoring of
assessments stored by an earlier program version.

Paths: file → `import` → database → `show` / `score` → filing (.xlsx, .pdf) → `import --json`
and `import` into the database again; autosave; export.
"""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import run
from app.services import AssessmentService
from app.units import format_input, to_canonical
from assessments import jsonnum
from assessments.document import decode_json, parse_document
from assessments.errors import DocumentError
from assessments.factors import load_factors
from assessments.scoring import score
from tests.conftest import example_decimal
from tests.test_exact_scoring import e1_total_document
from tests.test_services import service

__all__ = ["service"]  # the fixture (a service on a fresh data folder)
D = Decimal
# Values a double cannot carry, or carries only as a nearby binary number (written as typed).
TYPED = {
    ("answers", "P4"): "0.30000000000000004",  # 17 significant digits
    ("answers", "P6"): "94.75",
    ("answers", "E7"): "0.1",
    ("energy", "natural_gas"): "150.12345678901234",  # 17 significant digits
    ("energy", "onsite_renewable"): "1e-7",
    ("energy", "other_non_fossil"): "0.3",
    ("gec_mwh",): "0.1",
    ("outlets", 0, "pm"): "1E-7",
    ("water", "pollutants", 1, "concentration"): "0.30000000000000004",
    ("history", "co2_t_3y_ago"): "61000.000000000001",  # 17 digits: a double would make it 61000.0
}


def typed_text() -> str:
    d: Any = example_decimal()
    marks = {}
    for i, (path, text) in enumerate(TYPED.items()):
        target = d
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = f"@{i}@"
        marks[f'"@{i}@"'] = text
    out = jsonnum.dumps(d, ensure_ascii=False, indent=2)
    for mark, text in marks.items():
        out = out.replace(mark, text)
    return out


def value_at(d: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        d = d[step]
    return d


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = run(list(args))
    return code, out.getvalue(), err.getvalue()


def assert_typed(d: Any, where: str) -> None:
    for path, text in TYPED.items():
        assert value_at(d, path) == D(text), (where, path, value_at(d, path))


def test_the_typed_text_really_differs_from_floats() -> None:
    # The sample is meaningful: a float path would change these values.
    assert float("0.30000000000000004") + 0 != D("0.30000000000000004")
    assert repr(float("61000.000000000001")) == "61000.0"
    assert 0.1 + 0.2 != 0.3


def test_decimals_survive_every_path(tmp_path: Path) -> None:
    source = tmp_path / "answers.json"
    source.write_text(typed_text(), encoding="utf-8")
    db = str(tmp_path / "dnz.sqlite3")
    assert_typed(decode_json(source.read_text(encoding="utf-8")), "file")

    code, out, err = cli("--db", db, "import", str(source))
    assert code == 0, err
    ident = out.strip()
    code, shown, err = cli("--db", db, "show", ident)
    assert code == 0, err
    assert_typed(jsonnum.loads(shown), "show")
    for text in ("0.30000000000000004", "150.12345678901234", "61000.000000000001", "94.75"):
        assert text in shown  # every digit, as typed
    code, scored, err = cli("--db", db, "score", ident, "--json")
    assert code == 0, err
    assert json.loads(scored)["metrics"]["total_tce"] is not None

    xlsx, pdf = tmp_path / "备案.xlsx", tmp_path / "备案.pdf"
    code, _, err = cli("--db", db, "export", ident, "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert code == 0, err
    for filing in (xlsx, pdf):
        code, _, err = cli("verify", str(filing))
        assert code == 0, err
        back = tmp_path / f"{filing.suffix}.json"
        code, _, err = cli("import", str(filing), "--json", str(back))
        assert code == 0, err
        assert_typed(jsonnum.loads(back.read_text(encoding="utf-8")), f"import {filing.suffix} --json")
        code, out, err = cli("--db", db, "import", str(filing))
        assert code == 0, err
        code, shown, err = cli("--db", db, "show", out.strip())
        assert code == 0, err
        assert_typed(jsonnum.loads(shown), f"import {filing.suffix} → show")


def test_point_one_plus_point_two_shows_as_point_three() -> None:
    d = example_decimal()
    d["energy"] = {"raw_coal": 12000, "green_electricity": D("0.1"), "onsite_renewable": D("0.2")}
    result = score(parse_document(d))
    assert result.metrics["elec_kwh"] == D("0.3") and str(result.metrics["elec_kwh"]) == "0.3"
    assert result.energy.total_tce == D("8571.6") + D("0.3") * D("0.0001229")  # exactly, no rounding
    code, out, _ = cli("score", str(_write(d)), "--json")
    assert code == 0 and json.loads(out)["metrics"]["elec_kwh"] == 0.3
    assert '"elec_kwh": 0.3,' in out


def _write(d: dict[str, Any]) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "d.json"
    path.write_text(jsonnum.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def test_unit_conversion_and_input_field_keep_the_decimal() -> None:
    factors = load_factors("cn-factors-2025.1")
    assert to_canonical(factors, "grid_electricity", "10^4 kWh", "4200") == 42_000_000
    assert to_canonical(factors, "raw_coal", "kg", "0.1") == D("0.0001")
    assert format_input(D("0.30000000000000004")) == "0.30000000000000004"
    assert format_input(D("1E-12")) == "0.000000000001"  # no exponent, nothing lost
    assert format_input(D("82.0")) == "82"


# --------------------------------------------------------------------------- E6


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("output", "quantity"), "5e-324", "output.quantity"),
        (("outlets", 1, "limits", "pm"), "1e-300", "outlets[1].limits.pm"),
        (("history", "output_3y_ago"), "1e-300", "history.output_3y_ago"),
        (("history", "co2_t_3y_ago"), "0.0000009", "history.co2_t_3y_ago"),
        (("water", "pollutants", 0, "limit"), "1e-7", "water.pollutants[0].limit"),
        (("coal_2020", "raw_coal"), "1e-9", "coal_2020.raw_coal"),
    ],
)
def test_tiny_divisors_exit_2_with_field_value_and_range(
    tmp_path: Path, path: tuple[Any, ...], value: str, field: str
) -> None:
    d: Any = example_decimal()
    target = d
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = "@v@"
    source = tmp_path / "d.json"
    source.write_text(jsonnum.dumps(d, ensure_ascii=False).replace('"@v@"', value), encoding="utf-8")
    code, out, err = cli("score", str(source))
    assert code == 2 and out == ""
    assert field in err and "0.000001" in err and "除数" in err, err
    assert D(value).normalize() == D(err.split("数值 ")[1].split(" ")[0])  # the value as given


def test_amounts_above_1e12_and_years_outside_2000_2100_are_refused() -> None:
    d = example_decimal()
    d["energy"]["raw_coal"] = 10**12 + 1
    d["year"] = 1999
    with pytest.raises(DocumentError) as info:
        parse_document(d)
    fields = {p.field: p.zh for p in info.value.problems}
    assert "1e+12" in fields["energy.raw_coal"] and "1000000000001" in fields["energy.raw_coal"]
    assert "2000–2100" in fields["year"]


def test_tiny_total_energy_is_a_scoring_error_not_infinity() -> None:
    d = example_decimal()
    d["energy"] = {"other_non_fossil": D("0.0000005")}
    d["process_co2_t"] = 10**10
    with pytest.raises(Exception) as info:
        score(parse_document(d))
    assert type(info.value).__name__ == "ScoringError" and "0.000001" in str(info.value)
    # The live score of a draft still works, and no figure is infinite.
    result = score(parse_document(d, partial=True), allow_incomplete=True)
    assert all(v is None or v.is_finite() for v in result.metrics.values())


# --------------------------------------------------------------------------- service paths


def test_autosave_import_and_export_with_extreme_values(service: AssessmentService, tmp_path: Path) -> None:
    aid = service.import_document(parse_document(decode_json(typed_text())))
    # Autosave: typed text, kept exactly; refusals name the field and store nothing.
    assert service.set_answer(aid, "energy.raw_coal", "0.0000001").value == D("0.0000001")
    assert service.set_answer(aid, "energy.grid_electricity", "999,999,999,999").value == 999_999_999_999
    with pytest.raises(DocumentError) as info:
        service.set_answer(aid, "output", {"quantity": D("5e-324"), "unit": "t"})
    assert "output.quantity" in str(info.value) and "0.000001" in str(info.value)
    with pytest.raises(DocumentError):
        service.set_answer(aid, "energy.raw_coal", "1000000000001")
    assert service.answers(aid)["energy.raw_coal"].value == D("0.0000001")
    assert service.answers(aid)["output"].value["quantity"] == 250000
    # Export and verify a filing of it.
    outcome = service.export_filing(aid, xlsx_path=tmp_path / "a.xlsx", pdf_path=tmp_path / "a.pdf")
    for path in outcome.files:
        assert cli("verify", str(path))[0] == 0


def old_program_database(service: AssessmentService, d: dict[str, Any]) -> int:
    """An assessment as the float program stored it: answers written by json.dumps of floats,
    the list summary from float arithmetic (the total 69.9 and grade of the E1 example)."""
    aid = service.import_document(parse_document(d))
    path = service.db_path
    assert path is not None
    conn = sqlite3.connect(path)
    with conn:
        for key, text in conn.execute("SELECT key, value_json FROM answers WHERE assessment_id = ?", (aid,)).fetchall():
            old = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))  # floats, as before
            conn.execute("UPDATE answers SET value_json = ? WHERE assessment_id = ? AND key = ?", (old, aid, key))
        conn.execute("UPDATE assessments SET total = 69.9, grade = 'compliant' WHERE id = ?", (aid,))
    conn.close()
    service._cache.clear()
    service._docs.clear()
    return aid


def test_opening_an_old_assessment_rescoring_quietly(service: AssessmentService) -> None:
    aid = old_program_database(service, e1_total_document())
    before = service.get_assessment(aid)
    journal = len(service.journal(aid))
    assert (before.total, before.grade) == (69.9, "compliant")
    row = service.open_assessment(aid)
    assert (row.total, row.grade, row.status) == (70.0, "advanced", "complete")
    assert len(service.journal(aid)) == journal  # nobody changed an answer
    assert row.updated_at == before.updated_at  # the list still says when it was last edited
    listed = {r.id: r for r in service.list_assessments()}[aid]
    assert (listed.total, listed.grade) == (70.0, "advanced")
    assert service.score(aid).total_rounded == 70.0  # the figures shown on open
    assert service.open_assessment(aid) == row  # nothing more to correct: no second write


def test_an_exported_old_assessment_stays_exported(service: AssessmentService, tmp_path: Path) -> None:
    aid = old_program_database(service, e1_total_document())
    service.export_filing(aid, xlsx_path=tmp_path / "a.xlsx")
    path = service.db_path
    assert path is not None
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE assessments SET total = 69.9, grade = 'compliant' WHERE id = ?", (aid,))
    conn.close()
    row = service.open_assessment(aid)
    assert (row.total, row.grade, row.status) == (70.0, "advanced", "exported")


def test_fingerprint_bytes_unchanged_where_the_figures_are_unchanged() -> None:
    # The worked example has no tie: exact scoring shows the same figures as the float program,
    # so the canonical JSON (Decimals written as the float program wrote them) hashes the same —
    # filings made by version 0.2.0 before this change still verify (this is its fingerprint, format
    # dnz-fingerprint/1, which verify checks for renderer-1 filings: app/filing/legacy.py).
    from assessments.fingerprint import legacy_fingerprint, legacy_result_core

    doc = parse_document(example_decimal())
    result = score(doc)
    core = legacy_result_core(result)
    fingerprint = legacy_fingerprint(doc, result.criteria_id, result.criteria_version, core)
    assert fingerprint == "f74c5c060df923bd9d1c26e1af90f92878be551ad5281ea3698cdac856788f10"


@pytest.mark.parametrize("text", ["0.1", "57.0", "1e-07", "0.30000000000000004", "2.983", "-20.0", "1e+16", "123.456"])
def test_a_decimal_is_written_as_the_float_program_wrote_the_same_number(text: str) -> None:
    assert jsonnum.dumps(D(text)) == json.dumps(float(text))


def test_jsonnum_matches_json_dumps_on_plain_data() -> None:
    data = {"b": [1, 2.5, None, True, '名\n"x"'], "a": {"c": [], "d": {}}, "e": -0.0, "f": 10**20}
    for kwargs in ({}, {"indent": 2}, {"sort_keys": True, "separators": (",", ":")}, {"ensure_ascii": True}):
        assert jsonnum.dumps(data, **kwargs) == json.dumps(
            data,
            ensure_ascii=kwargs.get("ensure_ascii", False),
            **{k: v for k, v in kwargs.items() if k != "ensure_ascii"},
        )
    assert jsonnum.dumps(D("0.1000000000000000055511151231257827")) == "0.1000000000000000055511151231257827"
    with pytest.raises(ValueError):
        jsonnum.dumps(float("nan"))
    with pytest.raises(ValueError):
        jsonnum.dumps(D("Infinity"))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(_JSON, st.sampled_from([{}, {"indent": 2}, {"sort_keys": True, "separators": (",", ":")}]), st.booleans())
def test_jsonnum_is_json_dumps_on_any_plain_value(value: Any, kwargs: dict[str, Any], ascii_only: bool) -> None:
    assert jsonnum.dumps(value, ensure_ascii=ascii_only, **kwargs) == json.dumps(
        value, ensure_ascii=ascii_only, **kwargs
    )


_HOSTILE_TEXT = st.sampled_from(
    ["0", "0.1", "1e-7", "5e-324", "1e400", "NaN", "inf", "-0", "１２,０００．５", "12,34", "1" * 60, "0." + "0" * 400 + "1",
     "99999999999999999999", "-5", "12 000", "7kg", "", " ", "na"]
)  # fmt: skip
_NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    _HOSTILE_TEXT,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["energy.raw_coal", "energy.grid_electricity", "answers.P4", "answers.E5", "gec_mwh",
                            "offsets_t", "process_co2_t"]), value=_NUMBERS)  # fmt: skip
def test_autosave_of_any_number_stores_it_or_refuses_with_a_message(
    service: AssessmentService, key: str, value: Any
) -> None:
    aid = _demo_id(service)
    before = service.answers(aid).get(key)
    try:
        outcome = service.set_answer(aid, key, value)
    except DocumentError as exc:
        assert key in str(exc)
        assert service.answers(aid).get(key) == before  # nothing stored
        return
    assert outcome.value is None or outcome.value == "na" or isinstance(outcome.value, int | Decimal)
    if outcome.total is not None:
        assert 0 <= outcome.total <= 100
    score(service.document(aid), allow_incomplete=True)  # and it still scores


def _demo_id(service: AssessmentService) -> int:
    rows = service.list_assessments()
    return rows[0].id if rows else service.import_document(parse_document(example_decimal()))
