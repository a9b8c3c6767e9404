"""How figures are shown: amounts in the display unit, percentages, changes (DOMAIN.md).

These are the plain functions behind the template filters. They return numbers as text; the
Chinese words around them (增加/减少/持平…) live in templates/narrative/_phrases.j2.
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.compute import Change, Disputed, Percent, change, quantize_half_up, share
from reportgen.docmodel.model import TEXT_PARTS, Presentation
from reportgen.reading.amounts import yuan_factors

UNIT_FACTOR = yuan_factors("元", "万元")


class Money:
    """Formats 元 amounts for display under a document's presentation settings.

    A table passes its unit (``unit(table_id)``); the text's amounts are in the unit of the part
    being rendered (``in_part``), else in 正文单位.全部 / 金额单位. One Money serves one render."""

    def __init__(self, presentation: Presentation, marked: bool = False) -> None:
        self.presentation = presentation
        self.parts: list[str] = []  # the parts of the text being rendered, innermost last
        self.marked = marked  # a draft: a Disputed total is shown with what contradicts it

    @property
    def text_unit(self) -> str:
        """The unit of the text being rendered: its part's (展示.正文单位)."""
        return self.presentation.text_unit(self.parts[-1] if self.parts else None)

    def unit(self, table_id: str | None = None) -> str:
        return self.presentation.unit_for(table_id) if table_id else self.text_unit

    def in_part(self, part: str) -> str:
        """``{{ in_part('三公经费') }}`` at the start of a part of the text: the amounts, unit words
        and changes from there on are in the unit 展示.正文单位 sets for that part (until the next
        part starts). Outputs nothing; a statement rather than a call block, so that the text is
        still streamed (and bounded, and its faults placed) line by line."""
        if part not in TEXT_PARTS:
            raise ValueError(f"正文部分“{part}”不存在，可用：{'、'.join(TEXT_PARTS)}")
        self.parts = [part]
        return ""

    def quantum(self, unit: str | None = None) -> Decimal:
        """The smallest amount shown, in 元 (0.01 万元 → 100 元)."""
        unit = unit or self.text_unit
        return UNIT_FACTOR[unit] * Decimal(1).scaleb(-self.presentation.decimals_in(unit))

    def shown(self, amount: Decimal, unit: str | None = None, places: int | None = None) -> Decimal:
        """The amount as displayed: converted, then rounded half up at the shown decimals (``places``: a table's own)."""
        unit = unit or self.text_unit
        # 元 needs no conversion: skip a Decimal division per table cell.
        return quantize_half_up(amount if unit == "元" else amount / UNIT_FACTOR[unit],
                                self.presentation.decimals_in(unit) if places is None else places)

    def number(self, amount: Decimal | None, unit: str | None = None, places: int | None = None,
               grouped: bool | None = None) -> str:
        """``amount`` in ``unit`` at ``places``, with the thousands' commas where ``grouped`` (None: as 展示.千分位)."""
        return self._marked(amount, self._plain(amount, unit, places, grouped), unit, "", places)

    def with_unit(self, amount: Decimal | None, unit: str | None = None) -> str:
        unit = unit or self.text_unit
        return self._marked(amount, self._plain(amount, unit) + unit, unit, unit)

    def _plain(self, amount: Decimal | None, unit: str | None, places: int | None = None,
               grouped: bool | None = None) -> str:
        if amount is None:
            return ""
        # quantized first (half up), so no half-even rounding ever applies
        unit = unit or self.text_unit
        places = self.presentation.decimals_in(unit) if places is None else places
        return format_number(self.shown(amount, unit, places), places,
                             self.presentation.thousands if grouped is None else grouped)

    def _marked(self, amount: Decimal | None, text: str, unit: str | None, unit_word: str,
                places: int | None = None) -> str:
        """``text`` as a draft shows it: a Disputed total followed by what contradicts it, in the
        words of templates/narrative/_cells.j2 (a public document has no Disputed figure)."""
        if not self.marked or not isinstance(amount, Disputed):
            return text
        from reportgen.base import templating  # deferred: Jinja2 (20 modules), for a draft's disputed figure only

        other = self._plain(amount.other, unit, places) + unit_word
        return str(templating.words("narrative", "_cells.j2").disputed(text, other, amount.what, amount.stated))

    def change(self, current: Decimal | None, prior: Decimal | None) -> Change | None:
        """The change as the text shows it: 持平 when it rounds to zero in the part's unit."""
        if current is None:
            return None
        return change(current, prior, self.quantum())


def percent(value: Decimal | None) -> str:
    """81.15 → "81.15%"; always two decimals, half up."""
    if value is None:
        return ""
    return format_number(quantize_half_up(value), 2, thousands=False) + "%"


def format_number(value: Decimal, decimals: int, thousands: bool) -> str:
    """A value already quantized to ``decimals`` places as Babel's zh_CN patterns ``#,##0.00`` /
    ``0.00`` show it ("," groups of three, "." decimal point, "-" sign). Python's own formatting
    gives the same text without Babel's per-call locale lookup, which dominated the render of a
    large table (tests/test_fast_paths.py proves the equality)."""
    return format(value, f"{',' if thousands else ''}.{decimals}f")


def share_of(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None:
        return None
    value = share(part, whole)
    return None if value is None else Percent(value)


CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (section numbering up to 99)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_DIGITS[tens]
    return head + "十" + (CHINESE_DIGITS[ones] if ones else "")
