"""Energy and carbon calculators (docs/criteria.md §4.1–§4.8): exact arithmetic on a document.

Nothing here divides (``exact`` explains why that makes every figure exact). Quantities whose
formula has a fixed divisor are summed in scaled units instead:

* tce ×K: a measured LHV gives ``LHV / K`` tce per unit (K = 29.3076 MJ/kgce, REFERENCE §3.1), so
  when a document uses one, every tce is summed multiplied by K; otherwise K = 1;
* CO₂ ×3: a fuel factor is ``LHV × carbon content × oxidation × 44/12`` = ``(… × 11) / 3`` (E3), so
  every CO₂ amount is summed multiplied by 3.

The metrics of §4.3–§4.8 are then exact quotients (``exact.Q``) of those sums, which the engine
compares and rounds exactly; a figure is divided out only when it is shown (``exact.quotient``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from .document_model import AnswersDocument, Outlet
from .exact import Number, Q, constant, cube_root, exact, in_exact, q_greater, q_value, quotient
from .factors import Carrier, Factors, GridFactor
from .texts import LocalText
from .vocabulary import NA

_CO2_SCALE = 3  # 44/12 = 11/3
_GRID_KG = Decimal("0.003")  # kg → t (÷1000) on the ×3 CO₂ scale


@dataclass(frozen=True, slots=True)
class CarrierLine:
    """One row of the energy and carbon calculation, as printed in a filing."""

    carrier: str
    name: LocalText
    amount: Number
    unit: str
    tce_per_unit: Decimal
    tce: Decimal
    co2_per_unit: Decimal | None  # t CO2 per canonical unit; None for grid electricity (factor below)
    co2_t: Decimal
    scope: int
    tce_source: str
    co2_source: str
    status: str  # "verified" only when both tce and CO2 rows are verified
    overridden: bool  # measured LHV / carbon content / oxidation used, or a chosen electricity basis


@dataclass(frozen=True, slots=True)
class _CarrierPlan:
    """A carrier's constants as exact numbers (the factor file holds short decimals)."""

    carrier: Carrier
    tce: Number
    fuel: tuple[Number, Number, Number] | None  # LHV, carbon content, oxidation (method "fuel")
    fixed: Number | None  # t CO2 per unit (method "fixed")
    grid: bool
    scope2: bool
    electricity: bool
    non_fossil: bool
    coal: bool


@dataclass(frozen=True, slots=True)
class _FactorPlan:
    carriers: tuple[_CarrierPlan, ...]
    kgce_mj: Number
    grid_used: Mapping[int, Number]
    limits: Mapping[str, Mapping[str, Number]]
    coal_2020_tce: tuple[Number, Number]  # raw coal, coke (the table values, §4.4)
    electricity_kgce: Number  # the 当量值 of one kWh in kgce (grid electricity's table tce × 1000)


_PLANS: dict[int, tuple[Factors, _FactorPlan]] = {}


def _plan(factors: Factors) -> _FactorPlan:
    held = _PLANS.get(id(factors))
    if held is not None and held[0] is factors:
        return held[1]
    carriers = []
    for c in factors.carriers:
        spec = c.co2
        fuel = None
        if spec.method == "fuel":
            assert spec.lhv is not None and spec.carbon_content is not None and spec.oxidation is not None
            fuel = (constant(spec.lhv), constant(spec.carbon_content), constant(spec.oxidation))
        carriers.append(
            _CarrierPlan(
                carrier=c,
                tce=constant(c.tce_per_unit),
                fuel=fuel,
                fixed=constant(spec.t_per_unit) if spec.method == "fixed" and spec.t_per_unit is not None else None,
                grid=spec.method == "grid",
                scope2=spec.scope == 2 or spec.method == "grid",
                electricity=c.is_electricity,
                non_fossil="non_fossil" in c.kinds,
                coal="coal" in c.kinds,
            )
        )
    plan = _FactorPlan(
        carriers=tuple(carriers),
        kgce_mj=constant(factors.kgce_mj),
        grid_used={g.year: constant(g.used) for g in factors.grid_factors},
        limits={u.source_type: {k: constant(v) for k, v in u.limits.items()} for u in factors.ultra_low},
        coal_2020_tce=(
            constant(factors.carrier("raw_coal").tce_per_unit),
            constant(factors.carrier("coke").tce_per_unit),
        ),
        electricity_kgce=constant(factors.carrier("grid_electricity").tce_per_unit).scaleb(3),  # t → kg, digits kept
    )
    if len(_PLANS) > 16:  # criteria/factor sets are few; tests build more
        _PLANS.clear()
    _PLANS[id(factors)] = (factors, plan)
    return plan


