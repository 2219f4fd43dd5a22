"""Levers applied to one document: which applications exist, their bounds, and exact application.

A *use* is one lever on one document (a per-outlet lever gives one use per outlet). Its amount
is in the unit of the path it changes (kWh, t, percentage points; 1 for a one-off measure).
``apply_uses`` changes a copy of the document dict exactly (decimals as typed, amounts rounded
to the lever's step) and re-parses it with the document parser, so a changed document passes the
same validation as a typed one.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..calc import energy_carbon, outlet_limits
from ..criteria import Criteria
from ..document import AnswersDocument, document_to_dict, parse_document
from ..factors import Factors
from ..levers import Catalogue, Lever
from ..scoring import Result, exact_indicator_plan
from ..vocabulary import NA

Path = str


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """One canonical unit of a carrier in this document: tce and t CO₂ (grid: uncovered kWh)."""

    tce: Fraction
    co2: Fraction


@dataclass(frozen=True, slots=True)
class Use:
    key: str  # lever id, or "lever@outlets.N"
    lever: Lever
    upper: Fraction  # largest amount (exact); 1 for one-off measures
    unit_cost: Decimal  # 万元 per cost unit
    paths: tuple[Path, ...]  # what it changes; two uses in a plan never share one
    outlet: int | None = None
    ratio: Fraction = Fraction(1)  # move: amount of `to` per amount of `from`

    @property
    def continuous(self) -> bool:
        return self.lever.continuous

    def cost(self, amount: Fraction) -> Decimal:
        """万元, exact: unit cost × amount / per (per is a power of ten)."""
        value = Fraction(self.unit_cost) * amount / self.lever.unit.per
        return to_decimal(value)


def to_decimal(value: Fraction) -> Decimal:
    """An exact decimal (the caller guarantees a finite expansion: amounts on decimal steps)."""
    num, den = value.numerator, value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        raise ValueError(f"{value} has no finite decimal expansion")
    places = max(twos, fives)
    scaled = num * 10**places // value.denominator
    return Decimal(scaled).scaleb(-places)


def round_to_step(value: Fraction, step: Decimal, *, up: bool) -> Fraction:
    """``value`` rounded to a multiple of ``step``: up (ceiling), or half up."""
    s = Fraction(step)
    k = value / s
    n = -((-k.numerator) // k.denominator) if up else (2 * k.numerator + k.denominator) // (2 * k.denominator)
    return n * s


def get_path(data: Mapping[str, Any], path: Path) -> Any:
    """The value at a dotted path of a document dict (``outlets.0.nox``); None when absent."""
    node: Any = data
    for part in path.split("."):
        if isinstance(node, list):
            index = int(part)
            node = node[index] if index < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
        if node is None:
            return None
    return node


def set_path(data: dict[str, Any], path: Path, value: Any) -> None:
    parts = path.split(".")
    node: Any = data
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def unit_figures(doc: AnswersDocument, factors: Factors) -> dict[str, UnitFigures]:
    """Each carrier's tce and CO₂ per unit in this document, from the engine's own calculator
    (measured LHVs and the electricity basis included), so the model never restates a factor."""
    from dataclasses import replace

    out = {}
    for carrier in factors.carriers:
        one = replace(doc, energy={carrier.id: 1}, gec_mwh=0, process_co2_t=0)
        e = energy_carbon(one, factors)
        tce_n, tce_d = e.total_q
        co2_n, co2_d = e.co2_q
        out[carrier.id] = UnitFigures(Fraction(tce_n) / Fraction(tce_d), Fraction(co2_n) / Fraction(co2_d))
    return out


def _fraction(value: Any) -> Fraction:
    return Fraction(value) if value is not None and not isinstance(value, bool) else Fraction(0)


def _better_answer(criteria: Criteria, key: str, current: Any, new: Any) -> bool:
    """True when setting ``new`` can help: a higher fraction, or a gate's list it joins."""
    if current == new:
        return False
    subs = {s.id: (ind, s) for ind in criteria.indicators for s in ind.sub_answers}
    if key in subs:
        return bool(current is True and new is False)  # a sub-answer only caps when true
    ind = criteria.indicator(key)
    if current == NA:
        return False  # levers never change whether an indicator applies
    if ind.answer.type == "boolean":
        return new is True
    options = exact_indicator_plan(criteria, key).options
    old_f, new_f = options.get(str(current)), options.get(str(new))
    if new_f is None or (current is not None and str(current) in options and old_f is None):
        return False  # never to or from an option that means "not applicable" (P3 "sector not covered")
    if old_f is None or new_f > old_f:
        return True
    if new_f < old_f:
        return False
    for grade in criteria.grades:  # equal fraction: useful only if it passes an answer_in gate
        stack = list(grade.gates)
        while stack:
            gate = stack.pop()
            stack.extend(gate.gates)
            if gate.kind == "answer_in" and gate.params["indicator"] == key:
                values = gate.params["values"]
                if new in values and current not in values:
                    return True
    return False


