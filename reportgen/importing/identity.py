"""Whose document each imported file is: its department (or unit), kind (部门/单位), year and
accounts (预算/决算), read from its tables' titles and captions (编制部门：… / 编制单位：…) and a
决算's cover. Files of one source are imported together; files of different departments, kinds or
years are refused with both names, never merged or dropped — save a 部门 with its own units' files,
which make the 部门's source with its units."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reportgen.importing.recognize import Table
from reportgen.readers.grid import ImportRefused
from reportgen.readers.lines import Line

_FINAL_COVER = re.compile(r"(\d{4})年度?部门决算")


@dataclass(frozen=True)
class Identity:
    """One file's owner as its tables state it; "" and None where the file does not say."""

    file: str
    department: str = ""
    kind: str = ""  # 部门 or 单位; "" where the file has no table
    year: int | None = None
    accounts: str = ""  # 预算 or 决算; "" where the file has no table

    @property
    def named(self) -> str:
        year = f"{self.year}年" if self.year else "年度未写明的"
        what = f"{self.kind}{self.accounts}" if self.kind else "文件"
        return f"{self.file}（{self.department or '未写明部门'} {year}{what}）"


def identity(file: str, tables: list[Table], lines: list[Line]) -> Identity:
    """The owner, kind, year and accounts of the file whose recognised tables are ``tables``."""
    if not tables:
        return Identity(file)
    owners = Counter(t.owner for t in tables if t.owner)
    years = Counter(t.year for t in tables if t.year)
    department = owners.most_common(1)[0][0] if owners else ""
    year = years.most_common(1)[0][0] if years else None
    final = all(t.kind.final for t in tables)
    if final and (cover := _final_cover(lines)) is not None:
        department, year = department or cover[0], year or cover[1]
    unit = any(t.owner_word == "单位" or "预算单位" in "".join(t.title.split()) for t in tables)
    return Identity(file, department, "单位" if unit else "部门", year, "决算" if final else "预算")


def _final_cover(lines: list[Line]) -> tuple[str, int] | None:
    first = min((x.page for x in lines), default=0)
    cover = "".join("".join(line.text.split()) for line in lines if line.page == first)
    found = _FINAL_COVER.search(cover)
    return (cover[:found.start()], int(found.group(1))) if found is not None and found.start() > 0 else None


@dataclass
class Sources:
    """The files parted by whose source they make: the 部门's (or the one unit's) and its units'."""

    main: list[str]
    units: dict[str, list[str]]  # unit name → its files, where a 部门 is imported with its units


def parted(found: list[Identity]) -> Sources:
    """The files parted into one source's, refused (ImportRefused, naming both files) where two are
    of different years, accounts, departments or units."""
    stated = [i for i in found if i.kind]
    _one_year_and_accounts(stated)
    departments = [i for i in stated if i.kind == "部门"]
    units = [i for i in stated if i.kind == "单位"]
    _one_owner(departments, "部门")
    if not departments:
        _one_owner(units, "单位")
        return Sources([i.file for i in found], {})
    return Sources([i.file for i in found if i.kind != "单位"], _units_by_department(departments[0], units))


def _one_year_and_accounts(stated: list[Identity]) -> None:
    """ImportRefused, naming two files, where the files state different years or accounts."""
    for attribute, word in (("year", "年度"), ("accounts", "预算或决算")):
        values = [i for i in stated if getattr(i, attribute)]
        other = next((i for i in values if getattr(i, attribute) != getattr(values[0], attribute)), None)
        if other is not None:
            raise ImportRefused(_refusal(values[0], other, word))


def _units_by_department(department: Identity, units: list[Identity]) -> dict[str, list[str]]:
    """The unit files given with a 部门 budget, by the unit each names; ImportRefused for a 决算's
    units or a unit table that names no unit."""
    if units and department.accounts == "决算":
        raise ImportRefused(f"{department.named}与{units[0].named}：部门决算的源文件不按单位填报，"
                            "请分别导入部门决算与单位决算；未写出源文件")
    by_unit: dict[str, list[str]] = {}
    for unit in units:
        by_unit.setdefault(unit.department, []).append(unit.file)
    if "" in by_unit:
        unnamed = next(i for i in units if not i.department)
        raise ImportRefused(f"{unnamed.named}：单位预算的表没有写明预算单位（编制单位：…），不能确定它是哪个单位的，"
                            f"不能与{department.named}合成部门源文件；请分别导入；未写出源文件")
    return by_unit


def _one_owner(found: list[Identity], kind: str) -> None:
    named = [i for i in found if i.department]
    other = next((i for i in named if i.department != named[0].department), None)
    if other is not None:
        raise ImportRefused(_refusal(named[0], other, kind))


def _refusal(first: Identity, other: Identity, word: str) -> str:
    return (f"{first.named}与{other.named}的{word}不同：一个源文件只写一个部门（或单位）一个年度的预算或决算，"
            "不能合并；请分别导入（部门预算可与其所属单位的单位预算一起导入，写成按单位填报的部门源文件）；未写出源文件")
