"""The scoring-method registry: one object per method the criteria may name.

A criteria file names a *method* per indicator (``choice``, ``lin``, ``air``, …) and gives its
numbers. Everything the program knows about a method lives on one object: the parameters it
takes and how they are checked, the answer type it scores, its exact evaluation, the words for
what would earn full marks (the gaps), the value a filing shows, and the metric the wizard shows
beside the question. The loader, the engine, the short board, the report and the wizard ask the
registry (:func:`method`) instead of switching on the name, so a new method is one class here
(decorated with :func:`register`) and one test.

Evaluations are exact (``assessments.exact``): fractions are quotients ``(n, d)`` of the
decimals as typed and the numbers of the criteria file, never floats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, TypeVar

from ..calc import AirSummary, EnergyCarbon
from ..criteria_model import METRICS, AnswerSpec, Criteria, Indicator
from ..document_model import AnswersDocument
from ..evaluation import Context, Eval, IndPlan
from ..exact import Number, constant, fmt_number
from ..texts import LocalText

if TYPE_CHECKING:
    from .._reader import DataReader
    from ..results import IndicatorResult

ParamKind = Literal["number", "metric", "indicator"]


@dataclass(frozen=True, slots=True)
class GapInput:
    """What a gap sentence may look at: the indicator, its result and the scored document."""

    ind: Indicator
    res: IndicatorResult
    metrics: Mapping[str, Decimal | None]
    energy: EnergyCarbon
    air: AirSummary | None
    doc: AnswersDocument
    criteria: Criteria
    results: Mapping[str, IndicatorResult]

    @property
    def answer(self) -> Any:
        return self.doc.answers.get(self.ind.id)


class GapText(NamedTuple):
    current: LocalText | None  # None: "not answered" or "—", said the same way for every method
    target: LocalText
    target_value: Decimal | None = None  # in the unit of the scored value, when one number says it


# A filing's cell for a computed indicator: (value, unit, decimal places or None).
ShownCell = tuple[Number | str | None, str, int | None]


@dataclass(frozen=True, slots=True)
class ShownInput:
    ind: Indicator
    res: IndicatorResult
    metrics: Mapping[str, Decimal | None]
    energy: EnergyCarbon
    doc: AnswersDocument


class ScoringMethod:
    """One scoring method. Subclass, set the class attributes, implement ``evaluate`` and ``gap``."""

    name: ClassVar[str]
    answer_type: ClassVar[str]  # the answer type it scores: choice | number | boolean | computed
    params: ClassVar[Mapping[str, ParamKind]] = {}  # every parameter is required
    distinct: ClassVar[tuple[tuple[str, str], ...]] = ()  # parameter pairs that must differ
    shown_metric: ClassVar[str | None] = None  # the metric the wizard shows beside the question
    # The fraction is lin(one value, zero_at, full_at): another indicator's rule can name the
    # value that reaches a given fraction (the offsets' "reduce first" condition).
    linear: ClassVar[bool] = False

    def validate(self, r: DataReader, params: Mapping[str, Any], answer: AnswerSpec, path: str) -> None:
        """Checks beyond the parameter schema (the loader has checked names, numbers, metrics)."""

    def depends_on(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """Indicators this one's evaluation reads (they are evaluated first)."""
        return tuple(str(params[k]) for k, kind in self.params.items() if kind == "indicator" and k in params)

    def metric(self, params: Mapping[str, Any]) -> str | None:
        """The computed metric whose current value the wizard shows (None: none)."""
        return self.shown_metric

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        raise NotImplementedError

    def gap(self, g: GapInput) -> GapText:
        raise NotImplementedError

    def shown_value(self, s: ShownInput) -> ShownCell | None:
        """The filing's cell for a computed indicator (None: the scored value, rounded to 3 places)."""
        return None


_REGISTRY: dict[str, ScoringMethod] = {}
M = TypeVar("M", bound=type[ScoringMethod])


def register(cls: M) -> M:
    """Class decorator: make the method available to the criteria under ``cls.name``."""
    if cls.name in _REGISTRY and type(_REGISTRY[cls.name]) is not cls:
        raise ValueError(f"scoring method {cls.name!r} is registered twice")
    for metric in (cls.shown_metric,):
        if metric is not None and metric not in METRICS:
            raise ValueError(f"scoring method {cls.name!r} shows unknown metric {metric!r}")
    _REGISTRY[cls.name] = cls()
    return cls


def unregister(name: str) -> None:
    """Remove a method (tests that register a toy method clean up with it)."""
    _REGISTRY.pop(name, None)


def method(name: str) -> ScoringMethod:
    """The registered method of that name (KeyError if none: the loader refuses such files)."""
    return _REGISTRY[name]


def method_names() -> frozenset[str]:
    return frozenset(_REGISTRY)


def param_kinds() -> dict[str, ParamKind]:
    """Every parameter name any method takes, with its kind (a criteria file may only use these)."""
    kinds: dict[str, ParamKind] = {}
    for m in _REGISTRY.values():
        kinds.update(m.params)
    return kinds


# --------------------------------------------------------------------------- words for numbers


def cmp_sign(full_at: Any, zero_at: Any) -> str:
    return "≥" if full_at > zero_at else "≤"


def num_text(x: Number | float, places: int = 2) -> str:
    """A number for a sentence: half up to ``places`` decimals, trailing zeros dropped."""
    text = fmt_number(x, places)
    return text.rstrip("0").rstrip(".") if "." in text else text


def as_decimal(x: Number | float) -> Decimal:
    value = constant(x) if isinstance(x, float) else x
    return value if isinstance(value, Decimal) else Decimal(value)
