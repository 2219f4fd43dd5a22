"""Translations: the English .ts covers every text in ui/, the .qm is built from it, and the
main window and wizard open in both languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.gui


def test_qm_is_up_to_date_and_complete() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_translations.py"), "--check"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize(("lang", "title", "next_text"), [("zh", "双近零标杆企业自评估", "下一步(&N)"),
                                                          ("en", "Double near-zero self-assessment", "&Next")])  # fmt: skip
def test_main_window_and_wizard_in_both_languages(qtbot: object, tmp_path: Path, lang: str, title: str,
                                                   next_text: str) -> None:  # fmt: skip
    from tests.test_ui_wizard import Harness

    h = Harness(qtbot, tmp_path, language=lang)
    try:
        assert h.window.windowTitle() == title
        h.window.open_demo()
        w = h.wizard
        assert w.next_button.text() == next_text
        for page_id in w.flow.page_ids:  # every page builds and renders in this language
            w.open_page(page_id)
        h.wait_scored()
        if lang == "en":
            assert w.pages["process"].cards["answers.P1"].heading.text().startswith("P1  ")
            assert w.pages["process"].cards["answers.P1"].heading.text().endswith("(weight 4)")
            assert w.score_panel.grade.text() == "Grade: Compliant"
        else:
            assert w.pages["process"].cards["answers.P1"].heading.text().endswith("（权重 4）")
            assert w.score_panel.grade.text() == "等级：合规"
    finally:
        h.close()
