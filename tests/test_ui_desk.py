"""The desk window: import off the GUI thread with progress, colours, filters, details, cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.desk.service import DeskService
from assessments.document import parse_document
from tests.conftest import example_decimal
from tests.desk_corpus import V2_AT, export, resubmitted, tamper_workbook
from ui.desk.window import DeskWindow


@pytest.fixture
def received(tmp_path: Path) -> Path:
    folder = tmp_path / "received"
    doc = parse_document(example_decimal())
    export(doc, folder, "v1", pdf=False)
    export(resubmitted(doc), folder, "v2", pdf=False, at=V2_AT)
    (x,) = export(resubmitted(doc), folder / "other", "t", pdf=False, at=V2_AT)
    tamper_workbook(x, folder / "other" / "篡改.xlsx")
    return folder


def test_import_shows_ranked_coloured_rows_and_the_changes_since_v1(qtbot: Any, received: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    service = DeskService.open(str(tmp_path / "desk.sqlite3"))
    window = DeskWindow(service, "desk.sqlite3")
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.import_finished, timeout=300_000) as blocker:
            window.start_import([received])
            assert not window.progress.isHidden() and not window.cancel_button.isHidden()
        assert window.progress.isHidden() and window.import_button.isEnabled()
        summary = blocker.args[0]
        assert (summary.received, summary.verified, summary.modified) == (3, 2, 1)
        assert shown and shown[0].startswith("收到 3 份文件")
        # v1, v2 and a tampered copy of v2 (the same carried data and fingerprint, its cover edited):
        # one row, the current filing, stood for by the tampered copy (never hidden), in red.
        model = window.model
        assert [(r["name"], r["status"], r["file"], r["version"]) for r in model.rows] == [
            ("滨州示例化工有限公司", "modified", "篡改.xlsx", 2)
        ]
        assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).name() == "#f8d7da"
        assert model.data(model.index(0, 6)) == "被改动"
        window.table.selectRow(0)
        html = window.details.toHtml()
        assert "P4 低VOCs原辅材料替代率：82% → 95%" in html
        window.filters["status"].setCurrentText("无法核验")
        assert model.rows == []
        window.filters["status"].setCurrentText("全部")
        assert len(model.rows) == 1
    finally:
        window.tasks.wait()
        service.close()


def test_cancel_stops_the_import_and_keeps_what_was_stored(qtbot: Any, received: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    service = DeskService.open(str(tmp_path / "desk.sqlite3"))
    window = DeskWindow(service, "desk.sqlite3")
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.import_finished, timeout=300_000) as blocker:
            window.start_import([received])
            window.cancel_button.click()  # before the first file is verified (each takes a second or more)
        summary = blocker.args[0]
        stored = summary.verified + summary.modified + summary.unverifiable
        assert summary.cancelled and stored < 3 and "导入已取消" in summary.text()
        assert len(service.ranked()) == min(stored, 1)
    finally:
        window.tasks.wait()
        service.close()
