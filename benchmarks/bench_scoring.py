"""Benchmark: decode + validate + score one `dnz-answers/1` document (target ≤ 0.5 ms median,
and at most 15× the `json.loads` baseline of the same run — exact arithmetic included).

Run from the repository root:  .venv/bin/python benchmarks/bench_scoring.py [--n 10000]

Builds N varied answer documents (as JSON text, deterministic seed), then times per document
``parse_document(decode_json(text))`` + ``score(doc)``, and in the same run the baseline
``json.loads(text)`` on the same texts, so the ratio is comparable across machines.
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessments.criteria import load_criteria  # noqa: E402
from assessments.document import decode_json, parse_document  # noqa: E402
from assessments.scoring import score  # noqa: E402
from assessments.vocabulary import NA  # noqa: E402

TARGET_US = 500.0
TARGET_RATIO = 15.0
EXAMPLE = json.loads((ROOT / "assessments" / "examples" / "worked-example.json").read_text(encoding="utf-8"))
SOURCES = ("coal_power", "steel_sinter", "steel_other", "cement_kiln", "coke_oven", "custom")


def varied_document(rng: random.Random) -> dict[str, Any]:
    """The worked example with every answer and input drawn at random (always valid and complete)."""
    criteria = load_criteria(EXAMPLE["criteria"])
    d: dict[str, Any] = copy.deepcopy(EXAMPLE)
    answers: dict[str, Any] = {}
    for veto in criteria.vetoes:
        answers[veto.id] = rng.choice([True, True, True, False] + ([NA] if veto.na_allowed else []))
    for ind in criteria.indicators:
        spec = ind.answer
        if spec.type == "choice":
            answers[ind.id] = rng.choice([o.id for o in spec.options])
        elif spec.type == "number":
            answers[ind.id] = NA if ind.na.mode == "answer" and rng.random() < 0.1 else round(rng.uniform(0, 100), 1)
        elif spec.type == "boolean":
            answers[ind.id] = rng.random() < 0.5
        if ind.user_answered and answers[ind.id] != NA:
            for sub in ind.sub_answers:
                answers[sub.id] = rng.random() < 0.5
    d["answers"] = answers
    d["energy"] = {
        "raw_coal": rng.choice([0, rng.uniform(0, 50_000)]),
        "natural_gas": rng.uniform(0, 500),
        "grid_electricity": rng.uniform(1e6, 1e8),
        "green_electricity": rng.choice([0, rng.uniform(0, 5e7)]),
        "onsite_renewable": rng.uniform(0, 1e7),
        "diesel": rng.uniform(0, 300),
    }
    d["coal_2020"] = {"raw_coal": rng.choice([0, rng.uniform(0, 50_000)]), "coke": 0}
    d["gec_mwh"] = rng.uniform(0, 20_000)
    d["offsets_t"] = rng.uniform(0, 10_000)
    outlets = []
    for i in range(rng.randint(1, 4)):
        source = rng.choice(SOURCES)
        outlet: dict[str, Any] = {
            "name": f"{i + 1}#排放口",
            "source": source,
            "pm": round(rng.uniform(0, 15), 2),
            "so2": round(rng.uniform(0, 50), 2),
            "nox": round(rng.uniform(0, 80), 2),
            "hourly_compliance": round(rng.uniform(90, 100), 1),
        }
        if source == "custom":
            outlet["limits"] = {"pm": 20, "so2": 50, "nox": 100}
        outlets.append(outlet)
    d["outlets"] = outlets if rng.random() < 0.9 else NA
    if rng.random() < 0.3:
        d["water"] = {"zld": True}
    else:
        d["water"]["pollutants"][0]["concentration"] = round(rng.uniform(0, 60), 1)
    d["pollutant_intensity"] = rng.choice(
        [{"reduction_pct_3y": round(rng.uniform(-10, 50), 1)}, {"value": 0.8, "benchmark": 1.5, "leading": 0.5}, NA]
    )
    d["history"] = {"co2_t_3y_ago": rng.uniform(1e4, 1e5), "output_3y_ago": rng.uniform(1e5, 4e5)}
    if rng.random() < 0.2:
        d["factors"] = {"grid_factor_year": rng.choice([2021, 2022, 2023])}
    return d


def build_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [json.dumps(varied_document(rng), ensure_ascii=False) for _ in range(n)]


def measure(texts: list[str]) -> tuple[list[float], list[float]]:
    full: list[float] = []
    base: list[float] = []
    clock = time.perf_counter_ns
    for text in texts:
        t0 = clock()
        json.loads(text)
        t1 = clock()
        score(parse_document(decode_json(text)))
        t2 = clock()
        base.append((t1 - t0) / 1000)
        full.append((t2 - t1) / 1000)
    return full, base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of documents (default 10 000)")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    texts = build_texts(args.n, args.seed)
    score(parse_document(decode_json(texts[0])))  # warm caches (criteria and factor tables load once)
    gc.collect()
    gc.disable()  # collector pauses are not per-document work
    try:
        full, base = measure(texts)
    finally:
        gc.enable()
    med_full, med_base = statistics.median(full), statistics.median(base)
    p95 = statistics.quantiles(full, n=20)[-1]
    size = statistics.median(len(t.encode()) for t in texts)
    print(f"documents: {len(texts)} (median {size:.0f} bytes of JSON)")
    print(f"json.loads baseline          median {med_base:8.1f} µs")
    print(f"decode + parse + score       median {med_full:8.1f} µs   p95 {p95:8.1f} µs")
    print(f"ratio (full / json.loads)    {med_full / med_base:8.1f}×")
    verdict = "OK" if med_full <= TARGET_US else "OVER TARGET"
    print(f"target ≤ {TARGET_US:.0f} µs per document: {verdict}")
    ratio_verdict = "OK" if med_full / med_base <= TARGET_RATIO else "OVER TARGET"
    print(f"target ratio ≤ {TARGET_RATIO:.0f}×: {ratio_verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
