"""One open assessment as the wizard sees it: stored answers, autosave, a live score.

Every write goes through `AssessmentService.set_answer`/`set_na` at once (autosave). Scoring
runs off the GUI thread through the task runner; requests that arrive while a score is being
computed are coalesced into one more run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.wizard_flow import WizardFlow
from assessments.criteria import load_criteria
from assessments.errors import DomainError
from ui.qtcompat import emit

if TYPE_CHECKING:
    from app.services import AssessmentService, SaveOutcome, StoredAnswer
    from assessments.scoring import Result
    from ui.tasks import TaskRunner


@dataclass(frozen=True)
class RefusedInput:
    """Text on screen that was not saved because it was refused (or is not complete yet)."""

    key: str  # the draft key or section the field belongs to (where the review page jumps)
    page: str
    label: str  # the field as a person names it
    text: str  # what is on screen ("" for a section whose rows are incomplete)
    reason: str


@lru_cache(maxsize=4)
def flow_for(criteria_id: str) -> WizardFlow:
    return WizardFlow(load_criteria(criteria_id))


class AssessmentSession(QObject):
    saved = Signal(str, object)  # key, SaveOutcome
    scored = Signal(object, str)  # Result | None, message when it could not be scored
    values_changed = Signal()
    unit_chosen = Signal(str, str)  # carrier, unit id: remembered in the settings
    refused_changed = Signal()

    def __init__(
        self, service: AssessmentService, assessment_id: int, tasks: TaskRunner, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.service = service
        self.id = assessment_id
        self.tasks = tasks
        self.row = service.open_assessment(assessment_id)  # re-scored by this program version first
        self.flow = flow_for(self.row.criteria_id)
        self.criteria = self.flow.criteria
        self.factors = self.flow.factors
        self.stored: dict[str, StoredAnswer] = service.answers(assessment_id)
        self.result: Result | None = None
        self.last_saved: datetime | None = None
        self._scoring = False
        self._dirty = False
        self.closed = False
        self.unit_prefs: dict[str, str] = {}
        # Refused input still on screen, by key: listed first on the review page and asked about
        # before the window or the assessment is closed (nothing typed disappears unannounced).
        self.refused: dict[str, RefusedInput] = {}

    # ------------------------------------------------------------------ reading

    def value(self, key: str) -> Any:
        a = self.stored.get(key)
        return a.value if a is not None else None

    def kept(self, key: str) -> Any:
        a = self.stored.get(key)
        return a.kept if a is not None else None

    def values(self) -> dict[str, Any]:
        return {k: a.value for k, a in self.stored.items() if a.value is not None}

    # ------------------------------------------------------------------ writing (autosave)

    def save(self, key: str, value: Any) -> SaveOutcome:
        """Store one answer now; raises DomainError (nothing stored) when it is invalid.

        The service checks the write against what this screen shows (``expected``): when another
        window changed the answer meanwhile it raises WriteConflict, and the answer held here
        becomes the value stored now, so the page shows it with the message.
        """
        return self._write(key, lambda: self.service.set_answer(self.id, key, value, expected=self.value(key)))

    def set_na(self, key: str, na: bool) -> SaveOutcome:
        return self._write(key, lambda: self.service.set_na(self.id, key, na, expected=self.value(key)))

    def _write(self, key: str, write: Any) -> SaveOutcome:
        from app.services import StoredAnswer
        from models.errors import WriteConflict

        try:
            outcome: SaveOutcome = write()
        except WriteConflict as conflict:
            if conflict.current is None and conflict.kept is None:
                self.stored.pop(key, None)
            else:
                self.stored[key] = StoredAnswer(conflict.current, conflict.kept, datetime.now().astimezone())
            emit(self.values_changed)
            self.request_score()
            raise
        self._after_write(key, outcome)
        return outcome

    def _after_write(self, key: str, outcome: SaveOutcome) -> None:
        from app.services import StoredAnswer

        if outcome.value is None and outcome.kept is None:
            self.stored.pop(key, None)
        else:
            self.stored[key] = StoredAnswer(outcome.value, outcome.kept, outcome.saved_at)
        if outcome.changed:
            self.last_saved = outcome.saved_at
        emit(self.saved, key, outcome)
        emit(self.values_changed)
        self.request_score()

    # ------------------------------------------------------------------ refused input

    def note_refused(self, key: str, text: str, reason: str, label: str | None = None) -> None:
        from ui.i18n import language

        page = self.flow.page_of_key(key) or ""
        shown = label if label is not None else self.flow.key_label(key).get(language())
        entry = RefusedInput(key, page, shown, text, reason)
        if self.refused.get(key) != entry:
            self.refused[key] = entry
            emit(self.refused_changed)

    def clear_refused(self, key: str) -> None:
        if self.refused.pop(key, None) is not None:
            emit(self.refused_changed)

    def set_resume_page(self, page: str) -> None:
        if not self.closed:
            self.service.set_resume_page(self.id, page)

    # ------------------------------------------------------------------ live score

    def request_score(self) -> None:
        if self.closed:
            return
        if self._scoring:
            self._dirty = True
            return
        self._scoring = True
        self._dirty = False
        service, ident = self.service, self.id
        self.tasks.run(lambda: service.score(ident), self._scored, self._score_failed)

    def _scored(self, result: Result) -> None:
        self._scoring = False
        if self.closed:
            return
        self.result = result
        emit(self.scored, result, "")
        if self._dirty:
            self.request_score()

    def _score_failed(self, exc: BaseException, _text: str) -> None:
        self._scoring = False
        if self.closed:
            return
        if not isinstance(exc, DomainError):
            raise exc
        self.result = None
        from ui.i18n import language

        emit(self.scored, None, exc.text(language()))
        if self._dirty:
            self.request_score()

    @property
    def scoring(self) -> bool:
        return self._scoring
