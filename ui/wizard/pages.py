"""The wizard pages generated from the criteria: profile, prerequisites, one page per dimension.

Slots here are thin: read the editor, call the session (which calls the service), render the
outcome (saved / refused with the reason / saved with a plausibility warning).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.kept_notes import kept_note
from app.plausibility import plausibility_warning
from app.storage import WriteConflict
from app.wizard_flow import SECTION_TITLES, PageSpec, indicator_metric
from assessments.errors import DomainError
from assessments.rounding import fmt_number
from assessments.texts import render
from assessments.uscc import normalise_uscc, uscc_problem
from assessments.vocabulary import NA
from ui.focus import chain, reading_order
from ui.i18n import language
from ui.style import Card, look, scale_font
from ui.wizard.host import na_text, problem_text
from ui.wizard.widgets import AnswerEditor, ChoiceEditor, LineEditor, MessageLabel, QuestionCard, wrap_label

if TYPE_CHECKING:
    from assessments.criteria import Indicator
    from assessments.scoring import Result
    from ui.wizard.session import AssessmentSession


def indicator_heading(ind: Indicator, lang: str) -> str:
    """ "P4  低VOCs原辅材料替代率（权重 3）": the weight is data; the points it is worth depend on which
    indicators are N/A, so they are shown from the scoring result under the card ("得分 x / y")."""
    text = QCoreApplication.translate("QuestionsPage", "%1  %2（权重 %3）")
    text = text.replace("%1", ind.id).replace("%2", ind.title.get(lang))
    return text.replace("%3", f"{ind.weight:g}")


class WizardPage(QScrollArea):
    """A scrollable page; ``focus_key`` brings a field into view and gives it the keyboard."""

    status_message = Signal(str)

    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.spec = spec
        self.lang = language()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Tab goes to the page's fields, never to the page itself (a stop with no visible mark, issue
        # #13); Page Up/Down still scroll it from a field (the keys the field ignores come here).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content = QWidget()
        self.content.setObjectName("pageContent")
        self.layout_ = QVBoxLayout(self.content)
        title = wrap_label(spec.title.get(self.lang), "pageTitle")
        scale_font(title, 1.4, bold=True)
        self.layout_.addWidget(title)
        self.setWidget(self.content)
        self.focus_targets: dict[str, Callable[[], QWidget]] = {}
        self.cards: dict[str, QuestionCard] = {}

    def finish(self) -> None:
        self.layout_.addStretch(1)

    def add(self, widget: QWidget) -> None:
        self.layout_.addWidget(widget)

    def load(self) -> None:
        """(Re)populate every field from the session's stored answers."""

    def order_tabs(self) -> None:
        """Tab through the page in reading order (after building it, or adding rows to it)."""
        chain(reading_order(self))

    def on_scored(self, result: Result | None, message: str) -> None:
        """Update figures computed from the answers (points, tce, …)."""

    def focus_key(self, key: str) -> bool:
        base = key.split("[", 1)[0]
        getter = (
            self.focus_targets.get(key) or self.focus_targets.get(base) or self.focus_targets.get(base.split(".", 1)[0])
        )
        if getter is None:
            return False
        widget = getter()
        self.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # ------------------------------------------------------------------ the one save path

    def commit(self, key: str, value: Any, message: MessageLabel, editor: AnswerEditor | None = None) -> bool:
        try:
            outcome = self.session.save(key, value)
        except DomainError as exc:
            reason = problem_text(exc)
            message.show_error(reason)
            if isinstance(exc, WriteConflict):
                # Not a refusal of what was typed: another window stored this answer first. The
                # field shows the stored value with the message; typing again replaces it.
                if isinstance(editor, LineEditor):
                    editor.forget_last()
                    editor.set_refused(False)
                if editor is not None:
                    editor.set_value(None if exc.current == NA else exc.current)
                self.session.clear_refused(key)
                return False
            if isinstance(editor, LineEditor):
                editor.forget_last()
                editor.set_refused(True, reason)
                self.session.note_refused(key, editor.edit.text(), reason)
            return False
        self.session.clear_refused(key)
        if isinstance(editor, LineEditor):
            editor.set_refused(False)
        warning = plausibility_warning(self.session.criteria, self.session.factors, key, outcome.value)
        if warning is not None:
            message.show_warning(warning.get(self.lang))
        else:
            message.clear_message()
        if isinstance(editor, LineEditor) and key != "enterprise.uscc":
            editor.set_value(outcome.value)  # show the normalised number ("１２,０００" → 12000)
        return True

    def set_na(self, card: QuestionCard, key: str, na: bool) -> None:
        try:
            self.session.set_na(key, na)
        except DomainError as exc:
            card.message.show_error(problem_text(exc))
            if isinstance(exc, WriteConflict):
                self.refresh_card(card, key)  # show what another window stored meanwhile
            else:
                card.set_na(not na)
            return
        card.message.clear_message()
        self.session.clear_refused(key)  # the field is emptied and disabled: the refused text is given up
        self.refresh_card(card, key)

    def refresh_card(self, card: QuestionCard, key: str) -> None:
        value = self.session.value(key)
        na = value == NA
        card.set_na(na)
        for editor in card.editors:
            editor_key = getattr(editor, "key", key)
            v = self.session.value(editor_key)
            editor.set_value(None if v == NA else v)
        card.set_kept(kept_note(self.session.criteria, key, value, self.session.kept(key), self.lang))


