"""A plan solved on a worker thread leaves nothing for the garbage collector (issue #16).

``highspy.Highs`` keeps itself in a reference cycle through its callbacks; freed later by the
collector on another thread, its C++ destructor re-took the GIL and deadlocked the process (the
desktop program froze in the next export after a plan). The solver uses the low-level class now.
A deadlock cannot be caught in-process, so the check runs in a child process with a time limit.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

_CHILD = textwrap.dedent(
    """
    import gc, threading
    from assessments.document import parse_document_json
    from assessments.plan import make_plan
    doc = parse_document_json(open("assessments/examples/worked-example.json", encoding="utf-8").read())
    plans = []
    worker = threading.Thread(target=lambda: plans.append(make_plan(doc, "advanced")))
    worker.start()
    worker.join()
    left = [o for o in gc.get_objects() if type(o).__module__.startswith("highspy")]
    gc.collect()  # on the main thread: where the old wrapper's destructor deadlocked
    print(plans[0].reachable, len(left))
    """
)


def test_a_plan_on_a_worker_thread_leaves_no_solver_for_the_collector() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["True", "0"]
