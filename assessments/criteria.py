"""The criteria set as data: schema, validation and loading (docs/criteria.md writes the standard out).

A criteria file declares dimensions, vetoes, indicators (question, help, basis, evidence, how
the answer is given, how it is scored, when it may be N/A) and grades with their gates. Scoring
*methods* and gate *kinds* are a fixed vocabulary implemented in code; every number they use
(thresholds, fractions, weights, caps) lives in the file, so the bureau can issue a new version
without a new program.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from ._reader import DataReader, read_text
from .criteria_model import (
    ANSWER_TYPES,
    METRICS,
    NA_MODES,
    AnswerSpec,
    Criteria,
    Dimension,
    Gate,
    Grade,
    Indicator,
    NaRule,
    Option,
    SubAnswer,
    Veto,
)
from .errors import CriteriaError, Problem
from .methods import ScoringMethod, method, method_names, param_kinds
from .texts import LocalText
from .vocabulary import INPUT_SECTIONS
from .vocabulary import NA_SECTIONS as SECTIONS

# The model's classes are imported from here by many callers.
__all__ = [
    "DEFAULT_CRITERIA_ID",
    "AnswerSpec",
    "Criteria",
    "Dimension",
    "Gate",
    "Grade",
    "Indicator",
    "NaRule",
    "Option",
    "SubAnswer",
    "Veto",
    "available_criteria",
    "load_criteria",
    "parse_criteria",
]

GATE_KINDS = {
    "vetoes_pass": frozenset(),
    "dimensions_min_share": frozenset({"share"}),
    "answer_in": frozenset({"indicator", "values"}),
    "metric_max": frozenset({"metric", "max"}),
    "metric_min": frozenset({"metric", "min"}),
    "fraction_min": frozenset({"indicator", "min"}),
    "any": frozenset({"gates"}),
    "all": frozenset({"gates"}),
}
GATE_OPTIONAL = {"metric_max": frozenset({"pass_if_na"}), "metric_min": frozenset({"pass_if_na"})}


def _with_id(value: Any, path: str) -> str:
    """Name the entry by its id as early as possible ("indicators[3] (P4)"), so that even a
    missing key is reported against the indicator a person knows, not only its position."""
    entry_id = value.get("id") if isinstance(value, dict) else None
    return f"{path} ({entry_id})" if isinstance(entry_id, str) and entry_id.strip() else path


def _read_option(r: DataReader, value: Any, path: str) -> Option:
    d = r.obj(value, path, {"id", "label"}, {"fraction", "na"})
    oid = r.text(d["id"], f"{path}.id")
    na = d.get("na", False)
    if not isinstance(na, bool):
        r.fail(f"{path}.na", "应为 true 或 false", "must be true or false")
    if na == ("fraction" in d):
        r.fail(path, "选项须有 fraction，或标记 na（二者取一）", "an option has either a fraction or na: true")
    fraction = r.number(d["fraction"], f"{path}.fraction", lo=0.0, hi=1.0) if "fraction" in d else None
    return Option(oid, read_text(r, d["label"], f"{path}.label"), fraction, na)


def _read_answer(r: DataReader, value: Any, path: str) -> AnswerSpec:
    d = r.obj(value, path, {"type"}, {"options", "min", "max", "unit", "inputs"})
    kind = r.choice(d["type"], f"{path}.type", ANSWER_TYPES)
    if kind == "choice":
        options = tuple(
            _read_option(r, o, f"{path}.options[{i}]")
            for i, o in enumerate(r.array(d.get("options"), f"{path}.options"))
        )
        ids = [o.id for o in options]
        if len(set(ids)) != len(ids) or "na" in ids:
            r.fail(f"{path}.options", "选项 id 重复或使用了保留字 na", "duplicate option ids or reserved id 'na'")
        return AnswerSpec(kind, options=options)
    if kind == "number":
        lo = r.number(d.get("min"), f"{path}.min")
        hi = r.number(d.get("max"), f"{path}.max")
        if hi <= lo:
            r.fail(path, "max 须大于 min", "max must exceed min")
        return AnswerSpec(kind, min=lo, max=hi, unit=d.get("unit"))
    if kind == "computed":
        inputs = tuple(
            r.choice(s, f"{path}.inputs", INPUT_SECTIONS) for s in r.array(d.get("inputs"), f"{path}.inputs")
        )
        return AnswerSpec(kind, inputs=inputs)
    return AnswerSpec(kind)


def _read_gate(r: DataReader, value: Any, path: str) -> Gate:
    kind = r.choice(value.get("kind") if isinstance(value, dict) else None, f"{path}.kind", set(GATE_KINDS))
    required = GATE_KINDS[kind]
    d = r.obj(value, path, {"kind", "label", *required}, GATE_OPTIONAL.get(kind, frozenset()))
    label = read_text(r, d["label"], f"{path}.label")
    params = {k: v for k, v in d.items() if k not in {"kind", "label", "gates"}}
    for key in ("share", "max", "min"):
        if key in params:
            r.number(params[key], f"{path}.{key}")
    if "metric" in params:
        r.choice(params["metric"], f"{path}.metric", METRICS)
    gates: tuple[Gate, ...] = ()
    if kind in {"any", "all"}:
        gates = tuple(
            _read_gate(r, g, f"{path}.gates[{i}]") for i, g in enumerate(r.array(d["gates"], f"{path}.gates"))
        )
    return Gate(kind, label, params, gates)


def _read_indicator(r: DataReader, value: Any, path: str, dims: set[str]) -> Indicator:
    path = _with_id(value, path)
    d = r.obj(
        value,
        path,
        {"id", "dimension", "weight", "title", "question", "help", "evidence", "source", "answer", "scoring", "na"},
        {"unit", "sub_answers", "source_note"},
    )
    iid = r.text(d["id"], f"{path}.id")
    answer = _read_answer(r, d["answer"], f"{path}.answer")
    scoring = r.obj(d["scoring"], f"{path}.scoring", {"method"}, set(param_kinds()))
    name = r.choice(scoring["method"], f"{path}.scoring.method", set(method_names()))
    params = {k: v for k, v in scoring.items() if k != "method"}
    _check_scoring(r, method(name), params, answer, path)
    n = r.obj(d["na"], f"{path}.na", {"mode"}, {"section", "rule"})
    mode = r.choice(n["mode"], f"{path}.na.mode", NA_MODES)
    section = r.choice(n["section"], f"{path}.na.section", SECTIONS) if "section" in n else None
    if (mode == "section") != (section is not None):
        r.fail(f"{path}.na", "mode 为 section 时须且仅须给出 section", "section goes with mode 'section' only")
    if mode == "option" and not any(o.na for o in answer.options):
        r.fail(f"{path}.na", "mode 为 option 时须有一个 na 选项", "mode 'option' needs an option with na: true")
    if mode != "option" and any(o.na for o in answer.options):
        r.fail(f"{path}.na", "有 na 选项时 mode 须为 option", "an option with na: true needs mode 'option'")
    if mode == "answer" and answer.type not in {"number", "choice", "boolean"}:
        r.fail(f"{path}.na", "计算类指标不能由用户标记不适用", "computed indicators cannot be marked N/A by the user")
    subs = []
    for i, s in enumerate(d.get("sub_answers", [])):
        sp = f"{path}.sub_answers[{i}]"
        sd = r.obj(s, sp, {"id", "type", "question", "help", "cap_when_true"})
        r.choice(sd["type"], f"{sp}.type", {"boolean"})
        subs.append(
            SubAnswer(
                r.text(sd["id"], f"{sp}.id"),
                "boolean",
                read_text(r, sd["question"], f"{sp}.question"),
                read_text(r, sd["help"], f"{sp}.help"),
                r.number(sd["cap_when_true"], f"{sp}.cap_when_true", lo=0.0, hi=1.0),
            )
        )
    return Indicator(
        id=iid,
        dimension=r.choice(d["dimension"], f"{path}.dimension", dims),
        weight=r.number(d["weight"], f"{path}.weight", lo=1e-9),
        title=read_text(r, d["title"], f"{path}.title"),
        question=read_text(r, d["question"], f"{path}.question"),
        help=read_text(r, d["help"], f"{path}.help"),
        evidence=read_text(r, d["evidence"], f"{path}.evidence"),
        source=r.text(d["source"], f"{path}.source"),
        unit=d.get("unit"),
        answer=answer,
        sub_answers=tuple(subs),
        method=name,
        params=params,
        na=NaRule(mode, section, read_text(r, n["rule"], f"{path}.na.rule") if "rule" in n else None),
        source_note=_read_source_note(r, d, path),
    )


def _check_scoring(r: DataReader, m: ScoringMethod, params: Mapping[str, Any], answer: AnswerSpec, path: str) -> None:
    """An indicator's ``scoring`` against its method's schema: every parameter the method takes,
    each of the right kind, the answer type it scores, then the method's own checks."""
    missing = sorted(set(m.params) - params.keys())
    if missing:
        r.fail(
            f"{path}.scoring",
            f"方法 {m.name} 缺少参数 {', '.join(missing)}",
            f"method {m.name} needs {', '.join(missing)}",
        )
    if answer.type != m.answer_type:
        r.fail(
            f"{path}.scoring.method",
            f"方法 {m.name} 只能用于 {m.answer_type} 类型的答案",
            f"method {m.name} scores {m.answer_type} answers",
        )
    kinds = param_kinds()
    for key, val in params.items():
        if kinds[key] == "metric":
            r.choice(val, f"{path}.scoring.{key}", METRICS)
        elif kinds[key] == "number":
            r.number(val, f"{path}.scoring.{key}")
    for lo_key, hi_key in m.distinct:
        if params[lo_key] == params[hi_key]:
            r.fail(f"{path}.scoring", f"{lo_key} 与 {hi_key} 不能相等", f"{lo_key} must differ from {hi_key}")
    m.validate(r, params, answer, path)


