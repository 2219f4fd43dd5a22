"""试算 (what-if sandbox, issue #16): the bar shown while trying, named scenarios, comparison, apply.

While the sandbox is on, the wizard's pages edit a layer of changes (``AssessmentSession.sandbox``)
and nothing reaches the database. Scenarios are kept by ``app.plan_store.PlanStore`` in their own
table; applying one asks first, listing every change, and then saves them one by one through the
normal autosave path (each change journalled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessments.draft import draft_keys
from assessments.errors import DomainError
from assessments.rounding import fmt_number
from assessments.wording import change_text, key_title, value_text
from ui import notify
from ui.i18n import language
from ui.qtcompat import emit
from ui.style import look
from ui.wizard.widgets import MessageLabel, wrap_label

if TYPE_CHECKING:
    from app.plan_store import PlanStore, ScenarioSummary
    from assessments.criteria import Criteria
    from assessments.whatif import SandboxChange
    from ui.wizard.session import AssessmentSession


class SandboxBar(QFrame):
    """Shown above the pages while trying: what the sandbox is, its changes, and what to do with it."""

    save_requested = Signal()
    apply_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sandboxBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), pal.color(pal.ColorRole.ToolTipBase))
        pal.setColor(self.foregroundRole(), pal.color(pal.ColorRole.ToolTipText))
        self.setPalette(pal)
        self.text = wrap_label("", "sandboxText")
        self.save_button = QPushButton(self.tr("保存为场景(&S)…"))
        self.apply_button = QPushButton(self.tr("应用到评估(&A)…"))
        self.leave_button = QPushButton(self.tr("退出试算(&X)"))
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        for button in (self.save_button, self.apply_button, self.leave_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.save_button.clicked.connect(lambda: emit(self.save_requested))
        self.apply_button.clicked.connect(lambda: emit(self.apply_requested))
        self.leave_button.clicked.connect(lambda: emit(self.leave_requested))

    def show_state(self, name: str | None, changes: list[SandboxChange], criteria: Criteria) -> None:
        lang = language()
        head = self.tr("试算模式：在各页修改答案试算得分，修改不会保存到评估，也不影响备案文件。")
        if name:
            head += self.tr("场景：%1。").replace("%1", name)
        if changes:
            listed = ("; " if lang == "en" else "；").join(change_text(criteria, c.key, c.old, c.new, lang) for c in changes[:4])
            more = self.tr("等 %1 项").replace("%1", str(len(changes))) if len(changes) > 4 else ""
            head += "\n" + self.tr("已改动 %1 项：").replace("%1", str(len(changes))) + listed + more
        else:
            head += "\n" + self.tr("尚无改动。")
        self.text.setText(head)
        self.save_button.setEnabled(bool(changes))
        self.apply_button.setEnabled(bool(changes))


class NameDialog(QDialog):
    """Ask for a scenario's name (``ask`` is the seam tests replace)."""

    def __init__(self, title: str, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QLineEdit(default)
        self.edit.setMaxLength(100)
        self.edit.selectAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("场景名称：")))
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, default: str) -> str | None:
        dialog = cls(title, default, parent)
        return dialog.edit.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def changes_text(criteria: Criteria, changes: list[SandboxChange]) -> str:
    lang = language()
    return "\n".join("• " + change_text(criteria, c.key, c.old, c.new, lang) for c in changes)


