"""The table model of the assessment list (plain AssessmentRow data; no ORM objects)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui.i18n import language

_Index = QModelIndex | QPersistentModelIndex


def status_names() -> dict[str, str]:
    return {
        "draft": QCoreApplication.translate("AssessmentModel", "草稿"),
        "complete": QCoreApplication.translate("AssessmentModel", "已完成"),
        "exported": QCoreApplication.translate("AssessmentModel", "已导出"),
    }


def grade_name(criteria_id: str, grade: str | None) -> str:
    if not grade:
        return ""
    from assessments.criteria import load_criteria
    from assessments.errors import CriteriaError

    try:
        return load_criteria(criteria_id).grade(grade).name.get(language())
    except (CriteriaError, KeyError):
        return grade


class AssessmentModel(QAbstractTableModel):
    COLUMNS = ("name", "uscc", "year", "status", "total", "grade", "updated")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self._headers = [
            QCoreApplication.translate("AssessmentModel", "企业名称"),
            QCoreApplication.translate("AssessmentModel", "统一社会信用代码"),
            QCoreApplication.translate("AssessmentModel", "年度"),
            QCoreApplication.translate("AssessmentModel", "状态"),
            QCoreApplication.translate("AssessmentModel", "总分"),
            QCoreApplication.translate("AssessmentModel", "等级"),
            QCoreApplication.translate("AssessmentModel", "最后修改"),
        ]
        self._status = status_names()

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "name":
                return row.enterprise_name
            if col == "uscc":
                return row.uscc
            if col == "year":
                return str(row.year)
            if col == "status":
                return self._status.get(row.status, row.status)
            if col == "total":
                from assessments.rounding import fmt_number

                return fmt_number(row.total) if row.total is not None else "—"
            if col == "grade":
                return grade_name(row.criteria_id, row.grade)
            if col == "updated":
                return row.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("year", "total"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def row_at(self, index: int) -> Any:
        return self.rows[index]
