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
from decimal import Decimal
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
from assessments.wording import value_text

from .units import format_input

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
            return any(_positive(v) for k, v in values.items() if k.startswith("energy."))
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


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _positive(value: Any) -> bool:
    return _is_number(value) and value > 0


# ---------------------------------------------------------------------- plausibility (warn, never block)

_ELECTRICITY_MIN_KWH = 10_000.0  # a plant using less than 1 万kWh a year is almost certainly a unit slip
_ELECTRICITY_MAX_KWH = 5e10  # 500 亿kWh: more than any single plant in the city
_GAS_MAX_WAN_M3 = 1e5  # 10 亿 m³
_SOLID_MAX_T = 5e7


def plausibility_warning(criteria: Criteria, factors: Factors, key: str, value: Any) -> LocalText | None:
    """A warning for a value that is valid but implausible (typically a unit slip), or that the
    bureau could not check."""
    if key == "outlets":
        return _custom_limits_without_standard(value)
    if not _positive(value):
        return None
    v = float(value)
    head, _, ident = key.partition(".")
    if head == "energy":
        try:
            carrier = factors.carrier(ident)
        except KeyError:
            return None
        if carrier.unit == "kWh" and v < _ELECTRICITY_MIN_KWH:
            return LocalText(
                f"{carrier.name.zh}仅 {format_input(value)} kWh，明显偏小：是否把“万kWh”的数字按“kWh”填写了？请核对单位。",
                f"{carrier.name.en} is only {format_input(value)} kWh: was a figure in 10⁴ kWh entered as kWh? "
                "Please check the unit.",
            )
        if carrier.unit == "kWh" and v > _ELECTRICITY_MAX_KWH:
            return LocalText(
                f"{carrier.name.zh}达 {format_input(value)} kWh，明显偏大：是否把“kWh”的数字按“万kWh”填写了？",
                f"{carrier.name.en} is {format_input(value)} kWh: was a figure in kWh entered as 10⁴ kWh?",
            )
        if carrier.unit == "10^4 m3" and v > _GAS_MAX_WAN_M3:
            return LocalText(
                f"{carrier.name.zh}达 {format_input(value)} 万m³，明显偏大：是否把“m³”的数字按“万m³”填写了？",
                f"{carrier.name.en} is {format_input(value)} 10⁴ m³: was a figure in m³ entered as 10⁴ m³?",
            )
        if carrier.unit == "t" and v > _SOLID_MAX_T:
            return LocalText(
                f"{carrier.name.zh}达 {format_input(value)} 吨，明显偏大：是否把“千克”的数字按“吨”填写了？",
                f"{carrier.name.en} is {format_input(value)} t: was a figure in kg entered as t?",
            )
        return None
    if head == "answers":
        try:
            spec = criteria.indicator(ident).answer
        except KeyError:
            return None
        if spec.type == "number" and spec.unit == "%" and v <= 1.0:
            return LocalText(
                f"填写的是 {format_input(value)}%：是否把百分数写成了小数？例如 85% 应填 85。",
                f"You entered {format_input(value)}%: was a percentage written as a fraction? 85% is entered as 85.",
            )
    return None


def hides_a_value(value: Any, kept: Any) -> bool:
    """A kept value is *hidden* (kept, not scored) only while something else is the answer: N/A or
    the other variant. With no current answer it is last year's value, offered as a hint."""
    return kept is not None and value is not None


def kept_note(criteria: Criteria, key: str, value: Any, kept: Any, lang: str = "zh") -> str | None:
    """The note under a field about a value kept aside, in words (never a key, ``na`` or a repr):

    - hidden by N/A: "已保留原填写内容（不计分）：82%。取消“不适用”即可恢复。"
    - hidden by the other variant (M3): "已保留另一种填写方式的内容（不计分）：三年降幅 18%。…"
    - no answer yet, last year's value (a draft started from the previous year): "上年度：82%（仅供参考…）"
    None when nothing is kept.
    """
    if kept is None:
        return None
    shown = value_text(criteria, key, kept, lang)
    en = lang == "en"
    if value is None:
        if en:
            return f"Last year: {shown} (for reference only; enter this year's figure)"
        return f"上年度：{shown}（仅供参考，请填写本年度数据）"
    if value == NA:
        if en:
            return f"Kept, not scored: {shown} (switch N/A off to use it again)"
        return f"已保留原填写内容（不计分）：{shown}。取消“不适用”即可恢复。"
    if en:
        return f"Kept, not scored: {shown} (switch back to that variant to use it again)"
    return f"已保留另一种填写方式的内容（不计分）：{shown}。切换回该方式即可恢复。"


def _custom_limits_without_standard(outlets: Any) -> LocalText | None:
    # The document allows custom limits without the standard's name (the worked example has one),
    # but a reviewer cannot check a limit whose source is not named: warn, do not refuse.
    if not isinstance(outlets, list):
        return None
    names = [
        str(o.get("name", ""))
        for o in outlets
        if isinstance(o, dict) and o.get("source") == "custom" and not str(o.get("standard") or "").strip()
    ]
    if not names:
        return None
    return LocalText(
        f"排放口“{'”“'.join(names)}”使用自定义限值，但未填写适用标准名称及编号；备案审核需据此核对限值，请补填。",
        f"Outlet(s) {', '.join(names)} use custom limits without naming the standard; "
        "the bureau needs it to check the limits.",
    )
