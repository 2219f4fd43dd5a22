"""改进计划 (issue #16, F13): target, the plant's costs, the least-cost plan, its timeline.

The page only asks ``app.plan_store.PlanStore``: the target, the costs and "put the plan in the
filing" are saved with the assessment as they are changed; the plan is computed off the GUI
thread (HiGHS, then the scoring engine) for the *saved* answers. "在试算中查看" opens the sandbox
with the plan's changes, so every action can be looked at and adjusted before anything is applied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from assessments.errors import DomainError
from assessments.levers import catalogue_for
from assessments.plan.text import amount_text, change_line, money
from assessments.rounding import fmt_number
from assessments.wording import number_text
from ui import notify
from ui.qtcompat import emit
from ui.style import scale_font
from ui.wheel import ComboBox
from ui.wizard.pages import WizardPage
from ui.wizard.widgets import MessageLabel, wrap_label

if TYPE_CHECKING:
    from app.wizard_flow import PageSpec
    from assessments.plan import Plan
    from assessments.scoring import Result
    from ui.wizard.session import AssessmentSession

COST_COLUMN = 3
AVAILABLE_COLUMN = 4


class Timeline(QWidget):
    """One bar per action from month 0 to its lead time (they run side by side), month ticks below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[tuple[str, int]]) -> None:
        self.rows = rows
        self.updateGeometry()
        self.update()
        unit = self.tr("个月")
        self.setAccessibleDescription("; ".join(f"{name} {months} {unit}" for name, months in rows))

    def _line(self) -> int:
        return int(self.fontMetrics().height() * 1.6)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M") * 40, self._line() * (len(self.rows) + 1) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M") * 24, self.sizeHint().height())

    def paintEvent(self, event: object) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        pal = self.palette()
        line = self._line()
        label_w = min(max(fm.horizontalAdvance(name) for name, _ in self.rows) + fm.height(), self.width() // 2)
        span = max(max(m for _, m in self.rows), 1)
        left, right = label_w, self.width() - fm.horizontalAdvance("00") - 4
        width = max(right - left, 10)
        text = pal.color(QPalette.ColorRole.WindowText)
        for i, (name, months) in enumerate(self.rows):
            top = i * line
            painter.setPen(text)
            painter.drawText(
                QRectF(0, top, label_w - fm.height() / 2, line),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                fm.elidedText(name, Qt.TextElideMode.ElideMiddle, label_w - fm.height() // 2),
            )
            bar = QRectF(left, top + line * 0.2, width * months / span, line * 0.6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(bar, 3, 3)
            painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
            label = f"{months}"
            if bar.width() > fm.horizontalAdvance(label) + 6:
                painter.drawText(bar.adjusted(3, 0, -3, 0), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), label)
        axis = len(self.rows) * line
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.drawLine(int(left), axis + 2, int(left + width), axis + 2)
        step = 1 if span <= 12 else 3 if span <= 36 else 6
        painter.setPen(text)
        for month in range(0, span + 1, step):
            x = left + width * month / span
            painter.drawLine(int(x), axis, int(x), axis + 5)
            painter.drawText(QRectF(x - 20, axis + 4, 40, line - 4), int(Qt.AlignmentFlag.AlignHCenter), str(month))
        painter.drawText(QRectF(0, axis + 4, label_w - fm.height() / 2, line - 4), int(Qt.AlignmentFlag.AlignRight), self.tr("月"))
        painter.end()


class PlanPage(WizardPage):
    try_requested = Signal(object, str)  # the plan's draft changes, a scenario name

    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(session, spec, parent)
        from app.plan_store import PlanStore

        self.store = PlanStore(session.service)
        self.catalogue = catalogue_for(session.criteria.id)
        self.plan: Plan | None = None
        self._running = False
        self._again = False
        self._loading = False
        self.add(
            wrap_label(
                self.tr(
                    "按目标等级计算成本最低的改进措施组合：求解器求出方案，评分引擎按方案修改后的答卷重新评分确认。"
                    "单价默认取措施目录中的估算值，可按本企业询价修改，随评估保存。计划针对已保存的评估，不受试算影响。"
                ),
                "pageIntro",
            )
        )
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(self.tr("目标等级：")))
        self.target = ComboBox()
        self.target.setAccessibleName(self.tr("目标等级"))
        for grade in session.criteria.grades[:-1]:
            self.target.addItem(grade.name.get(self.lang), grade.id)
        target_row.addWidget(self.target)
        target_row.addStretch(1)
        self.run_button = QPushButton(self.tr("重新计算(&P)"))
        target_row.addWidget(self.run_button)
        self.layout_.addLayout(target_row)
        self.in_filing = QCheckBox(self.tr("在备案文件中附上改进计划（主管部门可看到企业拟采取的措施）"))
        self.add(self.in_filing)

        self.add(wrap_label(self.tr("计划结果"), "panelHeading"))
        self.summary = wrap_label("", selectable=True)
        scale_font(self.summary, 1.1)
        self.add(self.summary)
        self.message = MessageLabel()
        self.add(self.message)
        self.action_table = QTableWidget(0, 6)
        self.action_table.setHorizontalHeaderLabels(
            [self.tr("措施"), self.tr("数量"), self.tr("新增分数"), self.tr("成本（万元）"), self.tr("周期（月）"), self.tr("改动")]
        )
        self.action_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.action_table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move inside it)
        self.action_table.setWordWrap(True)
        self.action_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.action_table.setAccessibleName(self.tr("措施（按新增分数排序）"))
        self.action_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # The changes column takes the width left; its rows grow when that width is known.
        self.action_table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_action_rows())
        self.add(self.action_table)
        self.add(wrap_label(self.tr("实施时间（按各措施的周期，同时开始）"), "panelHeading"))
        self.timeline = Timeline()
        self.add(self.timeline)
        self.proof = wrap_label("", "pageHint")
        self.add(self.proof)
        buttons = QHBoxLayout()
        self.try_button = QPushButton(self.tr("在试算中查看(&V)"))
        self.try_button.setToolTip(self.tr("打开试算，带入计划的全部改动：可逐项查看、调整、保存为场景或应用到评估"))
        self.scenario_button = QPushButton(self.tr("保存为场景(&S)…"))
        buttons.addWidget(self.try_button)
        buttons.addWidget(self.scenario_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)

        self.add(wrap_label(self.tr("措施单价（万元/单位；留空用默认估算值；取消“可采用”表示本企业不能采取该措施）"), "panelHeading"))
        self.costs = QTableWidget(len(self.catalogue.levers), 6)
        self.costs.setHorizontalHeaderLabels(
            [self.tr("措施"), self.tr("单位"), self.tr("默认单价"), self.tr("本企业单价"), self.tr("可采用"), self.tr("周期（月）")]
        )
        self.costs.verticalHeader().setVisible(False)
        self.costs.setTabKeyNavigation(False)
        self.costs.setAccessibleName(self.tr("措施单价"))
        self.cost_message = MessageLabel(reserve=True)
        self._fill_cost_table()
        self.add(self.costs)
        self.add(self.cost_message)
        reset_row = QHBoxLayout()
        self.reset_button = QPushButton(self.tr("全部恢复默认单价"))
        reset_row.addWidget(self.reset_button)
        reset_row.addStretch(1)
        self.layout_.addLayout(reset_row)
        note = self.catalogue.cost_note.get(self.lang)
        self.add(wrap_label(note, "pageHint"))

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(400)
        self.timer.timeout.connect(self.run_plan)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.in_filing.toggled.connect(self._in_filing_changed)
        self.costs.itemChanged.connect(self._cost_changed)
        self.run_button.clicked.connect(self.run_plan)
        self.try_button.clicked.connect(self._try)
        self.scenario_button.clicked.connect(self._save_scenario)
        self.reset_button.clicked.connect(self._reset_costs)
        self.focus_targets["plan"] = lambda: self.target
        self.finish()
        self.order_tabs()

    # ------------------------------------------------------------------ costs and choices

    def _fill_cost_table(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        for row, lever in enumerate(self.catalogue.levers):
            title = QTableWidgetItem(lever.title.get(self.lang))
            title.setToolTip(
                "\n".join(
                    (lever.description.get(self.lang), lever.cost.source.get(self.lang),
                     self.tr("佐证：%1").replace("%1", lever.evidence.get(self.lang)))
                )
            )  # fmt: skip
            cells = [title, QTableWidgetItem(lever.unit.label.get(self.lang)), QTableWidgetItem(number_text(lever.cost.default))]
            for col, item in enumerate(cells):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.costs.setItem(row, col, item)
            own = QTableWidgetItem("")
            own.setData(Qt.ItemDataRole.UserRole, lever.id)
            self.costs.setItem(row, COST_COLUMN, own)
            available = QTableWidgetItem("")
            available.setFlags((available.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable)
            available.setCheckState(Qt.CheckState.Checked)
            self.costs.setItem(row, AVAILABLE_COLUMN, available)
            months = QTableWidgetItem(str(lever.lead_time_months))
            months.setFlags(months.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.costs.setItem(row, 5, months)
        self.costs.resizeColumnsToContents()
        self.costs.setColumnWidth(COST_COLUMN, em * 9)
        self.costs.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        height = self.costs.horizontalHeader().height() + sum(self.costs.rowHeight(r) for r in range(self.costs.rowCount()))
        self.costs.setFixedHeight(height + self.costs.frameWidth() * 2 + 2)  # the page scrolls, not the table

    def load(self) -> None:
        """Show the choices saved with the assessment (and plan for them)."""
        settings = self.store.plan_settings(self.session.id)
        self._loading = True
        try:
            index = self.target.findData(settings.target)
            self.target.setCurrentIndex(max(index, 0))
            self.in_filing.setChecked(settings.in_filing)
            for row, lever in enumerate(self.catalogue.levers):
                own = settings.costs.get(lever.id)
                available = lever.id not in settings.costs or own is not None
                text = "" if own is None or own == lever.cost.default else number_text(own)
                self._cell(row, COST_COLUMN).setText(text)
                self._cell(row, AVAILABLE_COLUMN).setCheckState(
                    Qt.CheckState.Checked if available else Qt.CheckState.Unchecked
                )
        finally:
            self._loading = False
        self.timer.start()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.costs.item(row, column)
        assert item is not None  # every cell is filled when the table is built
        return item

    def _costs_from_table(self) -> dict[str, Any]:
        costs: dict[str, Any] = {}
        for row, lever in enumerate(self.catalogue.levers):
            if self._cell(row, AVAILABLE_COLUMN).checkState() != Qt.CheckState.Checked:
                costs[lever.id] = None
                continue
            text = self._cell(row, COST_COLUMN).text().strip()
            if text:
                costs[lever.id] = text
        return costs

    def _cost_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() not in (COST_COLUMN, AVAILABLE_COLUMN):
            return
        try:
            self.store.save_plan_settings(self.session.id, costs=self._costs_from_table())
        except DomainError as exc:
            self.cost_message.show_error(exc.text(self.lang))
            return
        self.cost_message.show_ok(self.tr("单价已随评估保存。"))
        self.timer.start()

    def _reset_costs(self) -> None:
        try:
            self.store.save_plan_settings(self.session.id, costs={})
        except DomainError as exc:
            self.cost_message.show_error(exc.text(self.lang))
            return
        self.cost_message.show_ok(self.tr("已恢复默认单价。"))
        self.load()

    def _target_changed(self) -> None:
        if self._loading:
            return
        try:
            self.store.save_plan_settings(self.session.id, target=str(self.target.currentData()))
        except DomainError as exc:  # a read-only window: the plan still follows the choice shown
            self.cost_message.show_warning(exc.text(self.lang))
        self.timer.start()

    def _in_filing_changed(self, checked: bool) -> None:
        if self._loading:
            return
        try:
            self.store.save_plan_settings(self.session.id, in_filing=checked)
        except DomainError as exc:
            self.cost_message.show_error(exc.text(self.lang))
            self._loading = True
            self.in_filing.setChecked(not checked)
            self._loading = False

    # ------------------------------------------------------------------ the plan

    def on_scored(self, result: Result | None, message: str) -> None:
        if self.isVisible() and not self.session.in_sandbox:
            self.timer.start()  # the saved answers changed: the plan follows them

    def run_plan(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        self.run_button.setEnabled(False)
        self.message.show_hint(self.tr("正在计算……"))
        store, ident, target = self.store, self.session.id, str(self.target.currentData())
        self.session.tasks.run(lambda: store.make_plan(ident, target), self._planned, self._failed)

    def _finish_run(self) -> None:
        self._running = False
        self.run_button.setEnabled(True)
        if self._again:
            self.run_plan()

    def _failed(self, exc: BaseException, _text: str) -> None:
        if self.session.closed:
            return  # the wizard was closed during the computation: its widgets are deleted
        self._finish_run()
        if not isinstance(exc, DomainError):
            raise exc
        self.plan = None
        self.summary.setText("")
        self.message.show_warning(exc.text(self.lang))
        self.action_table.setRowCount(0)
        self.timeline.set_rows([])
        self.proof.setText("")
        self.try_button.setEnabled(False)
        self.scenario_button.setEnabled(False)

    def _planned(self, plan: Plan) -> None:
        if self.session.closed:
            return  # the wizard was closed during the computation: its widgets are deleted
        self._finish_run()
        self.plan = plan
        self.message.clear_message()
        self._show(plan)

    def _show(self, plan: Plan) -> None:
        criteria, lang = self.session.criteria, self.lang
        target = criteria.grade(plan.target).name.get(lang)
        after = criteria.grade(plan.grade_after).name.get(lang)
        before = criteria.grade(plan.grade_before).name.get(lang)
        lines = [
            self.tr("现状 %1 分（%2）→ 计划完成后 %3 分（%4）")
            .replace("%1", fmt_number(float(plan.total_before)))
            .replace("%2", before)
            .replace("%3", fmt_number(float(plan.total_after)))
            .replace("%4", after)
        ]
        if plan.reachable and not plan.actions:
            lines.append(self.tr("已达到目标等级“%1”，无需采取措施。").replace("%1", target))
        elif plan.actions:
            lines.append(
                self.tr("总成本 %1 万元（估算）；最长周期 %2 个月；共 %3 项措施")
                .replace("%1", money(plan.cost))
                .replace("%2", str(plan.months))
                .replace("%3", str(len(plan.actions)))
            )
        if not plan.reachable:
            reasons = "；".join(b.text(lang) for b in plan.blockers)
            lines.insert(0, self.tr("无法达到“%1”：%2。以下为可达到的最高等级的计划。").replace("%1", target).replace("%2", reasons))
        self.summary.setText("\n".join(lines))
        doc = self.session.service.document(self.session.id)
        self.action_table.setRowCount(len(plan.actions))
        for row, action in enumerate(plan.actions):
            changes = "\n".join(change_line(criteria, doc, p, old, new, lang) for p, (old, new) in action.changes.items())
            sign = "+" if action.points > 0 else ""
            cells = [action.title(lang), amount_text(action, lang), f"{sign}{action.points}", money(action.cost),
                     str(action.months), changes]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (1, 2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 0:
                    item.setToolTip(action.lever.evidence.get(lang))
                self.action_table.setItem(row, col, item)
        table, header = self.action_table, self.action_table.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("M")
        for col in (1, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        table.resizeColumnToContents(0)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(0, min(table.columnWidth(0), em * 16))  # long titles wrap
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self._fit_action_rows()
        self.timeline.set_rows(sorted(((a.title(lang), a.months) for a in plan.actions), key=lambda r: (-r[1], r[0])))
        if plan.proof.lower_bound is not None and plan.actions:
            self.proof.setText(
                self.tr("最低成本：达到“%1”的任何方案成本都不低于 %2 万元（本方案 %3 万元）；求解器 HiGHS 用时 %4 秒，共 %5 次求解，结果经评分引擎复核。")
                .replace("%1", after)
                .replace("%2", money(plan.proof.lower_bound))
                .replace("%3", money(plan.cost))
                .replace("%4", f"{plan.proof.solver_seconds:.2f}")
                .replace("%5", str(plan.proof.solves))
            )
        else:
            self.proof.setText("")
        self.try_button.setEnabled(bool(plan.actions))
        self.scenario_button.setEnabled(bool(plan.actions))

    def _fit_action_rows(self) -> None:
        """Rows as tall as their wrapped changes at the column's current width; the table as tall
        as its rows (the page scrolls, not the table)."""
        table = self.action_table
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height + table.frameWidth() * 2 + 2)

    def _plan_changes(self) -> dict[str, Any]:
        from assessments.whatif import plan_changes

        assert self.plan is not None
        return plan_changes(self.session.service.document(self.session.id), self.plan.document)

    def _scenario_name(self) -> str:
        assert self.plan is not None
        grade = self.session.criteria.grade(self.plan.grade_after).name.get(self.lang)
        return self.tr("改进计划：%1").replace("%1", grade)

    def _try(self) -> None:
        if self.plan is None or not self.plan.actions:
            return
        emit(self.try_requested, self._plan_changes(), self._scenario_name())

    def _save_scenario(self) -> None:
        if self.plan is None or not self.plan.actions:
            return
        from app.storage import Conflict
        from ui.wizard.sandbox import NameDialog

        name = NameDialog.ask(self, self.tr("保存为场景"), self._scenario_name())
        if name is None:
            return
        try:
            self.store.save_scenario(self.session.id, name, self._plan_changes(), origin="plan")
        except Conflict:
            if not notify.ask(self, self.tr("保存为场景"), self.tr("已有名为“%1”的场景，要替换它吗？").replace("%1", name.strip()),
                              yes_text=self.tr("替换"), no_text=self.tr("取消")):  # fmt: skip
                return
            self.store.save_scenario(self.session.id, name, self._plan_changes(), origin="plan", replace=True)
        except DomainError as exc:
            self.message.show_error(exc.text(self.lang))
            return
        self.message.show_ok(self.tr("已保存为场景“%1”。").replace("%1", name.strip()))

