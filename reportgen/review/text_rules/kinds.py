"""The document's own kind and level in its words: a 单位预算 that says 部门预算 (or the reverse) of
its own figures, and a 区's document that calls its maker a 市级预算主管部门 (or the reverse)."""

from __future__ import annotations

from collections.abc import Iterator

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import Text

# “2026年部门预算安排”: found from its 年 (a literal first: the search skips to each 年), its year looked
# behind; the match starts after the year (_YEAR_WIDTH)
_OWN_BUDGET = regex(r"年(?<=\d{4}年)(部门|单位)预算安排")
_YEAR_WIDTH = 4
# the kind a document's title (its first lines: the cover) names it
_TITLE_KIND = regex(r"(部门|单位)预算")
_TITLE_REACH = 200  # characters of the text its cover takes at most
_LEVEL_SAID = regex(r"([市区县])级预算主管部门")


@rule("R-部门单位", TEXT)
def own_kind(text: Text) -> Iterator[Finding]:
    """R-部门单位: “2026年部门预算安排购置车辆0辆” in a 单位预算 (its tables say 编制单位), or 单位 in a 部门预算."""
    own = "单位" if text.unit_document else "部门"
    titled = _TITLE_KIND.search(text.flow, 0, _TITLE_REACH)
    if titled is not None and titled.group(1) != own:
        return  # its title names it the other kind (福州市民政局（本级）2026 “单位预算”, its tables' caption 编制部门):
        # which of the two is wrong is not known, and none is told
    for match in _OWN_BUDGET.finditer(text.flow):
        start = match.start() - _YEAR_WIDTH
        if match.group(1) != own and not text.final:
            yield text.warning("R-部门单位", start, f"写作“{text.flow[start:match.end()]}”，本文件是{own}预算"
                               f"（表格的编制{own}）：应为“{own}预算”")


@rule("R-层级", TEXT)
def own_level(text: Text) -> Iterator[Finding]:
    """R-层级: “是市级预算主管部门…” where the document's maker (编制部门：上海市普陀区…) is a 区's."""
    for match in _LEVEL_SAID.finditer(text.flow):
        if text.level and match.group(1) != text.level:
            yield text.warning("R-层级", match.start(), f"写作“{match.group()}”，而编制部门是{text.level}级的："
                               f"应为“{text.level}级预算主管部门”")
