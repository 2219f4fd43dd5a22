"""F9: build the program with PyInstaller from build.spec and run the frozen `--smoke-test`.

Marked slow (≈30–60 s on 2 cores); `.ci/run` runs it with everything else. Bundle size and
build time are printed in the test output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

MAX_BUNDLE_BYTES = 180 * 1024 * 1024


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="the Windows build runs in .github/workflows/windows.yml")
def test_frozen_program_passes_its_smoke_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("PyInstaller")
    dist, work = tmp_path / "dist", tmp_path / "work"
    started = time.perf_counter()
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(dist),
         "--workpath", str(work), str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    build_seconds = time.perf_counter() - started
    assert build.returncode == 0, build.stderr[-4000:]
    bundle = dist / "dnz-assess"
    size = _size(bundle)
    assert size < MAX_BUNDLE_BYTES, f"bundle is {size / 2**20:.1f} MB"

    # A data folder with Chinese characters and a space, as on a real user's machine.
    data = tmp_path / "用户 数据"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    exe = bundle / ("dnz-assess-cli.exe" if os.name == "nt" else "dnz-assess-cli")
    smoke = subprocess.run(
        [str(exe), "--smoke-test", "--data-dir", str(data)], capture_output=True, text=True, timeout=300, env=env
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "冒烟测试全部通过" in smoke.stdout

    # The exported PDF embeds the bundled CJK font (so the font travelled with the bundle).
    pdf = next((data / "filings").glob("*.pdf"))
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line or "wqy" in line.lower()]
        assert cjk and all(" yes " in f" {line} " for line in cjk), fonts

    # The same executable can also check that the desktop window starts.
    gui = bundle / ("dnz-assess.exe" if os.name == "nt" else "dnz-assess")
    check = subprocess.run(
        [str(gui), "--check-startup", "--data-dir", str(tmp_path / "gui data")],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr

    with capsys.disabled():
        print(f"\n[frozen build] {build_seconds:.1f} s, bundle {size / 2**20:.1f} MB, smoke test passed")
