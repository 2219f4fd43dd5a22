"""The filing fingerprint: SHA-256 over the answers document, the criteria version and the result.

The fingerprint lets a reviewer check that the figures in a filing were not edited after export:
``verify`` re-scores the carried document and recomputes this hash. It covers

* the `dnz-answers/1` document in its canonical form (``document_to_dict``),
* the criteria id and version the result was scored under,
* the result *as shown*: rounded total, grade and bands, rounded dimension scores and points,
  veto states and the key metrics at their display precision.

Only shown figures enter the hash (no wording, no full-precision floats), so a later program
version that rephrases a sentence, or a platform whose ``pow`` differs in the last bit, gives the
same fingerprint for the same filing. The export time is not covered: exporting twice gives
the same fingerprint.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any, Final

from .document import AnswersDocument, canonical_json, document_to_dict
from .exact import round_half_up
from .metrics import METRICS, shown_value
from .scoring import Result

FINGERPRINT_FORMAT: Final = "dnz-fingerprint/1"
SHORT_LENGTH: Final = 16


def shown_metric(key: str, value: Decimal | float | None) -> Decimal | None:
    """A metric rounded half up to its display precision (coal_change is shown in %), exactly."""
    if value is None:
        return None
    return round_half_up(shown_value(key, value), METRICS[key].places)


def result_core(result: Result) -> dict[str, Any]:
    """The figures of a result that a filing shows, as a JSON-ready dict."""
    return {
        "total": result.total_rounded,
        "grade": result.grade,
        "score_band": result.score_band,
        "gate_band": result.gate_band,
        "complete": result.complete,
        "dimensions": {d.id: d.rounded for d in result.dimensions},
        "points": {i.id: i.points_shown for i in result.indicators},
        "vetoes": {v.id: v.status for v in result.vetoes},
        "metrics": {key: shown_metric(key, result.metrics.get(key)) for key in sorted(METRICS)},
        "grid_factor": {"year": result.energy.grid.year, "value": result.energy.grid.used},
    }


def fingerprint_payload(doc: AnswersDocument, result: Result) -> bytes:
    """The exact bytes that are hashed (canonical JSON, UTF-8)."""
    payload = {
        "format": FINGERPRINT_FORMAT,
        "criteria": result.criteria_id,
        "criteria_version": result.criteria_version,
        "document": document_to_dict(doc),
        "result": result_core(result),
    }
    # surrogatepass: a lone surrogate escaped in the JSON input must hash, not crash.
    return canonical_json(payload).encode("utf-8", "surrogatepass")


def compute_fingerprint(doc: AnswersDocument, result: Result) -> str:
    """64 lowercase hex digits."""
    return hashlib.sha256(fingerprint_payload(doc, result)).hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex digits in groups of four, as printed on every page: ``1a2b-3c4d-5e6f-7a8b``."""
    head = fingerprint[:SHORT_LENGTH]
    return "-".join(head[i : i + 4] for i in range(0, len(head), 4))
