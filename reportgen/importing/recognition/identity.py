"""Whose document each imported file is: its department (or unit), kind (部门/单位), year and
accounts (预算/决算), read from its tables' titles and captions (编制部门：… / 编制单位：…) and a
决算's cover. Files of one source are imported together; files of different departments, kinds or
years are refused with both names, never merged or dropped — save a 部门 with its own units' files,
which make the 部门's source with its units.

A disclosure may be published as several files (北京: 附件1 情况说明, 附件2 报表): a narrative that
holds no budget table, its cover naming its owner and year, and a file of tables with no text before
its first table. They are one disclosure when what each states of its owner agrees (the tables often
state none) and the narrative's amounts are the tables' own: at least SHARED_AT_LEAST of them, and a
third or more of those it states (measured on 北京's seven pairs, counting the amounts printed to the
分 and not whole: 48–67 % of a narrative's are printed in its own tables, at most 13 % in another
department's). Told by content, never by name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from reportgen.base.patterns import regex
from reportgen.compute.arithmetic import quantize_half_up
from reportgen.importing.recognition.recognize import Table, cell_text, is_amount
from reportgen.readers.grid import Grid, ImportRefused
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import other_table_words, owner_name_forms, place_words, read_statements
from reportgen.reading.amounts import printed_amount, yuan_factors

_FINAL_COVER = regex(r"(\d{4})年度?部门决算")
# A cover's title, spaces dropped: “首都绿化委员会办公室2026年度部门预算信息公开”, “2026年烟台市水利局部门
# 预算”, “上海市2026年市级单位预算” (whose owner a line of its own names: 预算单位：…)
_COVER_TITLE = regex(r"(?P<before>[\u4e00-\u9fff（）()]*?)(?P<year>20\d{2})年度?(?P<after>[\u4e00-\u9fff（）()]*?)"
                     r"(?P<kind>部门|单位)?(?P<accounts>预算|决算)")
_COVER_OWNER = regex(r"(?:预算主管部门|主管部门|预算单位|编制部门|编制单位|部门名称|单位名称)[：:](?P<owner>[\u4e00-\u9fff（）()]{2,60})")
_LEVEL = regex(r"^(?:省级|市级|区级|县级|乡级)")
_OWN_WORDS = regex(r"[（(]本级[)）]|部门$")
_COVER_END = ("目录", "目 录")
_COVER_LINES = 6  # a cover's title stands in the first lines of its first page
_FACTOR = yuan_factors("元", "万元")
SHARED_AT_LEAST = 3  # a narrative's amounts printed in its tables: at least these, and a third of those it states


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
    return Identity(file, department, "单位" if _of_a_unit(tables) else "部门", year, "决算" if final else "预算")


def _of_a_unit(tables: list[Table]) -> bool:
    """Whether the tables are a unit's: a table names its owner 单位, or its title names a 预算单位."""
    return any(t.owner_word == "单位" or "预算单位" in "".join(t.title.split()) for t in tables)


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


# --- a disclosure published as several files ---------------------------------------------------------

NARRATIVE, TABLES = "说明", "报表"
OTHER = "附表"  # a file of the disclosure's tables that are none of its budget tables (政府购买服务, 绩效目标表)


@dataclass(frozen=True)
class Cover:
    """What a document's cover states of its owner: its department (or unit), year, kind and accounts."""

    department: str
    year: int
    kind: str  # 部门 / 单位 / "" where the title does not say
    accounts: str  # 预算 / 决算
    where: str  # the line of the title


