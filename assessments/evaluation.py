"""What a scoring method works with: the indicator's exact plan, the document's context, and
the evaluation it returns (an exact fraction, the scored value, a note).

Shared by the engine (``scoring``) and the methods (``methods``), so neither imports the other's
internals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .calc import AirSummary, energy_carbon, offset_coverage_q, worst_water_q
from .criteria_model import Indicator, SubAnswer
from .document_model import AnswersDocument
from .exact import ZERO, Number, Q
from .factors import Factors
from .texts import LocalText


class Eval(NamedTuple):
    applicable: bool
    fraction: Q | None = None
    value: Q | None = None
    missing: bool = False
    note: LocalText | None = None


@dataclass(frozen=True, slots=True)
class IndPlan:
    """One indicator as the engine holds it: every number exact as written in the criteria file."""

    ind: Indicator
    weight: Number
    share: Number  # the dimension's max points × weight (points = share × s / W)
    params: Mapping[str, Any]  # numbers exact
    options: Mapping[str, Number | None]  # option id → fraction (None: the N/A option)
    caps: tuple[tuple[SubAnswer, Number], ...]
    evaluate: Callable[[IndPlan, Context], Eval]  # the registered method's evaluation
    notes: dict[str, LocalText] = field(default_factory=dict)  # criteria-only sentences, built once


MISSING = Eval(True, ZERO, None, True, LocalText("未填写，暂按0分计", "not answered yet, scored 0"))


class Context:
    """One scoring's inputs and what the methods found so far (metrics, earlier evaluations)."""

    def __init__(self, doc: AnswersDocument, factors: Factors) -> None:
        self.doc = doc
        self.factors = factors
        self.energy = e = energy_carbon(doc, factors)
        self.air: AirSummary | None = None
        self.evals: dict[str, Eval] = {}
        output = doc.output
        self.metrics: dict[str, Q | None] = {
            "total_tce": e.total_q,
            "scope1_t": (e.scope1_x3, 3),
            "scope2_t": (e.scope2_x3, 3),
            "co2_t": e.co2_q,
            "co2_per_tce": e.co2_per_tce_q,
            "non_fossil_share": e.non_fossil_q,
            "renewable_electricity_share": e.renewable_q,
            "electrification": e.electrification_q,
            "coal_change": e.coal_change_q,
            "worst_air_ratio": None,
            "worst_water_ratio": worst_water_q(doc),
            "product_carbon_intensity": (e.co2_x3, 3 * output.quantity) if output is not None else None,
            "offset_coverage": offset_coverage_q(doc.offsets_t, e.co2_q),
            "carbon_elasticity": None,
            "elec_kwh": (e.elec_kwh, 1),
            "gec_cover_kwh": (e.gec_cover_kwh, 1),
            "coal_tce_now": (e.coal_tce_scaled, e.scale),
            "coal_tce_2020": None if e.coal_2020_base is None else (e.coal_2020_base, 1),
        }


def not_applicable(ind: Indicator) -> Eval:
    return Eval(False, note=ind.na.rule)


def percent(x: Number) -> str:
    return f"{x:.0%}"


def note_once(ip: IndPlan, key: str, build: Callable[[], LocalText]) -> LocalText:
    """A note whose text depends only on the criteria: built once per criteria set (the autosave
    path scores on every keystroke; formatting the same sentence each time costs more than the maths)."""
    note = ip.notes.get(key)
    if note is None:
        note = ip.notes[key] = build()
    return note
