"""Parsing the document's sections: enterprise, answers, energy, 2020 coal, output and outlets."""

from __future__ import annotations

from typing import Any

from .document_model import AnswerValue, Coal2020, Enterprise, Outlet, Output
from .document_parser import (
    _INDUSTRY_CODE,
    _PHONE,
    DIVISOR_MIN,
    MAX_AMOUNT,
    MAX_CONCENTRATION,
    MAX_OUTLETS,
    TEXT_LIMITS,
    Parser,
    fmt_value,
    item_label,
)
from .errors import show_value
from .exact import Number
from .rows import incomplete_rows
from .uscc import normalise_uscc, uscc_problem
from .vocabulary import ENTERPRISE_KEYS, NA, POLLUTANTS, REQUIRED_ENTERPRISE, NaMark

# --------------------------------------------------------------------------- sections


def parse_enterprise(p: Parser, value: Any) -> Enterprise:
    data = p.obj(value, "enterprise")
    if data is None:
        return Enterprise()
    p.keys(data, "enterprise", ENTERPRISE_KEYS, REQUIRED_ENTERPRISE)
    out: dict[str, str | None] = {}
    for key in ENTERPRISE_KEYS:
        if key not in data:
            continue
        raw = data[key]
        if raw is None and key not in REQUIRED_ENTERPRISE:
            continue
        text = p.text(raw, f"enterprise.{key}", TEXT_LIMITS[key], required=key in REQUIRED_ENTERPRISE)
        if text is None:
            continue
        if key == "uscc":
            code = normalise_uscc(text)
            reason = uscc_problem(code)
            if reason:
                p.problem(
                    "enterprise.uscc",
                    f"统一社会信用代码 {show_value(text)} 无效：{reason.zh}",
                    f"unified social credit code {text!r} is invalid: {reason.en}",
                )
                continue
            text = code
        elif key == "industry_code" and text:
            text = text.upper()
            if not _INDUSTRY_CODE.fullmatch(text):
                p.problem(
                    "enterprise.industry_code",
                    f"行业代码 {show_value(text)} 格式不对：应为 GB/T 4754 门类字母加2–4位数字，如 C2614",
                    f"industry code {text!r} must be a GB/T 4754 letter plus 2–4 digits, e.g. C2614",
                )
                continue
        elif key == "phone" and text and not _PHONE.fullmatch(text):
            p.problem(
                "enterprise.phone",
                f"电话 {show_value(text)} 只能包含数字、空格和 + - ( ) 转 #",
                f"phone {text!r} may contain digits, spaces and + - ( ) only",
            )
            continue
        out[key] = text or None
    return Enterprise(**out)


def parse_answers(p: Parser, value: Any) -> dict[str, AnswerValue]:
    data = p.obj(value, "answers")
    if data is None:
        return {}
    c = p.criteria
    allowed = c.answer_keys()
    p.keys(data, "answers", allowed)
    out: dict[str, AnswerValue] = {}
    vetoes = {v.id: v for v in c.vetoes}
    subs = {s.id: (ind, s) for ind in c.indicators for s in ind.sub_answers}
    for key in allowed:
        path = f"answers.{key}"
        if key not in data:
            continue
        raw = data[key]
        if key in vetoes:
            veto = vetoes[key]
            if type(raw) is str and raw == NA:
                if veto.na_allowed:
                    out[key] = NA
                else:
                    p.problem(
                        path,
                        f"{item_label(key, c)}：此项不允许填“na”（不适用），请回答 true 或 false",
                        "N/A is not allowed here; answer true or false",
                    )
                continue
            b = p.boolean(raw, path)
            if b is not None:
                out[key] = b
            continue
        if key in subs:
            b = p.boolean(raw, path)
            if b is not None:
                out[key] = b
            continue
        ind = c.indicator(key)
        spec = ind.answer
        if type(raw) is str and raw == NA:
            if ind.na.mode == "answer":
                out[key] = NA
            elif ind.na.mode == "option":
                na_opt = next(o.id for o in spec.options if o.na)
                p.problem(
                    path,
                    f"{item_label(ind, c)}：不适用请选择选项“{na_opt}”，而不是“na”",
                    f"choose the option '{na_opt}' for not applicable, not 'na'",
                )
            else:
                p.problem(path, f"{item_label(ind, c)}：此项不允许标记为不适用（na）", "this indicator cannot be N/A")
            continue
        if spec.type == "choice":
            if isinstance(raw, str) and spec.option(raw) is not None:
                out[key] = raw
            else:
                listed = "；".join(f"{o.id}（{o.label.zh}）" for o in spec.options)
                p.problem(
                    path,
                    f"{item_label(ind, c)}：{show_value(raw)} 不是允许的选项。允许：{listed}",
                    f"{show_value(raw)} is not an allowed option: {', '.join(o.id for o in spec.options)}",
                )
        elif spec.type == "number":
            assert spec.min is not None and spec.max is not None
            n = p.number(raw, path, spec.min, spec.max, unit=spec.unit or "")
            if n is not None:
                out[key] = n
        elif spec.type == "boolean":
            b = p.boolean(raw, path)
            if b is not None:
                out[key] = b
    return out


