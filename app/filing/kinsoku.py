"""Line breaking for Chinese text with embedded Latin words (pure Python, no reportlab).

reportlab's CJK wrapping breaks anywhere and keeps only a short list of characters off a line
start: "，" "；" "：" "”" "》" and friends could start a line, "（" "《" "“" could end one, and
an id such as ``E5_coal_fired`` was cut in the middle. ``break_lines`` applies the usual rules
(kinsoku shori, as in GB/T 15834 practice and JIS X 4051):

* no line starts with closing punctuation, and no line ends with opening punctuation — the
  character before is carried to the next line instead (oidashi), never hung in the margin;
* a run of Latin letters, digits and joiners (``E5_coal_fired``, ``GB/T``, ``36132-2018``,
  ``8.00%``) is a word: lines break at spaces or next to a CJK character, never inside it, unless
  the word alone is wider than the line (then it breaks where it must);
* a forced break (``<br/>``) ends a line.

``break_lines(widths, chars, max_widths, forced)`` returns ``(start, end)`` index pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

# Characters that must not start a line: closing brackets and quotes, stops, commas, colons,
# iteration marks, units written after a number.
CANNOT_START: Final = frozenset(
    "!),.:;?]}¢°·’”‰′″℃、。〃〆〉》」』】〕〗〙〛〞〟・ー—…‥"
    "！＂％＇），．：；？］｝｡｣､･ｰﾞﾟ￠"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々"
)
# Characters that must not end a line: opening brackets and quotes, currency and number signs.
CANNOT_END: Final = frozenset("([{£¥‘“〈《「『【〔〖〘〚〝（［｛｢￡￥＄＃＠§$#@")
_SPACES: Final = frozenset(" \u3000\t")


def is_cjk(ch: str) -> bool:
    """Ideographs, kana, hangul and fullwidth forms: a line may break on either side."""
    code = ord(ch) if ch else 0
    return code >= 0x2E80 and not (0xFF61 <= code <= 0xFF9F and ch in CANNOT_START)


def _word_char(ch: str) -> bool:
    """A character that glues to its neighbours in a Latin word (ids, numbers, standards)."""
    return bool(ch) and not is_cjk(ch) and ch not in _SPACES


def can_break(chars: Sequence[str], i: int) -> bool:
    """Whether a line may end before ``chars[i]`` (between ``i-1`` and ``i``)."""
    if i <= 0 or i >= len(chars):
        return False
    before, after = chars[i - 1], chars[i]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before in _SPACES:
        return True
    if after in _SPACES:
        return False  # break after the space, so the space ends the line
    return not (_word_char(before) and _word_char(after))


def _fallback(chars: Sequence[str], start: int, limit: int) -> int:
    """A break inside an over-long word: the last position ≤ limit that keeps punctuation rules,
    else ``limit`` itself (progress is guaranteed: at least one character per line)."""
    for j in range(limit, start, -1):
        if chars[j] not in CANNOT_START and chars[j - 1] not in CANNOT_END:
            return j
    return max(limit, start + 1)


def break_lines(
    widths: Sequence[float],
    chars: Sequence[str],
    max_widths: Sequence[float],
    forced: Sequence[bool] = (),
    fuzz: float = 1e-8,
) -> list[tuple[int, int]]:
    """Greedy line breaking with the rules above. ``forced[i]``: a line must end after ``chars[i]``.
    ``max_widths[k]`` is the width of line ``k`` (the last one repeats)."""
    n = len(chars)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        width_limit = max_widths[min(len(lines), len(max_widths) - 1)] if max_widths else float("inf")
        used = 0.0
        end = start
        last_break = -1
        while end < n:
            if end > start and can_break(chars, end):
                last_break = end
            if used + widths[end] > width_limit + fuzz and end > start:
                break
            used += widths[end]
            end += 1
            if forced and forced[end - 1]:
                break
        else:
            lines.append((start, n))
            break
        if forced and forced[end - 1]:
            lines.append((start, end))
            start = end
            continue
        cut = end
        while cut < n and chars[cut] in _SPACES:
            cut += 1  # spaces at the end of a line are invisible: they stay on it
        if cut < n and not can_break(chars, cut):
            cut = last_break if last_break > start else _fallback(chars, start, end)
        lines.append((start, cut))
        start = cut
    return lines