def cover_of(lines: list[Line]) -> Cover | None:
    """The title of a document's first page, up to its 目录 (“首都绿化委员会办公室 2026 年度部门预算”), and
    the owner a line of it names (“预算单位：上海市花卉良种试验场”); None where it states no year."""
    first = min((line.page for line in lines), default=0)
    shown = [line for line in lines if line.page == first and line.text.strip()][:_COVER_LINES]
    title: list[Line] = []
    for line in shown:
        if "".join(line.text.split()) in _COVER_END:
            break
        title.append(line)
    text = "".join("".join(line.text.split()) for line in title)
    found = _COVER_TITLE.search(text)
    if found is None:
        return None
    named = next((m.group("owner") for line in title if (m := _COVER_OWNER.search("".join(line.text.split())))), "")
    after = _LEVEL.sub("", found.group("after"))
    # the government before the year with a level after it (“上海市2026年市级单位预算”) names no owner
    department = named or after or ("" if after != found.group("after") else found.group("before"))
    return Cover(_OWN_WORDS.sub("", department), int(found.group("year")), found.group("kind") or "",
                 found.group("accounts"), title[0].where)


_TITLE_CHARS = 120  # a cover's title is a line or three: more is a page of text, no title


def cover_title(lines: list[Line]) -> str:
    """A document's title as its cover prints it (“上海市普陀区2026年区级部门预算”, “上海市普陀区规划和自然
    资源局2024年度部门决算” over two lines, spaces dropped): the first lines of its first page, before its
    目录 and leaving out a line naming its owner (预算单位：…), up to the one that completes a year's
    预算 or 决算; "" where they state none."""
    first = min((line.page for line in lines), default=0)
    shown = [line for line in lines if line.page == first and line.text.strip()][:_COVER_LINES]
    text = ""
    for line in shown:
        words = "".join(line.text.split())
        if words in _COVER_END:
            break
        if _COVER_OWNER.search(words):
            continue
        text += words
        if len(text) > _TITLE_CHARS:
            break
        if _COVER_TITLE.search(text):
            return text
    return ""


@dataclass(frozen=True)
class Part:
    """What one file is as a part of a disclosure: its narrative (说明: a document with no budget table,
    its cover naming its year), its tables (报表: budget tables, and no sentence printed before the
    first of them), its other tables (附表: tables of figures titled as none of the budget's, and no budget
    table), or neither (""); what it states of its owner; a narrative's amounts as stated (value, unit,
    decimals) and the figures a tables file's budget tables (or its other tables) print, in 元."""

    file: str
    role: str
    department: str = ""
    year: int | None = None
    accounts: str = ""
    amounts: tuple[tuple[Decimal, str, int], ...] = ()
    figures: frozenset[Decimal] = frozenset()
    where: str = ""  # the narrative's title line
    titles: tuple[str, ...] = ()  # the other tables' titles, as printed (附表)

    @property
    def named(self) -> str:
        year = f"{self.year}年" if self.year else "年度未写明"
        return f"{self.file}（{self.role or '文件'}：{self.department or '未写明部门'} {year}）"


def part_of(file: str, tables: list[Table], lines: list[Line], document: bool, grids: list[Grid]) -> Part:
    """``file`` as a part of a disclosure, from its recognised budget tables, its lines and its grids
    (a narrative prints no table of figures: a document whose tables were not recognised is none)."""
    if not tables:
        return _untabled(file, lines, document, grids)
    if _text_before(tables, lines):
        return Part(file, "")
    owners = Counter(t.owner for t in tables if t.owner)
    years = Counter(t.year for t in tables if t.year)
    cover = cover_of(lines)
    department = owners.most_common(1)[0][0] if owners else (cover.department if cover else "")
    year = years.most_common(1)[0][0] if years else (cover.year if cover else None)
    accounts = "决算" if all(t.kind.final for t in tables) else "预算"
    return Part(file, TABLES, department, year, accounts, figures=_figures(tables))


def _untabled(file: str, lines: list[Line], document: bool, grids: list[Grid]) -> Part:
    """A file no budget table was recognised in: a document's other tables (附表), or its narrative by its cover
    (or its heading); none where it is neither."""
    if document and any(_holds_figures(grid) for grid in grids):
        return _other_tables(file, lines, grids)
    cover = cover_of(lines) or _headed(lines) if document else None
    if cover is None:
        return Part(file, "")
    return Part(file, NARRATIVE, cover.department, cover.year, cover.accounts, _amounts(lines), where=cover.where)


