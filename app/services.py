"""The application service: the one façade the desktop program and the command line use.

`AssessmentService` puts together the service's parts, one module per concern under
`app/service/`: records (enterprises and assessments), autosave, evidence, filings and backups,
all standing on `ServiceCore` (the database, one unit of work per operation, the answer cache).
"""

from __future__ import annotations

from models.rows import AssessmentRow, EnterpriseRow, EvidenceRow, JournalRow, StoredAnswer

from .service.autosave import UNSET, AutosaveService, SaveOutcome
from .service.backups import BackupsService
from .service.filings import FilingsService
from .service.records import RecordsService

__all__ = [
    "UNSET",
    "AssessmentRow",
    "AssessmentService",
    "EnterpriseRow",
    "EvidenceRow",
    "JournalRow",
    "SaveOutcome",
    "StoredAnswer",
]


class AssessmentService(RecordsService, AutosaveService, FilingsService, BackupsService):
    """Create, list, open, edit, score and delete enterprises and their yearly assessments;
    attach evidence, export filings, take and restore backups."""