class SandboxController(QObject):
    """The sandbox's actions for one wizard: enter, save as scenario, apply, leave, the list."""

    applied = Signal()  # the assessment changed: pages reload from the saved answers

    def __init__(self, session: AssessmentSession, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        from app.plan_store import PlanStore

        self.session = session
        self.widget = parent_widget
        self.store: PlanStore = PlanStore(session.service)
        self.saved_changes: dict[str, Any] | None = None  # the changes last saved as a scenario
        self.origin = "sandbox"  # or "plan": what a scenario saved from this sandbox came from

    def enter(self, changes: dict[str, Any] | None = None, name: str | None = None, *, origin: str = "sandbox") -> bool:
        if self.session.in_sandbox and not self.leave(ask=True):
            return False
        try:
            self.session.enter_sandbox(changes, name)
        except DomainError as exc:
            notify.warn(self.widget, self.tr("无法试算"), exc.text(language()))
            return False
        self.saved_changes = dict(changes) if changes is not None and name is not None and origin != "plan" else None
        self.origin = origin
        return True

    def _unsaved(self) -> bool:
        sandbox = self.session.sandbox
        return sandbox is not None and bool(sandbox.changes) and dict(sandbox.changes) != self.saved_changes

    def leave(self, *, ask: bool = True) -> bool:
        sandbox = self.session.sandbox
        if sandbox is None:
            return True
        if ask and self._unsaved():
            question = self.tr("试算中有 %1 项改动尚未保存为场景。退出试算将放弃这些改动（评估本身不受影响）。").replace(
                "%1", str(len(sandbox.changes))
            )
            if not notify.ask(
                self.widget, self.tr("退出试算"), question, yes_text=self.tr("放弃并退出"), no_text=self.tr("继续试算")
            ):
                return False
        self.session.leave_sandbox()
        self.saved_changes = None
        return True

    def save(self) -> None:
        sandbox = self.session.sandbox
        if sandbox is None or not sandbox.changes:
            return
        name = NameDialog.ask(self.widget, self.tr("保存为场景"), self.session.sandbox_name or self.tr("试算方案"))
        if name is None:
            return
        from app.storage import Conflict

        try:
            self.store.save_scenario(self.session.id, name, dict(sandbox.changes), origin=self.origin)
        except Conflict:
            if not notify.ask(
                self.widget,
                self.tr("保存为场景"),
                self.tr("已有名为“%1”的场景，要用当前试算替换它吗？").replace("%1", name.strip()),
                yes_text=self.tr("替换"),
                no_text=self.tr("取消"),
            ):
                return
            self.store.save_scenario(self.session.id, name, dict(sandbox.changes), origin=self.origin, replace=True)
        except DomainError as exc:
            notify.warn(self.widget, self.tr("无法保存场景"), exc.text(language()))
            return
        self.session.sandbox_name = name.strip()
        self.saved_changes = dict(sandbox.changes)
        emit(self.session.sandbox_changed)

    def apply(self, changes: dict[str, Any] | None = None, scenario_id: int | None = None) -> bool:
        """Apply the sandbox's (or a scenario's) changes after asking; each change is journalled."""
        if changes is None:
            sandbox = self.session.sandbox
            if sandbox is None or not sandbox.changes:
                return False
            changes = dict(sandbox.changes)
        try:
            listed = self.store.sandbox(self.session.id, changes).change_list()
        except DomainError as exc:
            notify.warn(self.widget, self.tr("无法应用"), exc.text(language()))
            return False
        if not listed:
            notify.info(self.widget, self.tr("应用到评估"), self.tr("这些改动与评估现有的答案相同，无需应用。"))
            return False
        question = (
            self.tr("将把以下 %1 项改动写入评估，每一项都记入修改记录：").replace("%1", str(len(listed)))
            + "\n\n"
            + changes_text(self.session.criteria, listed)
        )
        if not notify.ask(
            self.widget, self.tr("应用到评估"), question, yes_text=self.tr("应用并记录"), no_text=self.tr("取消")
        ):
            return False
        try:
            outcomes = self.store.apply(self.session.id, changes, scenario_id=scenario_id)
        except DomainError as exc:
            notify.warn(self.widget, self.tr("无法应用"), exc.text(language()))
            return False
        self.session.leave_sandbox()
        self.saved_changes = None
        self.session.after_apply(outcomes)
        emit(self.applied)
        return True

    def show_scenarios(self) -> None:
        ScenarioDialog(self, self.widget).exec()


class ScenarioDialog(QDialog):
    """The assessment's scenarios with their scores: open in the sandbox, compare, apply, rename, delete."""

    def __init__(self, controller: SandboxController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.session = controller.session
        self.store = controller.store
        self.lang = language()
        self.setWindowTitle(self.tr("试算场景"))
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [self.tr("名称"), self.tr("来源"), self.tr("改动"), self.tr("总分"), self.tr("等级"), self.tr("已应用")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.itemActivated.connect(lambda _item: self._open())
        self.message = MessageLabel(reserve=True)
        self.open_button = QPushButton(self.tr("在试算中打开(&O)"))
        self.compare_button = QPushButton(self.tr("并排比较(&C)"))
        self.apply_button = QPushButton(self.tr("应用到评估(&A)…"))
        self.rename_button = QPushButton(self.tr("重命名(&R)…"))
        self.delete_button = QPushButton(self.tr("删除(&D)"))
        close = QPushButton(self.tr("关闭"))
        buttons = QHBoxLayout()
        for b in (self.open_button, self.compare_button, self.apply_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrap_label(self.tr("场景与评估分开保存；总分按评估当前已保存的答案加上场景的改动计算。并排比较可多选。"))
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._open)
        self.compare_button.clicked.connect(self._compare)
        self.apply_button.clicked.connect(self._apply)
        self.rename_button.clicked.connect(self._rename)
        self.delete_button.clicked.connect(self._delete)
        close.clicked.connect(self.accept)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 60, em * 28)
        self.scenarios: list[ScenarioSummary] = []
        self.reload()

    def reload(self) -> None:
        self.scenarios = self.store.scenarios(self.session.id)
        criteria = self.session.criteria
        self.table.setRowCount(len(self.scenarios))
        origin = {"sandbox": self.tr("试算"), "plan": self.tr("改进计划")}
        for row, sc in enumerate(self.scenarios):
            grade = criteria.grade(sc.grade).name.get(self.lang) if sc.grade else "—"
            total = fmt_number(sc.total) if sc.total is not None else "—"
            if sc.total is not None and not sc.complete:
                total += self.tr("（草稿）")
            applied = sc.applied_at.astimezone().strftime("%Y-%m-%d %H:%M") if sc.applied_at else ""
            cells = [sc.name, origin.get(sc.origin, sc.origin), str(len(sc.changes)), total, grade, applied]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setToolTip(changes_text(criteria, list(sc.changes)))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if self.scenarios and not self.table.selectedItems():
            self.table.selectRow(0)
        self._selection()
        if not self.scenarios:
            self.message.show_warning(self.tr("还没有保存的场景：在试算中修改答案后点“保存为场景”。"))

    def _selected(self) -> list[ScenarioSummary]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.scenarios[r] for r in rows if r < len(self.scenarios)]

    def _selection(self) -> None:
        chosen = self._selected()
        one = len(chosen) == 1
        for b in (self.open_button, self.apply_button, self.rename_button):
            b.setEnabled(one)
        self.delete_button.setEnabled(bool(chosen))
        self.compare_button.setEnabled(bool(chosen))

    def _open(self) -> None:
        chosen = self._selected()
        if len(chosen) != 1:
            return
        name, sandbox = self.store.scenario(chosen[0].id)
        if self.controller.enter(dict(sandbox.changes), name):
            self.accept()

    def _apply(self) -> None:
        chosen = self._selected()
        if len(chosen) == 1:
            _, sandbox = self.store.scenario(chosen[0].id)
            if self.controller.apply(dict(sandbox.changes), scenario_id=chosen[0].id):
                self.reload()

    def _rename(self) -> None:
        chosen = self._selected()
        if len(chosen) != 1:
            return
        name = NameDialog.ask(self, self.tr("重命名场景"), chosen[0].name)
        if name is None:
            return
        try:
            self.store.rename_scenario(chosen[0].id, name)
        except DomainError as exc:
            self.message.show_error(exc.text(self.lang))
            return
        self.message.clear_message()
        self.reload()

    def _delete(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        names = "、".join(sc.name for sc in chosen)
        if not notify.ask(self, self.tr("删除场景"), self.tr("删除场景：%1？评估本身不受影响。").replace("%1", names)):
            return
        for sc in chosen:
            self.store.delete_scenario(sc.id)
        self.reload()

    def _compare(self) -> None:
        chosen = self._selected()
        if chosen:
            ComparisonDialog(self.session, self.store, [sc.id for sc in chosen], self).exec()


class ComparisonDialog(QDialog):
    """Side by side: the saved assessment and each chosen scenario — total, grade, dimensions and
    every answer any of them changes."""

    def __init__(self, session: AssessmentSession, store: PlanStore, scenario_ids: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("场景并排比较"))
        lang = language()
        criteria = session.criteria
        columns: list[tuple[str, Any, dict[str, Any]]] = []
        saved_box = store.sandbox(session.id)
        columns.append((self.tr("已保存的评估"), _score_or_none(saved_box), {}))
        for ident in scenario_ids:
            name, box = store.scenario(ident)
            columns.append((name, _score_or_none(box), dict(box.changes)))
        order = {k: i for i, k in enumerate(draft_keys(criteria))}
        keys = sorted({k for _, _, changes in columns for k in changes}, key=lambda k: order.get(k, len(order)))
        rows = [self.tr("总分"), self.tr("等级")] + [d.name.get(lang) for d in criteria.dimensions]
        rows += [key_title(criteria, k, lang) for k in keys]
        table = QTableWidget(len(rows), len(columns))
        table.setHorizontalHeaderLabels([c[0] for c in columns])
        table.setVerticalHeaderLabels(rows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        saved_values = saved_box.values()
        for col, (_, result, changes) in enumerate(columns):
            cells = ["—"] * (2 + len(criteria.dimensions))
            if result is not None:
                cells = [fmt_number(result.total_rounded), criteria.grade(result.grade).name.get(lang)]
                cells += [f"{fmt_number(d.rounded)} / {fmt_number(d.max_points, 0)}" for d in result.dimensions]
            for key in keys:
                value = changes[key] if key in changes else saved_values.get(key)
                cells.append(value_text(criteria, key, value, lang) + (" *" if key in changes else ""))
            for row, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, col, item)
        table.setWordWrap(True)
        table.resizeColumnsToContents()
        em = self.fontMetrics().horizontalAdvance("M")
        for col in range(table.columnCount()):  # long option labels wrap instead of being cut
            table.setColumnWidth(col, min(max(table.columnWidth(col), em * 9), em * 18))
        table.resizeRowsToContents()
        note = wrap_label(self.tr("* 为该场景改动的项目；其余为评估已保存的答案。"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addWidget(note)
        layout.addWidget(close)
        look(table, "comparison")
        self.table = table
        width = table.verticalHeader().width() + sum(table.columnWidth(c) for c in range(table.columnCount()))
        height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(table.rowCount()))
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        limit_w, limit_h = (screen.width() * 9 // 10, screen.height() * 8 // 10) if screen else (em * 120, em * 60)
        self.resize(min(width + em * 3, limit_w), min(height + em * 7, limit_h))


def _score_or_none(sandbox: Any) -> Any:
    try:
        return sandbox.score()
    except DomainError:
        return None
