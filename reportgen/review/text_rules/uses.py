"""An item's use copied from the item before it: “8、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：
事业单位医疗保险支出。” printed word for word as item 7 (事业单位医疗（项）) says it — the use names the other item
and not its own (上海市普陀区社会工作部 2024 决算)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import WORDS, Text

# a 项 named by its level after its 款 (“住房改革支出（款）住房公积金（项）”, “…（01项）”), then its use within a few words
_ITEM = regex(r"([\u4e00-\u9fff]{2,30})[（(](?:\d{2})?款[）)]([\u4e00-\u9fff]{2,30})[（(](?:\d{2})?项[）)]")
_USE = regex(rf"(?:{'|'.join(WORDS['用途的说法'])})[：:]?([^。；;]{{2,60}})[。；;]")
_NEAR = 40  # characters at most between a 项's name and the use that follows it


@dataclass(frozen=True)
class _Item:
    group: str  # its 款
    name: str
    use: str
    at: int  # where its use starts in the flow


def _items(flow: str) -> list[_Item]:
    """Each 项 that a use follows (before the next 项 is named), in the order printed."""
    found = list(_ITEM.finditer(flow))
    out = []
    for match, after in zip(found, [*found[1:], None], strict=False):
        end = min(match.end() + _NEAR, after.start() if after else len(flow))
        use = _USE.search(flow, match.end(), end + 62)
        if use and use.start() < end:
            out.append(_Item(match.group(1), match.group(2), use.group(1).replace("\n", ""), use.start()))
    return out


def _names(use: str, name: str) -> bool:
    """Whether a use says the item's name (“行政单位医疗保险支出” says 行政单位医疗; 住房公积金支出 its 支出 aside)."""
    return name in use or name.removesuffix("支出") in use


@rule("R-照抄说明", TEXT)
def use_copied(text: Text) -> Iterator[Finding]:
    """R-照抄说明: a 项's use word for word the use of the 项 before it, of another 款, naming that 项 and not its
    own (within a 款 one use may well serve two 项: “统计管理” of 统计信息事务's 专项普查活动, 万里街道 2023)."""
    items = _items(text.flow)
    for before, item in zip(items, items[1:], strict=False):
        if (item.use == before.use and item.group != before.group and _names(item.use, before.name)
                and not _names(item.use, item.name)):
            yield text.warning("R-照抄说明", item.at, f"“{item.name}（项）”的说明“{item.use}”与上一项“{before.name}（项）”"
                               f"的一字不差，说的是{before.name}：是否照抄了上一项的说明？")
