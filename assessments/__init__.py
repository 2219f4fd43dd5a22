"""The domain: criteria as data, the `dnz-answers/1` document, calculators and scoring.

Pure Python (stdlib only): no Qt, no database, no file-format libraries. A test proves it.
"""

from __future__ import annotations

from .criteria import DEFAULT_CRITERIA_ID, Criteria, available_criteria, load_criteria
from .document import (
    AnswersDocument,
    document_to_dict,
    document_to_json,
    parse_document,
    parse_document_json,
)
from .errors import CriteriaError, DocumentError, DomainError, Problem, ScoringError
from .factors import Factors, load_factors
from .scoring import Result, score

__all__ = [
    "DEFAULT_CRITERIA_ID",
    "AnswersDocument",
    "Criteria",
    "CriteriaError",
    "DocumentError",
    "DomainError",
    "Factors",
    "Problem",
    "Result",
    "ScoringError",
    "available_criteria",
    "document_to_dict",
    "document_to_json",
    "load_criteria",
    "load_factors",
    "parse_document",
    "parse_document_json",
    "score",
]
