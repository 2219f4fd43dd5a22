"""`python -m app`: the desktop program, or a command (see `python -m app --help`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
