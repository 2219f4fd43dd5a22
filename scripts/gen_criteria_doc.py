#!/usr/bin/env python3
"""Write docs/criteria.md — the scoring standard as the program holds it — from the data files.

    python3 scripts/gen_criteria_doc.py           # rewrite docs/criteria.md
    python3 scripts/gen_criteria_doc.py --check   # exit 1 if docs/criteria.md is out of date

The source is the data the program scores with, read as stored: every criteria set in
``assessments/criteria/*.json`` (dimensions, prerequisites, indicators with weight, answer,
method and thresholds, options, N/A rule, basis and evidence, grades and their gates) and every
factor table in ``assessments/factors/*.json`` (each factor with its source and status). A field
this script does not know is still written, as JSON, under "Other data": nothing is left out.
Standard library only; the output is deterministic (tests/test_docs.py checks it is current).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CRITERIA_DIR = ROOT / "assessments" / "criteria"
FACTORS_DIR = ROOT / "assessments" / "factors"
OUTPUT = ROOT / "docs" / "criteria.md"

METHODS = {
    "choice": "选项得分率 (option fraction): the chosen option's fraction of the points",
    "boolean": "是/否 (yes/no): yes earns full points, no earns none",
    "lin": "线性插值 (linear): 0 at `zero_at`, full at `full_at`, linear between, clamped",
    "metric_lin": "按计算指标线性插值 (linear on a computed metric): `metric` from 0 at `zero_at` to full at `full_at`",
    "coal_change": "煤炭消费变化 (coal change against 2020): linear from `zero_at` to `full_at` (fractions)",
    "air": "大气排放 (air): worst concentration / ultra-low limit, linear from `zero_at` to `full_at`; capped when compliance is below `compliance_min`",
    "water": "水污染物 (water): zero liquid discharge earns full points; otherwise the worst concentration / limit, linear from `zero_at` to `full_at`",
    "pollutant_intensity": "污染物排放强度 (pollutant intensity): the 3-year reduction (%) linear from `reduction_zero_at` to `reduction_full_at`; or, without it, the intensity linear from the sector benchmark (0) to the leading value (full)",
    "product_carbon": "单位产品碳排放 (product carbon): CO₂ per unit of output, linear from the sector benchmark (0) to the leading value (full), both entered by the user",
    "elasticity": "碳排放弹性系数 (carbon elasticity): CO₂ growth against output growth over 3 years; rising output scored from `rising_zero_at` to `rising_full_at`, falling output from `falling_zero_at` to `falling_full_at`, flat below `flat_growth`",
    "offsets": "抵消覆盖 (offset coverage): offsets as % of CO₂, linear from `zero_at` to `full_at`; counts only once `requires_indicator` reaches `requires_fraction` (reduce first)",
}
NA_MODES = {
    "never": "从不适用 — always applies",
    "answer": "可选“不适用” — the user may answer N/A",
    "option": "由选项决定 — an option that means N/A",
    "section": "由填报部分决定 — N/A when the named section is declared not applicable",
    "auto": "自动 — N/A when the computed inputs say so",
}


# The rules: prose kept here, beside the data it explains, so that the whole document has one source.
RULES = """\
# Rules

How the data below is used. The section numbers (§0–§9) are the ones code comments cite
("docs/criteria.md §4.8"). Every number of the standard — weights, thresholds, options, factors —
is data and is listed under "Criteria" and "Factors" further down; these rules hold for any
criteria set of the `dnz-criteria/1` schema.

## §0 Vocabulary

- **Indicator:** one scored item (`P1`, `E3`, `M4`, …) with a weight `w` inside its dimension.
- **Prerequisite (veto):** a yes/no item (`V1`…); a failed one keeps every grade that has a
  `vetoes_pass` gate out of reach, whatever the score. An N/A veto (where allowed) counts as passed.
- **Fraction `s`:** an indicator's achievement, 0 to 1.
- **N/A:** an indicator that does not apply; it is dropped and the other weights of its dimension
  are rescaled (§1).
- **`lin(x, zero_at, full_at)`:** `(x − zero_at) / (full_at − zero_at)` clipped to [0, 1]; it works
  both ways (lower is better when `full_at < zero_at`).

## §1 Dimensions, rescaling and rounding

Dimension score = `max_points × Σ(w × s) / Σ(w)` over its applicable indicators; a dimension with
no applicable indicator is an invalid assessment (an error, not a score). Total = the sum of the
dimension scores (0–100).

