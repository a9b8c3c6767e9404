"""Record: the repr and equality of reportgen's dataclasses, written once.

``@dataclass`` generates and compiles an ``__repr__`` and an ``__eq__`` for every class it makes;
for the fifty-odd classes of the model and the document that was a twentieth of a whole small
render, paid by every process at import. Classes declared ``@dataclass(repr=False, eq=False)``
on Record behave the same way: the repr lists the fields that take part in it, two records are
equal when they are of the same class and their compared fields are equal, and a record is not
hashable (as a mutable dataclass with eq is not)."""

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
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.compare)  # type: ignore[arg-type]

    __hash__ = None  # type: ignore[assignment]
