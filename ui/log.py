"""Loggers for modules on the start path.

Importing :mod:`logging` costs about 6 ms, some 4 % of the time to the first paint; these
modules fetch their logger when they first write a message (after the first paint in a normal
start, when the log file in the data folder is opened too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging


def logger(name: str) -> logging.Logger:
    import logging

    return logging.getLogger(name)