def find_uses(
    catalogue: Catalogue,
    criteria: Criteria,
    factors: Factors,
    doc: AnswersDocument,
    result: Result,
    costs: Mapping[str, Decimal | None],
    figures: Mapping[str, UnitFigures],
) -> list[Use]:
    """Every lever application that can change this document (None cost: not available), in
    catalogue order."""
    data = document_to_dict(doc)
    uses: list[Use] = []
    elec_now = result.metrics.exact["elec_kwh"]
    has_electricity = elec_now is not None and elec_now[0] > 0
    # What other levers could move into a path raises the bound of an amount measured on it
    # (certificates for the grid electricity that replaced a boiler), so moves come first.
    inflow: dict[Path, Fraction] = {}
    ordered = sorted(catalogue.levers, key=lambda lever: lever.change.op != "move")
    for lever in ordered:
        cost = costs.get(lever.id, lever.cost.default)
        if cost is None:
            continue
        ch = lever.change
        if ch.op in ("move", "add", "raise"):
            upper = _upper(lever, data, doc, result, criteria, inflow if ch.op == "add" else {})
            if upper <= 0:
                continue
            if ch.op == "move":
                assert ch.source is not None and ch.target is not None
                target_carrier = factors.carrier(ch.target.split(".", 1)[1])
                if target_carrier.is_electricity and not has_electricity:
                    continue  # E3 would turn applicable: a plan never changes what applies
                ratio = Fraction(1)
                if ch.basis == "tce":
                    src = figures[ch.source.split(".", 1)[1]].tce
                    dst = figures[ch.target.split(".", 1)[1]].tce
                    if dst <= 0:
                        continue
                    ratio = src / dst
                uses.append(Use(lever.id, lever, upper, cost, (ch.source, ch.target), ratio=ratio))
                moved = upper * ratio
                if ch.to_step is not None:
                    moved = round_to_step(moved, ch.to_step, up=False)
                inflow[ch.target] = inflow.get(ch.target, Fraction(0)) + moved
            else:
                assert ch.path is not None
                uses.append(Use(lever.id, lever, upper, cost, (ch.path,)))
        elif ch.op == "set":
            assert ch.path is not None
            key = ch.path.split(".", 1)[1]
            current = doc.answers.get(key)
            if key in {s.id for i in criteria.indicators for s in i.sub_answers}:
                parent = next(i for i in criteria.indicators if any(s.id == key for s in i.sub_answers))
                if doc.answers.get(parent.id) == NA:
                    continue
            if _better_answer(criteria, key, current, ch.value):
                uses.append(Use(lever.id, lever, Fraction(1), cost, (ch.path,)))
        else:  # outlet
            if doc.outlets is None or doc.outlets == NA:
                continue
            assert ch.factor is not None
            for index, outlet in enumerate(doc.outlets):
                limits = outlet_limits(outlet, factors)
                changed = tuple(
                    f"outlets.{index}.{pol}"
                    for pol, value in outlet.measured().items()
                    if limits.get(pol) and Fraction(value) > Fraction(ch.factor) * Fraction(limits[pol])
                )
                if changed:
                    uses.append(
                        Use(
                            f"{lever.id}@outlets.{index}",
                            lever,
                            Fraction(1),
                            cost,
                            (f"outlets.{index}", *changed),
                            index,
                        )
                    )
    order = {lever.id: i for i, lever in enumerate(catalogue.levers)}
    return sorted(uses, key=lambda u: (order[u.lever.id], u.outlet or 0))