def bool_options(page: QWidget) -> list[tuple[Any, str]]:
    return [
        (True, QCoreApplication.translate("QuestionsPage", "是")),
        (False, QCoreApplication.translate("QuestionsPage", "否")),
    ]


class ProfilePage(WizardPage):
    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(session, spec, parent)
        row = session.row
        intro = self.tr("评估年度：%1　评价标准：%2").replace("%1", str(row.year)).replace("%2", row.criteria_id)
        self.add(wrap_label(intro, "pageIntro"))
        card = Card()
        form = QFormLayout(card)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.editors: dict[str, LineEditor] = {}
        self.messages: dict[str, MessageLabel] = {}
        placeholders = {
            "uscc": self.tr("18位，见营业执照"),
            "industry_code": self.tr("如 C2614"),
            "county": self.tr("如 邹平市"),
        }
        for key in session.flow.page_keys("profile"):
            field = key.split(".", 1)[1]
            label = session.flow.key_label(key).get(self.lang)
            if field in ("name", "uscc"):
                label += " *"
            editor = LineEditor(placeholder=placeholders.get(field, ""))
            editor.key = key  # type: ignore[attr-defined]
            message = MessageLabel(reserve=True)
            editor.bind_message(message)
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.addWidget(editor)
            v.addWidget(message)
            form.addRow(label, box)
            self.editors[key] = editor
            self.messages[key] = message
            editor.committed.connect(self._committer(key, editor, message))
            self.focus_targets[key] = editor.focus_widget
        self.editors["enterprise.uscc"].edit.textEdited.connect(self._uscc_typed)
        self.add(card)
        self.add(wrap_label(self.tr("带 * 的为必填项；其余各项会印在备案文件封面上，也请填写。每一项在按回车或离开输入框时自动保存。"), "pageHint"))
        self.finish()

    def _committer(self, key: str, editor: LineEditor, message: MessageLabel) -> Callable[[Any], None]:
        def commit(value: Any) -> None:
            if key == "enterprise.uscc" and value is not None:
                value = normalise_uscc(str(value))
                editor.edit.setText(value)
            self.commit(key, value, message, editor)

        return commit

    def _uscc_typed(self, text: str) -> None:
        message = self.messages["enterprise.uscc"]
        code = normalise_uscc(text)
        if not code:
            message.clear_message()
        elif len(code) < 18:
            message.show_hint(self.tr("已输入 %1/18 位").replace("%1", str(len(code))))
        else:
            problem = uscc_problem(code)
            if problem is None:
                message.show_ok(self.tr("校验位正确"))
            else:
                message.show_error(render(problem, self.lang))

    def load(self) -> None:
        for key, editor in self.editors.items():
            editor.set_value(self.session.value(key))


