"""Issue #13, item by item, driven as a user would (pytest-qt, offscreen): nothing changes by accident,
refused input is never lost or forgotten, next year starts with a summary, people read words, the
pre-filing check and the help guide the manager, and the small things (marks, dialogs, focus)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QSizePolicy,
    QWidget,
)

from tests.test_ui_wizard import USCC, Harness, editor, harness, modals, no_crash_dialog, type_text  # noqa: F401

pytestmark = pytest.mark.gui

# What a person must never read: internal keys, the N/A marker, Python literals and reprs, option ids.
INTERNAL = re.compile(r"\b(answers|energy|enterprise|evidence)\.\w|\bna\b|True|False|None|[{}\[\]]|'|quantity=|\w+_\w+")


def option_ids() -> set[str]:
    from assessments.criteria import load_criteria

    c = load_criteria("binzhou-dnz-2025.1")
    return {o.id for i in c.indicators for o in i.answer.options if len(o.id) > 3}


# --------------------------------------------------------------------------- 1. the wheel


def wheel(widget: QWidget, delta: int) -> bool:
    """One notch of the wheel with the pointer over ``widget``; True when the widget took it.

    A notch the widget ignores is what Qt passes on to the parents (the page's scroll area) for real
    wheel events; a synthesized event is not passed on, so the scrolling itself is checked under a
    real X server with xdotool (tests/test_ui_wheel_x11.py)."""
    centre = widget.rect().center()
    event = QWheelEvent(
        QPointF(centre), QPointF(widget.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, delta),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def value_widgets(root: QWidget) -> list[QWidget]:
    kinds = (QComboBox, QAbstractSpinBox, QAbstractSlider)
    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and not isinstance(w, QScrollBar)]


def widget_value(w: QWidget) -> Any:
    if isinstance(w, QComboBox):
        return w.currentIndex()
    return w.value()  # type: ignore[attr-defined]


def test_the_wheel_changes_nothing_over_any_value_widget_without_focus(harness: Harness, qtbot: Any) -> None:
    from ui.dialogs import NewAssessmentDialog, SettingsDialog
    from ui.wheel import GUARDED

    h = harness
    h.window.open_demo()
    w = h.wizard
    h.wait_scored()
    sid = w.session.id

    def state() -> tuple[Any, ...]:
        stored = {k: (a.value, a.kept) for k, a in h.service.answers(sid).items()}
        return stored, len(h.service.journal(sid)), w.session.result.total_rounded

    before = state()
    checked = 0
    for page_id in w.flow.page_ids:
        page = w.open_page(page_id)
        texts = [e.text() for e in page.findChildren(QLineEdit)]
        w.nav.setFocus()
        for widget in value_widgets(page):
            assert isinstance(widget, GUARDED), (page_id, widget)
            assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
            page.ensureWidgetVisible(widget)
            shown = widget_value(widget)
            for delta in (120, -120, -120, 120):
                taken = wheel(widget, delta)
                assert not (taken and widget.isEnabled()), (page_id, widget)  # left to the page behind it
            assert widget_value(widget) == shown, (page_id, widget)
            checked += 1
        qtbot.wait(1)  # a score request, if anything had been saved, would start here
        assert not w.session.scoring
        assert state() == before, page_id
        assert [e.text() for e in page.findChildren(QLineEdit)] == texts, page_id  # the amounts shown too
    assert checked >= 17  # 15 unit boxes and the two outlets' source types
    # the home list's filter, the new-assessment year and the language box behave the same
    h.window.show_list()
    home = h.window.home
    h.window.home.table.setFocus()
    for widget in value_widgets(h.window.home):
        shown = widget_value(widget)
        wheel(widget, -120)
        assert widget_value(widget) == shown
    home.status.setFocus()  # with the focus, the wheel is the user's choice (the control of this test)
    qtbot.waitUntil(home.status.hasFocus)
    assert wheel(home.status, -120)
    assert home.status.currentIndex() == 1
    dialogs = [NewAssessmentDialog(lambda *a: 0, h.window),
               SettingsDialog("zh", h.data, h.service.db_path, [], lambda: [], h.window)]  # fmt: skip
    for dialog in dialogs:
        found = value_widgets(dialog)
        assert found
        for widget in found:
            assert isinstance(widget, GUARDED)
            shown = widget_value(widget)
            wheel(widget, 120)
            wheel(widget, -120)
            assert widget_value(widget) == shown, widget
        dialog.deleteLater()


def test_choosing_a_unit_converts_the_amount_and_keeps_the_score(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.open_demo()
    w = h.wizard
    h.wait_scored()
    total = w.session.result.total_rounded
    journal = len(h.service.journal(w.session.id))
    energy = w.open_page("energy").sections[0]
    row = energy.rows["natural_gas"]
    assert row["edit"].edit.text() == "150"
    row["unit"].setCurrentIndex(row["unit"].findData("m3"))  # chosen on purpose
    assert row["edit"].edit.text() == "1500000"
    assert row["message"].level == "hint"
    assert row["message"].text() == "已换算：150 万立方米 = 1 500 000 立方米（用量不变）"
    assert "天然气：已换算" in energy.message.text()
    assert row["canonical"].text() == "= 150 万立方米"
    stored = h.service.answers(w.session.id)["energy.natural_gas"].value
    assert stored == 150 and len(h.service.journal(w.session.id)) == journal
    assert not w.session.scoring and w.session.result.total_rounded == total
    assert row["tce"].text() == "1,821.45"
    assert h.window.settings.energy_units["natural_gas"] == "m3"  # remembered for the next assessment
    w.flush()  # leaving the field does not save the converted text again
    assert len(h.service.journal(w.session.id)) == journal
    # a new amount typed in the unit shown is stored in the canonical unit, exactly
    type_text(qtbot, row["edit"].edit, "3,000,000")
    assert h.service.answers(w.session.id)["energy.natural_gas"].value == 300
    row["unit"].setCurrentIndex(row["unit"].findData("10^4 m3"))
    assert row["edit"].edit.text() == "300" and row["canonical"].text() == ""
    # 0.1 万千瓦时 is exactly 1000 kWh (1000.0000000000001 with binary floats)
    grid = energy.rows["grid_electricity"]
    grid["unit"].setCurrentIndex(grid["unit"].findData("10^4 kWh"))
    assert grid["edit"].edit.text() == "4200"
    type_text(qtbot, grid["edit"].edit, "0.1")
    assert h.service.answers(w.session.id)["energy.grid_electricity"].value == 1000
    grid["unit"].setCurrentIndex(grid["unit"].findData("MWh"))
    assert grid["edit"].edit.text() == "1"


# --------------------------------------------------------------------------- 2. refused input


def test_refused_input_stays_marked_is_listed_first_and_blocks_a_silent_close(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    w = h.wizard
    sid = w.session.id
    profile = w.open_page("profile")
    uscc = profile.editors["enterprise.uscc"]
    type_text(qtbot, uscc.edit, "91371600MA3C5K2X8A")  # wrong check character
    industry = profile.editors["enterprise.industry_code"]
    type_text(qtbot, industry.edit, "ABC")
    assert uscc.refused and industry.refused
    assert profile.messages["enterprise.uscc"].level == "error"
    stored = h.service.answers(sid)
    assert stored["enterprise.uscc"].value == USCC and "enterprise.industry_code" not in stored
    # a number refused on another page, and an outlet row that cannot be saved yet
    page = w.open_page("process")
    type_text(qtbot, editor(page, "answers.P4").edit, "150")
    emission = w.open_page("emission")
    outlets = next(s for s in emission.sections if s.key == "outlets")
    type_text(qtbot, outlets.rows[0].measured["nox"].edit, "32")  # no name yet
    assert "outlets" not in h.service.answers(sid)
    # the review page lists them first, in words, each a jump to the field
    review = w.open_page("review")
    assert review.refused.isVisibleTo(review) and review.refused.count() == 4
    lines = [review.refused.item(i).text() for i in range(review.refused.count())]
    assert lines[0].startswith("企业信息 — 统一社会信用代码：“91371600MA3C5K2X8A”未保存（")
    assert "国民经济行业代码" in lines[1] and "“ABC”" in lines[1]
    assert "P4" in lines[2] and "“150”" in lines[2] and "100" in lines[2]
    assert lines[3].startswith("排放绩效（M） — 有组织排放口：未保存（") and "名称" in lines[3]
    assert "有 4 项输入未能保存" in review.summary.text() and "可以导出备案" not in review.summary.text()
    review._activated(review.refused.item(2))
    assert w.current == "process"
    qtbot.waitUntil(lambda: editor(w.pages["process"], "answers.P4").edit.hasFocus())
    assert editor(w.pages["process"], "answers.P4").edit.text() == "150"  # still on screen
    # closing the window asks (naming them); "no" keeps the window and shows the first one
    h.notes.answers = [False]
    h.window.close()
    assert h.window.isVisible() and h.notes.buttons[-1] == ("放弃这些输入并关闭", "返回修改")
    assert "统一社会信用代码" in h.notes.questions[-1] and "ABC" in h.notes.questions[-1]
    assert w.current == "profile"
    # so does switching to another assessment, and going back to the list
    h.notes.answers = [False, False]
    h.window.open_demo()
    assert h.wizard is w
    h.window.show_list()
    assert h.window.stack.currentWidget() is w
    # the export waits for them
    export = w.open_page("export")
    assert not export.button.isEnabled() and "未能保存" in export.note.text()
    # fixing each one clears it; nothing is saved wrong in between
    type_text(qtbot, uscc.edit, USCC)
    type_text(qtbot, industry.edit, "C2614")
    type_text(qtbot, editor(w.pages["process"], "answers.P4").edit, "")  # cleared: nothing to save
    type_text(qtbot, outlets.rows[0].name.edit, "1#锅炉")
    assert not w.session.refused and not uscc.refused
    stored = h.service.answers(sid)
    assert stored["enterprise.industry_code"].value == "C2614" and stored["outlets"].value[0]["nox"] == 32
    assert "answers.P4" not in stored
    questions = len(h.notes.questions)
    h.window.show_list()  # nothing left unsaved: no question
    assert len(h.notes.questions) == questions and h.window.stack.currentWidget() is h.window.home


def test_refused_energy_text_is_listed_and_given_up_only_when_confirmed(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.open_demo()
    w = h.wizard
    row = w.open_page("energy").sections[0].rows["diesel"]
    type_text(qtbot, row["edit"].edit, "12 吨")
    assert row["edit"].refused and row["mark"].level == "error"
    assert list(w.session.refused) == ["energy.diesel"]
    h.notes.answers = [True]  # give them up
    h.window.show_list()
    assert h.window.wizard is None and "柴油" in h.notes.questions[-1]
    assert "energy.diesel" not in h.service.answers(h.service.list_assessments()[0].id)


# --------------------------------------------------------------------------- 3. next year


def test_next_year_shows_what_was_carried_cleared_and_filled(harness: Harness, qtbot: Any, modals: Any) -> None:
    h = harness
    h.window.open_demo()
    first = h.wizard.session.id
    h.window.show_list()
    h.window.home.select_id(first)
    modals.next_year_jump = "answers.P4"  # the user double-clicks P4 in the summary
    h.window.start_next_year()
    w = h.wizard
    assert w.session.row.year == 2026
    dialog = modals.next_year[-1]
    texts = dialog.texts()
    assert texts[0].startswith("需要重新填写（") and "P4 低VOCs原辅材料替代率　上年度：82%" in texts
    assert "P8 余热余压余冷综合利用率　上年度：不适用" in texts
    assert "G5 信息公开　仅依法披露" in texts and any(t.startswith("沿用上年度（") for t in texts)
    for text in texts:
        assert not INTERNAL.search(text) or "统一社会信用代码" in text or "联系" in text, text
    # the jump chosen in the summary
    assert w.current == "process"
    page = w.pages["process"]
    qtbot.waitUntil(lambda: editor(page, "answers.P4").edit.hasFocus())
    # last year's values are hints in words, not "kept" values behind an unchecked N/A box
    for ident, hint in (("P4", "上年度：82%（仅供参考，请填写本年度数据）"), ("P8", "上年度：不适用（仅供参考，请填写本年度数据）")):
        card = page.cards[f"answers.{ident}"]
        assert card.kept_label.text() == hint and not card.na_box.isChecked()
    emission = w.open_page("emission")
    notes = {s.key: s.kept_label.text() for s in emission.sections if s.kept_label.isVisibleTo(emission)}
    assert notes["output"] == "上年度：250 000 t（仅供参考，请填写本年度数据）"
    intensity = next(s for s in emission.sections if s.key == "pollutant_intensity")
    assert intensity.reduction.edit.text() == ""  # not pre-filled with unsaved numbers
    for card in [*w.pages["process"].cards.values(), *w.open_page("energy").cards.values()]:
        assert "na" not in card.kept_label.text().split() and "已保留" not in card.kept_label.text()
    review = w.open_page("review")
    assert review.kept.text() == "（无）"  # hints are not values kept aside
    # starting next year again offers the existing one, never an internal number
    h.window.show_list()
    h.window.home.select_id(first)
    h.notes.answers = [True]
    h.window.start_next_year()
    assert h.notes.buttons[-1] == ("打开已有评估", "取消") and "#" not in h.notes.questions[-1]
    assert "2026 年度的评估已经存在" in h.notes.questions[-1]
    assert h.wizard is not None and h.wizard.session.row.year == 2026
    assert len(modals.next_year) == 1 and len(h.service.list_assessments()) == 2


# --------------------------------------------------------------------------- 4. words, not keys


def test_review_journal_and_filing_of_a_next_year_assessment_read_as_words(
    harness: Harness, qtbot: Any, modals: Any, tmp_path: Path
) -> None:
    import openpyxl
    from pypdf import PdfReader

    from assessments.document import parse_document
    from assessments.draft import dict_to_draft
    from tests.conftest import example

    h = harness
    h.window.open_demo()
    h.window.show_list()
    h.window.home.select_id(h.service.list_assessments()[0].id)
    h.window.start_next_year()
    w = h.wizard
    sid = w.session.id
    # the year's figures entered again (through the service: the wizard paths are tested above)
    for key, value in dict_to_draft(parse_document(example())).items():
        if h.service.answers(sid).get(key) is None or h.service.answers(sid)[key].value is None:
            h.service.set_answer(sid, key, value)
    h.service.set_answer(sid, "answers.G5", "statutory_plus_voluntary")
    h.service.set_answer(sid, "answers.P8", 55)
    h.service.set_answer(sid, "answers.P8", "na")  # 55 kept aside, not scored
    pdf = tmp_path / "许可证.pdf"
    pdf.write_bytes(b"%PDF-1.4 permit")
    h.service.attach_evidence(sid, "V1", pdf)
    h.window.open_assessment(sid, "review")
    w = h.wizard
    h.wait_scored()
    review = w.open_page("review")
    texts = review.texts()
    assert "P8 余热余压余冷综合利用率：已保留原填写内容（不计分）：55%。取消“不适用”即可恢复。" in review.kept.text()
    review.journal_button.click()
    journal = modals.journal[-1].texts()
    assert any("G5 信息公开：仅依法披露 → 依法披露 + 自愿发布碳排放/ESG报告" in t for t in journal), journal[:5]
    assert any("V1 排污许可 佐证材料：许可证.pdf" in t and "附加佐证材料" in t for t in journal)
    assert any("沿用上年度" in t for t in journal)
    outcome = h.service.export_filing(sid, xlsx_path=tmp_path / "f.xlsx", pdf_path=tmp_path / "f.pdf")
    assert len(outcome.files) == 2
    pages = [page.extract_text() for page in PdfReader(str(tmp_path / "f.pdf")).pages]
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    cells = [str(c.value) for ws in book.worksheets if ws.sheet_state == "visible" for row in ws.iter_rows()
             for c in row if c.value is not None]  # fmt: skip
    ids = option_ids()
    leaks = []
    for where, items in (("review", texts), ("journal", journal), ("pdf", pages), ("xlsx", cells)):
        for text in items:
            for line in text.splitlines():
                words = set(re.findall(r"[a-z_]+", line))
                if INTERNAL.search(line) or words & ids:
                    leaks.append((where, line))
    # the enterprise's own text and file names may hold anything; the rest may not
    # (the verify instructions name the carried file dnz-answers.json; signature blanks are underscores)
    # The filing's 编号 column shows the sub-answer's id E5_coal_fired (its layout belongs to #12).
    allowed = ("滨州示例化工有限公司", "许可证.pdf", "f.pdf", "f.xlsx", "SHA-256", "dnz-answers.json", "____",
               "E5_coal_fi")  # fmt: skip
    leaks = [(where, line) for where, line in leaks if not any(a in line for a in allowed)]
    assert not leaks, leaks[:10]


# --------------------------------------------------------------------------- 5. pre-filing check and help


def test_prefiling_check_on_the_review_page_jumps_to_the_evidence(harness: Harness, qtbot: Any, tmp_path: Path) -> None:
    h = harness
    h.window.open_demo()
    w = h.wizard
    review = w.open_page("review")
    assert "已附加 0 个佐证材料" in review.summary.text() and "可以导出备案" not in review.summary.text()
    first = review.checks.item(0)
    assert first.text().startswith("V1 排污许可：回答“是”，但没有附佐证材料。")
    review._activated(first)
    assert w.current == "evidence"
    evidence = w.pages["evidence"]
    assert evidence.selected_question() == "V1"
    pdf = tmp_path / "许可证.pdf"
    pdf.write_bytes(b"%PDF-1.4 permit")
    assert evidence.attach("V1", pdf)
    review = w.open_page("review")
    assert "已附加 1 个佐证材料" in review.summary.text()
    assert not review.checks.item(0).text().startswith("V1 ")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_opens_at_the_page_shown_with_f1(qtbot: Any, tmp_path: Path, modals: Any, lang: str) -> None:
    from PySide6.QtTest import QTest

    from ui.help import HelpDialog, help_html

    h = Harness(qtbot, tmp_path, language=lang)
    try:
        h.window.act_help.trigger()
        assert modals.help == ["start"]
        h.window.open_demo()
        w = h.wizard
        html = help_html(lang)
        for page_id in w.flow.page_ids:
            page = w.open_page(page_id)
            target = page.focus_targets[next(iter(page.focus_targets))]() if page.focus_targets else w.nav
            target.setFocus()
            qtbot.waitUntil(lambda t=target: QApplication.focusWidget() is not None)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
            assert modals.help[-1] == page_id, page_id
            assert f'<a name="{page_id}">' in html
        dialog = HelpDialog(modals.help[-1], h.window)
        text = dialog.browser.toPlainText()
        assert ("不适用" in text and "短板" in text and "核验" in text) if lang == "zh" else "short board" in text
        dialog.deleteLater()
    finally:
        h.close()


def test_source_notes_are_shown_beside_the_basis(harness: Harness) -> None:
    h = harness
    h.window.open_demo()
    card = h.wizard.open_page("prerequisites").cards["answers.V2"]
    details = next(lab.text() for lab in card.findChildren(QLabel) if lab.objectName() == "cardDetails")
    assert "依据：GB/T 36132；浙经信绿色〔2023〕257号\n引用说明：浙经信绿色〔2023〕257号是浙江省" in details


# --------------------------------------------------------------------------- 6. marks, layout, focus, keys


def shipped_font_characters() -> set[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    from app.resources import resource_path

    return set(TTFontFile(str(resource_path("fonts", "wqy-microhei.ttc")), subfontIndex=0).charToGlyph)


def test_every_character_shown_exists_in_the_shipped_font(harness: Harness) -> None:
    """The error mark was ⛔, which no font here has (an empty box): marks are drawn now, and every
    character of every label and button of the wizard is in WenQuanYi Micro Hei (resources/fonts)."""
    from ui.wizard.widgets import MessageLabel

    h = harness
    h.window.open_demo()
    w = h.wizard
    have = shipped_font_characters()
    assert ord("⛔") not in have and ord("⚠") not in have  # why they had to go
    missing: set[str] = set()
    for page_id in w.flow.page_ids:
        page = w.open_page(page_id)
        for widget in [*page.findChildren(QLabel), *page.findChildren(QAbstractButton), *w.score_panel.findChildren(QLabel)]:
            text = widget.text()
            missing |= {ch for ch in text if not ch.isspace() and ord(ch) not in have}
    assert not missing, sorted(missing)
    label = MessageLabel(reserve=True)
    label.show_error("错误")
    assert "⛔" not in label.text() and label.contentsMargins().left() > 0


def test_the_drawn_error_mark_is_red(qtbot: Any) -> None:
    from ui.wizard.widgets import MARK_COLOURS, MessageLabel

    label = MessageLabel(reserve=True)
    qtbot.addWidget(label)
    label.resize(300, label.sizeHint().height())
    label.show_error("不是有效数字")
    image = label.grab().toImage()
    line = label.fontMetrics().height()
    colours = {image.pixelColor(x, y).name() for x in range(line) for y in range(line)}
    assert MARK_COLOURS["error"] in colours
    label.show_warning("请核对单位")
    image = label.grab().toImage()
    assert MARK_COLOURS["warn"] in {image.pixelColor(x, y).name() for x in range(line) for y in range(line)}


def test_messages_and_first_results_do_not_move_the_fields_below(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    w = h.wizard
    energy = w.open_page("energy")
    table = energy.sections[0]
    below = table.rows["green_electricity"]["edit"]
    QApplication.processEvents()
    y = below.mapTo(energy.widget(), QPoint(0, 0)).y()
    type_text(qtbot, table.rows["grid_electricity"]["edit"].edit, "4200")  # a unit-slip warning
    assert table.rows["grid_electricity"]["message"].level == "warn"
    h.wait_scored()
    QApplication.processEvents()
    assert below.mapTo(energy.widget(), QPoint(0, 0)).y() == y
    process = w.open_page("process")
    QApplication.processEvents()  # laid out as shown
    p5 = process.cards["answers.P5"]
    y = p5.mapTo(process.widget(), QPoint(0, 0)).y()
    type_text(qtbot, editor(process, "answers.P4").edit, "8x")  # an error under P4
    QApplication.processEvents()
    assert p5.mapTo(process.widget(), QPoint(0, 0)).y() == y
    emission = w.open_page("emission")
    water = next(s for s in emission.sections if s.key == "water")
    output = next(s for s in emission.sections if s.key == "output")
    QApplication.processEvents()
    y = water.zld.mapTo(emission.widget(), QPoint(0, 0)).y()
    type_text(qtbot, output.editors["quantity"].edit, "250000")
    type_text(qtbot, output.editors["unit"].edit, "t")
    h.wait_scored()
    QApplication.processEvents()
    assert output.figures.text().startswith("单位产品碳排放")
    assert water.zld.mapTo(emission.widget(), QPoint(0, 0)).y() == y


def test_focus_is_visible_after_tab(harness: Harness, qtbot: Any) -> None:
    """Tab from the section list through the page: every stop looks different once it has the focus
    (the first Tab used to land on the page itself, which shows nothing)."""
    h = harness
    h.window.open_demo()
    w = h.wizard
    page = w.open_page("process")
    w.nav.setFocus()
    qtbot.waitUntil(w.nav.hasFocus)
    qtbot.keyClick(w.nav, Qt.Key.Key_Tab)
    first = QApplication.focusWidget()
    assert first is not page and page.isAncestorOf(first)  # a field, not the scroll area
    kinds: set[str] = set()
    for _ in range(60):  # round the whole chain: page, score panel, buttons, back to the section list
        current = QApplication.focusWidget()
        nxt = current.nextInFocusChain()
        while not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus and nxt.isVisible() and nxt.isEnabled()):
            nxt = nxt.nextInFocusChain()
        page.ensureWidgetVisible(nxt)
        QApplication.processEvents()
        plain = nxt.grab().toImage()
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is nxt
        focused = nxt.grab().toImage()
        assert focused.size() == plain.size() and focused != plain, nxt
        kinds.add(type(nxt).__name__)
        if nxt is w.nav:
            break
    assert {"ChoiceButton", "FieldEdit", "QCheckBox", "ScorePanel", "QPushButton", "QListWidget"} <= kinds, kinds


def test_arrow_keys_choose_in_an_unanswered_group(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    page = h.wizard.open_page("process")
    choice = page.cards["answers.P1"].editors[0]
    assert choice.current() is None
    first = choice.buttons[0]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert choice.buttons[1].hasFocus() and choice.current() == choice.values[1]
    assert h.service.answers(h.wizard.session.id)["answers.P1"].value == choice.values[1]
    qtbot.keyClick(choice.buttons[1], Qt.Key.Key_Down)
    assert choice.current() == choice.values[2]
    qtbot.keyClick(choice.buttons[2], Qt.Key.Key_Up)
    assert choice.current() == choice.values[1]


# --------------------------------------------------------------------------- 7. dialogs and small things


def test_file_dialogs_speak_chinese_and_start_in_a_folder_that_exists(
    harness: Harness, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from ui import folders
    from ui.i18n import qt_translations_loaded

    loaded = [Path(p).name for p in qt_translations_loaded()]
    assert loaded == ["qtbase_zh_CN.qm", "qt_extra_zh_CN.qm"]
    dialog = QFileDialog(None, "选择佐证材料", str(tmp_path), "佐证材料 (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    (tmp_path / "folder").mkdir()
    dialog.show()
    qtbot.addWidget(dialog)
    english = [lab.text() for lab in dialog.findChildren(QLabel) if re.search("[A-Za-z]{3}", lab.text())]
    assert not english, english
    model = dialog.findChild(__import__("PySide6.QtWidgets").QtWidgets.QFileSystemModel)
    index = model.index(str(tmp_path / "folder"))
    qtbot.waitUntil(lambda: model.data(model.index(index.row(), 2, index.parent())) is not None)
    assert model.data(model.index(index.row(), 2, index.parent())) == "文件夹"
    dialog.close()
    # no Documents folder: the dialog starts in the home folder; later in the folder used last
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _loc: str(tmp_path / "Documents")))
    folders.load({})
    assert folders.start_folder("evidence") == str(Path.home())
    folders.remember("evidence", tmp_path)
    assert folders.start_folder("evidence") == str(tmp_path)
    folders.remember("export", tmp_path / "gone")
    assert folders.start_folder("export") == str(Path.home())
    h = harness
    h.window.close()
    from ui.settings_store import SettingsStore

    assert SettingsStore.in_folder(h.data).load().folders["evidence"] == str(tmp_path)


def test_new_assessment_dialog_grows_with_its_messages_and_drops_a_stale_error(qtbot: Any) -> None:
    from assessments.errors import DocumentError, Problem
    from ui.dialogs import NewAssessmentDialog

    long = "；".join(["统一社会信用代码的校验位不正确，应为 7，请核对营业执照上的代码"] * 4)

    def create(*_args: Any) -> int:
        raise DocumentError([Problem("enterprise.uscc", long, "wrong")])

    dialog = NewAssessmentDialog(create, None)
    qtbot.addWidget(dialog)
    dialog.show()
    height = dialog.height()
    dialog.name.setText("滨州某某")
    dialog.uscc.setText(USCC)
    dialog._uscc_typed(USCC)
    assert dialog.uscc_message.level == "ok" and dialog.uscc_message.text() == "校验位正确"
    dialog.accept()
    assert dialog.error.level == "error" and dialog.error.text() == long
    assert dialog.height() > height
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())  # nothing clipped
    qtbot.keyClicks(dialog.uscc, "X")  # editing: the refusal is about values no longer there
    assert dialog.error.text() == "" and not dialog.error.isVisible()


def test_backup_reasons_are_translated(qtbot: Any, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from models.backup import BackupInfo
    from ui.dialogs import SettingsDialog

    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    backups = [BackupInfo(tmp_path / f"{r}.sqlite3", r, at, 1, 2, True) for r in ("pre-export", "auto-start", "later-kind")]
    dialog = SettingsDialog("zh", tmp_path, tmp_path / "dnz.sqlite3", backups, lambda: [], None)
    qtbot.addWidget(dialog)
    texts = [dialog.backups.item(i).text() for i in range(dialog.backups.count())]
    assert "导出前" in texts[0] and "启动时" in texts[1] and "其他" in texts[2]
    assert not any(re.search("[a-z]{3}", t) for t in texts), texts


def test_cards_are_as_tall_as_their_content(harness: Harness) -> None:
    """Word-wrapped labels keep their height-for-width: no card is laid out taller than its content
    needs at its width (they were, by up to three times, once the style sheet went)."""
    from ui.style import Card

    h = harness
    h.window.open_demo()
    w = h.wizard
    for page_id in w.flow.page_ids:
        page = w.open_page(page_id)
        QApplication.processEvents()
        for card in page.findChildren(Card):
            if card.isVisibleTo(page) and card.layout() is not None:
                needed = card.layout().totalHeightForWidth(card.width())
                assert card.height() <= needed + 1, (page_id, card.height(), needed)
            # and no wrapped text (of the cards' own text labels) is given more lines than it fills
            for label in card.findChildren(QLabel):
                text_label = label.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Minimum
                if text_label and label.wordWrap() and label.isVisibleTo(page) and label.text():
                    assert label.height() <= label.heightForWidth(label.width()) + 1, (page_id, label.text()[:20])
