"""Methods that score the user's own answer: an option, yes/no, or a typed number."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from ..criteria_model import AnswerSpec, SubAnswer
from ..evaluation import MISSING, Context, Eval, IndPlan, not_applicable, note_once, percent
from ..exact import ONE, ZERO, Number
from ..exact import lin as lin_q
from ..texts import LocalText
from ..vocabulary import NA
from .base import GapInput, GapText, ParamKind, ScoringMethod, as_decimal, cmp_sign, num_text, register

if TYPE_CHECKING:
    from .._reader import DataReader


class AnsweredMethod(ScoringMethod):
    """No answer yet scores 0 (a draft); "na" is not applicable where the criteria allow it."""

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        answer = ctx.doc.answers.get(ip.ind.id)
        if answer is None:
            return MISSING
        if type(answer) is str and answer == NA:  # (a Decimal compared with a str is slow)
            return not_applicable(ip.ind)
        return self.score_answer(ip, ctx, answer)

    def score_answer(self, ip: IndPlan, ctx: Context, answer: Any) -> Eval:
        raise NotImplementedError


@register
class Choice(AnsweredMethod):
    name = "choice"
    answer_type = "choice"

    def validate(self, r: DataReader, params: Mapping[str, Any], answer: AnswerSpec, path: str) -> None:
        if any(o.fraction is None and not o.na for o in answer.options):
            r.fail(f"{path}.answer.options", "计分选项须有 fraction", "scored options need a fraction")

    def score_answer(self, ip: IndPlan, ctx: Context, answer: Any) -> Eval:
        fraction = ip.options.get(str(answer))
        if fraction is None:
            return not_applicable(ip.ind)
        return Eval(True, (fraction, 1))

    def gap(self, g: GapInput) -> GapText:
        options = g.ind.answer.options
        best = max((o for o in options if not o.na), key=lambda o: o.fraction or 0.0)
        option = g.ind.answer.option(str(g.answer)) if g.answer is not None else None
        return GapText(
            option.label if option is not None else None,
            LocalText(f"选择“{best.label.zh}”", f"choose '{best.label.en}'"),
        )


@register
class Boolean(AnsweredMethod):
    name = "boolean"
    answer_type = "boolean"

    def score_answer(self, ip: IndPlan, ctx: Context, answer: Any) -> Eval:
        return Eval(True, ONE if answer is True else ZERO)

    def gap(self, g: GapInput) -> GapText:
        answer = g.answer
        current = None if answer is None else LocalText("是" if answer else "否", "yes" if answer else "no")
        return GapText(current, LocalText("是", "yes"))


def _cap_note(sub: SubAnswer, cap: Number) -> LocalText:
    return LocalText(
        f"因“{sub.question.zh}”为“是”，得分率封顶 {percent(cap)}", f"capped at {percent(cap)}: {sub.question.en} yes"
    )


@register
class Lin(AnsweredMethod):
    """A typed number scored linearly between two thresholds; a "yes" sub-answer may cap it."""

    name = "lin"
    answer_type = "number"
    params: ClassVar[Mapping[str, ParamKind]] = {"zero_at": "number", "full_at": "number"}
    distinct = (("zero_at", "full_at"),)
    linear = True

    def score_answer(self, ip: IndPlan, ctx: Context, answer: Any) -> Eval:
        assert isinstance(answer, int | Decimal) and not isinstance(answer, bool)
        p = ip.params
        s = lin_q(answer, 1, p["zero_at"], p["full_at"])
        note = None
        for sub, cap in ip.caps:
            if ctx.doc.answers.get(sub.id) is True and s[0] > cap * s[1]:
                s = (cap, 1)
                note = note_once(ip, f"cap {sub.id}", functools.partial(_cap_note, sub, cap))
        return Eval(True, s, (answer, 1), note=note)

    def gap(self, g: GapInput) -> GapText:
        p, ind, answer = g.ind.params, g.ind, g.answer
        unit = ind.answer.unit or ""
        target_value = as_decimal(p["full_at"])
        sign = cmp_sign(p["full_at"], p["zero_at"])
        extra_zh = extra_en = ""
        for sub in ind.sub_answers:
            if g.doc.answers.get(sub.id) is True:
                extra_zh, extra_en = (
                    "，且不再出现“" + sub.question.zh.rstrip("？?") + "”的情况",
                    " and remove the cap condition",
                )
        current = None
        if isinstance(answer, int | Decimal) and not isinstance(answer, bool):
            current = LocalText(f"{num_text(answer)}{unit}", f"{num_text(answer)}{unit}")
        target = LocalText(
            f"{sign} {num_text(target_value)}{unit}{extra_zh}", f"{sign} {num_text(target_value)}{unit}{extra_en}"
        )
        return GapText(current, target, target_value)
