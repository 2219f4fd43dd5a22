"""Generated `dnz-answers/1` documents for the improvement plan's tests and benchmark.

The worked example with every answer and input drawn at random from a seeded generator: always
valid and complete, short decimals as a person types them (no float noise), vetoes mostly passing
(a failed veto makes every target unreachable, which the tests cover on purpose, not by chance).
"""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from typing import Any

from assessments.criteria import load_criteria
from assessments.document import AnswersDocument, parse_document
from assessments.vocabulary import NA
from tests.conftest import example_decimal

SOURCES = ("coal_power", "steel_sinter", "steel_other", "cement_kiln", "coke_oven", "custom")


def _dec(rng: random.Random, lo: float, hi: float, places: int = 1) -> Decimal:
    return Decimal(round(rng.uniform(lo, hi), places)).quantize(Decimal(1).scaleb(-places))


def plan_document(rng: random.Random, *, veto_fail: float = 0.03, good: float = 0.0) -> dict[str, Any]:
    """One document; ``good`` is the chance that an answer takes its best option (or ≥ 90 %)."""
    d: dict[str, Any] = example_decimal()
    criteria = load_criteria(d["criteria"])
    answers: dict[str, Any] = {}
    for veto in criteria.vetoes:
        answers[veto.id] = rng.random() >= veto_fail
    for ind in criteria.indicators:
        spec = ind.answer
        best = rng.random() < good
        if spec.type == "choice":
            answers[ind.id] = spec.options[0].id if best else rng.choice([o.id for o in spec.options])
        elif spec.type == "number":
            low = 90 if best else 20
            answers[ind.id] = NA if ind.na.mode == "answer" and rng.random() < 0.1 else _dec(rng, low, 100)
        elif spec.type == "boolean":
            answers[ind.id] = rng.random() < 0.5
        if ind.user_answered and answers[ind.id] != NA:
            for sub in ind.sub_answers:
                answers[sub.id] = rng.random() < 0.5
    d["answers"] = answers
    d["energy"] = {
        "raw_coal": rng.choice([0, int(rng.uniform(0, 40_000))]),
        "natural_gas": _dec(rng, 0, 600, 2),
        "grid_electricity": int(rng.uniform(1e6, 8e7)),
        "green_electricity": rng.choice([0, int(rng.uniform(0, 3e7))]),
        "onsite_renewable": int(rng.uniform(0, 5e6)),
        "diesel": _dec(rng, 0, 300),
    }
    d["coal_2020"] = {"raw_coal": rng.choice([0, int(rng.uniform(0, 50_000))]), "coke": 0}
    d["gec_mwh"] = int(rng.uniform(0, 10_000))
    d["offsets_t"] = rng.choice([0, int(rng.uniform(0, 5_000))])
    outlets = []
    for i in range(rng.randint(1, 3)):
        source = rng.choice(SOURCES)
        outlet: dict[str, Any] = {
            "name": f"{i + 1}#排放口",
            "source": source,
            "pm": _dec(rng, 0, 14, 2),
            "so2": _dec(rng, 0, 45, 2),
            "nox": _dec(rng, 0, 70, 2),
            "hourly_compliance": _dec(rng, 93, 100),
        }
        if source == "custom":
            outlet["limits"] = {"pm": 20, "so2": 50, "nox": 100}
        outlets.append(outlet)
    d["outlets"] = outlets if rng.random() < 0.9 else NA
    if rng.random() < 0.3:
        d["water"] = {"zld": True}
    else:
        d["water"] = copy.deepcopy(d["water"])
        d["water"]["pollutants"][0]["concentration"] = _dec(rng, 0, 50)
    d["pollutant_intensity"] = rng.choice(
        [{"reduction_pct_3y": _dec(rng, -10, 50)}, {"value": Decimal("0.8"), "benchmark": Decimal("1.5"), "leading": Decimal("0.5")}, NA]
    )
    d["history"] = rng.choice(
        [{"co2_t_3y_ago": int(rng.uniform(1e4, 1e5)), "output_3y_ago": int(rng.uniform(1e5, 4e5))}, NA]
    )
    d["product_carbon"] = rng.choice([{"benchmark": Decimal("1.2"), "leading": Decimal("0.6")}, NA])
    return d


def plan_documents(n: int, seed: int, **kwargs: Any) -> list[AnswersDocument]:
    rng = random.Random(seed)
    return [parse_document(plan_document(rng, **kwargs)) for _ in range(n)]
