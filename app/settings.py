"""The program's settings as one typed dataclass, with a settings version and upgrade steps.

Storage is an adapter (ui/settings_store.py wraps QSettings); this module only converts between
the dataclass and a flat mapping of strings, so it is tested without Qt. Unknown or broken
values fall back to the defaults rather than stopping the program.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SETTINGS_VERSION = 2
LANGUAGES = ("zh", "en")


@dataclass
class Settings:
    language: str = "zh"
    geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    wizard_splitter: str = ""  # base64 of the wizard's QSplitter.saveState()
    last_assessment: int | None = None
    energy_units: dict[str, str] = field(default_factory=dict)  # carrier -> unit last chosen
    folders: dict[str, str] = field(default_factory=dict)  # file dialog ("evidence", "export") -> last folder
    demo_offered: bool = False
    version: int = SETTINGS_VERSION


def _upgrade_1_to_2(raw: dict[str, str]) -> None:
    # Version 1 stored the language as a Qt locale name ("zh_CN", "en_US").
    lang = raw.get("language", "")
    if lang:
        raw["language"] = "en" if lang.lower().startswith("en") else "zh"


_UPGRADES: dict[int, Callable[[dict[str, str]], None]] = {1: _upgrade_1_to_2}


def settings_from_mapping(stored: Mapping[str, Any]) -> Settings:
    """Settings from what the store holds (strings), upgraded step by step to the current version."""
    raw = {k: str(v) for k, v in stored.items() if v is not None}
    try:
        version = int(raw.get("version", SETTINGS_VERSION))
    except ValueError:
        version = SETTINGS_VERSION
    while version < SETTINGS_VERSION:
        step = _UPGRADES.get(version)
        if step is not None:
            step(raw)
        version += 1
    s = Settings()
    if raw.get("language") in LANGUAGES:
        s.language = raw["language"]
    for name in ("geometry", "window_state", "wizard_splitter"):
        setattr(s, name, raw.get(name, ""))
    try:
        s.last_assessment = int(raw["last_assessment"]) if raw.get("last_assessment") else None
    except ValueError:
        s.last_assessment = None
    s.energy_units = _string_map(raw.get("energy_units", "{}"))
    s.folders = _string_map(raw.get("folders", "{}"))
    s.demo_offered = raw.get("demo_offered", "false").lower() in ("true", "1")
    return s


def _string_map(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def settings_to_mapping(s: Settings) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in fields(s):
        value = asdict(s)[f.name]
        if isinstance(value, dict):
            out[f.name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif isinstance(value, bool):
            out[f.name] = "true" if value else "false"
        elif value is None:
            out[f.name] = ""
        else:
            out[f.name] = str(value)
    out["version"] = str(SETTINGS_VERSION)
    return out