def _upper(
    lever: Lever,
    data: Mapping[str, Any],
    doc: AnswersDocument,
    result: Result,
    criteria: Criteria,
    inflow: Mapping[Path, Fraction],
) -> Fraction:
    ch = lever.change
    if ch.op == "raise":
        assert ch.path is not None
        key = ch.path.split(".", 1)[1]
        current = doc.answers.get(key)
        if current is None or current == NA or isinstance(current, bool | str):
            return Fraction(0)
        spec = criteria.indicator(key).answer
        assert spec.max is not None
        return Fraction(Decimal(repr(spec.max))) - Fraction(current)
    bound = lever.amount_max
    assert bound is not None
    if bound.of_path is not None:
        base = _fraction(get_path(data, bound.of_path)) + inflow.get(bound.of_path, Fraction(0))
    else:
        assert bound.of_metric is not None
        q = result.metrics.exact.get(bound.of_metric)
        metric = Fraction(0) if q is None else Fraction(q[0]) / Fraction(q[1])
        # A metric (t CO₂ = n/3) need not be a decimal: up to the next step, so that every amount
        # up to the bound is a decimal and the bound itself still covers the whole metric.
        return max(round_to_step(Fraction(bound.share) * metric, lever.step, up=True), Fraction(0))
    upper = Fraction(bound.share) * base
    if ch.op == "move":
        assert ch.source is not None
        upper = min(upper, _fraction(get_path(data, ch.source)))
    else:  # on a step, so that every amount up to the bound is a decimal
        upper = round_to_step(upper, lever.step, up=True)
    return max(upper, Fraction(0))


def apply_uses(
    doc: AnswersDocument,
    chosen: Sequence[tuple[Use, Fraction]],
    factors: Factors,
) -> tuple[AnswersDocument, dict[str, dict[Path, tuple[Any, Any]]]]:
    """The document with every (use, amount) applied, and per use its changes (from, to).

    ``from`` and ``to`` are the canonical document values (``document_to_dict``); ``from`` is None
    when the key was absent. Raises DocumentError if the result is not a valid document.
    """
    before = document_to_dict(doc)
    data = copy.deepcopy(before)
    for use, amount in chosen:
        ch = use.lever.change
        if ch.op == "move":
            assert ch.source is not None and ch.target is not None and amount <= _fraction(get_path(data, ch.source))
            moved = amount * use.ratio
            if ch.to_step is not None:
                moved = round_to_step(moved, ch.to_step, up=False)
            set_path(data, ch.source, to_decimal(_fraction(get_path(data, ch.source)) - amount))
            set_path(data, ch.target, to_decimal(_fraction(get_path(data, ch.target)) + moved))
        elif ch.op in ("add", "raise"):
            assert ch.path is not None
            set_path(data, ch.path, to_decimal(_fraction(get_path(data, ch.path)) + amount))
        elif ch.op == "set":
            assert ch.path is not None
            set_path(data, ch.path, ch.value)
        else:
            assert use.outlet is not None and ch.factor is not None and isinstance(doc.outlets, tuple)
            outlet = doc.outlets[use.outlet]
            limits = outlet_limits(outlet, factors)
            for path in use.paths[1:]:
                pol = path.rsplit(".", 1)[1]
                set_path(data, path, to_decimal(Fraction(ch.factor) * Fraction(limits[pol])))
    changed = parse_document(data)
    after = document_to_dict(changed)
    changes: dict[str, dict[Path, tuple[Any, Any]]] = {}
    for use, _amount in chosen:
        paths = use.paths[1:] if use.outlet is not None else use.paths
        changes[use.key] = {p: (get_path(before, p), get_path(after, p)) for p in paths}
    return changed, changes
