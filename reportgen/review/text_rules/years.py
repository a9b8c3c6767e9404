"""Years a document's words give that cannot be its own: a budget's project whose 实施周期 ended
before the budget's year; a 决算 of one year titled, or counting its assets, as of another; a date no
calendar has (“2026年9月31日前”)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import Text

# “实施周期 2025年1月1日-2025年12月31日”, “2025.1.1-2025.12.31”: the period that follows the words
_PERIOD = regex(r"(?:实施|项目)周期[：:]?\n?(?:[^\n\d]{0,12})?(((?:19|20)\d\d)[年.]\d{1,2}[月.]\d{1,2}日?\s*"
                r"[-—–~～至到]+\s*((?:19|20)\d\d)[年.]\d{1,2}[月.]\d{1,2}日?)")
_FINAL_OF = regex(r"(?<![比较与])((?:19|20)\d\d)\s*年度\s*(?:部门|单位)?决算(?!数?相比|数?比较|数?增|数?减)")
# “2026年9月31日”, “9月31日”: a month and its day, with the year where it is printed
_DATE = regex(r"(?<!\d)(?:((?:19|20)\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_AS_OF = regex(r"截[至止]\s*((?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日")


@rule("R-实施周期", TEXT)
def period_before_the_year(text: Text) -> Iterator[Finding]:
    """R-实施周期: in a budget of year Y, a project period that ends before Y (last year's text left in)."""
    if text.final or text.year is None:
        return
    for match in _PERIOD.finditer(text.flow):
        if int(match.group(3)) < text.year:
            yield text.warning("R-实施周期", match.start(1), f"实施周期写作“{match.group(1)}”，止于 {match.group(3)} 年，"
                               f"本文件是 {text.year} 年预算：是否沿用了上年的文字？")


@rule("R-决算年度", TEXT)
def final_of_another_year(text: Text) -> Iterator[Finding]:
    """R-决算年度: a 决算 of Y whose title or heading says another year's 决算, or whose assets are told
    as of 31 December of another year."""
    if not text.final or text.year is None:
        return
    for pattern, what in ((_FINAL_OF, "年度决算"), (_AS_OF, "年末的情况")):
        for match in pattern.finditer(text.flow):
            if int(match.group(1)) != text.year:
                yield text.warning("R-决算年度", match.start(), f"写作“{match.group()}”，本文件是 {text.year} "
                                   f"年度决算，应写 {text.year} {what}")


@rule("R-日期", TEXT)
def date_no_calendar_has(text: Text) -> Iterator[Finding]:
    """R-日期: a date that cannot exist (烟台市委宣传部 2026, a 绩效目标表's 时效指标 “2026年9月31日前”): a month
    beyond 12, a day beyond its month's last (29 February only in a year printed as not a leap year)."""
    for match in _DATE.finditer(text.flow):
        year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
        last = calendar.monthrange(int(year) if year else 2024, month)[1] if 1 <= month <= 12 else 0
        if not 1 <= day <= last:
            yield text.warning("R-日期", match.start(), f"日期写作“{' '.join(match.group().split())}”："
                               f"{'没有这个月份' if not last else f'{month}月只有{last}日'}，请核对")