def chosen_grid_factor(doc: AnswersDocument, factors: Factors) -> tuple[GridFactor, bool]:
    if doc.factors and doc.factors.grid_factor_year is not None:
        chosen = factors.grid_factor_year(doc.factors.grid_factor_year)
        if chosen is not None:
            return chosen, True
    return factors.grid_factor_for(doc.year), False


class EnergyCarbon:
    """§4.3–§4.5 of one document. The exact sums are attributes; every figure is a property
    computed (once) when something shows it, as a Decimal (``exact.quotient``)."""

    def __init__(
        self,
        doc: AnswersDocument,
        plan: _FactorPlan,
        grid: GridFactor,
        grid_chosen: bool,
        scale: Number,
        rows: list[tuple[_CarrierPlan, Number, Q, Number | None, Number, bool]],
        sums: tuple[Number, Number, Number, Number, Number, Number, Number, Number, Number],
        coal_2020: Number | None,
        kgce_per_kwh: Number,
    ) -> None:
        self.doc = doc
        self.grid = grid
        self.grid_year_chosen = grid_chosen
        self.electricity_basis = doc.factors.electricity_basis if doc.factors else "equivalent"
        self.scale = scale  # K: every tce below is multiplied by it
        self._rows = rows  # (plan, amount, tce per unit, fuel factor ×3 or None, CO2 ×3, overridden)
        (
            self.tce_scaled,
            self.scope1_x3,
            self.scope2_x3,
            self.elec_kwh,
            self.gec_cover_kwh,
            self.renewable_kwh,
            self.elec_tce_scaled,
            self.non_fossil_tce_scaled,
            self.coal_tce_scaled,
        ) = sums
        self.coal_2020_base = coal_2020  # tce, from the table factors (§4.4); None when not given
        self._kgce_per_kwh = kgce_per_kwh
        self._plan = plan
        # The exact quotients the engine decides on (built here, inside EXACT; see energy_carbon).
        self.co2_x3 = co2 = self.scope1_x3 + self.scope2_x3
        tce = self.tce_scaled
        self.has_energy = tce > 0
        self.total_q: Q = (tce, scale)
        self.co2_q: Q = (co2, _CO2_SCALE)
        self.non_fossil_q: Q | None = (100 * self.non_fossil_tce_scaled, tce) if self.has_energy else None
        self.electrification_q: Q | None = (100 * self.elec_tce_scaled, tce) if self.has_energy else None
        self.co2_per_tce_q: Q | None = (co2 * scale, _CO2_SCALE * tce) if self.has_energy else None
        # None when no electricity is used (E3 N/A).
        self.renewable_q: Q | None = (
            (100 * (self.renewable_kwh + self.gec_cover_kwh), self.elec_kwh) if self.elec_kwh > 0 else None
        )
        # (now − 2020) / 2020; None when the 2020 base is zero or missing.
        self.coal_change_q: Q | None = (
            (self.coal_tce_scaled - coal_2020 * scale, coal_2020 * scale)
            if coal_2020 is not None and coal_2020 > 0
            else None
        )

    # --------------------------------------------------------------- figures (shown)

    @cached_property
    def lines(self) -> tuple[CarrierLine, ...]:
        out = []
        with exact():
            for plan, amount, tce_unit, fuel_x3, co2_x3, overridden in self._rows:
                c = plan.carrier
                spec = c.co2
                out.append(
                    CarrierLine(
                        carrier=c.id,
                        name=c.name,
                        amount=amount,
                        unit=c.unit,
                        tce_per_unit=quotient(*tce_unit),
                        tce=quotient(amount * tce_unit[0], tce_unit[1]),
                        co2_per_unit=None if plan.grid else quotient(fuel_x3 if fuel_x3 is not None else 0, _CO2_SCALE),
                        co2_t=quotient(co2_x3, _CO2_SCALE),
                        scope=2 if plan.scope2 else 1,
                        tce_source=c.tce_source,
                        co2_source=spec.source,
                        status="verified" if c.tce_status == spec.status == "verified" else "unverified",
                        overridden=overridden,
                    )
                )
        return tuple(out)

    @cached_property
    def total_tce(self) -> Decimal:
        return quotient(self.tce_scaled, self.scale)

    @cached_property
    def scope1_t(self) -> Decimal:
        return quotient(self.scope1_x3, _CO2_SCALE)

    @cached_property
    def scope2_t(self) -> Decimal:
        return quotient(self.scope2_x3, _CO2_SCALE)

    @cached_property
    def co2_t(self) -> Decimal:
        return quotient(self.co2_x3, _CO2_SCALE)

    @cached_property
    def non_fossil_share(self) -> Decimal | None:
        return q_value(self.non_fossil_q)

    @cached_property
    def renewable_electricity_share(self) -> Decimal | None:
        """None when no electricity is used (E3 N/A)."""
        return q_value(self.renewable_q)

    @cached_property
    def electrification(self) -> Decimal | None:
        return q_value(self.electrification_q)

    @cached_property
    def co2_per_tce(self) -> Decimal | None:
        return q_value(self.co2_per_tce_q)

    @cached_property
    def coal_tce_now(self) -> Decimal:
        return quotient(self.coal_tce_scaled, self.scale)

    @cached_property
    def coal_tce_2020(self) -> Decimal | None:
        return None if self.coal_2020_base is None else quotient(self.coal_2020_base, 1)

    @cached_property
    def coal_change(self) -> Decimal | None:
        """A fraction (−0.2 is −20 %); None when the 2020 base is zero or missing."""
        return q_value(self.coal_change_q)

    @cached_property
    def electricity_kgce_per_kwh(self) -> Decimal:
        return quotient(self._kgce_per_kwh, 1)


