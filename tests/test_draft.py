"""The autosave path checks one key alone; it must agree with checking it inside the whole draft."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.document import parse_document
from assessments.draft import apply_to_document, dict_to_draft, draft_document, validate_in_draft
from assessments.errors import DocumentError
from tests.conftest import example

DOC = parse_document(example())
FULL = dict_to_draft(DOC)
KEYS = [*sorted(FULL), "answers.E5_coal_fired", "energy.coke", "enterprise.phone", "factors"]

VALUES: list[Any] = [
    "na", 0, 50, 100, 150, -1, "１２，０００", "1,23", "12 t", True, False, "ii_advanced", "not_covered", "",
    "91371600MA3C5K2X7K", "91371600MA3C5K2X70", "C2614", "滨城区", {"zld": True},
    {"zld": False, "pollutants": [{"name": "COD", "concentration": 10, "limit": 50}]},
    [{"name": "1#", "source": "coal_power", "nox": 20, "hourly_compliance": 99}], [], {"quantity": 5, "unit": "t"},
    {"reduction_pct_3y": 12}, {"value": 1, "benchmark": 2, "leading": 0.5}, {"benchmark": 1, "leading": 2},
    {"co2_t_3y_ago": 100, "output_3y_ago": 10}, {"raw_coal": 1, "coke": 2}, {"grid_factor_year": 2022},
    {"electricity_basis": "equal_value"}, float("nan"), None,
]  # fmt: skip


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except DocumentError as exc:
        return "error", sorted((p.field, p.zh) for p in exc.problems)


@settings(max_examples=400, deadline=None)
@given(
    st.sets(st.sampled_from(sorted(FULL)), max_size=len(FULL)),
    st.sampled_from(KEYS),
    st.sampled_from(range(len(VALUES))),
)
def test_one_key_alone_agrees_with_the_whole_draft(dropped: set[str], key: str, pick: int) -> None:
    values = {k: v for k, v in FULL.items() if k not in dropped}
    doc = draft_document(DOC.criteria, DOC.year, values)
    value = VALUES[pick]
    fast = _outcome(lambda: apply_to_document(DOC.criteria, DOC.year, doc, key, value))
    if value is None:  # clearing: the draft without the key
        expected = draft_document(DOC.criteria, DOC.year, {k: v for k, v in values.items() if k != key})
        assert fast == ("ok", (None, expected))
        return
    full = _outcome(lambda: validate_in_draft(DOC.criteria, DOC.year, values, key, value))
    assert fast == full