class QuestionsPage(WizardPage):
    """Vetoes or the indicators of one dimension, plus the input sections placed on the page."""

    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(session, spec, parent)
        self.sections: list[Any] = []
        self.computed: dict[str, QuestionCard] = {}
        c = session.criteria
        if spec.kind == "vetoes":
            self.add(
                wrap_label(
                    self.tr("以下前提条件须全部满足（或不适用），否则无论得分多少，等级均为“尚未达标”。"), "pageIntro"
                )
            )
            for veto in c.vetoes:
                self._veto_card(veto.id)
        else:
            dim = c.dimension(spec.id)
            intro = (
                self.tr("本维度满分 %1 分，共 %2 项指标。")
                .replace("%1", fmt_number(dim.max_points))
                .replace("%2", str(len(spec.indicators)))
            )
            if spec.sections:
                intro += self.tr("先填写本页的基础数据，据此自动计算的指标随之更新。")
            self.add(wrap_label(intro, "pageIntro"))
            if spec.sections:
                from ui.wizard.sections.specs import make_sections

                for editor in make_sections(self, spec.sections):
                    self.sections.append(editor)
                    self.add(editor)
            for ident in spec.indicators:
                ind = c.indicator(ident)
                if ind.user_answered:
                    self._indicator_card(ind)
                else:
                    self._computed_card(ind)
        self.finish()

    # ------------------------------------------------------------------ building

    def _card(self, key: str, heading: str, question: str, help_text: str, source: str, evidence: str,
              na_label: str | None, source_note: str = "") -> QuestionCard:  # fmt: skip
        card = QuestionCard(key, heading, question, help_text, source, evidence, na_label, source_note)
        card.body.addWidget(card.points_label)
        self.cards[key] = card
        self.focus_targets[key] = card.focus_widget
        self.add(card)
        if na_label is not None:
            card.na_toggled.connect(lambda checked, c=card, k=key: self.set_na(c, k, checked))
        return card

    def _bind(self, card: QuestionCard, key: str, editor: AnswerEditor) -> None:
        editor.key = key  # type: ignore[attr-defined]
        editor.committed.connect(lambda value, k=key, e=editor, c=card: self.commit(k, value, c.message, e))
        self.focus_targets.setdefault(key, editor.focus_widget)

    def _veto_card(self, ident: str) -> None:
        veto = next(v for v in self.session.criteria.vetoes if v.id == ident)
        key = f"answers.{ident}"
        lang = self.lang
        na_label = (veto.na_label.get(lang) if veto.na_label else self.tr("不适用")) if veto.na_allowed else None
        card = self._card(
            key, f"{veto.id}  {veto.title.get(lang)}", veto.question.get(lang), veto.help.get(lang), veto.source,
            veto.evidence.get(lang), na_label, veto.source_note.get(lang) if veto.source_note else "",
        )  # fmt: skip
        editor = ChoiceEditor([(True, self.tr("是（符合）")), (False, self.tr("否（不符合）"))])
        card.add_editor(editor)
        self._bind(card, key, editor)

    def _indicator_card(self, ind: Indicator) -> None:
        key = f"answers.{ind.id}"
        lang = self.lang
        na_label = None
        if ind.na.mode == "answer":
            na_label = na_text(self.tr("不适用"), ind.na.rule, lang)
        heading = indicator_heading(ind, lang)
        card = self._card(key, heading, ind.question.get(lang), ind.help.get(lang), ind.source,
                          ind.evidence.get(lang), na_label, ind.source_note.get(lang) if ind.source_note else "")  # fmt: skip
        spec = ind.answer
        editor: AnswerEditor
        if spec.type == "choice":
            editor = ChoiceEditor([(o.id, o.label.get(lang)) for o in spec.options])
        elif spec.type == "boolean":
            editor = ChoiceEditor(bool_options(self))
        else:
            unit = spec.unit or ""
            rng = (
                self.tr("范围 %1–%2")
                .replace("%1", fmt_number(spec.min or 0, 0))
                .replace("%2", fmt_number(spec.max or 0, 0))
            )
            editor = LineEditor(numeric=True, percent=unit == "%", unit=unit, placeholder=rng)
        card.add_editor(editor)
        self._bind(card, key, editor)
        for sub in ind.sub_answers:
            sub_key = f"answers.{sub.id}"
            sub_editor = ChoiceEditor(bool_options(self))
            card.add_editor(sub_editor, sub.question.get(lang) + "　" + sub.help.get(lang))
            self._bind(card, sub_key, sub_editor)

    def _computed_card(self, ind: Indicator) -> None:
        lang = self.lang
        heading = indicator_heading(ind, lang)
        inputs = "、".join(SECTION_TITLES[s].get(lang) for s in ind.answer.inputs if s in SECTION_TITLES)
        help_text = ind.help.get(lang) + "\n" + self.tr("自动计算，依据：%1").replace("%1", inputs)
        card = QuestionCard(f"computed.{ind.id}", heading, ind.question.get(lang), help_text, ind.source,
                            ind.evidence.get(lang), source_note=ind.source_note.get(lang) if ind.source_note else "")  # fmt: skip
        card.value_label = QLabel(self.tr("当前值：—"))  # type: ignore[attr-defined]
        look(card.value_label, "computedValue")  # type: ignore[attr-defined]
        card.body.addWidget(card.value_label)  # type: ignore[attr-defined]
        card.body.addWidget(card.points_label)
        self.computed[ind.id] = card
        self.add(card)

    # ------------------------------------------------------------------ data in, figures in

    def load(self) -> None:
        for key, card in self.cards.items():
            self.refresh_card(card, key)
        for section in self.sections:
            section.load()

    def on_scored(self, result: Result | None, message: str) -> None:
        from assessments.metrics import metric_text

        for ident in [*self.spec.indicators]:
            card = self.computed.get(ident) or self.cards.get(f"answers.{ident}")
            if card is None:
                continue
            if result is None:
                card.points_label.setText("")
                continue
            r = result.indicator(ident)
            if not r.applicable:
                text = self.tr("不适用（不计分）")
            elif r.missing:
                text = self.tr("尚未填写（暂按 0 分）")
            else:
                text = (
                    self.tr("得分 %1 / %2")
                    .replace("%1", fmt_number(r.points or 0.0))
                    .replace("%2", fmt_number(r.max_points))
                )
            if r.note is not None and not r.missing:
                text += "　" + r.note.get(self.lang)
            card.points_label.setText(text)
            if ident in self.computed:
                metric = indicator_metric(self.session.criteria, ident)
                shown = "—"
                if metric:
                    shown = metric_text(metric, result.metrics.get(metric), self.lang)
                elif r.value is not None:
                    shown = fmt_number(r.value, 3)
                self.computed[ident].value_label.setText(self.tr("当前值：") + shown)  # type: ignore[attr-defined]
        for section in self.sections:
            section.on_scored(result, message)