def _other_tables(file: str, lines: list[Line], grids: list[Grid]) -> Part:
    """A file of tables of figures and no budget table as the disclosure's other tables (附表): where each
    table it titles is titled as none of the budget's (vocabulary.yaml 预算以外的表名); the owner a line names
    (“部门名称  首都绿化委员会办公室”) and the year a title states (“（2026年度）”), where they are printed."""
    titles = other_titles(grids)
    if not titles:
        return Part(file, "")
    owner = next((m.group("owner") for line in lines if (m := _NAMED_OWNER.match(line.text))), "")
    year = next((int(m.group(1)) for line in lines if (m := _TITLE_YEAR.match("".join(line.text.split())))), None)
    return Part(file, OTHER, _OWN_WORDS.sub("", owner), year, figures=_grid_figures(grids), titles=titles)


def other_titles(grids: list[Grid]) -> tuple[str, ...]:
    """The titles the grids print, where each is titled as none of a budget's tables (vocabulary.yaml
    预算以外的表名: 财政拨款政府购买服务明细表, 项目支出绩效目标表); () where one is not, or none is titled."""
    titles = tuple(dict.fromkeys(title for grid in grids if (title := _table_title(grid))))
    words = other_table_words()
    return titles if titles and all(any(word in title for word in words) for title in titles) else ()


# a table's title: the first words of its first rows that end in 表 (“预算12表项目支出绩效目标表”)
_TABLE_TITLE = regex(r"^[^，。；：:]{4,40}表$")
# a line opening with the owner's name (a cell “部门名称” and the next), not a sentence speaking of 预算单位
_NAMED_OWNER = regex(r"\s*(?:部门名称|单位名称|预算单位|编制部门|编制单位)[：:\s]+(?P<owner>[\u4e00-\u9fff（）()]{2,60})(?:\s|$)")
_TITLE_YEAR = regex(r"^[（(]?(20\d{2})年度?[）)]?$")  # a line of a year alone, under a title


def _table_title(grid: Grid) -> str:
    """The title a grid's first rows print (spaces dropped); "" where none."""
    texts = ("".join(cell.text.split()) for row in grid.rows[:4] for cell in row if cell.text.strip())
    return next((text for text in texts if _TABLE_TITLE.match(text)), "")


def _grid_figures(grids: list[Grid]) -> frozenset[Decimal]:
    """Every non-zero figure the grids print, in 元, each as 元 and as 万元 (as a table of no stated unit)."""
    found: set[Decimal] = set()
    for grid in grids:
        for row in grid.rows:
            for cell in row:
                value = printed_amount(cell_text(cell)) if is_amount(cell) else None
                if value:
                    found.update(value * factor for factor in _FACTOR.values())
    return frozenset(found)


def _headed(lines: list[Line]) -> Cover | None:
    """A document with no cover, its year and accounts stated by a heading of its first pages (江苏省政协办公厅
    2019's 说明 opens at its 目录: “第二部分 2019 年度部门预算表”, “第三部分 2019 年度部门预算情况说明”): a
    narrative whose owner only its tables name. None where no such heading is printed."""
    first = min((line.page for line in lines), default=0)
    for line in (line for line in lines if line.page < first + _HEADED_PAGES):
        found = _HEADING_TITLE.match("".join(line.text.split()))
        if found is not None:
            return Cover("", int(found.group("year")), found.group("kind"), found.group("accounts"), line.where)
    return None


_HEADED_PAGES = 2  # a 目录 and the pages before the text
_HEADING_TITLE = regex(r"(?:第[一二三四五六七八九十]+部分)?(?P<year>20\d{2})年度?(?P<kind>部门|单位)(?P<accounts>预算|决算)")


def _holds_figures(grid: Grid) -> bool:
    """Whether a grid prints a table of figures (three amounts or more), not a box of text."""
    return sum(1 for row in grid.rows for cell in row if is_amount(cell)) >= 3


