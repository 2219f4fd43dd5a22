"""The scoring result as a JSON-ready dict: the contract of `score --json` (other tools use it).

Shown figures follow docs/criteria.md §1 (half up, 1 decimal for points, dimensions and total);
fractions and metrics keep 6 decimals (half up from the exact value) so machines can recompute
without rounding drift. Numbers are Decimals or floats: write the dict with ``jsonnum.dumps``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .criteria import load_criteria
from .document import AnswersDocument
from .exact import round_half_up
from .scoring import Result

RESULT_FORMAT = "dnz-result/1"


def _r6(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, 6)


def result_to_dict(result: Result, doc: AnswersDocument) -> dict[str, Any]:
    criteria = load_criteria(result.criteria_id)
    grade = criteria.grade(result.grade)
    energy = result.energy
    return {
        "format": RESULT_FORMAT,
        "criteria": result.criteria_id,
        "criteria_version": result.criteria_version,
        "year": result.year,
        "enterprise": {"name": doc.enterprise.name, "uscc": doc.enterprise.uscc},
        "complete": result.complete,
        "missing": list(result.missing),
        "total": result.total_rounded,
        "grade": result.grade,
        "grade_name": grade.name.zh,
        "score_band": result.score_band,
        "gate_band": result.gate_band,
        "dimensions": {d.id: d.rounded for d in result.dimensions},
        "dimension_max": {d.id: d.max_points for d in result.dimensions},
        "indicators": {
            i.id: {
                "fraction": _r6(i.fraction),
                "points": i.points_shown,
                "max": i.max_shown,
                "applicable": i.applicable,
                "weight": i.weight,
                "value": _r6(i.value),
            }
            for i in result.indicators
        },
        "vetoes": {v.id: v.status for v in result.vetoes},
        "vetoes_failed": list(result.vetoes_failed),
        "gates": {
            gid: [{"gate": g.label.zh, "passed": g.passed} for g in gates] for gid, gates in result.gates.items()
        },
        "metrics": {k: _r6(v) for k, v in result.metrics.items()},
        "factors_used": {
            "grid_factor_year": energy.grid.year,
            "grid_factor_kg_per_kwh": energy.grid.used,
            "grid_factor_chosen_by": "assessment" if energy.grid_year_chosen else "default",
            "grid_factor_source": energy.grid.source,
            "electricity_basis": energy.electricity_basis,
            "electricity_kgce_per_kwh": energy.electricity_kgce_per_kwh,
        },
        "carriers": [
            {
                "carrier": line.carrier,
                "amount": line.amount,
                "unit": line.unit,
                "tce_per_unit": line.tce_per_unit,
                "tce": _r6(line.tce),
                "co2_per_unit": line.co2_per_unit,
                "co2_t": _r6(line.co2_t),
                "scope": line.scope,
                "overridden": line.overridden,
                "status": line.status,
            }
            for line in energy.lines
        ],
        "gaps": [
            {
                "indicator": g.indicator,
                "lost_points": g.lost_shown,
                "current": g.current.zh,
                "target": g.target.zh,
                "target_value": g.target_value,
            }
            for g in result.gaps
        ],
        "short_board": [item.zh for item in result.short_board],
    }
