"""Record: the repr and equality of reportgen's dataclasses, written once.

``@dataclass`` generates and compiles an ``__repr__`` and an ``__eq__`` for every class it makes
(and a ``__hash__`` for a frozen one); for the sixty-odd classes a render imports that was a
twentieth of a whole small render, paid by every process at import. Classes declared
``@dataclass(repr=False, eq=False)`` on Record behave the same way: the repr lists the fields
that take part in it, two records are equal when they are of the same class and their compared
fields are equal, and a record is not hashable (as a mutable dataclass with eq is not).
``@dataclass(frozen=True, repr=False, eq=False)`` on FrozenRecord is hashable as a frozen
dataclass is: by the fields that take part in its hash."""

from __future__ import annotations

from dataclasses import fields
from typing import Any


class Record:
    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: Any) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _compared(type(self))
        return tuple(getattr(self, name) for name in names) == tuple(getattr(other, name) for name in names)

    __hash__ = None  # type: ignore[assignment]


class FrozenRecord(Record):
    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # Record has none: a frozen record has one
        return hash(tuple(getattr(self, name) for name in _hashed(type(self))))


_COMPARED: dict[type, tuple[str, ...]] = {}
_HASHED: dict[type, tuple[str, ...]] = {}


def _compared(kind: type) -> tuple[str, ...]:
    """The names of the fields a class's records are compared by (found once per class)."""
    names = _COMPARED.get(kind)
    if names is None:
        names = _COMPARED[kind] = tuple(f.name for f in fields(kind) if f.compare)
    return names


def _hashed(kind: type) -> tuple[str, ...]:
    """The names of the fields a frozen record's hash is made of: as @dataclass has it, those with
    hash=True, or with hash unset and compared."""
    names = _HASHED.get(kind)
    if names is None:
        names = _HASHED[kind] = tuple(f.name for f in fields(kind)
                                      if (f.compare if f.hash is None else f.hash))
    return names