def _read_source_note(r: DataReader, d: Mapping[str, Any], path: str) -> LocalText | None:
    """``source_note``: why a cited source from outside Shandong applies (no published 双近零
    criteria exist; the set borrows from the closest schemes elsewhere)."""
    return read_text(r, d["source_note"], f"{path}.source_note") if "source_note" in d else None


def _read_veto(r: DataReader, value: Any, path: str) -> Veto:
    path = _with_id(value, path)
    d = r.obj(value, path, {"id", "title", "question", "help", "evidence", "source", "na"}, {"source_note"})
    vid = r.text(d["id"], f"{path}.id")
    n = r.obj(d["na"], f"{path}.na", {"allowed"}, {"label"})
    if not isinstance(n["allowed"], bool):
        r.fail(f"{path}.na.allowed", "应为 true 或 false", "must be true or false")
    if n["allowed"] != ("label" in n):
        r.fail(f"{path}.na", "允许不适用时须给出 label", "allowed N/A needs a label")
    return Veto(
        id=vid,
        title=read_text(r, d["title"], f"{path}.title"),
        question=read_text(r, d["question"], f"{path}.question"),
        help=read_text(r, d["help"], f"{path}.help"),
        evidence=read_text(r, d["evidence"], f"{path}.evidence"),
        source=r.text(d["source"], f"{path}.source"),
        na_allowed=n["allowed"],
        na_label=read_text(r, n["label"], f"{path}.na.label") if "label" in n else None,
        source_note=_read_source_note(r, d, path),
    )


