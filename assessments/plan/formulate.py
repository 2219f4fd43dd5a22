"""The mixed-integer model of "reach grade G at least cost": the builder (``builder``) with the
models of every scoring method (``method_models``) and gate kind (``gate_models``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .builder import Context, Formulation, Setting
from .gate_models import GateModels
from .uses import Use


def formulate(ctx: Context, setting: Setting) -> Formulation:
    return GateModels(ctx, setting).build()


def solution_amounts(form: Formulation, ctx: Context, values: Sequence[float]) -> list[tuple[Use, float]]:
    """(use, amount as the solver has it) for every chosen use."""
    chosen = []
    for use in ctx.uses:
        y = form.y[use.key]
        (index,) = y.terms
        if values[index] < 0.5:
            continue
        if use.continuous:
            (t_index,) = form.t[use.key].terms
            amount = values[t_index] * float(use.upper)
            if amount <= 0.0 or math.isclose(values[t_index], 0.0, abs_tol=1e-9):
                continue
            chosen.append((use, amount))
        else:
            chosen.append((use, 1.0))
    return chosen
