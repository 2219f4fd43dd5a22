"""One open assessment as the wizard sees it: stored answers, autosave, a live score.

Every write goes through `AssessmentService.set_answer`/`set_na` at once (autosave). Scoring
runs off the GUI thread through the task runner; requests that arrive while a score is being
computed are coalesced into one more run.

In the what-if sandbox (试算, issue #16) the same pages edit a layer of changes over the saved
answers instead (``assessments.whatif.Sandbox``): a change is validated like a typed answer and
nothing is written. The score shown is the sandbox's, ``saved_result`` the saved assessment's.
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
from assessments.vocabulary import NA
from ui.qtcompat import emit

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from app.services import AssessmentService, SaveOutcome, StoredAnswer
    from assessments.scoring import Result
    from assessments.whatif import Sandbox
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
    sandbox_changed = Signal()  # entered, left, or a change made in the sandbox

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
        self.sandbox: Sandbox | None = None
        self.sandbox_name: str | None = None  # the scenario it was opened from or saved as
        self.saved_result: Result | None = None  # the saved assessment's score (the sandbox compares)

    # ------------------------------------------------------------------ reading

    def value(self, key: str) -> Any:
        if self.sandbox is not None and key in self.sandbox.changes:
            return self.sandbox.changes[key]
        a = self.stored.get(key)
        return a.value if a is not None else None

    def kept(self, key: str) -> Any:
        a = self.stored.get(key)
        return a.kept if a is not None else None

    def saved_values(self) -> dict[str, Any]:
        return {k: a.value for k, a in self.stored.items() if a.value is not None}

    def values(self) -> dict[str, Any]:
        """The answers the pages show: the saved ones, or the sandbox's while trying."""
        if self.sandbox is not None:
            return self.sandbox.values()
        return self.saved_values()

    # ------------------------------------------------------------------ writing (autosave)

    def save(self, key: str, value: Any) -> SaveOutcome:
        """Store one answer now; raises DomainError (nothing stored) when it is invalid.
        In the sandbox the change is validated the same way and kept in the sandbox only.

        The service checks the write against what this screen shows (``expected``): when another
        window changed the answer meanwhile it raises WriteConflict, and the answer held here
        becomes the value stored now, so the page shows it with the message.
        """
        if self.sandbox is not None:
            return self._try(key, value)
        return self._write(key, lambda: self.service.set_answer(self.id, key, value, expected=self.value(key)))

    def set_na(self, key: str, na: bool) -> SaveOutcome:
        if self.sandbox is not None:
            if na:
                return self._try(key, NA)
            saved = self.stored.get(key)
            back = saved.kept if saved is not None and saved.value == NA else saved.value if saved else None
            return self._try(key, back)
        return self._write(key, lambda: self.service.set_na(self.id, key, na, expected=self.value(key)))

    def _write(self, key: str, write: Any) -> SaveOutcome:
        from app.services import StoredAnswer
        from app.storage import WriteConflict

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

    # ------------------------------------------------------------------ the sandbox (试算)

    @property
    def in_sandbox(self) -> bool:
        return self.sandbox is not None

    def enter_sandbox(self, changes: Mapping[str, Any] | None = None, name: str | None = None) -> None:
        """Start trying (from the saved answers, or with a scenario's / a plan's changes)."""
        from app.plan_store import PlanStore

        self.sandbox = PlanStore(self.service).sandbox(self.id, changes)
        self.sandbox_name = name
        emit(self.sandbox_changed)
        emit(self.values_changed)
        self.request_score()

    def leave_sandbox(self) -> None:
        """Back to the saved assessment: the sandbox's changes are dropped (nothing was written)."""
        if self.sandbox is None:
            return
        self.sandbox = None
        self.sandbox_name = None
        emit(self.sandbox_changed)
        emit(self.values_changed)
        self.request_score()

    def after_apply(self, outcomes: list[SaveOutcome]) -> None:
        """A scenario was written to the assessment (by the service): take its saved answers."""
        for outcome in outcomes:
            self._after_write(outcome.key, outcome)

    def _try(self, key: str, value: Any) -> SaveOutcome:
        from datetime import UTC, datetime

        from app.services import SaveOutcome

        assert self.sandbox is not None
        before = self.value(key)
        self.sandbox = self.sandbox.with_value(key, value)
        now = self.value(key)
        outcome = SaveOutcome(key, now, self.kept(key), datetime.now(UTC), now != before, None, None, "sandbox")
        emit(self.saved, key, outcome)
        emit(self.values_changed)
        emit(self.sandbox_changed)
        self.request_score()
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
        # While trying, not even the page shown is written: the sandbox leaves the assessment's row alone.
        if not self.closed and self.sandbox is None:
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
        from ui.i18n import language

        service, ident, sandbox, lang = self.service, self.id, self.sandbox, language()
        self.tasks.run(lambda: _score_both(service, ident, sandbox, lang), self._scored, self._score_failed)

    def _scored(self, results: tuple[Result | None, str, Result | None, str]) -> None:
        self._scoring = False
        if self.closed:
            return
        saved, saved_message, tried, tried_message = results
        self.saved_result = saved
        if self.sandbox is not None:
            self.result, message = tried, tried_message
        else:
            self.result, message = saved, saved_message
        emit(self.scored, self.result, message)
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


def _score_both(
    service: AssessmentService, ident: int, sandbox: Sandbox | None, lang: str
) -> tuple[Result | None, str, Result | None, str]:
    """(saved result, why not, sandbox result, why not), off the GUI thread: either may fail alone."""

    def attempt(work: Callable[[], Result]) -> tuple[Result | None, str]:
        try:
            return work(), ""
        except DomainError as exc:
            return None, exc.text(lang)

    saved = attempt(lambda: service.score(ident))
    tried = attempt(sandbox.score) if sandbox is not None else (None, "")
    return (*saved, *tried)
