#!/usr/bin/env python3
"""One-command set-up for developers: `python3 scripts/dev.py run` / `python3 scripts/dev.py test`.

Needs only Python 3.11+ (stdlib). It creates a private tools environment holding uv, then lets uv
install exactly what `uv.lock` pins into `.venv`, then runs the program or the checks. Running it
again is cheap: uv only verifies the environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".tools"
VENV = ROOT / ".venv"
UV_VERSION = "0.13.9"
WINDOWS = os.name == "nt"


def _bin(env: Path, name: str) -> Path:
    return env / ("Scripts" if WINDOWS else "bin") / (name + (".exe" if WINDOWS else ""))


def _run(cmd: list[str | Path], **kw: object) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, **kw)  # type: ignore[call-overload]


def ensure_uv() -> Path:
    found = shutil.which("uv")
    if found:
        return Path(found)
    uv = _bin(TOOLS, "uv")
    if not uv.exists():
        print(f"Installing uv {UV_VERSION} into {TOOLS} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS)
        code = _run([_bin(TOOLS, "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"uv=={UV_VERSION}"])
        if code:
            sys.exit(f"could not install uv (pip exit {code})")
    return uv


def sync(extras: list[str]) -> None:
    uv = ensure_uv()
    env = dict(os.environ, UV_PYTHON_DOWNLOADS="never", UV_PROJECT_ENVIRONMENT=str(VENV))
    cmd: list[str | Path] = [uv, "sync", "--locked", "--python", sys.executable]
    for extra in extras:
        cmd += ["--extra", extra]
    code = _run(cmd, env=env)
    if code:
        sys.exit(f"uv sync failed (exit {code})")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        print("usage: python3 scripts/dev.py run [app args…] | test [pytest args…] | setup")
        return 2
    command, rest = argv[0], argv[1:]
    python = _bin(VENV, "python")
    if command == "run":
        sync([])
        return _run([python, "-m", "app", *rest])
    sync(["dev"])
    if command == "setup":
        return 0
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # lint-imports: the layer and no-cycle contracts in pyproject.toml ([tool.importlinter]).
    checks: list[list[str | Path]] = [
        [python, "-m", "ruff", "check", "."],
        [python, "-m", "mypy"],
        [_bin(VENV, "lint-imports"), "--no-cache"],
    ]
    for check in checks:
        code = _run(check, env=env)
        if code:
            return code
    return _run([python, "-m", "pytest", *rest], env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
