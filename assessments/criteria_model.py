"""The criteria set as typed objects (read and validated by ``criteria``).

Plain frozen data: the scoring engine and the scoring methods read these; importing them pulls in
no loader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .texts import LocalText

ANSWER_TYPES = {"choice", "number", "boolean", "computed"}
NA_MODES = {"never", "answer", "option", "section", "auto"}
METRICS = {
    "total_tce",
    "scope1_t",
    "scope2_t",
    "co2_t",
    "co2_per_tce",
    "non_fossil_share",
    "renewable_electricity_share",
    "electrification",
    "coal_change",
    "worst_air_ratio",
    "worst_water_ratio",
    "product_carbon_intensity",
    "offset_coverage",
    "carbon_elasticity",
    "elec_kwh",
    "gec_cover_kwh",
    "coal_tce_now",
    "coal_tce_2020",
}
# method -> (required parameter names, answer type it scores)


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    letter: str
    name: LocalText
    max_points: float


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    label: LocalText
    fraction: float | None  # None only for an option that means N/A
    na: bool = False


@dataclass(frozen=True, slots=True)
class AnswerSpec:
    type: str
    options: tuple[Option, ...] = ()
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    inputs: tuple[str, ...] = ()

    def option(self, option_id: str) -> Option | None:
        for option in self.options:
            if option.id == option_id:
                return option
        return None


@dataclass(frozen=True, slots=True)
class SubAnswer:
    id: str
    type: str
    question: LocalText
    help: LocalText
    cap_when_true: float


@dataclass(frozen=True, slots=True)
class NaRule:
    mode: str
    section: str | None = None
    rule: LocalText | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    dimension: str
    weight: float
    title: LocalText
    question: LocalText
    help: LocalText
    evidence: LocalText
    source: str
    unit: str | None
    answer: AnswerSpec
    sub_answers: tuple[SubAnswer, ...]
    method: str
    params: Mapping[str, Any]
    na: NaRule
    # Why a source from outside Shandong is cited (optional; shown beside the basis).
    source_note: LocalText | None = None

    @property
    def user_answered(self) -> bool:
        return self.answer.type != "computed"


@dataclass(frozen=True, slots=True)
class Veto:
    id: str
    title: LocalText
    question: LocalText
    help: LocalText
    evidence: LocalText
    source: str
    na_allowed: bool
    na_label: LocalText | None
    source_note: LocalText | None = None


@dataclass(frozen=True, slots=True)
class Gate:
    kind: str
    label: LocalText
    params: Mapping[str, Any]
    gates: tuple[Gate, ...] = ()


@dataclass(frozen=True, slots=True)
class Grade:
    id: str
    name: LocalText
    min_total: float
    gates: tuple[Gate, ...]


@dataclass(frozen=True)
class Criteria:
    id: str
    version: str
    title: LocalText
    status: LocalText
    factors_id: str
    dimensions: tuple[Dimension, ...]
    vetoes: tuple[Veto, ...]
    indicators: tuple[Indicator, ...]
    grades: tuple[Grade, ...]  # best first; the last one has no gates
    short_board_top: int
    _by_id: dict[str, Indicator] = field(default_factory=dict, repr=False, compare=False)
    _answer_keys: list[tuple[str, ...]] = field(default_factory=list, repr=False, compare=False)
    _by_dimension: dict[str, tuple[Indicator, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({i.id: i for i in self.indicators})

    def indicator(self, indicator_id: str) -> Indicator:
        return self._by_id[indicator_id]

    def dimension(self, dimension_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)

    def grade(self, grade_id: str) -> Grade:
        for grade in self.grades:
            if grade.id == grade_id:
                return grade
        raise KeyError(grade_id)

    def indicators_of(self, dimension_id: str) -> tuple[Indicator, ...]:
        members = self._by_dimension.get(dimension_id)
        if members is None:  # computed once per dimension: scoring asks for it every time
            members = self._by_dimension[dimension_id] = tuple(
                i for i in self.indicators if i.dimension == dimension_id
            )
        return members

    def answer_keys(self) -> tuple[str, ...]:
        """Keys of the document's ``answers`` object, in criteria order (computed once)."""
        if not self._answer_keys:
            self._answer_keys.append(self._compute_answer_keys())
        return self._answer_keys[0]

    def _compute_answer_keys(self) -> tuple[str, ...]:
        keys: list[str] = [v.id for v in self.vetoes]
        for ind in self.indicators:
            if ind.user_answered:
                keys.append(ind.id)
            keys.extend(sub.id for sub in ind.sub_answers)
        return tuple(keys)
