"""部门概况.成立年度: a department founded in the source's year (机构改革 creates many: 数据局, 医保局 …) has
no prior year. Its documents say so (“我局为2019年新成立单位，不存在2018年……决算数”) where others compare, and
its source states the founding year instead of any 上年 figure: a prior-year figure beside it is a contradiction,
refused at its line, as is a founding year after the source's year (one before it: checks.budget.founded_before)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.docmodel.model import THREE_PUBLIC_PARTS, VEHICLES
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.core import SourceReader
from reportgen.source.final_keys import written

_PRIOR_KEYS = ("上年", "上年执行数", "增减额", "增减率")
_THREE_PUBLIC_ITEMS = (*THREE_PUBLIC_PARTS, VEHICLES, "合计")
_UNITS: tuple[tuple[str, ...], ...] = ((), ("单位", "[]"))  # the department's own 支出, and each unit's written in it
# Where a source states a prior-year figure or a change from one, by path ("[]": every item of a list).
PRIOR_PATHS: tuple[tuple[str, ...], ...] = (
    ("上年",), ("上年执行数",),
    *((*unit, "支出", "功能分类", "[]", key) for unit in _UNITS for key in _PRIOR_KEYS[:2]),
    *((*unit, "支出", "项目", "[]", key) for unit in _UNITS for key in _PRIOR_KEYS),
    *((*unit, "支出", "项目支出经济分类", "[]", key) for unit in _UNITS for key in _PRIOR_KEYS),
    *(("经济分类款预算", "[]", key) for key in _PRIOR_KEYS),
    *(("三公经费", part, key) for part in _THREE_PUBLIC_ITEMS for key in _PRIOR_KEYS),
    *(("机关运行经费", key) for key in _PRIOR_KEYS),
)


def founding(reader: SourceReader, d: LocDict) -> None:
    """成立年度 after the source's year, or the source's year beside a prior-year figure: an error at the
    figure's line naming both."""
    profile = d.get("部门概况")
    if not isinstance(profile, dict) or "成立年度" not in profile:
        return
    founded = int(profile["成立年度"])
    line = reader.line(profile, "成立年度", "部门概况.成立年度")
    if founded > reader.year:
        reader.error("R-成立年度", f"部门概况.成立年度 写的是 {founded} 年，晚于本文件的年度 {reader.year} 年：部门成立之前"
                     "没有预算或决算；请核对成立年度或年度", line, "部门概况.成立年度")
    if founded != reader.year:
        return
    for mapping, key, path in _prior_figures(d):
        reader.error("R-成立年度", f"本部门于{founded}年新成立（部门概况.成立年度，第{line}行），没有上年数可比，"
                     f"却写了“{path}”：两者矛盾；新成立的部门请删去上年数（正文写明没有上年数可比），"
                     "不是本年新成立的请改正成立年度", reader.line(mapping, key, path), path)


def _prior_figures(d: Any) -> Iterator[tuple[Any, str, str]]:
    """Each place the source states a prior-year figure or a change from one (PRIOR_PATHS)."""
    for path in PRIOR_PATHS:
        yield from written(d, path)