def parse_energy(p: Parser, value: Any) -> dict[str, Number]:
    data = p.obj(value, "energy")
    if data is None:
        return {}
    ids = p.factors.carrier_ids
    p.keys(data, "energy", ids)
    out: dict[str, Number] = {}
    for cid in ids:
        if cid in data:
            unit = p.factors.carrier(cid).unit
            n = p.number(data[cid], f"energy.{cid}", 0, MAX_AMOUNT, unit=f" {unit}")
            if n is not None:
                out[cid] = n
    return out


def parse_coal_2020(p: Parser, value: Any) -> Coal2020 | None:
    data = p.obj(value, "coal_2020")
    if data is None:
        return None
    p.keys(data, "coal_2020", ("raw_coal", "coke"))
    raw = _coal_base(p, data.get("raw_coal", 0), "coal_2020.raw_coal")
    coke = _coal_base(p, data.get("coke", 0), "coal_2020.coke")
    return Coal2020(raw or 0, coke or 0)


def _coal_base(p: Parser, value: Any, path: str) -> Number | None:
    """A 2020 coal figure: 0, or at least 10⁻⁶ t — the 2020 base divides the coal change (E6)."""
    number = p.number(value, path, 0, MAX_AMOUNT, unit=" t")
    if number is not None and 0 < number < DIVISOR_MIN:
        p.problem(
            path,
            f"数值 {fmt_value(number)} 过小：2020 年煤炭消费量是计算煤炭消费变化的基数（除数），"
            f"须为 0 或在 {fmt_value(DIVISOR_MIN)}–{fmt_value(MAX_AMOUNT)} t 之间",
            f"{fmt_value(number)} is too small: the 2020 coal figure is a divisor; give 0 or "
            f"{fmt_value(DIVISOR_MIN)}–{fmt_value(MAX_AMOUNT)} t",
        )
        return None
    return number


def parse_output(p: Parser, value: Any) -> Output | None:
    data = p.obj(value, "output")
    if data is None:
        return None
    p.keys(data, "output", ("quantity", "unit"), ("quantity", "unit"))
    quantity = p.number(data["quantity"], "output.quantity", 0, 10**13, divisor=True) if "quantity" in data else None
    unit = p.text(data["unit"], "output.unit", 20) if "unit" in data else None
    if quantity is None or unit is None:
        return None
    return Output(quantity, unit)