Rounding: everything is computed exactly (§9 E1); each figure shown or filed (points, dimension
scores, total) is rounded once, half up, to one decimal. Grade bands compare the rounded total, so
the grade always agrees with the number shown. The total is rounded from the exact sum, so the
rounded dimension scores may add up to ±0.1 of it; a filing says so in a footnote.

## §2 Prerequisites

Each is answered yes or no (some may be N/A, see each one under "Criteria"). All must pass for
any grade with a `vetoes_pass` gate.

## §3 Indicators

Each indicator's weight, question, answer, scoring method with its thresholds, options, N/A rule,
basis and evidence are listed under "Criteria" below, dimension by dimension.

## §4 Computation from inputs

### §4.1 Energy inputs

The reporting year's net consumption per energy carrier, in the carrier's canonical unit (the
wizard offers other units and converts exactly). Each carrier's standard-coal coefficient and CO₂
method are under "Factors". A fuel's CO₂ factor is `LHV × carbon content × oxidation × 44/12`,
computed from its parameters, unrounded (§9 E3). Electricity counts at its calorific equivalent
(当量值) unless the assessment chooses the primary-energy equivalent (等价值) with a coefficient;
the basis is stored with the result. Further inputs: `gec_mwh` (green electricity certificates,
1 MWh each), `process_co2_t` (process emissions), `offsets_t` (offsets retired), `output`
(annual output and its unit), `coal_2020` (2020 raw coal and coke, t).

### §4.2 Grid factor

The national average grid factor excluding market-traded non-fossil electricity, for the newest
factor year not later than the reporting year (the earliest year when none is). The year and value
used are stored with the result and printed in the filing. The table is under "Factors".

### §4.3 Energy metrics

```
tce_c                       = amount_c × tce_per_unit_c                  (per carrier)
total_tce                   = Σ tce_c                                    (must be > 0)
elec_kwh                    = grid_electricity + green_electricity + onsite_renewable
gec_cover_kwh               = min(grid_electricity, gec_mwh × 1000)
non_fossil_share            = 100 × (tce of green_electricity, onsite_renewable, other_non_fossil) / total_tce
renewable_electricity_share = 100 × (green_electricity + onsite_renewable + gec_cover_kwh) / elec_kwh
electrification             = 100 × (tce of the three electricity carriers) / total_tce
```

### §4.4 Coal change (E1)

```
coal_tce_now  = tce_raw_coal + tce_coke
coal_tce_2020 = coal_2020.raw_coal × tce_per_unit_raw_coal + coal_2020.coke × tce_per_unit_coke
coal_change   = (coal_tce_now − coal_tce_2020) / coal_tce_2020            (when coal_tce_2020 > 0)
```

### §4.5 Carbon metrics

```
scope1_t                 = Σ over fossil fuels (amount × CO₂ factor) + process_co2_t
scope2_t                 = (grid_electricity − gec_cover_kwh) × grid_factor / 1000 + purchased_heat × heat factor
co2_t                    = scope1_t + scope2_t
co2_per_tce              = co2_t / total_tce
product_carbon_intensity = co2_t / output.quantity
offset_coverage          = 100 × min(1, offsets_t / co2_t)                (100 when co2_t = 0)
```

### §4.6 Air (M1)

Each organised outlet has a source type that sets its ultra-low limits (under "Factors"; a custom
source names its standard and limits). `r = annual mean concentration / limit` for each pollutant
an outlet reports; `worst_air_ratio` is the largest `r`. An outlet also carries its hourly
compliance rate; below the indicator's `compliance_min` the fraction is capped.

### §4.7 Water (M2)

Zero liquid discharge, or (pollutant, concentration, limit) rows for at least COD and NH3-N;
`worst_water_ratio = max(concentration / limit)`.

### §4.8 Carbon elasticity (M6)

From `co2_t` and output of the reporting year and the same two figures three years earlier:

```
g_co2 = (co2_t / co2_3y_ago) ** (1/3) − 1
g_out = (output / output_3y_ago) ** (1/3) − 1
|g_out| below flat_growth:  s = 1 if g_co2 ≤ 0 else 0      (g_co2 rounded half up to 4 decimals, §9 E4)
otherwise e = g_co2 / g_out, and
    output rising:  s = lin(e, rising_zero_at, rising_full_at)
    output falling: s = lin(e, falling_zero_at, falling_full_at)
```

## §5 Grades and the short board

The final grade is the lower of the score band (the best grade whose `min_total` the rounded total
reaches) and the best grade whose gates all pass. Every result says why it is not one grade
higher — the "short board": the failed prerequisites, the failed gates of the next grade, and the
indicators that lost the most points (how many is `short_board.top_indicators`), each with the value
that would earn full marks.

