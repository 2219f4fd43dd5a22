"""导出备案: the export page, the export itself (AssessmentService.export_filing in a worker thread
with progress), and the result with 打开文件 / 打开所在文件夹.

The result shown is the assessment's latest export as recorded in the database, so it is still
there after a language switch or when the assessment is opened again.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from assessments.texts import render_all
from ui import folders, notify
from ui.qtcompat import emit
from ui.style import Card
from ui.wizard.pages import WizardPage
from ui.wizard.widgets import MessageLabel, wrap_label

if TYPE_CHECKING:
    from app.wizard_flow import PageSpec
    from ui.wizard.session import AssessmentSession


class _Progress(QObject):
    """Lives on the GUI thread; the worker emits, the page's progress bar receives (queued)."""

    step = Signal(int, str)


def filing_names(enterprise: str, year: int) -> tuple[str, str]:
    safe = "".join(ch for ch in enterprise if ch not in '\\/:*?"<>|').strip() or "enterprise"
    stem = f"{safe}-{year}-双近零自评估备案"
    return f"{stem}.xlsx", f"{stem}.pdf"


def filing_available(service: Any) -> bool:
    try:
        return importlib.util.find_spec("app.filing") is not None and hasattr(service, "export_filing")
    except (ImportError, ValueError):
        return False


def open_path(path: Path) -> bool:
    """Open a file or folder with the program the system associates with it (tests replace it)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class ExportResult(Card):
    """The latest filing: when, which files, its fingerprint, and buttons to open them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files: list[Path] = []
        self.text = wrap_label("", selectable=True)
        self.stale = MessageLabel()
        self.open_pdf = QPushButton(self.tr("打开 PDF 文件"))
        self.open_xlsx = QPushButton(self.tr("打开 Excel 文件"))
        self.open_folder = QPushButton(self.tr("打开所在文件夹"))
        self.open_pdf.clicked.connect(lambda: self._open(".pdf"))
        self.open_xlsx.clicked.connect(lambda: self._open(".xlsx"))
        self.open_folder.clicked.connect(self._open_folder)
        buttons = QHBoxLayout()
        for b in (self.open_pdf, self.open_xlsx, self.open_folder):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(wrap_label(self.tr("上次导出的备案文件"), "cardHeading"))
        layout.addWidget(self.text)
        layout.addWidget(self.stale)
        layout.addLayout(buttons)
        self.hide()

    def show_export(self, export: dict[str, Any] | None, changed_since: bool) -> None:
        if export is None:
            self.files = []
            self.hide()
            return
        self.files = [Path(f) for f in export.get("files") or []]
        when = export["at"].astimezone().strftime("%Y-%m-%d %H:%M")
        lines = [self.tr("导出时间：%1").replace("%1", when)]
        for f in self.files:
            suffix = "" if f.exists() else self.tr("（文件已不在此处）")
            lines.append(f"{f}{suffix}")
        lines.append(self.tr("文件指纹：") + str(export.get("fingerprint", "")))
        self.text.setText("\n".join(lines))
        if changed_since:
            self.stale.show_warning(self.tr("导出后评估又有修改：备案文件不含这些修改，提交前请重新导出。"))
        else:
            self.stale.clear_message()
        self.open_pdf.setEnabled(self._file(".pdf") is not None)
        self.open_xlsx.setEnabled(self._file(".xlsx") is not None)
        self.open_folder.setEnabled(any(f.parent.is_dir() for f in self.files))
        self.show()

    def _file(self, suffix: str) -> Path | None:
        return next((f for f in self.files if f.suffix.lower() == suffix and f.exists()), None)

    def _open(self, suffix: str) -> None:
        path = self._file(suffix)
        if path is not None:
            open_path(path)

    def _open_folder(self) -> None:
        folder = next((f.parent for f in self.files if f.parent.is_dir()), None)
        if folder is not None:
            open_path(folder)


