"""Child process for the kill test: autosaves answers one by one, in lock-step with the parent.

Usage: python tests/kill_child.py DATA_DIR. Prints "READY <id>", then for every line it reads on
stdin makes the next write and prints "ACK <n>" once write n has returned from the service
(i.e. was committed). It never writes ahead of the parent: when the parent kills it, at most
the one write the parent last asked for can be in flight.
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
    sequence = write_sequence(100_000)
    for n, line in enumerate(sys.stdin):
        if not line.strip():
            break
        key, value = sequence[n]
        service.set_answer(aid, key, value)
        print(f"ACK {n}", flush=True)


if __name__ == "__main__":
    main()
