"""Dialogs: new assessment, settings (language, data folder, backups), about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.version import app_version
from assessments.criteria import DEFAULT_CRITERIA_ID, load_criteria
from assessments.errors import DomainError
from assessments.texts import render, render_all
from assessments.uscc import normalise_uscc, uscc_problem
from ui.i18n import language
from ui.wheel import ComboBox, SpinBox
from ui.wizard.widgets import MessageLabel

if TYPE_CHECKING:
    from app.storage import BackupInfo


class NewAssessmentDialog(QDialog):
    """Enterprise name, code (checked as you type) and year; ``create`` does the work."""

    def __init__(self, create: Callable[[str, str, int, str], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._create = create
        self.created: int | None = None
        self.setWindowTitle(self.tr("新建评估"))
        form = QFormLayout()
        self.name = QLineEdit()
        self.uscc = QLineEdit()
        self.uscc.setPlaceholderText(self.tr("18位，见营业执照"))
        self.uscc_message = MessageLabel(reserve=True)
        self.county = QLineEdit()
        self.year = SpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year - 1)
        form.addRow(self.tr("企业名称 *"), self.name)
        form.addRow(self.tr("统一社会信用代码 *"), self.uscc)
        form.addRow("", self.uscc_message)
        form.addRow(self.tr("所在县（市、区）"), self.county)
        form.addRow(self.tr("评估年度"), self.year)
        self.error = MessageLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.uscc.textEdited.connect(self._uscc_typed)
        # A refusal shown after 创建 is about the values then: editing them makes it stale.
        for edit in (self.name, self.uscc, self.county):
            edit.textEdited.connect(self._edited)
        self.year.valueChanged.connect(self._edited)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)

    def _edited(self, *_args: object) -> None:
        if self.error.text():
            self.error.clear_message()
            self._fit()

    def _fit(self) -> None:
        """Grow to show every message whole (word-wrapped labels need the height for this width)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _uscc_typed(self, text: str) -> None:
        code = normalise_uscc(text)
        if not code:
            self.uscc_message.clear_message()
        elif len(code) < 18:
            self.uscc_message.show_hint(self.tr("已输入 %1/18 位").replace("%1", str(len(code))))
        else:
            problem = uscc_problem(code)
            if problem is None:
                self.uscc_message.show_ok(self.tr("校验位正确"))
            else:
                self.uscc_message.show_error(render(problem, language()))
        self._fit()

    def accept(self) -> None:
        try:
            self.created = self._create(self.name.text().strip(), normalise_uscc(self.uscc.text()), self.year.value(),
                                       self.county.text().strip())  # fmt: skip
        except DomainError as exc:
            self.error.show_error(render_all(exc.problems, language()))
            self._fit()
            return
        super().accept()

    @classmethod
    def run(cls, create: Callable[[str, str, int, str], int], parent: QWidget | None) -> int | None:
        """Show the dialog; the new assessment's id, or None. Tests replace this classmethod."""
        dialog = cls(create, parent)
        return dialog.created if dialog.exec() == QDialog.DialogCode.Accepted else None


class SettingsDialog(QDialog):
    def __init__(
        self,
        language_now: str,
        data_dir: Path,
        db_path: Path | None,
        backups: list[BackupInfo],
        backup_now: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self.restore_path: Path | None = None
        self.backup_now = backup_now
        form = QFormLayout()
        self.language = ComboBox()
        self.language.addItem("简体中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if language_now == "zh" else 1)
        form.addRow(self.tr("界面语言"), self.language)
        folder = QLineEdit(str(data_dir))
        folder.setReadOnly(True)
        open_folder = QPushButton(self.tr("打开文件夹"))
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir))))
        row = QHBoxLayout()
        row.addWidget(folder, 1)
        row.addWidget(open_folder)
        form.addRow(self.tr("数据文件夹"), row)
        db = QLineEdit(str(db_path) if db_path else "")
        db.setReadOnly(True)
        form.addRow(self.tr("数据库文件"), db)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("自动备份（每次启动和删除前自动备份）：")))
        self.backups = QListWidget()
        layout.addWidget(self.backups, 1)
        self._fill(backups)
        buttons_row = QHBoxLayout()
        now = QPushButton(self.tr("立即备份(&B)"))
        now.clicked.connect(self._backup_clicked)
        restore = QPushButton(self.tr("从所选备份恢复(&R)…"))
        restore.clicked.connect(self._restore_clicked)
        buttons_row.addWidget(now)
        buttons_row.addWidget(restore)
        buttons_row.addStretch(1)
        layout.addLayout(buttons_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("M") * 56, fm.height() * 26)

    def _fill(self, backups: list[BackupInfo]) -> None:
        self.backups.clear()
        reasons = {"auto-start": self.tr("启动时"), "pre-delete": self.tr("删除前"), "manual": self.tr("手动"),
                   "pre-migration": self.tr("升级前"), "pre-restore": self.tr("恢复前"),
                   "pre-export": self.tr("导出前")}  # fmt: skip
        for b in backups:
            when = b.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            # "pre-migration-0001": the schema revision it was taken from follows the reason.
            reason = reasons.get(b.reason) or next(
                (f"{label}（{b.reason[len(key) + 1 :]}）" for key, label in reasons.items() if b.reason.startswith(key + "-")),
                self.tr("其他"),
            )
            what = (
                self.tr("%1 家企业，%2 份评估").replace("%1", str(b.enterprises)).replace("%2", str(b.assessments))
                if b.readable
                else self.tr("无法读取")
            )
            item = QListWidgetItem(f"{when}　{reason}　{what}")
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.backups.addItem(item)
        if not backups:
            self.backups.addItem(self.tr("（暂无备份）"))

    def _backup_clicked(self) -> None:
        try:
            self._fill(self.backup_now())
        except DomainError as exc:  # a full disk, no permission: the database itself is untouched
            from ui import notify

            lang = language()
            notify.error(self, self.tr("备份失败"), render_all(exc.problems, lang))

    def _restore_clicked(self) -> None:
        item = self.backups.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not path:
            return
        self.restore_path = Path(path)
        self.accept()

    @property
    def chosen_language(self) -> str:
        return str(self.language.currentData())


def show_about(parent: QWidget) -> None:
    criteria = load_criteria(DEFAULT_CRITERIA_ID)
    lang = language()
    name = QCoreApplication.translate("About", "双近零标杆企业自评估")
    version = QCoreApplication.translate("About", "版本")
    basis = QCoreApplication.translate("About", "评价标准")
    offline = QCoreApplication.translate("About", "离线运行，数据只保存在本机。")
    text = (
        f"<h3>{name}</h3><p>{version} {app_version()}</p>"
        f"<p>{basis}：{criteria.title.get(lang)}<br>{criteria.id}（{criteria.version}）</p>"
        f"<p>{criteria.status.get(lang)}</p><p>{offline}</p>"
    )
    QMessageBox.about(parent, QCoreApplication.translate("About", "关于"), text)
