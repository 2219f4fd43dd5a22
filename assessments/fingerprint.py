"""The filing fingerprint: SHA-256 over everything a filing states about the enterprise's data.

``verify`` re-scores the carried document and recomputes this hash; a reviewer compares it with
the one printed on the cover and in every footer. Format ``dnz-fingerprint/2`` covers

* the `dnz-answers/1` document in its canonical form (``document_to_dict``),
* the criteria id and version the result was scored under,
* the result *as shown*: total, grade and bands, dimension scores and points, veto states, the
  key metrics and the grid factor, each written as the decimal text the filing prints,
* the evidence manifest: question, file name, size, SHA-256 and time added, per file in the
  order listed (a filing with three evidence files never shares a fingerprint with one with none),
* the journal summary printed in the filing (counts, first/last change, the recent lines).

Shown figures are hashed as decimal *text* at display precision ("57.0"), so the hash does not
depend on whether the engine computes in binary floats or in decimals, nor on a platform's last
bit. The export time and the program version are not covered: exporting the same data twice
gives the same fingerprint.

``dnz-fingerprint/1`` (filings of renderer version 1, program ≤ 0.2.0) covered only the document,
the criteria and the result with figures as JSON floats; ``legacy_fingerprint`` recomputes it
from a result core (``legacy_result_core``) so an old filing's data can still be checked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Protocol

from .document import AnswersDocument, document_to_dict
from .document_json import canonical_json
from .metrics import METRICS, shown_metric
from .scoring import Result

FINGERPRINT_FORMAT: Final = "dnz-fingerprint/2"
LEGACY_FORMAT: Final = "dnz-fingerprint/1"
SHORT_LENGTH: Final = 16
SCORE_PLACES: Final = 1


class EvidenceLike(Protocol):
    @property
    def question_id(self) -> str: ...
    @property
    def original_name(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def size_bytes(self) -> int: ...
    @property
    def added_at(self) -> datetime | None: ...


class JournalLike(Protocol):
    @property
    def changes(self) -> int: ...
    @property
    def first_at(self) -> datetime | None: ...
    @property
    def last_at(self) -> datetime | None: ...
    @property
    def imports(self) -> int: ...
    @property
    def exports(self) -> int: ...
    @property
    def recent(self) -> tuple[str, ...]: ...


def decimal_text(value: Any, places: int | None = None) -> str | None:
    """A number as plain decimal text: ``places`` fixed digits, or the shortest exact form.

    Floats go through ``repr`` (the shortest text that reads back as the same float), so 0.6096
    is "0.6096" whether the engine hands over a float or a Decimal.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a truth value is not a number")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise TypeError(f"not a number: {value!r}") from exc
    if not number.is_finite():
        raise TypeError(f"not a finite number: {value!r}")
    if places is not None:
        return format(number, f".{places}f")
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def shown_core(result: Result) -> dict[str, Any]:
    """The figures of a result that a filing shows, as decimal text (format 2)."""
    return {
        "total": decimal_text(result.total_rounded, SCORE_PLACES),
        "grade": result.grade,
        "score_band": result.score_band,
        "gate_band": result.gate_band,
        "complete": result.complete,
        "dimensions": {d.id: decimal_text(d.rounded, SCORE_PLACES) for d in result.dimensions},
        "points": {i.id: decimal_text(i.points_shown, SCORE_PLACES) for i in result.indicators},
        "vetoes": {v.id: v.status for v in result.vetoes},
        "metrics": {
            key: decimal_text(shown_metric(key, result.metrics.get(key)), METRICS[key].places)
            for key in sorted(METRICS)
        },
        "grid_factor": {"year": result.energy.grid.year, "value": decimal_text(result.energy.grid.used)},
    }


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def evidence_manifest(items: Iterable[EvidenceLike]) -> list[dict[str, Any]]:
    """One entry per evidence file, in the order the filing lists them."""
    return [
        {
            "question": item.question_id,
            "name": item.original_name,
            "size": int(item.size_bytes),
            "sha256": item.sha256,
            "added_at": _when(item.added_at),
        }
        for item in items
    ]


def journal_manifest(journal: JournalLike | None) -> dict[str, Any] | None:
    if journal is None:
        return None
    return {
        "changes": int(journal.changes),
        "first_at": _when(journal.first_at),
        "last_at": _when(journal.last_at),
        "imports": int(journal.imports),
        "exports": int(journal.exports),
        "recent": list(journal.recent),
    }


def fingerprint_payload(
    doc: AnswersDocument,
    result: Result,
    *,
    evidence: Iterable[EvidenceLike] = (),
    journal: JournalLike | None = None,
    plan: Any = None,
) -> bytes:
    """The exact bytes that are hashed (canonical JSON, UTF-8). A filing that carries the
    improvement plan (issue #16) has it hashed too; without one the payload is as before."""
    payload = {
        "format": FINGERPRINT_FORMAT,
        "criteria": result.criteria_id,
        "criteria_version": result.criteria_version,
        "document": document_to_dict(doc),
        "result": shown_core(result),
        "evidence": evidence_manifest(evidence),
        "journal": journal_manifest(journal),
    }
    if plan is not None:
        payload["plan"] = plan
    # surrogatepass: a lone surrogate escaped in the JSON input must hash, not crash.
    return canonical_json(payload).encode("utf-8", "surrogatepass")


def compute_fingerprint(
    doc: AnswersDocument,
    result: Result,
    *,
    evidence: Iterable[EvidenceLike] = (),
    journal: JournalLike | None = None,
    plan: Any = None,
) -> str:
    """64 lowercase hex digits."""
    payload = fingerprint_payload(doc, result, evidence=evidence, journal=journal, plan=plan)
    return hashlib.sha256(payload).hexdigest()


# --------------------------------------------------------------------------- format 1 (legacy)


def _legacy_number(value: Any) -> float | None:
    return None if value is None else float(value)


def legacy_result_core(result: Result) -> dict[str, Any]:
    """The result core of format 1, as program ≤ 0.2.0 computed it from a result (JSON floats)."""
    return {
        "total": _legacy_number(result.total_rounded),
        "grade": result.grade,
        "score_band": result.score_band,
        "gate_band": result.gate_band,
        "complete": result.complete,
        "dimensions": {d.id: _legacy_number(d.rounded) for d in result.dimensions},
        "points": {i.id: _legacy_number(i.points_shown) for i in result.indicators},
        "vetoes": {v.id: v.status for v in result.vetoes},
        "metrics": {key: _legacy_number(shown_metric(key, result.metrics.get(key))) for key in sorted(METRICS)},
        "grid_factor": {"year": result.energy.grid.year, "value": _legacy_number(result.energy.grid.used)},
    }


def legacy_fingerprint(doc: AnswersDocument, criteria_id: str, criteria_version: str, core: Mapping[str, Any]) -> str:
    """Format 1 over a document and a result core (``legacy_result_core``, possibly with the figures
    an old filing shows substituted)."""
    payload = {
        "format": LEGACY_FORMAT,
        "criteria": criteria_id,
        "criteria_version": criteria_version,
        "document": document_to_dict(doc),
        "result": dict(core),
    }
    return hashlib.sha256(canonical_json(payload).encode("utf-8", "surrogatepass")).hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex digits in groups of four, as printed on every page: ``1a2b-3c4d-5e6f-7a8b``."""
    head = fingerprint[:SHORT_LENGTH]
    return "-".join(head[i : i + 4] for i in range(0, len(head), 4))