def _check_gate_refs(r: DataReader, gate: Gate, path: str, by_id: Mapping[str, Indicator]) -> None:
    indicator_id = gate.params.get("indicator") or gate.params.get("pass_if_na")
    if indicator_id is not None:
        if indicator_id not in by_id:
            r.fail(path, f"引用了不存在的指标 {indicator_id}", f"refers to unknown indicator {indicator_id}")
        if gate.kind == "answer_in":
            spec = by_id[indicator_id].answer
            values = gate.params["values"]
            if not isinstance(values, list) or not values or any(spec.option(v) is None for v in values):
                r.fail(
                    f"{path}.values", f"须为 {indicator_id} 的选项 id 列表", f"must list option ids of {indicator_id}"
                )
    for i, sub in enumerate(gate.gates):
        _check_gate_refs(r, sub, f"{path}.gates[{i}]", by_id)


def parse_criteria(data: Any, source: str) -> Criteria:
    """Validate a criteria document; raise CriteriaError naming the broken entry."""
    r = DataReader(source)
    d = r.obj(
        data,
        "$",
        {
            "schema",
            "id",
            "version",
            "title",
            "status",
            "factors",
            "answers_format",
            "dimensions",
            "vetoes",
            "indicators",
            "grades",
            "short_board",
        },
    )
    if d["schema"] != "dnz-criteria/1":
        r.fail("schema", "应为 dnz-criteria/1", "must be dnz-criteria/1")
    if d["answers_format"] != "dnz-answers/1":
        r.fail("answers_format", "应为 dnz-answers/1", "must be dnz-answers/1")
    dims = []
    for i, dv in enumerate(r.array(d["dimensions"], "dimensions")):
        dd = r.obj(dv, f"dimensions[{i}]", {"id", "letter", "name", "max_points"})
        dims.append(
            Dimension(
                r.text(dd["id"], f"dimensions[{i}].id"),
                r.text(dd["letter"], f"dimensions[{i}].letter"),
                read_text(r, dd["name"], f"dimensions[{i}].name"),
                r.number(dd["max_points"], f"dimensions[{i}].max_points", lo=1e-9),
            )
        )
    dim_ids = {x.id for x in dims}
    vetoes = tuple(_read_veto(r, v, f"vetoes[{i}]") for i, v in enumerate(r.array(d["vetoes"], "vetoes")))
    indicators = tuple(
        _read_indicator(r, v, f"indicators[{i}]", dim_ids) for i, v in enumerate(r.array(d["indicators"], "indicators"))
    )
    all_ids = [v.id for v in vetoes] + [i.id for i in indicators] + [s.id for i in indicators for s in i.sub_answers]
    dupes = sorted({x for x in all_ids if all_ids.count(x) > 1})
    if dupes:
        r.fail("indicators", f"id 重复：{', '.join(dupes)}", f"duplicate ids: {', '.join(dupes)}")
    by_id = {i.id: i for i in indicators}
    for dim in dims:
        if not any(i.dimension == dim.id for i in indicators):
            r.fail(f"dimensions ({dim.id})", "该维度没有任何指标", "dimension has no indicator")
    kinds = param_kinds()
    for ind in indicators:
        for key, needed in ind.params.items():
            if kinds[key] == "indicator" and needed not in by_id:
                r.fail(f"indicators ({ind.id}).scoring.{key}", f"不存在的指标 {needed}", f"unknown indicator {needed}")
    grades = []
    for i, gv in enumerate(r.array(d["grades"], "grades")):
        gd = r.obj(gv, f"grades[{i}]", {"id", "name", "min_total", "gates"})
        gid = r.text(gd["id"], f"grades[{i}].id")
        gates = tuple(
            _read_gate(r, g, f"grades[{i}] ({gid}).gates[{j}]")
            for j, g in enumerate(r.array(gd["gates"], f"grades[{i}].gates", nonempty=False))
        )
        for j, gate in enumerate(gates):
            _check_gate_refs(r, gate, f"grades[{i}] ({gid}).gates[{j}]", by_id)
        grades.append(
            Grade(
                gid,
                read_text(r, gd["name"], f"grades[{i}].name"),
                r.number(gd["min_total"], f"grades[{i}].min_total", lo=0.0),
                gates,
            )
        )
    totals = [g.min_total for g in grades]
    if totals != sorted(totals, reverse=True) or len(set(totals)) != len(totals):
        r.fail(
            "grades",
            "等级须按分数线从高到低排列且分数线互不相同",
            "grades must be ordered by strictly falling min_total",
        )
    if grades[-1].gates or grades[-1].min_total != 0:
        r.fail("grades", "最低等级须无门槛且分数线为0", "the lowest grade must have no gates and min_total 0")
    sb = r.obj(d["short_board"], "short_board", {"top_indicators"})
    return Criteria(
        id=r.text(d["id"], "id"),
        version=r.text(d["version"], "version"),
        title=read_text(r, d["title"], "title"),
        status=read_text(r, d["status"], "status"),
        factors_id=r.text(d["factors"], "factors"),
        dimensions=tuple(dims),
        vetoes=vetoes,
        indicators=indicators,
        grades=tuple(grades),
        short_board_top=int(r.number(sb["top_indicators"], "short_board.top_indicators", lo=1, hi=50)),
    )