## §6 Validation of inputs

- Percentages outside 0–100, negative amounts, concentrations or outputs and non-finite numbers are
  refused with a message naming the field and the allowed range; nothing wrong is saved.
- A divisor of 0 (a carrier amount, an output, a limit) makes the dependent figure invalid with a
  clear message, except where a rule above says otherwise.
- Full-width digits (１２３．５), thousands separators (1,234.5) and a trailing unit are normalised
  when unambiguous and refused otherwise — never silently misread.
- The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
  `0123456789ABCDEFGHJKLMNPQRTUWXY`, the last a check character
  `31 − (Σ value(c_i) × w_i mod 31)` with `w = 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28`
  (31 is written `0`). A wrong code is refused with the reason.

## §7 The answers document

`dnz-answers/1` is the one JSON document the command line scores, a filing carries and an import
reads back: see docs/dnz-answers.md. Unknown keys are an error; percentages are 0–100; `"na"`
marks N/A where it is allowed.

## §8 The worked example

`assessments/examples/worked-example.json` scores total **57.0**, grade **compliant** (the score
band; the gates would allow advanced): process 18.0 (P8 N/A, rescaled over the other weights),
energy 8.9, governance 10.5, emission 19.7; total_tce 16 906.75, co2_t 50 430.9 (grid factor
2023, 0.6096), coal_change −20 %, worst_air_ratio 0.64, worst_water_ratio 0.56. The program
offers it as its demo and the tests hold every figure.

## §9 Exactness and bounds

- **E1 Exact arithmetic.** Every number is the decimal as typed; every figure equals exact
  rational arithmetic on those decimals, so floating-point error never decides a rounding or a
  comparison (E5 = 95 → 2.85 points → shown 2.9; a total of 69.95 → 70.0 → `advanced` when the
  gates allow it). Only the cube roots of §4.8 are irrational: they are taken in double precision.
- **E2** The dimension-share gate compares the rounded dimension scores, as shown.
- **E3** Fuel CO₂ factors are computed from their parameters, unrounded; filings print the
  parameters and the computed factor.
- **E4** The flat-output branch of §4.8 uses `g_co2` rounded half up to 4 decimals.
- **E5** The answers document also admits the optional `factors` object (electricity basis and
  coefficient, grid-factor year, measured fuel parameters) and `outlets[i].standard`.
- **E6 Bounds.** Refused with the field, the value and the range: amounts above 10¹² in canonical
  units, years outside 2000–2100, and any divisor (output, year −3 CO₂ and output, concentration
  limits) below 10⁻⁶. No figure is ever infinite or NaN; JSON output never holds `Infinity`/`NaN`.
