"""Characters that garble or disguise text, refused or removed wherever text is accepted.

- A lone surrogate (U+D800–U+DFFF without its pair) is not text: it cannot be stored as UTF-8
  and usually comes from a broken copy-and-paste or an undecodable file name. Refused.
- Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text
  display in another order than it is stored ("报告\u202efdp.exe" shows as "报告exe.pdf"):
  in a filing to the bureau that is a disguise. Refused.
- Zero-width and direction marks (U+200B–U+200F, U+2060, U+FEFF) are invisible, carry nothing
  in a form like this and break comparisons (two "equal" names that differ). Removed.

`clean_text` is for typed and imported fields (refusal named at the field by the caller);
`clean_name` for names the user did not type (file names), which are cleaned, never refused.
"""

from __future__ import annotations

import re

_DISGUISE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")


class UnsafeText(ValueError):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def clean_text(value: str) -> str:
    """``value`` without invisible characters; UnsafeText if it holds a disguise or is not text."""
    if (m := _SURROGATE.search(value)) is not None:
        code = f"U+{ord(m.group()):04X}"
        raise UnsafeText(
            f"含有无法保存的字符（不成对的代理字符 {code}，常见于损坏的复制粘贴），请删除后重新输入",
            f"contains a character that cannot be stored (lone surrogate {code}); remove it",
        )
    if (m := _DISGUISE.search(value)) is not None:
        code = f"U+{ord(m.group()):04X}"
        raise UnsafeText(
            f"含有不可见的文字方向控制字符（{code}），会使显示的文字与实际内容不同，请删除后重新输入",
            f"contains an invisible text-direction control ({code}) that makes text display other than it is",
        )
    return _INVISIBLE.sub("", value)


def clean_name(value: str) -> str:
    """A name safe to store and show: lone surrogates become U+FFFD, controls of direction and width go."""
    return _INVISIBLE.sub("", _DISGUISE.sub("", _SURROGATE.sub("\ufffd", value)))
