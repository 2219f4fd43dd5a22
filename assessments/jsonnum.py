"""JSON text in and out with numbers kept as typed decimals (the one codec every path uses).

``loads`` reads every JSON number with a fraction or exponent as a ``Decimal`` of exactly that
text (``0.1`` stays 0.1, ``94.75`` stays 94.75, ``1e-7`` stays 1E-7) and integers as ``int``;
``NaN``/``Infinity`` tokens are refused. ``dumps`` is ``json.dumps`` for the values the program
stores (dict, list, tuple, str, int, float, bool, None) plus ``Decimal``, byte for byte the same as
``json.dumps`` on everything else; it never writes ``NaN`` or ``Infinity``.

How a Decimal is written: a value that a float reads back exactly is written the way ``json.dumps``
writes that float (``57.0``, ``0.1``, ``1e-07``), so canonical JSON — and with it every
fingerprint — is byte for byte what earlier program versions wrote for the same figures; any
other value (more digits than a double holds) is written as its own decimal text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any, NoReturn


class NonFiniteNumber(ValueError):
    """A NaN or Infinity token in JSON text, or a non-finite number to be written."""


class ExponentTooLarge(ValueError):
    """A JSON number whose exponent no Decimal holds (beyond ±999 999 999 999 999 999)."""


def _refuse_constant(name: str) -> NoReturn:
    raise NonFiniteNumber(f"non-finite number {name} in JSON")


def loads(text: str | bytes, *, parse_constant: Callable[[str], Any] = _refuse_constant) -> Any:
    """``json.loads`` with decimals kept exactly; raises what ``json.loads`` raises, and
    ``NonFiniteNumber`` (a ValueError) for NaN/Infinity unless ``parse_constant`` says otherwise."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=parse_constant)
    except InvalidOperation as exc:  # e.g. 1e9999999999999999999: not a ValueError by itself
        raise ExponentTooLarge("a number in the JSON has an exponent beyond ±10^18") from exc


def decimal_text(value: Decimal) -> str:
    """The JSON number text of a finite Decimal (see the module docstring)."""
    if not value.is_finite():
        raise NonFiniteNumber(f"cannot write the non-finite number {value} as JSON")
    as_float = float(value)
    text = float.__repr__(as_float)
    if as_float - as_float == 0.0 and Decimal(text) == value:
        return text
    return str(value)


def number_text(value: int | float | Decimal) -> str:
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, float):
        if value - value != 0.0:
            raise NonFiniteNumber(f"cannot write the non-finite number {value!r} as JSON")
        return float.__repr__(value)
    return int.__repr__(value)


def dumps(
    value: Any,
    *,
    indent: int | None = None,
    sort_keys: bool = False,
    separators: tuple[str, str] | None = None,
    ensure_ascii: bool = False,
) -> str:
    """``json.dumps`` (``allow_nan=False``) that also writes Decimals; see the module docstring."""
    if separators is None:
        item_sep, key_sep = (", ", ": ") if indent is None else (",", ": ")
    else:
        item_sep, key_sep = separators
    quote = encode_basestring_ascii if ensure_ascii else encode_basestring
    parts: list[str] = []
    _encode(value, parts, 0, indent, sort_keys, item_sep, key_sep, quote, set())
    return "".join(parts)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int | float | Decimal):
        return number_text(key)
    raise TypeError(f"keys must be str, int, float, Decimal, bool or None, not {type(key).__name__}")


def _encode(
    value: Any,
    out: list[str],
    level: int,
    indent: int | None,
    sort_keys: bool,
    item_sep: str,
    key_sep: str,
    quote: Callable[[str], str],
    seen: set[int],
) -> None:
    if isinstance(value, str):
        out.append(quote(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int | float | Decimal):
        out.append(number_text(value))
    elif isinstance(value, dict | list | tuple):
        marker = id(value)
        if marker in seen:
            raise ValueError("Circular reference detected")
        seen.add(marker)
        if indent is None:
            inner, close = item_sep, ""
        else:
            inner = item_sep + "\n" + " " * (indent * (level + 1))
            close = "\n" + " " * (indent * level)
        if isinstance(value, dict):
            if not value:
                out.append("{}")
            else:
                out.append("{" if indent is None else "{\n" + " " * (indent * (level + 1)))
                items = [(_key(k), v) for k, v in value.items()]
                if sort_keys:
                    items.sort(key=lambda kv: kv[0])
                for i, (k, v) in enumerate(items):
                    if i:
                        out.append(inner)
                    out.append(quote(k))
                    out.append(key_sep)
                    _encode(v, out, level + 1, indent, sort_keys, item_sep, key_sep, quote, seen)
                out.append(close + "}")
        elif not value:
            out.append("[]")
        else:
            out.append("[" if indent is None else "[\n" + " " * (indent * (level + 1)))
            for i, v in enumerate(value):
                if i:
                    out.append(inner)
                _encode(v, out, level + 1, indent, sort_keys, item_sep, key_sep, quote, seen)
            out.append(close + "]")
        seen.discard(marker)
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
