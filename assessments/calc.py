"""Energy and carbon calculators (CRITERIA.md §4.1–§4.8), pure arithmetic on a document.

Everything is computed in full precision; rounding happens only where a figure is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import NA, AnswersDocument, Outlet
from .factors import POLLUTANTS, Carrier, Factors, GridFactor
from .texts import LocalText

# 当量值 default: the tce of one kWh (0.1229 kgce) when no other basis is chosen.
_KG_PER_T = 1000.0


@dataclass(frozen=True, slots=True)
class CarrierLine:
    """One row of the energy and carbon calculation, as printed in a filing."""

    carrier: str
    name: LocalText
    amount: float
    unit: str
    tce_per_unit: float
    tce: float
    co2_per_unit: float | None  # t CO2 per canonical unit; None for grid electricity (factor below)
    co2_t: float
    scope: int
    tce_source: str
    co2_source: str
    status: str  # "verified" only when both tce and CO2 rows are verified
    overridden: bool  # measured LHV / carbon content / oxidation used, or a chosen electricity basis


@dataclass(frozen=True, slots=True)
class EnergyCarbon:
    lines: tuple[CarrierLine, ...]
    total_tce: float
    elec_kwh: float
    gec_cover_kwh: float
    non_fossil_share: float | None
    renewable_electricity_share: float | None  # None when no electricity is used (E3 N/A)
    electrification: float | None
    coal_tce_now: float
    coal_tce_2020: float | None
    coal_change: float | None  # None when the 2020 base is zero or missing
    scope1_t: float
    scope2_t: float
    co2_t: float
    co2_per_tce: float | None
    grid: GridFactor
    grid_year_chosen: bool  # True when the assessment chose the factor year
    electricity_basis: str
    electricity_kgce_per_kwh: float


def fuel_co2_per_unit(carrier: Carrier, doc: AnswersDocument) -> tuple[float, bool]:
    """t CO2 per canonical unit for a fuel, with any measured override; (factor, overridden)."""
    spec = carrier.co2
    override = doc.factors.fuels.get(carrier.id) if doc.factors else None
    lhv, cc, ox = spec.lhv, spec.carbon_content, spec.oxidation
    if override is not None:
        lhv = override.lhv if override.lhv is not None else lhv
        cc = override.carbon_content if override.carbon_content is not None else cc
        ox = override.oxidation if override.oxidation is not None else ox
    assert lhv is not None and cc is not None and ox is not None
    return lhv * cc * ox * 44.0 / 12.0, override is not None


def carrier_tce_per_unit(carrier: Carrier, doc: AnswersDocument, factors: Factors) -> tuple[float, bool]:
    """tce per canonical unit; measured LHV (GJ/unit) converts as LHV / 29.3076 (REFERENCE §3.1)."""
    if carrier.is_electricity and doc.factors and doc.factors.electricity_basis == "equal_value":
        assert doc.factors.electricity_kgce_per_kwh is not None
        return doc.factors.electricity_kgce_per_kwh / _KG_PER_T, True
    override = doc.factors.fuels.get(carrier.id) if doc.factors else None
    if override is not None and override.lhv is not None:
        return override.lhv / factors.kgce_mj, True
    return carrier.tce_per_unit, False


def chosen_grid_factor(doc: AnswersDocument, factors: Factors) -> tuple[GridFactor, bool]:
    if doc.factors and doc.factors.grid_factor_year is not None:
        chosen = factors.grid_factor_year(doc.factors.grid_factor_year)
        if chosen is not None:
            return chosen, True
    return factors.grid_factor_for(doc.year), False


def energy_carbon(doc: AnswersDocument, factors: Factors) -> EnergyCarbon:
    grid, grid_chosen = chosen_grid_factor(doc, factors)
    amounts = doc.energy
    grid_kwh = amounts.get("grid_electricity", 0.0)
    gec_cover = min(grid_kwh, doc.gec_mwh * 1000.0)
    lines: list[CarrierLine] = []
    tce_by: dict[str, float] = {}
    scope1 = doc.process_co2_t
    scope2 = 0.0
    for carrier in factors.carriers:
        amount = amounts.get(carrier.id, 0.0)
        tce_unit, tce_over = carrier_tce_per_unit(carrier, doc, factors)
        tce = amount * tce_unit
        tce_by[carrier.id] = tce
        spec = carrier.co2
        co2_over = False
        per_unit: float | None
        if spec.method == "fuel":
            per_unit, co2_over = fuel_co2_per_unit(carrier, doc)
            co2 = amount * per_unit
        elif spec.method == "grid":
            per_unit = None
            co2 = (amount - gec_cover) * grid.used / _KG_PER_T
        else:
            assert spec.t_per_unit is not None
            per_unit = spec.t_per_unit
            co2 = amount * per_unit
        if spec.scope == 2 or spec.method == "grid":
            scope2 += co2
            scope = 2
        else:
            scope1 += co2
            scope = 1
        if amount:
            lines.append(
                CarrierLine(
                    carrier=carrier.id,
                    name=carrier.name,
                    amount=amount,
                    unit=carrier.unit,
                    tce_per_unit=tce_unit,
                    tce=tce,
                    co2_per_unit=per_unit,
                    co2_t=co2,
                    scope=scope,
                    tce_source=carrier.tce_source,
                    co2_source=spec.source,
                    status="verified" if carrier.tce_status == spec.status == "verified" else "unverified",
                    overridden=tce_over or co2_over,
                )
            )
    total = sum(tce_by.values())
    elec_kwh = sum(amounts.get(c.id, 0.0) for c in factors.carriers if c.is_electricity)
    elec_tce = sum(tce_by[c.id] for c in factors.carriers if c.is_electricity)
    non_fossil_tce = sum(tce_by[c.id] for c in factors.carriers if "non_fossil" in c.kinds)
    renewable_kwh = sum(
        amounts.get(c.id, 0.0) for c in factors.carriers if c.is_electricity and "non_fossil" in c.kinds
    )
    coal_now = sum(tce_by[c.id] for c in factors.carriers if "coal" in c.kinds)
    coal_2020: float | None = None
    coal_change: float | None = None
    if doc.coal_2020 is not None:
        coal_2020 = (
            doc.coal_2020.raw_coal * factors.carrier("raw_coal").tce_per_unit
            + doc.coal_2020.coke * factors.carrier("coke").tce_per_unit
        )
        if coal_2020 > 0:
            coal_change = (coal_now - coal_2020) / coal_2020
    co2 = scope1 + scope2
    has_energy = total > 0
    return EnergyCarbon(
        lines=tuple(lines),
        total_tce=total,
        elec_kwh=elec_kwh,
        gec_cover_kwh=gec_cover,
        non_fossil_share=100.0 * non_fossil_tce / total if has_energy else None,
        renewable_electricity_share=100.0 * (renewable_kwh + gec_cover) / elec_kwh if elec_kwh > 0 else None,
        electrification=100.0 * elec_tce / total if has_energy else None,
        coal_tce_now=coal_now,
        coal_tce_2020=coal_2020,
        coal_change=coal_change,
        scope1_t=scope1,
        scope2_t=scope2,
        co2_t=co2,
        co2_per_tce=co2 / total if has_energy else None,
        grid=grid,
        grid_year_chosen=grid_chosen,
        electricity_basis=doc.factors.electricity_basis if doc.factors else "equivalent",
        electricity_kgce_per_kwh=carrier_tce_per_unit(factors.carrier("grid_electricity"), doc, factors)[0] * _KG_PER_T,
    )


@dataclass(frozen=True, slots=True)
class AirRatio:
    outlet: str
    pollutant: str
    concentration: float
    limit: float
    ratio: float


@dataclass(frozen=True, slots=True)
class AirSummary:
    ratios: tuple[AirRatio, ...]
    worst: AirRatio | None
    min_compliance: float | None
    below_compliance: tuple[str, ...]  # outlet names under the compliance threshold


def outlet_limits(outlet: Outlet, factors: Factors) -> dict[str, float]:
    if outlet.source == "custom":
        return dict(outlet.limits or {})
    row = factors.ultra_low_limits(outlet.source)
    return dict(row.limits) if row else {}


def air_summary(outlets: tuple[Outlet, ...], factors: Factors, compliance_min: float) -> AirSummary:
    ratios: list[AirRatio] = []
    for outlet in outlets:
        limits = outlet_limits(outlet, factors)
        for pollutant in POLLUTANTS:
            value = getattr(outlet, pollutant)
            limit = limits.get(pollutant)
            if value is None or not limit:
                continue
            ratios.append(AirRatio(outlet.name, pollutant, value, limit, value / limit))
    worst = max(ratios, key=lambda r: r.ratio) if ratios else None
    compliance = [o.hourly_compliance for o in outlets if o.hourly_compliance is not None]
    below = tuple(o.name for o in outlets if o.hourly_compliance is not None and o.hourly_compliance < compliance_min)
    return AirSummary(tuple(ratios), worst, min(compliance) if compliance else None, below)


def worst_water_ratio(doc: AnswersDocument) -> float | None:
    if doc.water is None or doc.water.zld or not doc.water.pollutants:
        return None
    return max(w.concentration / w.limit for w in doc.water.pollutants)


def carbon_elasticity(
    co2_now: float, output_now: float, co2_then: float, output_then: float
) -> tuple[float, float, float | None]:
    """(g_co2, g_out, elasticity or None when output is flat) — CRITERIA.md §4.8."""
    g_co2 = (co2_now / co2_then) ** (1.0 / 3.0) - 1.0
    g_out = (output_now / output_then) ** (1.0 / 3.0) - 1.0
    return g_co2, g_out, (g_co2 / g_out if g_out != 0 else None)


def offset_coverage(offsets_t: float, co2_t: float) -> float:
    return 100.0 if co2_t <= 0 else 100.0 * min(1.0, offsets_t / co2_t)


def history_is_na(doc: AnswersDocument) -> bool:
    return doc.history == NA
