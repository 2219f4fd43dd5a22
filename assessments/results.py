"""A scoring result's parts: per indicator, per dimension, per prerequisite and per gate.

NamedTuples (29 indicator results are built per scoring, on the autosave path). The ``*_q``
fields are exact quotients; the properties divide them out as Decimals, and the ``*_shown``
figures are rounded half up from the exact values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import NamedTuple

from .exact import ZERO, Q, exact, q_value, quotient, round_quotient, shown_float
from .texts import LocalText


class IndicatorResult(NamedTuple):
    """One indicator's result (a NamedTuple: 29 are built per scoring, on the autosave path).

    The ``*_q`` fields are exact quotients; the properties give them as Decimals.
    """

    id: str
    dimension: str
    weight: float
    applicable: bool
    fraction_q: Q | None  # None when N/A
    max_q: Q  # rescaled share of the dimension, max × w / W; 0 when N/A
    value_q: Q | None  # the scored value (metric or typed number), if any
    missing: bool = False  # incomplete draft: no answer yet (scored 0)
    note: LocalText | None = None  # e.g. a cap that applied, or why it is N/A

    @property
    def points_q(self) -> Q | None:
        """Points as one exact quotient: max × w × s / W (None when N/A)."""
        if self.fraction_q is None:
            return None
        with exact():
            return self.max_q[0] * self.fraction_q[0], self.max_q[1] * self.fraction_q[1]

    @property
    def fraction(self) -> Decimal | None:
        return q_value(self.fraction_q)

    @property
    def points(self) -> Decimal | None:
        """Full precision (as an exact quotient truncated to 50 digits)."""
        return q_value(self.points_q)

    @property
    def max_points(self) -> Decimal:
        return quotient(*self.max_q)

    @property
    def value(self) -> Decimal | None:
        return q_value(self.value_q)

    @property
    def points_shown(self) -> float | None:
        """Points as shown: half up to one decimal from the exact value."""
        return None if self.points_q is None else shown_float(round_quotient(*self.points_q, 1))

    @property
    def max_shown(self) -> float:
        return shown_float(round_quotient(*self.max_q, 1))

    @property
    def lost_q(self) -> Q:
        """``max − points`` exactly (0 when N/A)."""
        if self.fraction_q is None:
            return ZERO
        fn, fd = self.fraction_q
        with exact():
            return self.max_q[0] * (fd - fn), self.max_q[1] * fd


class DimensionResult(NamedTuple):
    id: str
    name: LocalText
    max_points: float
    score_q: Q
    applicable_weight: float
    rounded: float  # half up to one decimal from the exact score: what is shown and gated (E2)

    @property
    def score(self) -> Decimal:
        return quotient(*self.score_q)


class VetoResult(NamedTuple):
    id: str
    title: LocalText
    status: str  # pass | fail | na | missing

    @property
    def passed(self) -> bool:
        return self.status in ("pass", "na")


class GateResult(NamedTuple):
    label: LocalText
    passed: bool


class Metrics(Mapping[str, Decimal | None]):
    """The computed metrics as Decimals, divided out when read; ``exact`` holds the quotients."""

    def __init__(self, exact_values: dict[str, Q | None]) -> None:
        self.exact = exact_values
        self._shown: dict[str, Decimal | None] = {}

    def __getitem__(self, key: str) -> Decimal | None:
        try:
            return self._shown[key]
        except KeyError:
            value = self._shown[key] = q_value(self.exact[key])
            return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.exact)

    def __len__(self) -> int:
        return len(self.exact)
