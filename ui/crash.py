"""The crash handler: every uncaught exception is logged and shown with a copyable report.

Before the dialog appears the window commits the field being edited (``flush``), so nothing
typed is lost; every earlier field was already saved when it was committed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.log import logger


class CrashDialog(QDialog):
    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出错"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "程序遇到了一个意外错误。已填写并确认的内容都已自动保存。\n"
                "请把下面的报告复制给技术支持人员。日志文件：%1"
            ).replace("%1", str(log_path) if log_path else "-")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        copy = QPushButton(self.tr("复制报告(&C)"))
        copy.clicked.connect(self.copy_report)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = buttons.addButton(self.tr("退出程序(&Q)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.continue_button = buttons.addButton(self.tr("继续使用(&K)"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 80, self.fontMetrics().height() * 28)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    @classmethod
    def present(cls, report: str, log_path: Path | None, parent: QWidget | None) -> bool:
        """Show the dialog; True to keep the program running. Tests replace this classmethod."""
        return cls(report, log_path, parent).exec() == QDialog.DialogCode.Accepted


class CrashHandler:
    def __init__(
        self,
        log_path: Path | None,
        flush: Callable[[], None] | None = None,
        parent: Callable[[], QWidget | None] | None = None,
        *,
        unattended: bool = False,
    ) -> None:
        self.log_path = log_path
        self.flush = flush
        self.parent = parent
        # Nobody is there to close a dialog (--check-startup): print the report and exit 1.
        self.unattended = unattended
        self._previous = sys.excepthook
        self._inside = False
        self.reports: list[str] = []

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        from app.crash import crash_report

        report = crash_report(exc_type, exc, tb, self.log_path)
        self.reports.append(report)
        logger("dnz.crash").critical("uncaught exception\n%s", report)
        if self.unattended:
            if sys.stderr is not None:
                print(report, file=sys.stderr)
            QApplication.exit(1)
            return
        if self._inside:  # an error while showing the report: do not loop
            return
        self._inside = True
        try:
            if self.flush is not None:
                try:
                    self.flush()
                except Exception:  # the report matters more than a second failure
                    logger("dnz.crash").exception("flush after crash failed")
            keep = CrashDialog.present(report, self.log_path, self.parent() if self.parent else None)
            if not keep:
                QApplication.closeAllWindows()
                QApplication.exit(1)
        finally:
            self._inside = False
