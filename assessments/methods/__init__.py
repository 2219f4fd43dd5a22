"""The scoring methods (see ``base``); importing this package registers every built-in one."""

from __future__ import annotations

from . import answered, computed, sections
from .base import (
    GapInput,
    GapText,
    ScoringMethod,
    ShownCell,
    ShownInput,
    method,
    method_names,
    param_kinds,
    register,
    unregister,
)
from .sections import elasticity_fraction

__all__ = [
    "GapInput",
    "GapText",
    "ScoringMethod",
    "ShownCell",
    "ShownInput",
    "answered",
    "computed",
    "elasticity_fraction",
    "method",
    "method_names",
    "param_kinds",
    "register",
    "sections",
    "unregister",
]
