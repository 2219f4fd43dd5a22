"""The wizard shows exact figures (docs/criteria.md §9 E1) and keeps typed decimals, driven as a user.

The E1 example typed into the demo assessment: E5 = 95 shows 2.9 points (the float program
showed 2.8). A 17-digit value typed into a field comes back with every digit after reopening.
Opening an assessment whose stored list summary came from the float program corrects it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from assessments.document import parse_document
from tests.conftest import example_decimal
from tests.test_exact_scoring import e1_total_document
from tests.test_ui_wizard import Harness, editor, no_crash_dialog, type_text

pytestmark = pytest.mark.gui
__all__ = ["no_crash_dialog"]  # the autouse fixture: an exception inside a slot fails the test


def test_typing_e5_95_shows_2_9_points(qtbot: Any, tmp_path: Path) -> None:
    h = Harness(qtbot, tmp_path, demo_offered=False)  # the demo: the worked example, all answered
    try:
        qtbot.waitUntil(lambda: h.wizard is not None, timeout=10000)
        h.wait_scored()
        page = h.wizard.open_page("energy")
        type_text(qtbot, editor(page, "answers.E5").edit, "95")
        qtbot.waitUntil(lambda: h.wizard.session.result.indicator("E5").points_shown == 2.9, timeout=10000)
        h.wait_scored()
        assert "得分 2.9 / 3.0" in page.cards["answers.E5"].points_label.text()
        page.cards["answers.E5"].grab().save(str(tmp_path / "e5.png"))  # for a look when debugging
        # A 17-digit decimal survives the field, the database and a reopen.
        type_text(qtbot, editor(page, "answers.E7").edit, "65.000000000000001")
        sid = h.wizard.session.id
        assert (
            h.service.answers(sid)["answers.E7"].value == pytest.approx(65)
            and str(h.service.answers(sid)["answers.E7"].value) == "65.000000000000001"
        )
        h.window.show_list()
        h.window.open_assessment(sid, "energy")
        assert editor(h.wizard.pages["energy"], "answers.E7").edit.text() == "65.000000000000001"
    finally:
        h.close()


def test_opening_an_assessment_corrects_the_listed_total(qtbot: Any, tmp_path: Path) -> None:
    h = Harness(qtbot, tmp_path)
    try:
        aid = h.service.import_document(parse_document(e1_total_document()))
        path = h.service.db_path
        conn = sqlite3.connect(path)
        with conn:  # what the float program stored: 69.9, compliant
            conn.execute("UPDATE assessments SET total = 69.9, grade = 'compliant' WHERE id = ?", (aid,))
        conn.close()
        h.service._cache.clear()
        journal = len(h.service.journal(aid))
        h.window.open_assessment(aid)
        h.wait_scored()
        assert h.wizard.score_panel.total_text == "70.0"
        assert "先进" in h.wizard.score_panel.grade.text()
        h.window.show_list()
        home = h.window.home
        qtbot.waitUntil(lambda: home.model.rowCount() == 1)
        assert home.model.data(home.model.index(0, 5)) == "先进"
        assert len(h.service.journal(aid)) == journal
    finally:
        h.close()


def test_worked_example_unchanged_in_the_wizard(qtbot: Any, tmp_path: Path) -> None:
    h = Harness(qtbot, tmp_path)
    try:
        aid = h.service.import_document(parse_document(example_decimal()))
        h.window.open_assessment(aid)
        h.wait_scored()
        result = h.wizard.session.result
        assert (result.total_rounded, result.grade) == (57.0, "compliant")
        assert [d.rounded for d in result.dimensions] == [18.0, 8.9, 10.5, 19.7]
    finally:
        h.close()
