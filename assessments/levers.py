"""The improvement-lever catalogue as data: schema, validation and loading (issue #16, F13).

A lever is a measure a plant can take (buy green electricity, certify a management system,
retrofit an outlet …). The catalogue says which inputs of ``dnz-answers/1`` a lever changes and
how, the bounds of the change, a default unit cost (万元, editable per assessment, always an
estimate with its basis named), the lead time and the evidence it produces. Like the criteria,
the catalogue is versioned data validated on load against the criteria it names, so a broken or
outdated file is reported with the entry at fault instead of producing a wrong plan.

Operations (``change.op``):

``move``   move an amount from one energy carrier to another: ``basis: "amount"`` keeps the
           amount (kWh → kWh; the two carriers share a unit), ``basis: "tce"`` keeps the energy
           (the amount of ``to`` is computed from the document's own tce per unit and rounded
           half up to ``to_step``). Either way total energy stays the same, which keeps every
           share over total energy linear in the amount (the planner relies on it).
``add``    raise a top-level amount (``gec_mwh``, ``offsets_t``).
``raise``  raise a numeric answer (``answers.P4``) up to its allowed maximum.
``set``    set an answer to one value (an option id, or true/false) — one application.
``outlet`` bring one organised outlet's reported concentrations down to ``factor`` × the limit
           it is scored against — one application per outlet.

Numbers are read exactly (``jsonnum``), so a cost of 0.002 is 0.002.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from . import jsonnum
from ._reader import DataReader, read_text
from .criteria import Criteria, load_criteria
from .criteria_model import METRICS
from .errors import CriteriaError, Problem
from .exact import Number
from .factors import Factors, load_factors
from .texts import LocalText

SCHEMA: Final = "dnz-levers/1"
OPS: Final = frozenset({"move", "add", "raise", "set", "outlet"})
ADD_PATHS: Final = frozenset({"gec_mwh", "offsets_t"})
COST_BASES: Final = frozenset({"one_off", "recurring"})
MOVE_BASES: Final = frozenset({"amount", "tce"})
MAX_COST: Final = Decimal(10**6)  # 万元 per unit: beyond any single measure (10 billion CNY)
MAX_LEAD_MONTHS: Final = 120
_ID = re.compile(r"[a-z][a-z0-9_]{0,40}")


@dataclass(frozen=True, slots=True)
class AmountMax:
    """The largest amount, as ``share`` × a document value (``of``) or × a metric of the result."""

    share: Decimal
    of_path: str | None = None
    of_metric: str | None = None


@dataclass(frozen=True, slots=True)
class Requirement:
    """A condition the changed document must meet for the lever to be valid (metric ≤ max)."""

    metric: str
    max: Decimal


@dataclass(frozen=True, slots=True)
class Change:
    op: str
    path: str | None = None  # add, raise, set
    source: str | None = None  # move: the path the amount leaves
    target: str | None = None  # move: the path it goes to
    basis: str | None = None  # move: amount | tce
    to_step: Decimal | None = None  # move by tce: rounding step of the target amount
    value: str | bool | None = None  # set
    factor: Decimal | None = None  # outlet: concentration as a share of its limit


@dataclass(frozen=True, slots=True)
class Cost:
    default: Decimal  # 万元 per unit
    basis: str  # one_off | recurring
    estimate: bool
    source: LocalText


@dataclass(frozen=True, slots=True)
class Unit:
    label: LocalText
    per: int  # amount (in the changed path's own unit) per cost unit; a power of ten


@dataclass(frozen=True, slots=True)
class Lever:
    id: str
    title: LocalText
    description: LocalText
    change: Change
    amount_max: AmountMax | None  # continuous levers; None: the answer's own maximum (raise)
    step: Decimal  # granularity of an amount (continuous levers); 1 for set/outlet
    unit: Unit
    cost: Cost
    lead_time_months: int
    evidence: LocalText
    requires: tuple[Requirement, ...] = ()

    @property
    def continuous(self) -> bool:
        return self.change.op in ("move", "add", "raise")

    @property
    def per_outlet(self) -> bool:
        return self.change.op == "outlet"


@dataclass(frozen=True)
class Catalogue:
    id: str
    version: str
    title: LocalText
    criteria: tuple[str, ...]
    cost_note: LocalText
    levers: tuple[Lever, ...]

    def lever(self, lever_id: str) -> Lever:
        for lever in self.levers:
            if lever.id == lever_id:
                return lever
        raise KeyError(lever_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(lever.id for lever in self.levers)

    def default_costs(self) -> dict[str, Decimal]:
        return {lever.id: lever.cost.default for lever in self.levers}


# --------------------------------------------------------------------------- reading


def _number(
    r: DataReader, value: Any, path: str, *, lo: Number = 0, hi: Number | None = None, positive: bool = False
) -> Decimal:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | Decimal)
        or (isinstance(value, Decimal) and not value.is_finite())
    ):
        r.fail(path, "应为有限数字", "must be a finite number")
    number = Decimal(value)
    if number < lo or (positive and number <= 0) or (hi is not None and number > hi):
        bound = f"{'大于' if positive else '不小于'} {lo}" + (f"，不超过 {hi}" if hi is not None else "")
        r.fail(
            path, f"应{bound}", f"must be {'>' if positive else '≥'} {lo}" + (f" and ≤ {hi}" if hi is not None else "")
        )
    return number


class _Paths:
    """The document paths a lever may change, from the criteria and factor data."""

    def __init__(self, criteria: Criteria, factors: Factors) -> None:
        self.criteria = criteria
        self.factors = factors
        self.energy = {f"energy.{c.id}": c for c in factors.carriers}
        self.subs = {s.id: s for i in criteria.indicators for s in i.sub_answers}

    def answer_spec(self, path: str) -> tuple[str, Any] | None:
        """(kind, spec) of an ``answers.X`` path: ("indicator", Indicator) or ("sub", SubAnswer)."""
        if not path.startswith("answers."):
            return None
        key = path.split(".", 1)[1]
        if key in self.subs:
            return "sub", self.subs[key]
        try:
            ind = self.criteria.indicator(key)
        except KeyError:
            return None
        return ("indicator", ind) if ind.user_answered else None

    def value_path(self, path: str) -> bool:
        """A path whose current value can bound an amount."""
        return path in self.energy or path in ADD_PATHS


def _read_change(r: DataReader, value: Any, path: str, paths: _Paths) -> Change:
    op = r.choice(value.get("op") if isinstance(value, dict) else None, f"{path}.op", OPS)
    if op == "move":
        d = r.obj(value, path, {"op", "from", "to", "basis"}, {"to_step"})
        source, target = d["from"], d["to"]
        for key, p in (("from", source), ("to", target)):
            if not isinstance(p, str) or p not in paths.energy:
                r.fail(
                    f"{path}.{key}", f"“{p}”不是能源品种路径（energy.<品种>）", f"{p!r} is not an energy carrier path"
                )
        if source == target:
            r.fail(path, "from 与 to 不能相同", "from and to must differ")
        basis = r.choice(d["basis"], f"{path}.basis", MOVE_BASES)
        to_step = _number(r, d["to_step"], f"{path}.to_step", positive=True) if "to_step" in d else None
        if basis == "amount":
            if paths.energy[source].unit != paths.energy[target].unit:
                r.fail(
                    f"{path}.basis", "按数量转移只能用于单位相同的能源品种", "basis 'amount' needs carriers of one unit"
                )
            if to_step is not None:
                r.fail(f"{path}.to_step", "按数量转移不需要 to_step", "to_step goes with basis 'tce' only")
        elif to_step is None:
            r.fail(path, "按折标煤量转移须给出 to_step（目标数量的取整步长）", "basis 'tce' needs to_step")
        return Change(op, source=source, target=target, basis=basis, to_step=to_step)
    if op in ("add", "raise"):
        d = r.obj(value, path, {"op", "path"})
        target = d["path"]
        if not isinstance(target, str) or (op == "add" and target not in ADD_PATHS):
            r.fail(
                f"{path}.path", f"add 只能用于 {', '.join(sorted(ADD_PATHS))}", f"add applies to {sorted(ADD_PATHS)}"
            )
        if op == "raise":
            spec = paths.answer_spec(target)
            if spec is None or spec[0] != "indicator" or spec[1].answer.type != "number":
                r.fail(f"{path}.path", "raise 只能用于数值型回答（answers.<指标>）", "raise applies to numeric answers")
        return Change(op, path=target)
    if op == "set":
        d = r.obj(value, path, {"op", "path", "value"})
        target, new = d["path"], d["value"]
        spec = paths.answer_spec(target) if isinstance(target, str) else None
        if spec is None:
            r.fail(f"{path}.path", f"“{target}”不是可回答的指标", f"{target!r} is not an answered indicator")
        kind, item = spec
        answer_type = "boolean" if kind == "sub" else item.answer.type
        if answer_type == "boolean":
            if not isinstance(new, bool):
                r.fail(f"{path}.value", "应为 true 或 false", "must be true or false")
        elif answer_type == "choice":
            option = item.answer.option(new) if isinstance(new, str) else None
            if option is None or option.na:
                r.fail(f"{path}.value", f"应为 {target} 的计分选项", f"must be a scored option of {target}")
        else:
            r.fail(f"{path}.path", "数值型回答请用 raise", "numeric answers take op 'raise'")
        return Change(op, path=target, value=new)
    d = r.obj(value, path, {"op", "factor"})
    return Change(op, factor=_number(r, d["factor"], f"{path}.factor", hi=1, positive=True))


def _read_amount(
    r: DataReader, value: Any, path: str, change: Change, paths: _Paths
) -> tuple[AmountMax | None, Decimal]:
    if change.op in ("set", "outlet"):
        if value is not None:
            r.fail(path, "一次性措施（set、outlet）没有数量范围", "set and outlet levers have no amount")
        return None, Decimal(1)
    if value is None:
        r.fail(path, "连续措施须给出数量范围 amount", "continuous levers need an amount")
    d = r.obj(value, path, {"step"}, {"max"})
    step = _number(r, d["step"], f"{path}.step", positive=True)
    if change.op == "raise":
        if "max" in d:
            r.fail(
                f"{path}.max",
                "raise 的上限是该回答允许的最大值，不另给",
                "raise is bounded by the answer's own maximum",
            )
        return None, step
    if "max" not in d:
        r.fail(path, "缺少 max", "missing max")
    m = r.obj(d["max"], f"{path}.max", {"share"}, {"share_of", "metric"})
    share = _number(r, m["share"], f"{path}.max.share", positive=True)
    if ("share_of" in m) == ("metric" in m):
        r.fail(f"{path}.max", "share_of 与 metric 须且仅须给出一个", "give exactly one of share_of and metric")
    if "share_of" in m:
        if not isinstance(m["share_of"], str) or not paths.value_path(m["share_of"]):
            r.fail(
                f"{path}.max.share_of",
                "应为能源品种或 gec_mwh/offsets_t 路径",
                "must be an energy, gec_mwh or offsets_t path",
            )
        if change.op == "move" and m["share_of"] == change.source and share > 1:
            r.fail(
                f"{path}.max.share",
                "转出数量不能超过现有数量（share ≤ 1）",
                "cannot move more than there is (share ≤ 1)",
            )
        return AmountMax(share, of_path=m["share_of"]), step
    metric = r.choice(m["metric"], f"{path}.max.metric", METRICS)
    return AmountMax(share, of_metric=metric), step


def _read_lever(r: DataReader, value: Any, path: str, paths: _Paths) -> Lever:
    lever_id = value.get("id") if isinstance(value, dict) else None
    if isinstance(lever_id, str):
        path = f"{path} ({lever_id})"
    d = r.obj(
        value,
        path,
        {"id", "title", "description", "change", "unit", "cost", "lead_time_months", "evidence"},
        {"amount", "requires"},
    )
    if not isinstance(lever_id, str) or not _ID.fullmatch(lever_id):
        r.fail(f"{path}.id", "应为小写字母开头的 a-z、0-9、_ 组成的标识", "must be a lowercase identifier")
    change = _read_change(r, d["change"], f"{path}.change", paths)
    amount_max, step = _read_amount(r, d.get("amount"), f"{path}.amount", change, paths)
    u = r.obj(d["unit"], f"{path}.unit", {"zh", "en", "per"})
    per = u["per"]
    if isinstance(per, bool) or not isinstance(per, int) or per < 1 or str(per).rstrip("0") != "1":
        r.fail(
            f"{path}.unit.per", "应为 1、10、100、1000 等 10 的整数次幂（成本才能精确计算）", "must be a power of ten"
        )
    unit = Unit(LocalText(r.text(u["zh"], f"{path}.unit.zh"), r.text(u["en"], f"{path}.unit.en")), per)
    c = r.obj(d["cost"], f"{path}.cost", {"default", "basis", "estimate", "source"})
    if c["estimate"] is not True:
        r.fail(
            f"{path}.cost.estimate",
            "默认成本只能是估算（estimate: true）",
            "default costs are estimates (estimate: true)",
        )
    cost = Cost(
        _number(r, c["default"], f"{path}.cost.default", hi=MAX_COST),
        r.choice(c["basis"], f"{path}.cost.basis", COST_BASES),
        True,
        read_text(r, c["source"], f"{path}.cost.source"),
    )
    months = d["lead_time_months"]
    if isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= MAX_LEAD_MONTHS:
        r.fail(
            f"{path}.lead_time_months",
            f"应为 0–{MAX_LEAD_MONTHS} 的整数",
            f"must be a whole number 0–{MAX_LEAD_MONTHS}",
        )
    requires = []
    for i, req in enumerate(r.array(d.get("requires", []), f"{path}.requires", nonempty=False)):
        q = r.obj(req, f"{path}.requires[{i}]", {"metric", "max"})
        requires.append(
            Requirement(
                r.choice(q["metric"], f"{path}.requires[{i}].metric", METRICS),
                _number(r, q["max"], f"{path}.requires[{i}].max"),
            )
        )
    return Lever(
        id=lever_id,
        title=read_text(r, d["title"], f"{path}.title"),
        description=read_text(r, d["description"], f"{path}.description"),
        change=change,
        amount_max=amount_max,
        step=step,
        unit=unit,
        cost=cost,
        lead_time_months=months,
        evidence=read_text(r, d["evidence"], f"{path}.evidence"),
        requires=tuple(requires),
    )


def parse_catalogue(data: Any, source: str) -> Catalogue:
    """Validate a lever catalogue against every criteria set it names; CriteriaError names the entry."""
    r = DataReader(source)
    d = r.obj(data, "$", {"schema", "id", "version", "title", "criteria", "cost_note", "levers"})
    if d["schema"] != SCHEMA:
        r.fail("schema", f"应为 {SCHEMA}", f"must be {SCHEMA}")
    criteria_ids = tuple(r.text(c, f"criteria[{i}]") for i, c in enumerate(r.array(d["criteria"], "criteria")))
    levers: list[Lever] = []
    for criteria_id in criteria_ids:
        try:
            criteria = load_criteria(criteria_id)
        except CriteriaError:
            r.fail("criteria", f"未知的评价标准版本 {criteria_id}", f"unknown criteria set {criteria_id}")
        paths = _Paths(criteria, load_factors(criteria.factors_id))
        levers = [_read_lever(r, v, f"levers[{i}]", paths) for i, v in enumerate(r.array(d["levers"], "levers"))]
    ids = [lever.id for lever in levers]
    dupes = sorted({x for x in ids if ids.count(x) > 1})
    if dupes:
        r.fail("levers", f"id 重复：{', '.join(dupes)}", f"duplicate ids: {', '.join(dupes)}")
    return Catalogue(
        id=r.text(d["id"], "id"),
        version=r.text(d["version"], "version"),
        title=read_text(r, d["title"], "title"),
        criteria=criteria_ids,
        cost_note=read_text(r, d["cost_note"], "cost_note"),
        levers=tuple(levers),
    )


def available_catalogues() -> tuple[str, ...]:
    folder = resources.files("assessments").joinpath("levers")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@lru_cache(maxsize=8)
def load_catalogue(catalogue_id: str) -> Catalogue:
    """Load and validate a bundled catalogue by id (cached: the data is immutable)."""
    if catalogue_id not in available_catalogues():
        raise CriteriaError(
            [Problem("levers", f"未知的改进措施目录“{catalogue_id}”", f"unknown lever catalogue {catalogue_id!r}")]
        )
    name = f"{catalogue_id}.json"
    raw = resources.files("assessments").joinpath("levers", name).read_text(encoding="utf-8")
    try:
        data = jsonnum.loads(raw)
    except ValueError as exc:
        raise CriteriaError([Problem(name, f"JSON 格式错误：{exc}", f"bad JSON: {exc}")]) from exc
    catalogue = parse_catalogue(data, name)
    if catalogue.id != catalogue_id:
        raise CriteriaError(
            [Problem(name, f"文件内 id 为 {catalogue.id}，与文件名不符", "id does not match the file name")]
        )
    return catalogue


def catalogue_for(criteria_id: str) -> Catalogue:
    """The newest bundled catalogue that names this criteria set."""
    for catalogue_id in reversed(available_catalogues()):
        catalogue = load_catalogue(catalogue_id)
        if criteria_id in catalogue.criteria:
            return catalogue
    raise CriteriaError(
        [
            Problem(
                "criteria",
                f"没有适用于评价标准“{criteria_id}”的改进措施目录，无法制定改进计划",
                f"no lever catalogue for criteria {criteria_id!r}",
            )
        ]
    )


def lever_costs(
    catalogue: Catalogue, overrides: Mapping[str, Decimal | None] | None = None
) -> dict[str, Decimal | None]:
    """Unit cost per lever: the catalogue's defaults with an assessment's edits (None: not available)."""
    costs: dict[str, Decimal | None] = dict(catalogue.default_costs())
    if overrides:
        costs.update({k: v for k, v in overrides.items() if k in costs})
    return costs
