"""The demo assessment offered on a first start: the worked example of docs/criteria.md §8."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from assessments.document import AnswersDocument, decode_json, parse_document

if TYPE_CHECKING:
    from app.services import AssessmentService

DEMO_FILE = "worked-example.json"


def demo_document() -> AnswersDocument:
    raw = resources.files("assessments").joinpath("examples", DEMO_FILE).read_text(encoding="utf-8")
    return parse_document(decode_json(raw))


def open_or_import_demo(service: AssessmentService) -> int:
    """The demo's assessment id: the one already in the database, or a fresh import."""
    doc = demo_document()
    uscc = doc.enterprise.uscc or ""
    for row in service.list_assessments(search=uscc):
        if row.uscc == uscc and row.year == doc.year:
            return row.id
    return service.import_document(doc, action="demo")
