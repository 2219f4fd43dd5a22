"""The row of the assessment list, with no SQLAlchemy import: the start-up preview
(``models.preview``) builds the same rows as the repository (``models.rows``) before the storage
layer is loaded."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class AssessmentRow(NamedTuple):
    """One line of the assessment list (a NamedTuple: 10 000 of them are built per listing)."""

    id: int
    enterprise_id: int
    enterprise_name: str
    uscc: str
    county: str | None
    year: int
    criteria_id: str
    criteria_version: str
    status: str
    total: float | None
    grade: str | None
    revision: int
    resume_page: str | None
    updated_at: datetime
