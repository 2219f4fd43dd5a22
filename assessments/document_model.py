"""The `dnz-answers/1` document as typed objects (parsed by ``document``, written by ``document_json``).

Plain frozen data: the scoring engine, the calculators and the scoring methods read these, and
importing them pulls in no parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from .exact import Number
from .vocabulary import NaMark

FORMAT: Final = "dnz-answers/1"
AnswerValue = bool | str | Number


@dataclass(frozen=True, slots=True)
class Enterprise:
    name: str | None = None
    uscc: str | None = None
    industry_code: str | None = None
    county: str | None = None
    address: str | None = None
    contact: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    source: str
    pm: Number | None = None
    so2: Number | None = None
    nox: Number | None = None
    hourly_compliance: Number | None = None
    limits: Mapping[str, Number] | None = None  # only for source "custom"
    standard: str | None = None  # the standard a custom limit comes from

    def measured(self) -> dict[str, Number]:
        values = {"pm": self.pm, "so2": self.so2, "nox": self.nox}
        return {k: v for k, v in values.items() if v is not None}


@dataclass(frozen=True, slots=True)
class WaterPollutant:
    name: str
    concentration: Number
    limit: Number


@dataclass(frozen=True, slots=True)
class Water:
    zld: bool
    pollutants: tuple[WaterPollutant, ...] = ()


@dataclass(frozen=True, slots=True)
class PollutantIntensity:
    value: Number | None = None
    benchmark: Number | None = None
    leading: Number | None = None
    reduction_pct_3y: Number | None = None

    @property
    def uses_intensity(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class ProductCarbon:
    benchmark: Number
    leading: Number


@dataclass(frozen=True, slots=True)
class History:
    co2_t_3y_ago: Number
    output_3y_ago: Number


@dataclass(frozen=True, slots=True)
class Output:
    quantity: Number
    unit: str


@dataclass(frozen=True, slots=True)
class Coal2020:
    raw_coal: Number = 0
    coke: Number = 0


@dataclass(frozen=True, slots=True)
class FuelOverride:
    lhv: Number | None = None
    carbon_content: Number | None = None
    oxidation: Number | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FactorChoices:
    """Per-assessment factor choices (optional `factors` key, an extension of §7)."""

    electricity_basis: str = "equivalent"
    electricity_kgce_per_kwh: Number | None = None  # required with "equal_value"
    grid_factor_year: int | None = None  # None: newest factor year ≤ reporting year
    fuels: Mapping[str, FuelOverride] = field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True)
class AnswersDocument:
    criteria: str
    year: int
    enterprise: Enterprise = Enterprise()
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    energy: Mapping[str, Number] = field(default_factory=dict)
    coal_2020: Coal2020 | None = None
    gec_mwh: Number = 0
    process_co2_t: Number = 0
    offsets_t: Number = 0
    output: Output | None = None
    outlets: tuple[Outlet, ...] | NaMark | None = None
    water: Water | None = None
    pollutant_intensity: PollutantIntensity | NaMark | None = None
    product_carbon: ProductCarbon | NaMark | None = None
    history: History | NaMark | None = None
    factors: FactorChoices | None = None