def available_criteria() -> tuple[str, ...]:
    """Ids of the criteria sets bundled with the program."""
    folder = resources.files("assessments").joinpath("criteria")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@lru_cache(maxsize=8)
def load_criteria(criteria_id: str) -> Criteria:
    """Load and validate a bundled criteria set by id (cached: the data is immutable)."""
    if criteria_id not in available_criteria():
        known = "、".join(available_criteria())
        raise CriteriaError(
            [
                Problem(
                    "criteria",
                    f"未知的评价标准版本“{criteria_id}”，本程序支持：{known}",
                    f"unknown criteria set '{criteria_id}'; this program knows: {known}",
                )
            ]
        )
    name = f"{criteria_id}.json"
    raw = resources.files("assessments").joinpath("criteria", name).read_text(encoding="utf-8")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CriteriaError(
            [
                Problem(
                    name, f"JSON 格式错误（第{exc.lineno}行第{exc.colno}列）", f"bad JSON at {exc.lineno}:{exc.colno}"
                )
            ]
        ) from exc
    criteria = parse_criteria(data, name)
    if criteria.id != criteria_id:
        raise CriteriaError(
            [Problem(name, f"文件内 id 为 {criteria.id}，与文件名不符", "id does not match the file name")]
        )
    return criteria


DEFAULT_CRITERIA_ID = "binzhou-dnz-2025.1"
