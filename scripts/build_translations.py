"""Update the Qt Linguist sources and build the binary translations.

    .venv/bin/python scripts/build_translations.py           # lupdate → .ts (keeps translations), lrelease → .qm
    .venv/bin/python scripts/build_translations.py --check   # exit 1 if the .ts or .qm is out of date or unfinished

Simplified Chinese is the source language of every ``tr()`` text; ``resources/translations/dnz_en.ts``
holds the English translations (edit it with pyside6-linguist) and ``dnz_en.qm`` is what the program loads.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("en",)
# Hand-written additions to Qt's own Chinese (texts qtbase_zh_CN lacks); built, never lupdated.
QT_EXTRA = ("qt_extra_zh_CN",)


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (install PySide6 into the venv)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    cmd = [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
           "-source-language", "zh_CN", "-target-language", ts.stem.split("_", 1)[1], "-ts", str(ts)]  # fmt: skip
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True, capture_output=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → translation (None when unfinished)."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")
            out[(name, message.findtext("source") or "")] = (translation.text or "") if done else None
    return out


def check() -> list[str]:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGUAGES:
            ts = TS_DIR / f"dnz_{lang}.ts"
            qm = TS_DIR / f"dnz_{lang}.qm"
            if not ts.exists() or not qm.exists():
                problems.append(f"{ts.name} or {qm.name} missing: run scripts/build_translations.py")
                continue
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            lupdate(fresh)
            current, updated = messages(ts), messages(fresh)
            if set(current) != set(updated):
                added = sorted(set(updated) - set(current))[:5]
                gone = sorted(set(current) - set(updated))[:5]
                problems.append(f"{ts.name} is out of date with the code (new: {added}, gone: {gone})")
            unfinished = [src for key, src in ((k, k[1]) for k, v in updated.items() if v is None)]
            if unfinished:
                problems.append(f"{ts.name}: {len(unfinished)} untranslated, e.g. {unfinished[:5]}")
            built = Path(tmp) / qm.name
            lrelease(ts, built)
            if built.read_bytes() != qm.read_bytes():
                problems.append(f"{qm.name} is not built from the current {ts.name}")
        for name in QT_EXTRA:
            ts, qm, built = TS_DIR / f"{name}.ts", TS_DIR / f"{name}.qm", Path(tmp) / f"{name}.qm"
            if not qm.exists():
                problems.append(f"{qm.name} missing: run scripts/build_translations.py")
                continue
            lrelease(ts, built)
            if built.read_bytes() != qm.read_bytes():
                problems.append(f"{qm.name} is not built from the current {ts.name}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = TS_DIR / f"dnz_{lang}.ts"
        lupdate(ts)
        lrelease(ts, TS_DIR / f"dnz_{lang}.qm")
        missing = [k for k, v in messages(ts).items() if v is None]
        print(f"{ts.name}: {len(messages(ts))} texts, {len(missing)} untranslated")
    for name in QT_EXTRA:
        lrelease(TS_DIR / f"{name}.ts", TS_DIR / f"{name}.qm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
