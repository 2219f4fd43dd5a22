"""What starting next year's assessment did, in words: carried, cleared (to enter again), filled.

`AssessmentService.start_next_year` carries what changes slowly (the profile, choices, the 2020
coal base, sector benchmark values, calculation settings), clears the year's figures and
statements, and fills M6's year −3 figures from the assessment three years earlier when there is
one. The manager is shown exactly that, with last year's value beside each figure to enter again,
before typing anything (issue #13): nothing carried or dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessments.criteria import Criteria
from assessments.draft import draft_keys
from assessments.wording import key_title, value_text


@dataclass(frozen=True, slots=True)
class SummaryLine:
    key: str  # the draft key (to jump to it)
    title: str  # the question or section as a person names it
    value: str  # carried/filled: the value now in the draft; cleared: last year's value


@dataclass(frozen=True, slots=True)
class NextYearSummary:
    previous_year: int
    year: int
    carried: tuple[SummaryLine, ...]
    cleared: tuple[SummaryLine, ...]  # to be entered again; ``value`` is last year's
    filled: tuple[SummaryLine, ...]  # taken from earlier years' assessments
    filled_from: int | None  # the year ``filled`` comes from


def summarise(
    criteria: Criteria,
    previous: Mapping[str, Any],
    current: Mapping[str, Any],
    previous_year: int,
    year: int,
    lang: str = "zh",
) -> NextYearSummary:
    """``previous``/``current``: the two drafts' values (key → value, absent or None when empty).

    A key is *filled* when the new draft holds a value the old one did not provide (M6's history
    from year −3), *carried* when it holds the old value, and *cleared* when the old draft had a
    value the new one does not. Keys are listed in the document's order."""
    carried: list[SummaryLine] = []
    cleared: list[SummaryLine] = []
    filled: list[SummaryLine] = []
    order = {key: i for i, key in enumerate(draft_keys(criteria))}
    for key in sorted(previous.keys() | current.keys(), key=lambda k: (order.get(k, len(order)), k)):
        old, new = previous.get(key), current.get(key)
        if old is None and new is None:
            continue
        title = key_title(criteria, key, lang)
        if new is None:
            cleared.append(SummaryLine(key, title, value_text(criteria, key, old, lang)))
        elif key == "history" or old is None:
            filled.append(SummaryLine(key, title, value_text(criteria, key, new, lang)))
        else:
            carried.append(SummaryLine(key, title, value_text(criteria, key, new, lang)))
            if new != old:  # carried in part (calculation settings without last year's measured fuels)
                cleared.append(SummaryLine(key, title, value_text(criteria, key, old, lang)))
    return NextYearSummary(
        previous_year,
        year,
        tuple(carried),
        tuple(cleared),
        tuple(filled),
        year - 3 if filled else None,
    )
