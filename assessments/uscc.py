"""统一社会信用代码 (unified social credit code, GB 32100-2015) check."""

from __future__ import annotations

from .texts import LocalText

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 (which must be from the alphabet)."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise_uscc(text: str) -> str:
    """Upper-case, strip spaces and full-width forms: what people paste from certificates."""
    out = []
    for ch in text.strip():
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
            ch = chr(code - 0xFEE0)
        if not ch.isspace():
            out.append(ch.upper())
    return "".join(out)


def uscc_problem(code: str) -> LocalText | None:
    """Why ``code`` (already normalised) is not a valid USCC; None when valid."""
    if len(code) != 18:
        return LocalText(
            f"统一社会信用代码应为18位，当前为{len(code)}位",
            f"the code must have 18 characters, it has {len(code)}",
        )
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        shown = "、".join(bad)
        return LocalText(
            f"含有不允许的字符 {shown}（允许数字和除 I、O、Z、S、V 以外的大写字母）",
            f"contains characters not allowed: {' '.join(bad)} (digits and capitals except I O Z S V)",
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        return LocalText(
            f"校验位错误：第18位应为“{expected}”，实为“{code[17]}”，请核对营业执照",
            f"check character wrong: expected '{expected}', found '{code[17]}'",
        )
    return None
