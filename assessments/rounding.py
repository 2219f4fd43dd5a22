"""Half-up rounding of shown figures (docs/criteria.md §1): compute exactly, round once.

The rules live in ``assessments.exact`` (one module for every exact-arithmetic rule); this name
stays for the callers that format figures.
"""

from __future__ import annotations

from .exact import fmt_number, round_half_up

__all__ = ["fmt_number", "round_half_up"]
