"""Which elements of an HTML page a reader never sees: a page's hidden text is none of its text.

A browser shows nothing of an element that is a <template> (its content is inert), that carries the
``hidden`` attribute, or whose style — its own ``style`` attribute, or a rule of the page's <style>
for one of its classes (``.hide { display: none }``) — sets ``display: none`` or
``visibility: hidden``; nor of anything inside it. Such text, a figure included, is never read as
the page's: not as its prose (readers/lines.py: check --against, import), not as a cell of its
tables (readers/htmltables.py). Rules that select by anything but one class (an id, a tag, a
descendant) are not followed: a page's own export (Excel's, a portal's) hides by attribute or class."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportgen.base.patterns import regex

# Bounded runs only: each pattern is linear in what it reads.
_HIDING = regex(r"(?:display\s{0,8}:\s{0,8}none|visibility\s{0,8}:\s{0,8}(?:hidden|collapse))(?![\w-])",
                re.IGNORECASE)
_CLASS_SELECTOR = regex(r"^\s*\.([A-Za-z_][\w-]{0,100})\s*$")
INERT = frozenset({"template"})  # an element whose content a browser never shows


def hiding_style(style: str) -> bool:
    """Whether a style declaration hides what it is set on."""
    return bool(style) and _HIDING.search(style) is not None


def hidden_classes(styles: Iterable[str]) -> frozenset[str]:
    """The classes the page's style sheets hide: each rule whose selector is one class (or a list
    of single classes) and whose body hides."""
    found: set[str] = set()
    for sheet in styles:
        for rule in _without_comments(sheet).split("}"):
            selectors, _, body = rule.partition("{")
            if not hiding_style(body):
                continue
            for selector in selectors.split(","):
                single = _CLASS_SELECTOR.match(selector)
                if single is not None:
                    found.add(single.group(1))
    return frozenset(found)


def _without_comments(sheet: str) -> str:
    """A style sheet without its /* comments */ (found by str.find: linear; an unclosed one runs to the end)."""
    parts, at = [], 0
    while (start := sheet.find("/*", at)) >= 0:
        parts.append(sheet[at:start])
        end = sheet.find("*/", start + 2)
        if end < 0:
            return "".join(parts)
        at = end + 2
    return "".join(parts) + sheet[at:]


def hides(tag: str, hiding: frozenset[str], *, style: str | None, classes: str | None, hidden: bool) -> bool:
    """Whether an element is hidden, with what is inside it: its ``tag``, its ``style`` and
    ``classes`` attributes, whether it carries ``hidden``; ``hiding`` the classes the page hides."""
    if hidden or tag in INERT or hiding_style(style or ""):
        return True
    return bool(hiding) and bool(classes) and any(name in hiding for name in (classes or "").split())
