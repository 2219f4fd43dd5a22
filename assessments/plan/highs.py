"""Solve a ``lp.Model`` with HiGHS (``highspy``), imported only here and only when called.

``import assessments`` and the desktop start-up never load numpy or HiGHS; the first plan does.
The MIP gap is set to zero: the plan is the proven least-cost solution of the model, not a
near one (the default relative gap of 10⁻⁴ would allow a dearer plan).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .lp import INF, Model

TIME_LIMIT_S = 20.0


@dataclass(frozen=True, slots=True)
class Solution:
    status: str  # optimal | infeasible | other
    values: tuple[float, ...]
    objective: float
    solver_seconds: float  # HiGHS's own run time
    wall_seconds: float  # including building the model arrays

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"


@contextlib.contextmanager
def _stdout_silenced() -> Iterator[None]:
    """HiGHS 1.12 prints a debug line with C ``printf`` even when silent (ERGO-Code/HiGHS issue
    2783); ``plan --json`` must print exactly one JSON object, so file descriptor 1 goes to the
    null device while the solver runs. Where there is no descriptor 1 (a windowed Windows
    program) nothing can be printed anyway."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            try:
                yield
            finally:
                os.dup2(saved, 1)
    finally:
        os.close(saved)


def solve(model: Model, *, time_limit: float = TIME_LIMIT_S) -> Solution:
    start = time.perf_counter()
    import highspy
    import numpy as np

    if model.infeasible_constant:
        return Solution("infeasible", (), INF, 0.0, time.perf_counter() - start)
    # The low-level class, not ``highspy.Highs``: the Python wrapper keeps itself in a reference
    # cycle through its callbacks, so it is freed later by the garbage collector, on whatever
    # thread runs it; its C++ destructor then re-takes the GIL with the creating thread's state
    # and deadlocks (seen as an export frozen after a plan in the desktop program's worker pool).
    h = highspy._core._Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-9)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 1)
    # The sub-MIP heuristics (RINS, RENS) took 80 % of the time on these small models without
    # changing a result (measured on the benchmark plans of the worked example: 2.9 s → 0.6 s).
    h.setOptionValue("mip_heuristic_run_rins", False)
    h.setOptionValue("mip_heuristic_run_rens", False)
    n = len(model.lb)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(model.rows)
    inf = highspy.kHighsInf
    lp.col_cost_ = np.array(model.cost, dtype=np.float64)
    lp.col_lower_ = np.array([max(v, -inf) for v in model.lb], dtype=np.float64)
    lp.col_upper_ = np.array([min(v, inf) for v in model.ub], dtype=np.float64)
    lp.row_lower_ = np.array([max(lo, -inf) for _, lo, _ in model.rows], dtype=np.float64)
    lp.row_upper_ = np.array([min(hi, inf) for _, _, hi in model.rows], dtype=np.float64)
    lp.offset_ = model.offset
    lp.sense_ = highspy.ObjSense.kMinimize if model.sense == 1 else highspy.ObjSense.kMaximize
    starts: list[int] = []
    index: list[int] = []
    value: list[float] = []
    for terms, _, _ in model.rows:
        starts.append(len(index))
        for k, v in sorted(terms.items()):
            index.append(k)
            value.append(v)
    starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in model.integer]
    h.passModel(lp)
    with _stdout_silenced():
        h.run()
    status: Any = h.getModelStatus()
    seconds = float(h.getRunTime())
    if status == highspy.HighsModelStatus.kOptimal:
        solution = h.getSolution()
        values = tuple(float(v) for v in solution.col_value)
        return Solution(
            "optimal", values, float(h.getInfo().objective_function_value), seconds, time.perf_counter() - start
        )
    name = "infeasible" if status == highspy.HighsModelStatus.kInfeasible else str(h.modelStatusToString(status))
    return Solution(name, (), INF, seconds, time.perf_counter() - start)