def _text_before(tables: list[Table], lines: list[Line]) -> bool:
    """Whether a sentence (ended by 。) is printed before the first table: the file holds a narrative."""
    starts = [_place(table.grid.row_places[0]) for table in tables if table.grid.row_places]
    first = min((start for start in starts if start is not None), default=None)
    before = [line for line in lines if first is None or (line.page, line.line) < first]
    return any("。" in line.text for line in before)


def _place(where: str) -> tuple[int, int] | None:
    found = re.match(r"第(\d+)页 第(\d+)行", where)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _amounts(lines: list[Line]) -> tuple[tuple[Decimal, str, int], ...]:
    """The amounts the sentences state that tell one budget from another: printed to the 分 or finer and
    not whole (a round 10.00 or 500 万元 is printed in any department's tables)."""
    said = {(st.value, st.unit, st.decimals) for st in read_statements(lines)
            if st.kind == "amount" and st.value and st.unit in _FACTOR and st.decimals >= 2
            and st.value != st.value.to_integral_value()}
    return tuple(sorted(said, key=str))


def _figures(tables: list[Table]) -> frozenset[Decimal]:
    """Every non-zero figure the tables' bodies print, in 元 (a table of no stated unit: as 元 and as 万元)."""
    found: set[Decimal] = set()
    for table in tables:
        factors = [_FACTOR[table.unit]] if table.unit in _FACTOR else list(_FACTOR.values())
        for row in table.grid.rows[table.body_start:]:
            for cell in row:
                value = printed_amount(cell_text(cell)) if is_amount(cell) else None
                if value:
                    found.update(value * factor for factor in factors)
    return frozenset(found)


def shared(narrative: Part, tables: Part) -> int:
    """How many of the narrative's amounts the tables print (each rounded half up as the narrative prints it)."""
    count = 0
    for (unit, decimals), values in _by_form(narrative.amounts).items():
        printed = {quantize_half_up(figure / _FACTOR[unit], decimals) for figure in tables.figures}
        count += sum(1 for value in values if value in printed)
    return count


def _by_form(amounts: tuple[tuple[Decimal, str, int], ...]) -> dict[tuple[str, int], list[Decimal]]:
    forms: dict[tuple[str, int], list[Decimal]] = {}
    for value, unit, decimals in amounts:
        forms.setdefault((unit, decimals), []).append(value)
    return forms


def differs(narrative: Part, tables: Part) -> str:
    """Why a narrative and a tables file are not one disclosure ("" when they are): what each states of
    its owner differs, or the narrative's amounts are not the tables' own."""
    said = [word for word, one, other in (("年度", narrative.year, tables.year), ("预算或决算", narrative.accounts, tables.accounts))
            if one and other and one != other]
    if narrative.department and tables.department and not same_owner(narrative.department, tables.department):
        said.insert(0, "部门")
    if said:
        return f"两者写明的{'、'.join(said)}不同"
    found = shared(narrative, tables)
    if found < SHARED_AT_LEAST or found * 3 < len(narrative.amounts):
        return (f"说明写明的 {len(narrative.amounts)} 个金额中只有 {found} 个见于报表"
                f"（同一份公开文本至少 {SHARED_AT_LEAST} 个、且不少于三分之一）")
    return ""


def same_owner(one: str, other: str) -> bool:
    """Whether two names are of one owner: the same once （本级） and a closing 部门 are dropped and each is
    in its short form (``short_name``), or one the other's shorter form (民政局, 北京市民政局)."""
    a, b = (short_name(_OWN_WORDS.sub("", "".join(name.split()))) for name in (one, other))
    return a in b or b in a


def short_name(name: str) -> str:
    """A department's name in its short form (vocabulary.yaml 部门名称的全称, 部门名称的组织在前): “中国共产党江苏省
    委员会办公厅” and “中共江苏省委办公厅” → “江苏省委办公厅”, “中国人民政治协商会议江苏省委员会办公厅” →
    “江苏省政协办公厅”; brackets full-width."""
    full, organs = owner_name_forms()
    name = name.replace("(", "（").replace(")", "）")
    for long, short in full.items():
        name = name.replace(long, short)
    found = _organ_first().match(name)
    if found is None:
        return name
    return found.group("region") + organs[found.group("organ")] + name[found.end():]


