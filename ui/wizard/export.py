"""Running the filing export (AssessmentService.export_filing) in a worker thread with progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from ui import notify
from ui.qtcompat import emit

if TYPE_CHECKING:
    from ui.wizard.other_pages import ExportPage


class _Progress(QObject):
    """Lives on the GUI thread; the worker emits, the page's progress bar receives (queued)."""

    step = Signal(int, str)


def filing_names(enterprise: str, year: int) -> tuple[str, str]:
    safe = "".join(ch for ch in enterprise if ch not in '\\/:*?"<>|').strip() or "enterprise"
    stem = f"{safe}-{year}-双近零自评估备案"
    return f"{stem}.xlsx", f"{stem}.pdf"


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
        text = QCoreApplication.translate("ExportPage", "已导出：%1").replace("%1", f"{xlsx}\n{pdf}")
        page.status.setText(text + "\n" + QCoreApplication.translate("ExportPage", "文件指纹：") + outcome.fingerprint)
        emit(page.exported, [str(p) for p in outcome.files])
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def failed(exc: BaseException, text: str) -> None:
        from assessments.errors import DomainError

        page.button.setEnabled(True)
        page.progress.hide()
        page.status.setText("")
        if not isinstance(exc, DomainError):
            raise exc
        lang = page.lang
        message = "\n".join(p.en if lang == "en" else p.zh for p in exc.problems)
        notify.error(page, QCoreApplication.translate("ExportPage", "导出失败"), message)

    session.tasks.run(work, done, failed)