def energy_carbon(doc: AnswersDocument, factors: Factors) -> EnergyCarbon:
    """§4.3–§4.5, exact (see the module docstring for the ×K and ×3 scales)."""
    if not in_exact():
        with exact():
            return energy_carbon(doc, factors)
    plan = _plan(factors)
    grid, grid_chosen = chosen_grid_factor(doc, factors)
    grid_used = plan.grid_used[grid.year]
    amounts = doc.energy
    choices = doc.factors
    fuels = choices.fuels if choices is not None else {}
    equal_value = choices is not None and choices.electricity_basis == "equal_value"
    scale: Number = plan.kgce_mj if any(o.lhv is not None for o in fuels.values()) else 1
    elec_unit: Q | None = None
    if equal_value:
        assert choices is not None and choices.electricity_kgce_per_kwh is not None
        elec_unit = (choices.electricity_kgce_per_kwh * Decimal("0.001"), 1)
    grid_kwh = amounts.get("grid_electricity", 0)
    gec_kwh = doc.gec_mwh * 1000
    gec_cover = grid_kwh if grid_kwh < gec_kwh else gec_kwh
    tce_total: Number = 0
    elec_tce: Number = 0
    nf_tce: Number = 0
    coal_tce: Number = 0
    elec_kwh: Number = 0
    renewable_kwh: Number = 0
    scope1: Number = doc.process_co2_t * _CO2_SCALE
    scope2: Number = 0
    rows: list[tuple[_CarrierPlan, Number, Q, Number | None, Number, bool]] = []
    for cp in plan.carriers:
        amount = amounts.get(cp.carrier.id, 0)
        if not amount:
            continue  # no tce, no CO2 (grid: the GEC cover is then 0 as well), no line
        override = fuels.get(cp.carrier.id) if fuels else None
        overridden = override is not None
        if cp.electricity and elec_unit is not None:
            tce_unit: Q = elec_unit
            overridden = True
        elif override is not None and override.lhv is not None:
            tce_unit = (override.lhv, plan.kgce_mj)
        else:
            tce_unit = (cp.tce, 1)
        # tce × K: an LHV-based unit is already over K; a table unit is multiplied by it.
        scaled = amount * tce_unit[0] if tce_unit[1] != 1 else amount * tce_unit[0] * scale
        tce_total += scaled
        fuel_x3: Number | None = None
        if cp.fuel is not None:
            lhv, cc, ox = cp.fuel
            if override is not None:
                lhv = override.lhv if override.lhv is not None else lhv
                cc = override.carbon_content if override.carbon_content is not None else cc
                ox = override.oxidation if override.oxidation is not None else ox
            fuel_x3 = lhv * cc * ox * 11
            co2 = amount * fuel_x3
        elif cp.grid:
            co2 = (amount - gec_cover) * grid_used * _GRID_KG
        else:
            fuel_x3 = (cp.fixed or 0) * _CO2_SCALE
            co2 = amount * fuel_x3
        if cp.scope2:
            scope2 += co2
        else:
            scope1 += co2
        if cp.electricity:
            elec_kwh += amount
            elec_tce += scaled
            if cp.non_fossil:
                renewable_kwh += amount
        if cp.non_fossil:
            nf_tce += scaled
        if cp.coal:
            coal_tce += scaled
        rows.append((cp, amount, tce_unit, fuel_x3, co2, overridden))
    coal_2020: Number | None = None
    if doc.coal_2020 is not None:
        raw_t, coke_t = plan.coal_2020_tce
        coal_2020 = doc.coal_2020.raw_coal * raw_t + doc.coal_2020.coke * coke_t
    kgce_per_kwh: Number = plan.electricity_kgce
    if equal_value:
        assert choices is not None and choices.electricity_kgce_per_kwh is not None
        kgce_per_kwh = choices.electricity_kgce_per_kwh
    return EnergyCarbon(
        doc,
        plan,
        grid,
        grid_chosen,
        scale,
        rows,
        (tce_total, scope1, scope2, elec_kwh, gec_cover, renewable_kwh, elec_tce, nf_tce, coal_tce),
        coal_2020,
        kgce_per_kwh,
    )


