"""The desk window: received filings with status colours, filters and ranking; import with a
progress bar and cancel (off the GUI thread); 退回修改; summary export; a filing's verification,
history and changes since the previous version.

Widgets only: every read and write goes through app.desk.service.DeskService.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.desk.service import DeskService, ImportSummary
from ui.qtcompat import emit
from ui.tasks import TaskRunner

STATUS_ZH = {"verified": "一致", "modified": "被改动", "unverifiable": "无法核验"}
STATUS_COLOUR = {"verified": "#dff0d8", "modified": "#f8d7da", "unverifiable": "#fff3cd"}
GRADE_ZH = {"benchmark": "双近零标杆", "advanced": "先进", "compliant": "合规", "not_yet": "尚未达标"}
COLUMNS = (("rank", "名次"), ("year", "年度"), ("name", "企业名称"), ("county", "县（市、区）"), ("total", "总分"),
           ("grade", "等级"), ("status", "核验"), ("version", "版本"), ("review_state", "状态"), ("file", "文件"))  # fmt: skip
ALL = "全部"


class FilingsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row[key]
            if key == "status":
                return STATUS_ZH[value]
            if key == "grade":
                return GRADE_ZH.get(value or "", "—")
            if key == "total":
                return "—" if value is None else f"{value:.1f}"
            if key == "review_state":
                return "已退回修改" if value == "returned" else "已收到"
            if key == "version":
                return f"v{value}"
            return "—" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(STATUS_COLOUR[row["status"]])
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("rank", "year", "total", "version"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _Progress(QObject):
    step = Signal(int, int, str)


class ReturnDialog(QDialog):
    """退回修改: the questions to correct and the note for the enterprise."""

    def __init__(self, parent: QWidget, row: dict[str, Any]) -> None:
        super().__init__(parent)
        self.setWindowTitle("退回修改")
        form = QFormLayout(self)
        form.addRow("企业", QLabel(f"{row['name']}（{row['uscc']}，{row['year']} 年度）"))
        self.items = QLineEdit()
        self.items.setPlaceholderText("例如 P4,M1")
        self.note = QLineEdit()
        form.addRow("需要修改的题目", self.items)
        form.addRow("说明", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class DeskWindow(QMainWindow):
    import_finished = Signal(object)  # ImportSummary, for tests and the status line

    def __init__(self, service: DeskService, location: str) -> None:
        super().__init__()
        self.service = service
        self.tasks = TaskRunner(self)
        self.cancel_flag = threading.Event()
        self.setWindowTitle(f"双近零备案受理台 — {_shown(location)}")
        self.resize(1280, 800)
        central = QWidget()
        layout = QVBoxLayout(central)
        bar = QHBoxLayout()
        self.import_button = QPushButton("导入文件夹…")
        self.return_button = QPushButton("退回修改…")
        self.summary_button = QPushButton("导出汇总表…")
        self.filters = {name: QComboBox() for name in ("year", "county", "grade", "status")}
        for button in (self.import_button, self.return_button, self.summary_button):
            bar.addWidget(button)
        bar.addSpacing(20)
        for label, name in (("年度", "year"), ("县区", "county"), ("等级", "grade"), ("核验", "status")):
            bar.addWidget(QLabel(label))
            bar.addWidget(self.filters[name])
            self.filters[name].setMinimumContentsLength(6)
        bar.addStretch(1)
        layout.addLayout(bar)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress_label = QLabel()
        self.cancel_button = QPushButton("取消导入")
        for widget in (self.progress, self.progress_label, self.cancel_button):
            progress_row.addWidget(widget)
            widget.hide()
        layout.addLayout(progress_row)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = FilingsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QTextBrowser()
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([520, 240])
        layout.addWidget(split, 1)
        self.setCentralWidget(central)
        self.import_button.clicked.connect(self.choose_import)
        self.return_button.clicked.connect(self.return_selected)
        self.summary_button.clicked.connect(self.export_summary)
        self.cancel_button.clicked.connect(self.cancel_flag.set)
        self.table.selectionModel().selectionChanged.connect(self.show_details)
        self.refresh()
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(self.apply_filters)

    # ------------------------------------------------------------------ list and filters

    def refresh(self) -> None:
        everything = self.service.ranked()
        choices = {
            "year": sorted({str(r["year"]) for r in everything if r["year"] is not None}, reverse=True),
            "county": sorted({r["county"] for r in everything if r["county"]}),
            "grade": [GRADE_ZH[g] for g in GRADE_ZH],
            "status": list(STATUS_ZH.values()),
        }
        for name, combo in self.filters.items():
            chosen = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([ALL, *choices[name]])
            combo.setCurrentText(chosen if chosen in choices[name] else ALL)
            combo.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        chosen = {name: combo.currentText() for name, combo in self.filters.items()}
        filters: dict[str, Any] = {}
        if chosen["year"] != ALL:
            filters["year"] = int(chosen["year"])
        if chosen["county"] != ALL:
            filters["county"] = chosen["county"]
        if chosen["grade"] != ALL:
            filters["grade"] = {v: k for k, v in GRADE_ZH.items()}[chosen["grade"]]
        if chosen["status"] != ALL:
            filters["status"] = {v: k for k, v in STATUS_ZH.items()}[chosen["status"]]
        self.model.set_rows(self.service.ranked(**filters))
        self.table.resizeColumnsToContents()
        self.statusBar().showMessage(f"当前备案 {len(self.model.rows)} 份（每家企业每年一份，按等级、总分、名称排名）")

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def show_details(self) -> None:
        row = self.selected()
        if row is None:
            self.details.clear()
            return
        stored = self.service.file(int(row["id"])) or {}
        lines = [f"<h3>{_esc(row['name'] or row['file'])}</h3>", f"<p>{_esc(stored.get('summary', ''))}</p>"]
        differences = json.loads(stored.get("differences_json") or "[]")
        if differences:
            lines.append("<p><b>不符之处：</b></p><ol>" + "".join(f"<li>{_esc(d)}</li>" for d in differences) + "</ol>")
        if row["uscc"] and row["year"]:
            history = self.service.history(row["uscc"], row["year"])
            versions = sorted({h["version"] for h in history})
            if len(versions) > 1:
                lines.append("<p><b>历次备案：</b></p>")
                for h in history:
                    if h["changes"]:
                        lines.append(f"<p>v{h['version']}（{_esc(h['file_name'])}，导出 {_esc(h['exported_at'] or '')}）"
                                     "较上一版修改：</p><ul>" + "".join(f"<li>{_esc(c)}</li>" for c in h["changes"])
                                     + "</ul>")  # fmt: skip
        if stored.get("review_note"):
            lines.append(f"<p><b>已退回修改：</b>{_esc(stored['review_note'])}</p>")
        self.details.setHtml("".join(lines))

    # ------------------------------------------------------------------ import

    def choose_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择收到的备案文件所在的文件夹")
        if folder:
            self.start_import([Path(folder)])

    def start_import(self, paths: list[Path]) -> None:
        self.cancel_flag.clear()
        relay = _Progress(self)
        relay.step.connect(self._progress)
        for widget in (self.progress, self.progress_label, self.cancel_button):
            widget.show()
        self.progress.setRange(0, 0)
        self.import_button.setEnabled(False)

        def work() -> ImportSummary:
            return self.service.import_paths(
                paths, progress=lambda done, total, name: emit(relay.step, done, total, name),
                cancelled=self.cancel_flag.is_set, spawn=True,
            )  # fmt: skip

        self.tasks.run(work, on_done=self._imported, on_error=self._import_failed)

    def _progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(name)

    def _import_done(self) -> None:
        for widget in (self.progress, self.progress_label, self.cancel_button):
            widget.hide()
        self.import_button.setEnabled(True)

    def _imported(self, summary: ImportSummary) -> None:
        self._import_done()
        self.refresh()
        QMessageBox.information(self, "导入完成", summary.text()[:3000])
        emit(self.import_finished, summary)

    def _import_failed(self, exc: BaseException, _text: str) -> None:
        self._import_done()
        QMessageBox.warning(self, "导入未完成", getattr(exc, "zh", None) or f"导入时出错：{type(exc).__name__}")

    # ------------------------------------------------------------------ return and summary

    def return_selected(self) -> None:
        from app.desk.request import RequestError, request_bytes

        row = self.selected()
        if row is None or not row["uscc"] or not row["year"]:
            QMessageBox.information(self, "退回修改", "请先在列表中选择一家企业的备案。")
            return
        dialog = ReturnDialog(self, row)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            body = self.service.create_request(row["uscc"], int(row["year"]), dialog.items.text().split(","),
                                               dialog.note.text())  # fmt: skip
        except RequestError as exc:
            QMessageBox.warning(self, "无法退回修改", exc.zh)
            return
        target, _ = QFileDialog.getSaveFileName(self, "保存修改通知", f"{row['uscc']}-{row['year']}.dnzreq",
                                                "修改通知 (*.dnzreq)")  # fmt: skip
        if target:
            Path(target).write_bytes(request_bytes(body))
        self.refresh()

    def export_summary(self) -> None:
        from app.desk.summary_xlsx import summary_workbook
        from app.filing.safewrite import write_atomic

        target, _ = QFileDialog.getSaveFileName(self, "导出汇总表", "备案汇总.xlsx", "Excel 工作簿 (*.xlsx)")
        if not target:
            return
        year = self.filters["year"].currentText()
        write_atomic(Path(target), summary_workbook(self.service, None if year == ALL else int(year)))
        self.statusBar().showMessage(f"已导出汇总表：{target}")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _shown(location: str) -> str:
    """The database shown in the title, without a password."""
    if "://" in location and "@" in location:
        scheme, rest = location.split("://", 1)
        return f"{scheme}://{rest.split('@', 1)[1]}"
    return location


def run_desk(location: str) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    service = DeskService.open(location)
    window = DeskWindow(service, location)
    window.show()
    try:
        return int(app.exec())
    finally:
        window.tasks.wait()
        service.close()
