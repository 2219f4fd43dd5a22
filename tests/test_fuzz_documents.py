"""2 000 mutated documents through `score FILE`: every one exits 0 or 2, never a traceback.

Mutations aim at the arithmetic (docs/criteria.md §9 E6): tiny and huge numbers, subnormals, exponents
far beyond a double, NaN/Infinity tokens, very long decimals, zero divisors, wrong types, missing
and unknown keys, N/A sections, long and control-character text. A document that scores must
print JSON without NaN or Infinity.
"""

from __future__ import annotations

import io
import json
import random
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from app.cli import run
from assessments import jsonnum
from tests.conftest import example_decimal

NUMBER_TOKENS = (
    "0", "-0", "-1", "0.1", "0.3", "94.75", "1e-7", "1E-7", "5e-324", "1e-300", "1e-400", "1e-999999",
    "1e400", "1e308", "1.7976931348623157e308", "9007199254740993", "1e12", "1000000000001", "0.000001",
    "0.0000009", "0.30000000000000004", "12345678901234567890.123456789012345678901234567890", "1" * 60,
    "0." + "3" * 80, "-1e-320", "100.0000000000000000001", "1e9999999999999999999", "1e-99999999999999999999",
    "NaN", "Infinity", "-Infinity", '"12,000"', '"１２３"',
    '"na"', "true", "null", "[]", "{}", '"1e5"', '"abc"',
)  # fmt: skip
TEXT_TOKENS = ('""', '"\\u0000\\u000b"', json.dumps("名" * 500), "123", "null", '"na"', '"custom"', '"coal_power"')
MARK = "\u0001MUTANT{}\u0001"


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    out = [(prefix, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def mutant(rng: random.Random) -> str:
    """One hostile variant of the worked example, as JSON text."""
    d: Any = example_decimal()
    raw: list[str] = []
    for _ in range(rng.randint(1, 4)):
        leaves = [(p, v) for p, v in _paths(d) if p]
        path, value = rng.choice(leaves)
        roll = rng.random()
        if roll < 0.55 and not isinstance(value, dict | list):
            tokens = TEXT_TOKENS if isinstance(value, str) and rng.random() < 0.5 else NUMBER_TOKENS
            raw.append(rng.choice(tokens))
            _set(d, path, MARK.format(len(raw) - 1))
        elif roll < 0.65:
            parent: Any = d
            for step in path[:-1]:
                parent = parent[step]
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        elif roll < 0.72 and isinstance(value, dict):
            value["unexpected"] = rng.choice([1, "x", None])
        elif roll < 0.80:
            _set(d, path, "na")
        elif roll < 0.87:
            _set(d, path, rng.choice([[], {}, [value], {"v": value}]))
        elif roll < 0.93 and path[0] == "outlets" and isinstance(d["outlets"], list):
            d["outlets"] = d["outlets"] * rng.choice([2, 300])
        else:
            d[rng.choice(["history", "product_carbon", "pollutant_intensity", "water", "output"])] = rng.choice(
                [{"co2_t_3y_ago": 0, "output_3y_ago": 0}, {"quantity": 0, "unit": "t"}, {"zld": False}, "na", None]
            )
    text = jsonnum.dumps(d, ensure_ascii=False)
    for i, token in enumerate(raw):
        text = text.replace(json.dumps(MARK.format(i), ensure_ascii=False), token)
    return text


def test_two_thousand_mutants_exit_0_or_2(tmp_path: Path) -> None:
    rng = random.Random(20261202)
    path = tmp_path / "answers.json"
    outcomes = {0: 0, 2: 0}
    for i in range(2000):
        text = mutant(rng)
        path.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        try:
            with redirect_stdout(out), redirect_stderr(err):
                code = run(["score", str(path), "--json"])
        except BaseException as exc:  # an escaped exception is the traceback the user would see
            raise AssertionError(f"mutant {i} raised {exc!r}\n{text[:3000]}") from exc
        assert code in (0, 2), (i, code, err.getvalue(), text[:3000])
        outcomes[code] += 1
        if code == 0:
            printed = out.getvalue()
            assert not re.search(r"\b(NaN|-?Infinity)\b", printed), (i, printed[:2000])
            json.loads(printed, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
        else:
            assert err.getvalue().startswith("输入无效") and "Traceback" not in err.getvalue(), (i, err.getvalue())
    # Both outcomes occur: the mutants are not all rejected at the first byte.
    assert outcomes[0] >= 50 and outcomes[2] >= 1000, outcomes


def test_exponents_beyond_any_decimal_exit_2(tmp_path: Path) -> None:
    # Decimal itself refuses these (InvalidOperation, not a ValueError): still a clear exit 2.
    path = tmp_path / "answers.json"
    for token in ("1e9999999999999999999", "1e-9999999999999999999", "-0.0e-99999999999999999999999"):
        path.write_text(mutant_with(token), encoding="utf-8")
        err = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            code = run(["score", str(path)])
        assert code == 2 and "指数超出范围" in err.getvalue(), (token, err.getvalue())


def mutant_with(token: str) -> str:
    return jsonnum.dumps(example_decimal(), ensure_ascii=False).replace('"raw_coal": 12000', f'"raw_coal": {token}', 1)


def test_mutants_through_import_and_export_exit_0_or_2(tmp_path: Path) -> None:
    # The same hostile documents into the database (`import`) and, when they score, out as filings.
    rng = random.Random(7)
    db = str(tmp_path / "dnz.sqlite3")
    path = tmp_path / "answers.json"
    exported = 0
    for i in range(150):
        path.write_text(mutant(rng), encoding="utf-8")
        with redirect_stdout(io.StringIO()) as out, redirect_stderr(io.StringIO()) as err:
            code = run(["--db", db, "import", str(path)])
        assert code in (0, 2) and "Traceback" not in err.getvalue(), (i, code, err.getvalue())
        if code == 0 and exported < 8:
            ident = out.getvalue().strip()
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()) as err:
                code = run(["--db", db, "export", ident, "--xlsx", str(tmp_path / f"{i}.xlsx")])
            assert code in (0, 2), (i, code, err.getvalue())
            exported += code == 0
    assert exported >= 1