class AirRatio(NamedTuple):
    outlet: str
    pollutant: str
    concentration: Number
    limit: Number

    @property
    def q(self) -> Q:
        return self.concentration, self.limit

    @property
    def ratio(self) -> Decimal:
        return quotient(self.concentration, self.limit)


class AirSummary:
    """§4.6 for the outlets of a document: the worst ratio (exact), the compliance figures, and
    every ratio (built when read: scoring needs only the worst)."""

    def __init__(
        self,
        outlets: tuple[Outlet, ...],
        limits: Mapping[str, Mapping[str, Number]],
        worst: AirRatio | None,
        compliance_min: Number,
    ) -> None:
        self._outlets = outlets
        self._limits = limits
        self.worst = worst
        compliance = [o.hourly_compliance for o in outlets if o.hourly_compliance is not None]
        self.min_compliance: Number | None = min(compliance) if compliance else None
        # Outlet names under the compliance threshold.
        self.below_compliance: tuple[str, ...] = tuple(
            o.name for o in outlets if o.hourly_compliance is not None and o.hourly_compliance < compliance_min
        )

    @cached_property
    def ratios(self) -> tuple[AirRatio, ...]:
        return tuple(_ratios(self._outlets, self._limits))


def outlet_limits(outlet: Outlet, factors: Factors) -> dict[str, Number]:
    """The limits an outlet is measured against: its own (custom) or the ultra-low table's."""
    if outlet.source == "custom":
        return dict(outlet.limits or {})
    return dict(_plan(factors).limits.get(outlet.source, {}))


