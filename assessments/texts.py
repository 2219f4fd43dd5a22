"""Bilingual text as it comes from the data files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._reader import DataReader


@dataclass(frozen=True, slots=True)
class LocalText:
    zh: str
    en: str

    def get(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def __str__(self) -> str:
        return self.zh


def read_text(reader: DataReader, value: Any, path: str) -> LocalText:
    data = reader.obj(value, path, {"zh", "en"})
    return LocalText(reader.text(data["zh"], f"{path}.zh"), reader.text(data["en"], f"{path}.en"))
