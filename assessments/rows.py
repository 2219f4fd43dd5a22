"""Which rows of a section are not complete yet, and why — the rule in one place.

An editor (the wizard's outlet table, the water table, a small form such as 年产量) sends a section
only when every row it shows is complete; a row the user has only started is reported with what
is missing, never dropped. The parser asks the same function for a draft (``partial=True``), so a
half-filled row sent by any path gets the same message instead of vanishing from the stored value.

The input is the section's value in the `dnz-answers/1` shape (JSON objects), with the fields the
user has filled and nothing else; rows left wholly blank are allowed and skipped (an editor shows
an empty row to type into). Values that are not objects are left to the parser to report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from .texts import LocalText
from .vocabulary import NA, POLLUTANTS, Section


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a small section form (年产量, 2020年煤炭消费, …)."""

    name: str
    label: LocalText
    unit: str
    numeric: bool


@dataclass(frozen=True, slots=True)
class FormSpec:
    fields: tuple[FieldSpec, ...]
    required: tuple[str, ...]  # all of these once any field is filled
    defaults_zero: bool = False  # fields left empty count as 0: never incomplete


_T = "tCO₂/单位产品"
SECTION_FORMS: Final[Mapping[str, FormSpec]] = {
    Section.COAL_2020.value: FormSpec(
        (
            FieldSpec("raw_coal", LocalText("原煤", "Raw coal"), "t", True),
            FieldSpec("coke", LocalText("焦炭", "Coke"), "t", True),
        ),
        (),
        defaults_zero=True,
    ),
    Section.OUTPUT.value: FormSpec(
        (
            FieldSpec("quantity", LocalText("产量", "Output"), "", True),
            FieldSpec("unit", LocalText("单位", "Unit"), "", False),
        ),
        ("quantity", "unit"),
    ),
    Section.PRODUCT_CARBON.value: FormSpec(
        (
            FieldSpec("benchmark", LocalText("行业基准值", "Sector benchmark"), _T, True),
            FieldSpec("leading", LocalText("行业引领值", "Sector leading value"), _T, True),
        ),
        ("benchmark", "leading"),
    ),
    Section.HISTORY.value: FormSpec(
        (
            FieldSpec("co2_t_3y_ago", LocalText("三年前 CO₂ 排放量", "CO₂ three years ago"), "t", True),
            FieldSpec("output_3y_ago", LocalText("三年前产量", "Output three years ago"), "", True),
        ),
        ("co2_t_3y_ago", "output_3y_ago"),
    ),
}
_INTENSITY_FIELDS: Final = ("value", "benchmark", "leading")
_WATER_FIELDS: Final = ("name", "concentration", "limit")


@dataclass(frozen=True, slots=True)
class IncompleteRow:
    """A row (or a one-row form) that has been started but cannot be saved yet."""

    section: str  # the document section: "outlets", "water", "output", …
    row: int | None  # 0-based position among the rows given (blank ones counted); None: a form
    field: str  # the document path of the first missing field, e.g. "outlets[0].name"
    reason: LocalText


def incomplete_rows(section: str, value: Any) -> tuple[IncompleteRow, ...]:
    """Every started-but-incomplete row of ``section`` in ``value`` (empty: it can be saved)."""
    if value is None or (type(value) is str and value == NA):
        return ()
    if section == Section.OUTLETS:
        return _outlets(value) if isinstance(value, list) else ()
    if section == Section.WATER:
        return _water(value) if isinstance(value, dict) else ()
    if section == Section.POLLUTANT_INTENSITY:
        return _intensity(value) if isinstance(value, dict) else ()
    form = SECTION_FORMS.get(section)
    if form is not None and isinstance(value, dict):
        return _form(section, form, value)
    return ()


def is_blank_row(section: str, row: Any) -> bool:
    """A row the user has not started (an editor's empty line): skipped, neither saved nor refused."""
    if not isinstance(row, dict):
        return False
    if section == Section.OUTLETS:
        custom = row.get("source") == "custom"
        started = [k for k in row if k != "source" and (custom or k not in ("limits", "standard"))]
        return not started or all(_empty(row[k]) for k in started)
    return all(_empty(v) for v in row.values())


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return False