def _parse_outlet(p: Parser, value: Any, path: str) -> Outlet | None:
    data = p.obj(value, path)
    if data is None:
        return None
    p.keys(
        data,
        path,
        ("name", "source", *POLLUTANTS, "hourly_compliance", "limits", "standard"),
        ("name", "source", "hourly_compliance"),
    )
    name = p.text(data["name"], f"{path}.name", 100) if "name" in data else None
    source = data.get("source")
    types = p.factors.source_types()
    if "source" in data and source not in types:
        listed = "、".join(types)
        p.problem(
            f"{path}.source",
            f"排放源类型 {show_value(source)} 不存在，允许：{listed}",
            f"unknown source type {show_value(source)}; allowed: {', '.join(types)}",
        )
        source = None
    measured: dict[str, Number | None] = {}
    for pol in POLLUTANTS:
        if pol in data:
            measured[pol] = p.number(data[pol], f"{path}.{pol}", 0, MAX_CONCENTRATION, unit=" mg/m³")
    compliance = None
    if "hourly_compliance" in data:
        compliance = p.number(data["hourly_compliance"], f"{path}.hourly_compliance", 0, 100, unit="%")
    limits: dict[str, Number] | None = None
    given_limits: set[str] = set()  # also rejected ones: a bad limit is not a missing limit
    if "limits" in data:
        if source is not None and source != "custom":
            p.problem(
                f"{path}.limits",
                f"只有 custom 类型的排放口可以自填限值；{source} 的超低限值由标准给定",
                f"only 'custom' outlets may give limits; {source} uses the ultra-low table",
            )
        lim = p.obj(data["limits"], f"{path}.limits")
        if lim is not None:
            p.keys(lim, f"{path}.limits", POLLUTANTS)
            given_limits = set(lim)
            limits = {}
            for pol in POLLUTANTS:
                if pol in lim:
                    n = p.number(lim[pol], f"{path}.limits.{pol}", 0, MAX_CONCENTRATION, unit=" mg/m³", divisor=True)
                    if n is not None:
                        limits[pol] = n
    standard = p.text(data["standard"], f"{path}.standard", 200) if "standard" in data else None
    if "standard" in data and source not in (None, "custom"):
        p.problem(
            f"{path}.standard", "只有 custom 类型的排放口需要填写适用标准", "only 'custom' outlets name a standard"
        )
    if not measured and "name" in data:
        p.problem(
            path,
            "排放口至少要填写颗粒物（pm）、SO₂（so2）、NOx（nox）中的一项实测浓度",
            "an outlet must report at least one of pm, so2, nox",
        )
    if source == "custom":
        for pol in measured:
            if limits is not None and pol not in given_limits:
                p.problem(
                    f"{path}.limits.{pol}",
                    f"custom 排放口报告了 {pol}，须同时填写其限值",
                    f"a custom outlet reporting {pol} needs its limit",
                )
        if limits is None and measured:
            p.problem(f"{path}.limits", "custom 排放口须填写所报告污染物的限值", "a custom outlet needs limits")
    if name is None or source is None or (compliance is None and not p.partial):
        return None
    return Outlet(
        name, source, measured.get("pm"), measured.get("so2"), measured.get("nox"), compliance, limits, standard
    )


def parse_outlets(p: Parser, value: Any) -> tuple[Outlet, ...] | NaMark | None:
    if value == NA:
        return NA
    if not isinstance(value, list):
        p.problem(
            "outlets",
            f'应为排放口数组或 "na"（无有组织排放源），实际为 {show_value(value)}',
            'must be an array of outlets or "na"',
        )
        return None
    if len(value) > MAX_OUTLETS:
        p.problem(
            "outlets", f"排放口过多（{len(value)} 个，最多 {MAX_OUTLETS} 个）", f"too many outlets ({len(value)})"
        )
        return None
    if not value and not p.partial:
        p.problem("outlets", '至少填写一个排放口；没有有组织排放源时填 "na"', 'give at least one outlet, or "na"')
    outlets = []
    for i, item in enumerate(value):
        outlet = _parse_outlet(p, item, f"outlets[{i}]")
        if outlet is not None:
            outlets.append(outlet)
    if p.partial:
        report_incomplete_rows(p, "outlets", value, "outlets")
    names = [o.name for o in outlets]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        p.problem("outlets", f"排放口名称重复：{show_value(dup)}", f"duplicate outlet name {dup!r}")
    return tuple(outlets)


def report_incomplete_rows(p: Parser, section: str, value: Any, rows_path: str) -> None:
    """A draft's started-but-unfinished row is refused with what it lacks, never silently dropped
    (a complete document reports the missing keys themselves). A row the parser has already
    complained about keeps that one message."""
    fields = [problem.field for problem in p.problems]
    for row in incomplete_rows(section, value):
        prefix = f"{rows_path}[{row.row}]"
        if not any(f == prefix or f.startswith((prefix + ".", prefix + "[")) for f in fields):
            p.problem(row.field, row.reason.zh, row.reason.en)