def _ratios(outlets: tuple[Outlet, ...], table: Mapping[str, Mapping[str, Number]]) -> Iterator[AirRatio]:
    for outlet in outlets:
        limits = outlet.limits if outlet.source == "custom" else table.get(outlet.source)
        if not limits:
            continue
        for pollutant, value in (("pm", outlet.pm), ("so2", outlet.so2), ("nox", outlet.nox)):
            limit = limits.get(pollutant)
            if value is not None and limit:
                yield AirRatio(outlet.name, pollutant, value, limit)


def air_summary(outlets: tuple[Outlet, ...], factors: Factors, compliance_min: Number) -> AirSummary:
    """§4.6: the worst ratio by exact comparison (the first of equal ratios)."""
    if not in_exact():
        with exact():
            return air_summary(outlets, factors, compliance_min)
    table = _plan(factors).limits
    worst: tuple[str, str, Number, Number] | None = None
    worst_n: Number = 0
    worst_d: Number = 1
    for outlet in outlets:
        limits = outlet.limits if outlet.source == "custom" else table.get(outlet.source)
        if not limits:
            continue
        for pollutant, value in (("pm", outlet.pm), ("so2", outlet.so2), ("nox", outlet.nox)):
            if value is None:
                continue
            limit = limits.get(pollutant)
            if limit and (worst is None or value * worst_d > worst_n * limit):
                worst, worst_n, worst_d = (outlet.name, pollutant, value, limit), value, limit
    return AirSummary(outlets, table, AirRatio(*worst) if worst is not None else None, compliance_min)


def worst_water_q(doc: AnswersDocument) -> Q | None:
    """§4.7: the largest concentration / limit, exactly; None with ZLD or no pollutants."""
    if doc.water is None or doc.water.zld or not doc.water.pollutants:
        return None
    if not in_exact():
        with exact():
            return worst_water_q(doc)
    worst: Q | None = None
    for w in doc.water.pollutants:
        q = (w.concentration, w.limit)
        if worst is None or q_greater(q, worst):
            worst = q
    return worst


class Elasticity(NamedTuple):
    """§4.8: growth rates from double-precision cube roots, taken exactly from there on."""

    g_co2: Decimal
    g_out: Decimal
    elasticity: Q | None  # g_co2 / g_out with a positive denominator; None when g_out is 0


def carbon_elasticity(co2_now: Q, output_now: Number, co2_then: Number, output_then: Number) -> Elasticity:
    """docs/criteria.md §4.8: ``g = (now / then) ** (1/3) − 1`` for CO₂ and output."""
    if not in_exact():
        with exact():
            return carbon_elasticity(co2_now, output_now, co2_then, output_then)
    g_co2 = cube_root(co2_now[0], co2_now[1] * co2_then) - 1
    g_out = cube_root(output_now, output_then) - 1
    if not g_out:
        return Elasticity(g_co2, g_out, None)
    return Elasticity(g_co2, g_out, (g_co2, g_out) if g_out > 0 else (-g_co2, -g_out))


def offset_coverage_q(offsets_t: Number, co2: Q) -> Q:
    """§4.5: ``100 × min(1, offsets / co2)``, 100 when there is no CO₂; compared, never divided."""
    if not in_exact():
        with exact():
            return offset_coverage_q(offsets_t, co2)
    n, d = co2
    if n <= 0 or offsets_t * d >= n:
        return 100, 1
    return 100 * offsets_t * d, n


def history_is_na(doc: AnswersDocument) -> bool:
    return doc.history == NA