"""


def cell(value: Any) -> str:
    """A value as one table cell: no line breaks, pipes escaped."""
    if value is None:
        text = "—"
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|")


def local(text: Mapping[str, str] | None, sep: str = " / ") -> str:
    if not text:
        return "—"
    zh, en = text.get("zh", ""), text.get("en", "")
    return f"{zh}{sep}{en}" if zh and en else zh or en


def table(head: list[str], rows: Iterable[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return [*out, ""]


def other_data(data: Mapping[str, Any], known: set[str], title: str) -> list[str]:
    rest = {k: v for k, v in data.items() if k not in known}
    if not rest:
        return []
    text = json.dumps(rest, ensure_ascii=False, indent=2, sort_keys=True)
    return [f"**Other data ({title})**", "", "```json", text, "```", ""]


# --------------------------------------------------------------------------- criteria


def gate_lines(gates: list[Mapping[str, Any]], depth: int = 0) -> list[str]:
    out = []
    for gate in gates:
        params = {k: v for k, v in gate.items() if k not in ("kind", "label", "gates")}
        shown = ", ".join(f"`{k}` = {cell(v)}" for k, v in sorted(params.items()))
        out.append(f"{'  ' * depth}- {local(gate.get('label'))} — `{gate['kind']}`{'; ' + shown if shown else ''}")
        out += gate_lines(gate.get("gates", []), depth + 1)
    return out


def veto_section(veto: Mapping[str, Any]) -> list[str]:
    na = veto.get("na", {})
    allowed = "可选“不适用” — may be N/A" + (f" ({local(na.get('label'))})" if na.get("label") else "") if na.get("allowed") else "不可不适用 — always applies"
    out = [
        f"#### {veto['id']} {local(veto['title'])}",
        "",
        f"- **Question:** {local(veto['question'])}",
        f"- **N/A:** {allowed}",
        f"- **Basis:** {veto['source']}",
    ]
    if veto.get("source_note"):
        out.append(f"- **Note on the basis:** {local(veto['source_note'])}")
    out += [f"- **Evidence:** {local(veto['evidence'])}", f"- **Help:** {local(veto['help'])}", ""]
    known = {"id", "title", "question", "na", "source", "source_note", "evidence", "help"}
    return out + other_data(veto, known, veto["id"])


def indicator_section(ind: Mapping[str, Any]) -> list[str]:
    answer, scoring, na = ind["answer"], ind["scoring"], ind["na"]
    method = scoring["method"]
    params = {k: v for k, v in scoring.items() if k != "method"}
    out = [
        f"#### {ind['id']} {local(ind['title'])}",
        "",
        f"- **Weight:** {ind['weight']:g}",
        f"- **Question:** {local(ind['question'])}",
    ]
    shape = [f"type `{answer['type']}`"]
    for key in ("unit", "min", "max"):
        if key in answer:
            shape.append(f"{key} {answer[key]}")
    if ind.get("unit"):
        shape.append(f"shown in {ind['unit']}")
    if answer.get("inputs"):
        shape.append("computed from " + ", ".join(f"`{i}`" for i in answer["inputs"]))
    out.append(f"- **Answer:** {'; '.join(shape)}")
    out.append(f"- **Method:** `{method}` — {METHODS.get(method, 'see assessments/scoring.py')}")
    if params:
        out.append("- **Thresholds and parameters:** " + ", ".join(f"`{k}` = {cell(v)}" for k, v in sorted(params.items())))
    rule = f" — {local(na['rule'])}" if na.get("rule") else ""
    section = f" (section `{na['section']}`)" if na.get("section") else ""
    out.append(f"- **N/A rule:** `{na['mode']}` {NA_MODES.get(na['mode'], '')}{section}{rule}")
    out.append(f"- **Basis:** {ind['source']}")
    if ind.get("source_note"):
        out.append(f"- **Note on the basis:** {local(ind['source_note'])}")
    out += [f"- **Evidence:** {local(ind['evidence'])}", f"- **Help:** {local(ind['help'])}", ""]
    if answer.get("options"):
        out += table(
            ["Option", "标签", "Label", "Fraction", "N/A"],
            (
                [o["id"], o["label"].get("zh", ""), o["label"].get("en", ""), o.get("fraction"), "yes" if o.get("na") else ""]
                for o in answer["options"]
            ),
        )
    for sub in ind.get("sub_answers", []):
        out += [
            f"- **Sub-question `{sub['id']}`** ({sub['type']}): {local(sub['question'])} — "
            f"when yes, at most {sub['cap_when_true']:.0%} of the points. {local(sub.get('help'))}",
            "",
        ]
    known = {"id", "dimension", "weight", "title", "question", "help", "evidence", "source", "source_note",
             "unit", "answer", "scoring", "na", "sub_answers"}  # fmt: skip
    out += other_data(ind, known, ind["id"])
    for name, part, part_known in (
        ("answer", answer, {"type", "unit", "min", "max", "inputs", "options"}),
        ("N/A", na, {"mode", "rule", "section"}),
    ):
        out += other_data(part, part_known, f"{ind['id']} {name}")
    return out


def criteria_doc(data: Mapping[str, Any], source: str) -> list[str]:
    out = [
        f"## {local(data['title'])}",
        "",
        f"- **Id:** `{data['id']}` (version {data['version']}; schema `{data['schema']}`; file `{source}`)",
        f"- **Status:** {local(data['status'])}",
        f"- **Factor table:** `{data['factors']}`; answers file format `{data['answers_format']}`",
        f"- **Short board:** the {data['short_board']['top_indicators']} indicators that lose the most points",
        "",
        "### Dimensions",
        "",
    ]
    out += table(
        ["Id", "Letter", "维度", "Dimension", "Max points"],
        ([d["id"], d["letter"], d["name"]["zh"], d["name"]["en"], d["max_points"]] for d in data["dimensions"]),
    )
    out += ["### Prerequisites (一票否决 vetoes)", "", "A grade's `vetoes_pass` gate (see Grades) needs every one of them to pass.", ""]
    for veto in data["vetoes"]:
        out += veto_section(veto)
    out += ["### Indicators", ""]
    for dim in data["dimensions"]:
        inds = [i for i in data["indicators"] if i["dimension"] == dim["id"]]
        total = sum(i["weight"] for i in inds)
        out += [
            f"### {dim['letter']} — {local(dim['name'])} ({dim['max_points']:g} points; weights sum to {total:g})",
            "",
            "An indicator's points are max points × weight ÷ (sum of the applicable weights of its dimension)"
            " × its fraction: an N/A indicator's weight is shared out among the others.",
            "",
        ]
        for ind in inds:
            out += indicator_section(ind)
    out += ["### Grades (best first)", ""]
    for grade in data["grades"]:
        out += [f"#### {local(grade['name'])} (`{grade['id']}`): total ≥ {grade['min_total']:g}", ""]
        out += gate_lines(grade.get("gates", [])) or ["- no gate"]
        out.append("")
    known = {"schema", "id", "version", "title", "status", "factors", "answers_format", "dimensions", "vetoes",
             "indicators", "grades", "short_board"}  # fmt: skip
    return out + other_data(data, known, data["id"])


# --------------------------------------------------------------------------- factors


def co2_text(co2: Mapping[str, Any]) -> str:
    params = {k: v for k, v in co2.items() if k not in ("method", "source", "status")}
    return f"`{co2['method']}` " + ", ".join(f"{k} = {cell(v)}" for k, v in sorted(params.items()))


def factors_doc(data: Mapping[str, Any], source: str) -> list[str]:
    out = [
        f"## {local(data['title'])}",
        "",
        f"- **Id:** `{data['id']}` (schema `{data['schema']}`; file `{source}`)",
        f"- **MJ per kgce:** {data['kgce_mj']}",
        "",
        "### Energy carriers",
        "",
    ]
    out += table(
        ["Id", "名称 / Name", "Unit", "Kinds", "tce per unit", "Source (tce)", "Status", "CO₂", "Source (CO₂)", "Status",
         "Input units"],
        (
            [c["id"], local(c["name"]), c["unit"], ", ".join(c["kinds"]), c["tce_per_unit"], c["tce_source"],
             c["tce_status"], co2_text(c["co2"]), c["co2"].get("source"), c["co2"].get("status"),
             ", ".join(f"{u['id']} ×{u['factor']}" for u in c.get("input_units", []))]
            for c in data["carriers"]
        ),
    )  # fmt: skip
    out += ["### Electricity in tce", ""]
    out += table(
        ["Basis", "名称 / Name", "kgce per kWh", "Source", "Status"],
        (
            [key, local(e.get("name")), e.get("kgce_per_kwh"), e.get("source"), e.get("status")]
            for key, e in sorted(data["electricity_tce"].items())
        ),
    )
    out += [f"### Grid emission factors (tCO₂/MWh): {local(data['grid_factor_series'])}", ""]
    out += table(
        ["Year", "Used", "National average", "Fossil", "Source", "Status"],
        ([g["year"], g["used"], g["national_average"], g["fossil"], g["source"], g["status"]] for g in data["grid_factors"]),
    )
    out += ["### Ultra-low emission limits (mg/m³)", ""]
    out += table(
        ["Source type", "名称 / Name", "Limits", "Source", "Status"],
        (
            [u["source_type"], local(u["name"]), ", ".join(f"{k} {v}" for k, v in u["limits"].items()), u["source"], u["status"]]
            for u in data["ultra_low_limits"]
        ),
    )
    custom = data.get("custom_source")
    if custom:
        out += [f"Custom source type `{custom['source_type']}`: {local(custom['name'])}.", ""]
    known = {"schema", "id", "title", "kgce_mj", "carriers", "electricity_tce", "grid_factors", "grid_factor_series",
             "ultra_low_limits", "custom_source"}  # fmt: skip
    return out + other_data(data, known, data["id"])


def render() -> str:
    out = [
        "# The scoring standard (评价标准)",
        "",
        "<!-- Generated by scripts/gen_criteria_doc.py from assessments/criteria/*.json and",
        "     assessments/factors/*.json. Do not edit: change the data, then run the script. -->",
        "",
        "This is the standard the program scores with, written out from its data files: the criteria",
        "(what is asked, how each answer is scored, when an indicator does not apply, what it rests on and",
        "what evidence is kept) and the factor tables (every conversion and emission factor with its",
        "source and whether it has been verified). Code comments cite its rules by section (§0–§9).",
        "",
    ]
    out += [*RULES.splitlines(), ""]
    for path in sorted(CRITERIA_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out += ["# Criteria", "", *criteria_doc(data, str(path.relative_to(ROOT)))]
    for path in sorted(FACTORS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out += ["# Factors", "", *factors_doc(data, str(path.relative_to(ROOT)))]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if argv[:1] == ["--check"]:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python3 scripts/gen_criteria_doc.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
