"""What a roster, a department or a reviewer typed, shown on the desk's pages as text: a control character
(U+0000–U+001F but the line break and the tab, U+007F) or a direction mark or override (U+200E, U+200F,
U+202A–U+202E, U+2066–U+2069) is shown as a visible mark, ⟨U+202E⟩, never acted on — an override would
turn the rest of a register row backwards, and a name could pass for another."""

from __future__ import annotations

from reportgen.base.patterns import regex

_INVISIBLE = regex("[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: object) -> str:
    return _INVISIBLE.sub(lambda found: f"⟨U+{ord(found.group()):04X}⟩", str(text))
