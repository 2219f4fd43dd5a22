"""Child process for the kill test: autosaves answers one by one and acknowledges each.

Usage: python tests/kill_child.py DATA_DIR. Prints "READY <id>" then "ACK <n>" after write n has
returned from the service (i.e. was committed). The parent kills it with SIGKILL at random.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from app.services import AssessmentService

KEYS = ("answers.P4", "answers.P6", "energy.raw_coal", "energy.grid_electricity", "gec_mwh", "answers.E7")


def write_sequence(n: int) -> list[tuple[str, Any]]:
    """Deterministic: the parent recomputes it to know what each acknowledgement means."""
    out = []
    for i in range(n):
        key = KEYS[i % len(KEYS)]
        value: Any = (i % 97) + 1 if key.startswith("answers.") else 1000 + i
        out.append((key, value))
    return out


def main() -> None:
    service = AssessmentService.open(Path(sys.argv[1]), backup_on_start=False)
    aid = service.new_assessment(2025, name="断电测试企业", uscc="91371600MA3C5K2X7K")
    print(f"READY {aid}", flush=True)
    for n, (key, value) in enumerate(write_sequence(100_000)):
        service.set_answer(aid, key, value)
        print(f"ACK {n}", flush=True)


if __name__ == "__main__":
    main()