class ExportPage(WizardPage):
    exported = Signal(list)

    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(session, spec, parent)
        self.available = filing_available(session.service)
        self.note = wrap_label("", "pageIntro")
        self.add(self.note)
        self.checks = MessageLabel()
        self.add(self.checks)
        self.button = QPushButton(self.tr("导出 Excel 和 PDF 备案文件(&E)…"))
        self.button.clicked.connect(self.export_clicked)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.add(self.progress)
        self.status = wrap_label("", "pageHint", selectable=True)
        self.add(self.status)
        self.result = ExportResult()
        self.add(self.result)
        self.findings = 0
        self.focus_targets["export"] = lambda: self.button
        if not self.available:
            self.note.setText(
                self.tr(
                    "备案文件（Excel/PDF）导出功能尚未提供，将在后续版本中加入。\n评估内容已全部自动保存在本机数据库中。"
                )
            )
            self.button.setEnabled(False)
        self.finish()

    def load(self) -> None:
        if not self.available:
            return
        session = self.session
        # The filing is of the saved assessment, whatever is being tried in the sandbox.
        missing = session.flow.missing(session.saved_values())
        refused = len(session.refused)
        report = session.service.prefiling_check(session.id, session.saved_result)
        self.findings = len(report.findings)
        if refused:
            self.note.setText(
                self.tr("有 %1 项输入未能保存，导出的文件不会包含它们。请先到“检查与确认”页修改或清除。").replace(
                    "%1", str(refused)
                )
            )
        elif missing:
            self.note.setText(
                self.tr("还有 %1 项未填写，完成后才能导出备案文件。请到“检查与确认”页查看。").replace(
                    "%1", str(len(missing))
                )
            )
        else:
            text = self.tr("导出前请在“检查与确认”页核对全部内容。导出的文件包含答卷、计算过程和评分结果。")
            from app.plan_store import PlanStore

            settings = PlanStore(session.service).plan_settings(session.id)
            if settings.in_filing:  # chosen on the 改进计划 page
                grade = session.criteria.grade(settings.target).name.get(self.lang)
                text += self.tr("另附改进计划（目标等级：%1）。").replace("%1", grade)
            self.note.setText(text)
        self.button.setEnabled(not missing and not refused)
        if self.findings:
            self.checks.show_warning(
                self.tr("备案前检查有 %1 条提醒（佐证材料、封面信息），见“检查与确认”页。").replace("%1", str(self.findings))
            )
        else:
            self.checks.show_ok(self.tr("备案前检查未发现问题；已附加 %1 个佐证材料。").replace("%1", str(report.files)))
        self.show_result()

    def show_result(self) -> None:
        service = self.session.service
        export = service.latest_export(self.session.id)
        changed = export is not None and service.get_assessment(self.session.id).updated_at > export["at"]
        self.result.show_export(export, changed)

    def show_progress(self, percent: int, text: str) -> None:
        self.progress.show()
        self.progress.setValue(percent)
        self.status.setText(text)

    @classmethod
    def choose_folder(cls, parent: QWidget) -> str:
        """The folder dialog; tests replace this classmethod."""
        return QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("ExportPage", "选择保存备案文件的文件夹"), folders.start_folder("export")
        )

    def export_clicked(self) -> None:
        if self.findings and not notify.ask(
            self,
            self.tr("备案前检查"),
            self.tr("备案前检查有 %1 条提醒（见“检查与确认”页），例如缺少佐证材料。仍要导出吗？").replace(
                "%1", str(self.findings)
            ),
            yes_text=self.tr("仍要导出"),
            no_text=self.tr("返回检查"),
        ):
            return
        folder = self.choose_folder(self)
        if not folder:
            return
        folders.remember("export", folder)
        start_export(self, Path(folder))


def start_export(page: ExportPage, folder: Path) -> None:
    session = page.session
    service, ident = session.service, session.id
    xlsx_name, pdf_name = filing_names(session.row.enterprise_name, session.row.year)
    xlsx, pdf = folder / xlsx_name, folder / pdf_name
    relay = _Progress(page)
    relay.step.connect(page.show_progress)
    page.button.setEnabled(False)
    page.show_progress(0, QCoreApplication.translate("ExportPage", "正在导出…"))

    def progress(percent: int, text: str) -> None:  # called on the worker thread: queued to the page
        emit(relay.step, percent, text)

    def work() -> Any:
        return service.export_filing(ident, xlsx_path=xlsx, pdf_path=pdf, progress=progress)

    def done(outcome: Any) -> None:
        page.button.setEnabled(True)
        page.progress.hide()
        page.status.setText(QCoreApplication.translate("ExportPage", "导出完成。"))
        page.show_result()
        emit(page.exported, [str(p) for p in outcome.files])

    def failed(exc: BaseException, text: str) -> None:
        from assessments.errors import DomainError

        page.button.setEnabled(True)
        page.progress.hide()
        page.status.setText("")
        if not isinstance(exc, DomainError):
            raise exc
        lang = page.lang
        message = render_all(exc.problems, lang)
        notify.error(page, QCoreApplication.translate("ExportPage", "导出失败"), message)

    session.tasks.run(work, done, failed)
