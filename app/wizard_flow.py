"""The wizard's flow as plain Python (no Qt): pages, what each asks, completeness, resume, skips.

The pages are generated from the criteria data: one page of prerequisites (the vetoes), then
one page per dimension in criteria order holding that dimension's indicators, with the input
sections of the `dnz-answers/1` document (energy table, outlets, water, …) placed on the page of
the first dimension whose computed indicators use them. A new criteria version with other
indicators, options or dimensions therefore needs no code change.

The Qt pages only *ask* this module: which page comes next, which keys a page holds, what is
still missing (with a label to show and a key to jump to), which answers are skipped because of
an N/A, and which values look implausible (a warning, never a refusal).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessments.criteria import Criteria
from assessments.factors import Factors, load_factors
from assessments.methods import method
from assessments.texts import LocalText
from assessments.vocabulary import (
    ENERGY_GROUP,
    ENTERPRISE_KEYS,
    ENTERPRISE_LABELS,
    NA,
    REQUIRED_ENTERPRISE,
    SCALAR_NUMBER_SECTIONS,
    SECTION_HEADINGS,
    WIZARD_SECTION_ORDER,
)

from .plausibility import positive

# Sections of the answers document that a page edits as a whole (besides answers and energy).
SECTION_ORDER = WIZARD_SECTION_ORDER
# Sections that default to 0 when left out of the document: not required to finish a page.
OPTIONAL_SECTIONS = frozenset(SCALAR_NUMBER_SECTIONS)

SECTION_TITLES = SECTION_HEADINGS
PAGE_TITLES: dict[str, LocalText] = {
    "profile": LocalText("企业信息", "Enterprise profile"),
    "prerequisites": LocalText("前提条件", "Prerequisites"),
    "evidence": LocalText("佐证材料", "Evidence"),
    "review": LocalText("检查与确认", "Review"),
    "plan": LocalText("改进计划", "Improvement plan"),
    "export": LocalText("导出备案", "Export filing"),
}


@dataclass(frozen=True, slots=True)
class PageSpec:
    id: str  # "profile", "prerequisites", a dimension id, "evidence", "review", "plan", "export"
    kind: str  # profile | vetoes | dimension | evidence | review | plan | export
    title: LocalText
    vetoes: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()  # every indicator of the dimension, answered or computed
    sections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MissingItem:
    page: str
    key: str  # the draft key to jump to
    label: LocalText


@dataclass(frozen=True, slots=True)
class PageProgress:
    page: str
    done: int
    total: int
    missing: tuple[MissingItem, ...]

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    @property
    def counted(self) -> bool:
        """Pages without anything to answer (review, export, evidence) show no count."""
        return self.total > 0


class WizardFlow:
    """Pages and rules of one criteria set; every method is a pure function of the draft values."""

    def __init__(self, criteria: Criteria, factors: Factors | None = None) -> None:
        self.criteria = criteria
        self.factors = factors if factors is not None else load_factors(criteria.factors_id)
        self.pages = self._build_pages()
        self._page_of_key: dict[str, str] = {}
        for page in self.pages:
            for key in self.page_keys(page.id):
                self._page_of_key.setdefault(key, page.id)

    # ------------------------------------------------------------------ pages

    def _section_homes(self) -> dict[str, str]:
        homes: dict[str, str] = {}
        for ind in self.criteria.indicators:
            for section in ind.answer.inputs:
                homes.setdefault(section, ind.dimension)
        energy_home = homes.get("energy", self.criteria.dimensions[0].id)
        for section in ENERGY_GROUP:
            homes[section] = energy_home
        last = self.criteria.dimensions[-1].id
        for section in SECTION_ORDER:
            homes.setdefault(section, last)  # an input no indicator uses still belongs somewhere
        return homes

    def _build_pages(self) -> tuple[PageSpec, ...]:
        c = self.criteria
        pages = [PageSpec("profile", "profile", PAGE_TITLES["profile"])]
        if c.vetoes:
            pages.append(
                PageSpec("prerequisites", "vetoes", PAGE_TITLES["prerequisites"], vetoes=tuple(v.id for v in c.vetoes))
            )
        homes = self._section_homes()
        for dim in c.dimensions:
            pages.append(
                PageSpec(
                    dim.id,
                    "dimension",
                    LocalText(f"{dim.name.zh}（{dim.letter}）", f"{dim.name.en} ({dim.letter})"),
                    indicators=tuple(i.id for i in c.indicators_of(dim.id)),
                    sections=tuple(s for s in SECTION_ORDER if homes[s] == dim.id),
                )
            )
        for kind in ("evidence", "review", "plan", "export"):
            pages.append(PageSpec(kind, kind, PAGE_TITLES[kind]))
        return tuple(pages)

    @property
    def page_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pages)

    def page(self, page_id: str) -> PageSpec:
        for page in self.pages:
            if page.id == page_id:
                return page
        raise KeyError(page_id)

    def index(self, page_id: str) -> int:
        return self.page_ids.index(page_id)

    def next_page(self, page_id: str) -> str | None:
        i = self.index(page_id)
        return self.pages[i + 1].id if i + 1 < len(self.pages) else None

    def previous_page(self, page_id: str) -> str | None:
        i = self.index(page_id)
        return self.pages[i - 1].id if i > 0 else None

    def page_keys(self, page_id: str) -> tuple[str, ...]:
        """Every draft key a page edits (in the order shown)."""
        page = self.page(page_id)
        if page.kind == "profile":
            return tuple(f"enterprise.{k}" for k in ENTERPRISE_KEYS)
        if page.kind == "vetoes":
            return tuple(f"answers.{v}" for v in page.vetoes)
        keys: list[str] = []
        for ident in page.indicators:
            ind = self.criteria.indicator(ident)
            if ind.user_answered:
                keys.append(f"answers.{ident}")
            keys.extend(f"answers.{s.id}" for s in ind.sub_answers)
        for section in page.sections:
            if section == "energy":
                keys.extend(f"energy.{cid}" for cid in self.factors.carrier_ids)
            else:
                keys.append(section)
        return tuple(keys)

    def page_of_key(self, key: str) -> str | None:
        """The page that edits a draft key (also for a problem field such as ``outlets[1].nox``)."""
        base = key.split("[", 1)[0]
        if base in self._page_of_key:
            return self._page_of_key[base]
        head = base.split(".", 1)[0]
        if head in self._page_of_key:
            return self._page_of_key[head]
        return None

    # ------------------------------------------------------------------ skips and N/A

    def na_allowed(self, key: str) -> bool:
        """May this key be switched to N/A by the user (only where the criteria allow it)?"""
        head, _, ident = key.partition(".")
        if head == "answers":
            for veto in self.criteria.vetoes:
                if veto.id == ident:
                    return veto.na_allowed
            try:
                return self.criteria.indicator(ident).na.mode == "answer"
            except KeyError:
                return False
        # A whole section may be "na" where the criteria say so (M1 outlets, M3, M5, M6).
        return any(i.na.mode == "section" and i.na.section == key for i in self.criteria.indicators)

    def na_rule(self, key: str) -> LocalText | None:
        head, _, ident = key.partition(".")
        if head == "answers":
            for veto in self.criteria.vetoes:
                if veto.id == ident:
                    return veto.na_label
            try:
                return self.criteria.indicator(ident).na.rule
            except KeyError:
                return None
        for ind in self.criteria.indicators:
            if ind.na.mode == "section" and ind.na.section == key:
                return ind.na.rule
        return None

    def skipped_keys(self, values: Mapping[str, Any]) -> frozenset[str]:
        """Keys not asked because of another answer (sub-answers of an N/A indicator)."""
        skipped: set[str] = set()
        for ind in self.criteria.indicators:
            if values.get(f"answers.{ind.id}") == NA:
                skipped.update(f"answers.{s.id}" for s in ind.sub_answers)
        return frozenset(skipped)

    # ------------------------------------------------------------------ completeness

    def _missing_on(self, page: PageSpec, values: Mapping[str, Any]) -> tuple[int, list[MissingItem]]:
        required: list[tuple[str, LocalText]] = []
        if page.kind == "profile":
            required = [(f"enterprise.{k}", ENTERPRISE_LABELS[k]) for k in REQUIRED_ENTERPRISE]
        elif page.kind in ("vetoes", "dimension"):
            skipped = self.skipped_keys(values)
            for key in self.page_keys(page.id):
                if key.startswith("answers.") and key not in skipped:
                    required.append((key, self.key_label(key)))
            for section in page.sections:
                if section in OPTIONAL_SECTIONS:
                    continue
                required.append((section if section != "energy" else "energy", SECTION_TITLES[section]))
        missing = [MissingItem(page.id, key, label) for key, label in required if not self._answered(key, values)]
        if any(m.key == "energy" for m in missing):
            # Jump to the first carrier row rather than to the section as a whole.
            missing = [
                MissingItem(page.id, f"energy.{self.factors.carrier_ids[0]}", m.label) if m.key == "energy" else m
                for m in missing
            ]
        return len(required), missing

    def _answered(self, key: str, values: Mapping[str, Any]) -> bool:
        if key == "energy":
            return any(positive(v) for k, v in values.items() if k.startswith("energy."))
        value = values.get(key)
        if value is None or value == "" or value == [] or value == {}:
            return False
        if key == "water" and isinstance(value, dict):
            return value.get("zld") is True or (value.get("zld") is False and bool(value.get("pollutants")))
        return True

    def progress(self, values: Mapping[str, Any]) -> dict[str, PageProgress]:
        out: dict[str, PageProgress] = {}
        for page in self.pages:
            total, missing = self._missing_on(page, values)
            out[page.id] = PageProgress(page.id, total - len(missing), total, tuple(missing))
        return out

    def missing(self, values: Mapping[str, Any]) -> tuple[MissingItem, ...]:
        """Everything still missing, in page order (the review's summary)."""
        return tuple(m for p in self.progress(values).values() for m in p.missing)

    def overall(self, values: Mapping[str, Any]) -> tuple[int, int]:
        done = total = 0
        for p in self.progress(values).values():
            done += p.done
            total += p.total
        return done, total

    def resume_page(self, stored: str | None, values: Mapping[str, Any]) -> str:
        """The page to open: where the user left off, else the first page with something missing."""
        if stored in self.page_ids:
            return str(stored)
        for page_id, prog in self.progress(values).items():
            if not prog.complete:
                return page_id
        return "review"

    # ------------------------------------------------------------------ labels

    def key_label(self, key: str, lang: str = "zh") -> LocalText:
        head, _, ident = key.partition(".")
        if head == "enterprise":
            return ENTERPRISE_LABELS.get(ident, LocalText(ident, ident))
        if head == "answers":
            for veto in self.criteria.vetoes:
                if veto.id == ident:
                    return LocalText(f"{ident} {veto.title.zh}", f"{ident} {veto.title.en}")
            for ind in self.criteria.indicators:
                if ind.id == ident:
                    return LocalText(f"{ident} {ind.title.zh}", f"{ident} {ind.title.en}")
                for sub in ind.sub_answers:
                    if sub.id == ident:
                        return LocalText(f"{ind.id} {sub.question.zh}", f"{ind.id} {sub.question.en}")
            return LocalText(ident, ident)
        if head == "energy":
            try:
                carrier = self.factors.carrier(ident)
            except KeyError:
                return LocalText(ident, ident)
            return LocalText(f"{carrier.name.zh}消费量", f"{carrier.name.en} consumption")
        base = key.split("[", 1)[0].split(".", 1)[0]
        return SECTION_TITLES.get(base, LocalText(key, key))


def indicator_metric(criteria: Criteria, indicator_id: str) -> str | None:
    """The computed metric a computed indicator scores (to show its current value): its scoring
    method says which."""
    ind = criteria.indicator(indicator_id)
    return method(ind.method).metric(ind.params)
