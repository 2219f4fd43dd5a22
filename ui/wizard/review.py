"""检查与确认: what was not saved, what is missing, what the bureau will ask for, what is kept aside,
the result — each line a jump to the place to fix it (double click or Enter)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton

from app.kept_notes import hides_a_value, kept_note
from app.wizard_flow import PageSpec
from assessments.rounding import fmt_number
from assessments.wording import key_title
from ui.qtcompat import emit
from ui.wizard.pages import WizardPage
from ui.wizard.widgets import MARK_COLOURS, wrap_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

    from app.prefiling import PrefilingReport
    from assessments.scoring import Result
    from ui.wizard.session import AssessmentSession

JUMP_ROLE = Qt.ItemDataRole.UserRole  # (page id, key or question id)


class ReviewPage(WizardPage):
    jump = Signal(str, str)  # page id, key
    journal_requested = Signal()

    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(session, spec, parent)
        self.summary = wrap_label("", "pageIntro")
        self.add(self.summary)
        # Refused input comes first: it is on screen, not in the database, and not in a filing.
        self.refused_heading = self._heading(self.tr("未保存的输入（双击或按回车跳转到该处修改）"))
        self.refused = self._list(4)
        self._heading(self.tr("尚未填写的项目（双击或按回车跳转）"))
        self.missing = self._list(5)
        self._heading(self.tr("备案前检查：佐证材料、封面信息（双击或按回车跳转）"))
        self.checks = self._list(8)
        self._heading(self.tr("已保留但不计分的内容"))
        self.kept = wrap_label("", selectable=True)
        self.add(self.kept)
        self._heading(self.tr("评分结果"))
        self.result_text = wrap_label("", selectable=True)
        self.add(self.result_text)
        self.journal_button = QPushButton(self.tr("查看修改记录(&J)…"))
        self.journal_button.clicked.connect(lambda: emit(self.journal_requested))
        row = QHBoxLayout()
        row.addWidget(self.journal_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.focus_targets["review"] = self._first_list
        self.report: PrefilingReport | None = None
        self.finish()

    def _heading(self, text: str) -> QLabel:
        label = wrap_label(text, "panelHeading")
        self.add(label)
        return label

    def _list(self, lines: int) -> QListWidget:
        view = QListWidget()
        view.setWordWrap(True)
        view.setMinimumHeight(self.fontMetrics().height() * lines)
        view.itemActivated.connect(self._activated)
        self.add(view)
        return view

    def _first_list(self) -> QWidget:
        return self.refused if self.refused.isVisibleTo(self) else self.missing

    # ------------------------------------------------------------------ content

    def load(self) -> None:
        session, flow, lang = self.session, self.session.flow, self.lang
        values = session.values()
        missing = flow.missing(values)
        done, total = flow.overall(values)
        refused = list(session.refused.values())
        self.report = session.service.prefiling_check(session.id, session.result)
        self._fill_refused(refused)
        self._fill_missing(missing)
        self._fill_checks(self.report)
        self.summary.setText(self._summary(done, total, len(missing), len(refused), self.report))
        kept = [
            f"{key_title(session.criteria, k, lang)}：{kept_note(session.criteria, k, a.value, a.kept, lang)}"
            for k, a in session.stored.items()
            if hides_a_value(a.value, a.kept)
        ]
        self.kept.setText("\n".join(kept) or self.tr("（无）"))

    def _summary(self, done: int, total: int, missing: int, refused: int, report: PrefilingReport) -> str:
        parts = []
        if refused:
            parts.append(self.tr("有 %1 项输入未能保存，仍显示在原处（见第一栏）；数据库中仍是之前保存的内容。").replace("%1", str(refused)))
        if missing:
            text = self.tr("已完成 %1 / %2 项，还有 %3 项未填写。").replace("%1", str(done)).replace("%2", str(total))
            parts.append(text.replace("%3", str(missing)))
        else:
            parts.append(self.tr("全部 %1 项均已填写。").replace("%1", str(total)))
        files = self.tr("已附加 %1 个佐证材料。").replace("%1", str(report.files))
        if report.findings:
            parts.append(files + self.tr("备案前检查有 %1 条提醒，建议处理后再导出。").replace("%1", str(len(report.findings))))
        else:
            parts.append(files + self.tr("备案前检查未发现问题。"))
        if not missing and not refused and not report.findings:
            parts.append(self.tr("可以导出备案。"))
        return "\n".join(parts)

    def _fill_refused(self, refused: list[Any]) -> None:
        self.refused.clear()
        for entry in refused:
            page = self.session.flow.page(entry.page).title.get(self.lang) if entry.page else ""
            shown = self.tr("“%1”").replace("%1", entry.text) if entry.text else ""
            text = self.tr("%1 — %2：%3未保存（%4）").replace("%1", page).replace("%2", entry.label)
            item = QListWidgetItem(text.replace("%3", shown).replace("%4", entry.reason))
            item.setData(JUMP_ROLE, (entry.page, entry.key))
            item.setForeground(QColor(MARK_COLOURS["error"]))
            self.refused.addItem(item)
        self.refused_heading.setVisible(bool(refused))
        self.refused.setVisible(bool(refused))

    def _fill_missing(self, missing: Any) -> None:
        flow, lang = self.session.flow, self.lang
        self.missing.clear()
        for item in missing:
            page = flow.page(item.page).title.get(lang)
            entry = QListWidgetItem(f"{page} — {item.label.get(lang)}")
            entry.setData(JUMP_ROLE, (item.page, item.key))
            self.missing.addItem(entry)
        if not missing:
            self.missing.addItem(self.tr("（无）"))

    def _fill_checks(self, report: PrefilingReport) -> None:
        self.checks.clear()
        for finding in report.findings:
            entry = QListWidgetItem(finding.text.get(self.lang))
            entry.setData(JUMP_ROLE, (finding.page, finding.target))
            entry.setForeground(QColor(MARK_COLOURS["warn"]))
            self.checks.addItem(entry)
        if not report.findings:
            self.checks.addItem(self.tr("（无）"))

    def _activated(self, item: QListWidgetItem) -> None:
        data: Any = item.data(JUMP_ROLE)
        if data:
            emit(self.jump, str(data[0]), str(data[1]))

    def texts(self) -> list[str]:
        """Everything the page shows in words (tests scan it for internal keys)."""
        out = [self.summary.text(), self.kept.text(), self.result_text.text()]
        for view in (self.refused, self.missing, self.checks):
            out.extend(view.item(i).text() for i in range(view.count()))
        return out

    def on_scored(self, result: Result | None, message: str) -> None:
        if result is None:
            self.result_text.setText(message)
            return
        lang = self.lang
        c = self.session.criteria
        lines = [
            self.tr("总分 %1，等级：%2")
            .replace("%1", fmt_number(result.total_rounded))
            .replace("%2", c.grade(result.grade).name.get(lang))
        ]
        for d in result.dimensions:
            lines.append(f"  {d.name.get(lang)}：{fmt_number(d.rounded)} / {fmt_number(d.max_points, 0)}")
        failed = [f"{v.id} {v.title.get(lang)}" for v in result.vetoes if v.status == "fail"]
        if failed:
            lines.append(self.tr("未满足的前提条件：") + "、".join(failed))
        lines.append(
            self.tr("评价标准：%1（版本 %2）").replace("%1", result.criteria_id).replace("%2", result.criteria_version)
        )
        self.result_text.setText("\n".join(lines))
