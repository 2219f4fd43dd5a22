from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.uscc import ALPHABET, check_character, normalise_uscc, uscc_problem

VALID = "91371600MA3C5K2X7K"


def test_known_valid_codes() -> None:
    assert uscc_problem(VALID) is None
    # A weighted sum ≡ 0 (mod 31) gives 31 − 0 = 31, which maps to "0".
    assert check_character("91371600000000000") == "0"
    assert uscc_problem("913716000000000000") is None


def test_normalisation_of_pasted_text() -> None:
    assert normalise_uscc(" ９１３７１６００ma3c5k2x7k ") == VALID


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91371600MA3C5K2X7", "18位"),
        ("91371600MA3C5K2X7KK", "18位"),
        ("91371600MA3C5K2X7I", "不允许的字符 I"),
        ("91371600MA3C5O2X7K", "不允许的字符 O"),
        ("91371600MA3C5K2X70", "校验位错误"),
    ],
)
def test_rejections_say_why(code: str, reason: str) -> None:
    problem = uscc_problem(code)
    assert problem is not None
    assert reason in problem.zh and problem.en


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_computed_check_character_validates(first17: str) -> None:
    assert uscc_problem(first17 + check_character(first17)) is None


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17), st.integers(0, 16), st.sampled_from(ALPHABET))
def test_any_single_substitution_is_caught(first17: str, pos: int, ch: str) -> None:
    code = first17 + check_character(first17)
    changed = code[:pos] + ch + code[pos + 1 :]
    if changed != code:
        # Weights are distinct non-zero residues mod 31, so one changed character always shows.
        assert uscc_problem(changed) is not None