def _outlets(rows: Sequence[Any]) -> tuple[IncompleteRow, ...]:
    out: list[IncompleteRow] = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or is_blank_row(Section.OUTLETS, row):
            continue
        path = f"outlets[{i}]"
        name = row.get("name")
        shown = name.strip() if isinstance(name, str) else ""
        if not shown:
            out.append(
                IncompleteRow(
                    "outlets",
                    i,
                    f"{path}.name",
                    LocalText(
                        f"第 {i + 1} 个排放口：请填写名称（填写后自动保存）",
                        f"Outlet {i + 1}: enter its name (saved once filled in)",
                    ),
                )
            )
            continue
        measured = [p for p in POLLUTANTS if not _empty(row.get(p))]
        if not measured:
            out.append(
                IncompleteRow(
                    "outlets",
                    i,
                    f"{path}.{POLLUTANTS[0]}",
                    LocalText(
                        f"排放口“{shown}”：请至少填写一项实测浓度",
                        f"Outlet '{shown}': enter at least one measured concentration",
                    ),
                )
            )
            continue
        if row.get("source") == "custom":
            limits = row.get("limits")
            given = limits if isinstance(limits, dict) else {}
            lacking = [p for p in measured if _empty(given.get(p))]
            if lacking:
                out.append(
                    IncompleteRow(
                        "outlets",
                        i,
                        f"{path}.limits.{lacking[0]}",
                        LocalText(
                            f"排放口“{shown}”：请填写所报告污染物的限值",
                            f"Outlet '{shown}': enter the limit of each pollutant it reports",
                        ),
                    )
                )
    return tuple(out)


def _water(value: Mapping[str, Any]) -> tuple[IncompleteRow, ...]:
    if value.get("zld") is True:
        # Not scored with zero liquid discharge: an unfinished row does not block the switch.
        return ()
    rows = value.get("pollutants")
    if not isinstance(rows, list):
        return ()
    out: list[IncompleteRow] = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or is_blank_row(Section.WATER, row):
            continue
        lacking = [k for k in _WATER_FIELDS if _empty(row.get(k))]
        if lacking:
            out.append(
                IncompleteRow(
                    "water",
                    i,
                    f"water.pollutants[{i}].{lacking[0]}",
                    LocalText(
                        "请填写完整：污染物名称、年均浓度和排放限值（填齐后自动保存）",
                        "Fill in the pollutant's name, annual mean concentration and limit (saved once complete)",
                    ),
                )
            )
    return tuple(out)


def _intensity(value: Mapping[str, Any]) -> tuple[IncompleteRow, ...]:
    if "reduction_pct_3y" in value:
        if _empty(value["reduction_pct_3y"]):
            return (
                IncompleteRow(
                    "pollutant_intensity",
                    None,
                    "pollutant_intensity.reduction_pct_3y",
                    LocalText("请填写近三年排放总量下降率（%）", "Enter the three-year reduction of emissions (%)"),
                ),
            )
        return ()
    lacking = [k for k in _INTENSITY_FIELDS if _empty(value.get(k))]
    if lacking and len(lacking) < len(_INTENSITY_FIELDS):
        return (
            IncompleteRow(
                "pollutant_intensity",
                None,
                f"pollutant_intensity.{lacking[0]}",
                LocalText(
                    "请同时填写排放强度、行业基准值和引领值（填齐后自动保存）",
                    "Enter the intensity, the sector benchmark and the leading value together (saved once complete)",
                ),
            ),
        )
    return ()


def _form(section: str, form: FormSpec, value: Mapping[str, Any]) -> tuple[IncompleteRow, ...]:
    if form.defaults_zero or all(_empty(v) for v in value.values()):
        return ()
    labels = {f.name: f.label for f in form.fields}
    lacking = [name for name in form.required if _empty(value.get(name))]
    if not lacking:
        return ()
    names = LocalText.join((labels[n] for n in lacking), "、", ", ")
    return (
        IncompleteRow(
            section,
            None,
            f"{section}.{lacking[0]}",
            LocalText(f"请同时填写：{names.zh}（填齐后自动保存）", f"Also fill in: {names.en} (saved once complete)"),
        ),
    )