@cache
def _organ_first() -> re.Pattern[str]:
    """An organ named before its region, then the region's 委员会 (or 委): “中共江苏省委员会”, “政协南京市鼓楼区委员会”."""
    _, organs = owner_name_forms()
    ends, _ = place_words()
    return re.compile(f"(?P<organ>{'|'.join(map(re.escape, organs))})"
                      f"(?P<region>[\u4e00-\u9fff]{{1,12}}?[{''.join(ends)}])(?:委员会|委)")


def disclosures_of(parts: list[Part]) -> list[list[Part]]:
    """The disclosures among ``parts``: each narrative with its tables file (``paired``), then every
    further tables file of the same disclosure (its 报表 published in several files: 附件2-1, 附件2-2) —
    one whose tables state the owner and year of the pair's tables, or which prints the narrative's
    amounts as its pair does (``differs``) — and every file of its other tables (附表: 政府购买服务明细表,
    绩效目标表 published apart) that is of it (``_home``)."""
    groups = [[narrative, tables] for narrative, tables in paired(parts)]
    taken = {part.file for group in groups for part in group}
    for part in parts:
        if part.role == TABLES and part.file not in taken:
            group = next((group for group in groups if _continues(group, part)), None)
            if group is not None:
                group.append(part)
                taken.add(part.file)
    for part in parts:
        home = _home(groups, part) if part.role == OTHER else None
        if home is not None:
            home.append(part)
    return groups


def _home(groups: list[list[Part]], other: Part) -> list[Part] | None:
    """The disclosure a file of other tables (附表) is part of: the one of the owner it names; where it names
    none, the one whose narrative's amounts it prints (SHARED_AT_LEAST at least, most of all), else the only
    disclosure given; None where it is none's, or where which is not told."""
    joins = [group for group in groups if not other_differs(group[0], group[1], other)]
    named = [group for group in joins if other.department and (group[1].department or group[0].department)]
    if named or not joins:
        return named[0] if named else None
    best = max(joins, key=lambda group: shared(group[0], other))
    return best if shared(best[0], other) >= SHARED_AT_LEAST or len(groups) == 1 else None


def other_differs(narrative: Part, tables: Part, other: Part) -> str:
    """Why a file of other tables (附表) is not of the disclosure of ``narrative`` and ``tables`` ("" where
    nothing says so): the owner or the year it states is not theirs."""
    year = tables.year or narrative.year
    said = ["年度"] if other.year and year and other.year != year else []
    owner = tables.department or narrative.department
    if other.department and owner and not same_owner(other.department, owner):
        said.insert(0, "部门")
    return f"两者写明的{'、'.join(said)}不同" if said else ""


def _continues(group: list[Part], part: Part) -> bool:
    """Whether the tables file ``part`` is more of the disclosure ``group`` (its narrative, then its tables)."""
    narrative, tables = group[0], group[1]
    if part.year != tables.year or part.accounts != tables.accounts:
        return False
    if part.department and tables.department and same_owner(part.department, tables.department):
        return True
    return not differs(narrative, part)


def paired(parts: list[Part]) -> list[tuple[Part, Part]]:
    """The narratives and tables files among ``parts`` that are one disclosure: each narrative with the
    tables file that prints most of its amounts, each file in one pair at most."""
    narratives = [p for p in parts if p.role == NARRATIVE]
    tables = [p for p in parts if p.role == TABLES]
    scored = sorted(((shared(n, t), i, j) for i, n in enumerate(narratives) for j, t in enumerate(tables)
                     if not differs(n, t)), reverse=True)
    pairs: list[tuple[Part, Part]] = []
    used_n: set[int] = set()
    used_t: set[int] = set()
    for _, i, j in scored:
        if i not in used_n and j not in used_t:
            used_n.add(i)
            used_t.add(j)
            pairs.append((narratives[i], tables[j]))
    return pairs
