"""Plans as plain JSON values and back, every value checked against the model's type hints.

A frozen dataclass becomes the list of its field values (in field order), a date its ordinal,
an enum its value, a tuple or frozenset a list. Decoding walks the same type hints
(:func:`typing.get_type_hints`), so a value of the wrong type, an unknown enum value or a
window that ends before it starts is :class:`~scheduler.state.Invalid` or ``ValueError``
(both in :data:`~scheduler.state.DAMAGED`), never a wrong plan.

An anniversary the plan took from the registry is stored whole and tagged ``registry``: on the
way back it must still equal the registry's entry of that id (a registry edit changes the
anniversary day every relative phrase counts from), else :class:`Stale`; the registry's own
object is used. A plan's ad-hoc anniversary is tagged ``plan`` and rebuilt from its values.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from ..model import Anniversary
from ..registry.sources import Registry
from ..state import Invalid, expect
from .model import Plan

__all__ = ["Stale", "decode_plan", "encode_plan"]


class Stale(ValueError):
    """The registry no longer holds an anniversary the stored plan was read with."""


Decoder = Callable[[Any, Registry], Any]


def encode_plan(plan: Plan, registry: Registry) -> Any:
    return _encode(plan, registry)


def decode_plan(value: Any, registry: Registry) -> Plan:
    plan: Plan = _decoder(Plan)(value, registry)
    return plan


def _encode(value: Any, registry: Registry) -> Any:
    if isinstance(value, Anniversary):
        tag = "registry" if registry.get(value.id) is value else "plan"
        return [tag, _fields(value, registry)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value, registry)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.toordinal()
    if isinstance(value, tuple):
        return [_encode(v, registry) for v in value]
    if isinstance(value, frozenset):
        return sorted(_encode(v, registry) for v in value)
    if value is None or isinstance(value, (str, int)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the plan cache")


def _fields(value: Any, registry: Registry) -> list[Any]:
    return [_encode(getattr(value, f.name), registry) for f in dataclasses.fields(value)]


_DECODERS: dict[object, Decoder] = {}


def _decoder(kind: Any) -> Decoder:
    """The checking decoder of ``kind`` (a type hint), built once per hint."""
    found = _DECODERS.get(kind)
    if found is None:
        # a stand-in first: a window's peak is a window (the hint refers to itself)
        _DECODERS[kind] = lambda value, registry: _DECODERS[kind](value, registry)
        found = _DECODERS[kind] = _build(kind)
    return found


def _build(kind: Any) -> Decoder:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda v, r: None if v is None else inner(v, r)
    if origin in (tuple, frozenset):
        item, make = _decoder(args[0]), origin
        return lambda v, r: make(item(x, r) for x in expect(v, list, "list"))
    if kind is Anniversary:
        return _anniversary
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return lambda v, r: kind(expect(v, str, kind.__name__))
    if kind is date:
        return lambda v, r: date.fromordinal(expect(v, int, "date"))
    if kind in (str, int, bool):
        return lambda v, r: expect(v, kind, kind.__name__)
    raise TypeError(f"no decoder for {kind!r}")


def _dataclass(cls: type[Any]) -> Decoder:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    decoders = [_decoder(hints[n]) for n in names]

    def decode(value: Any, registry: Registry) -> Any:
        values = expect(value, list, cls.__name__)
        if len(values) != len(decoders):
            raise Invalid(f"{cls.__name__}: expected {len(decoders)} fields, found "
                          f"{len(values)}")
        return cls(*(d(v, registry) for d, v in zip(decoders, values, strict=True)))

    return decode


def _anniversary(value: Any, registry: Registry) -> Anniversary:
    tag, fields = expect(value, list, "anniversary")
    entry: Anniversary = _decoder_of_entry(fields, registry)
    if tag == "plan":
        return entry
    if tag != "registry":
        raise Invalid(f"anniversary: unknown tag {tag!r}")
    live = registry.get(entry.id)
    if live is None or live != entry:
        raise Stale(entry.id)
    return live


_decoder_of_entry: Decoder = _dataclass(Anniversary)
