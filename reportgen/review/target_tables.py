"""Each project's 绩效目标表 against the document's own 项目支出表: the year's money a target table prints for its
project (“项目名称 既有住宅加装电梯专项资金经费” … “年度预算资金总额： 500.00” under 项目资金（万元）) is that project's
合计 in the list of projects (烟台市住房和城乡建设局 2026: 400.00 in 表11). Told for each table that no project of its
name bears out, at the table's money — only where the list was read whole (its projects add up to the 合计 it prints)
and only for a name the list has (a table of a project it does not list may be of a unit's budget, or of another year:
not told). The target texts the tables print are read by review/target_texts.py."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.importing import Imported, Row
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import target_table_words, target_text_words
from reportgen.tablekinds import role

_AFTER = regex(r"[：:]?(\d[\d,]*+(?:\.\d++)?+)(?![\d.,])")  # an amount right after a word
_SPACE = regex(r"(?<!\d)\s+|\s+(?!\d)")  # spaces but those between two figures
_BLOCK = 12  # lines at most from a table's project name to its money
_GOAL_LINES = 30  # lines at most of a table's target text
_CUT_NAME = 12  # characters: a name this long cut at its cell's edge still names one project
_NAMED = 5  # tables of no listed project named in the finding, the rest counted
_STEP = Decimal("0.01")  # a 万元 table's printed step
_WAN_BELOW = 4  # lines from a table's money to the end of those its 万元 is said on (“项目资金（万元）”)
_YUAN_BELOW = 6  # and of those its 元 is said on (“（元）” two lines under “项目资金”, 上海)
_HAN = regex(r"[\u4e00-\u9fff]")
_YUAN = regex(r"[（(]元[）)]|单位[：:]元(?![\u4e00-\u9fff])")


@dataclass(frozen=True)
class TargetMoney:
    name: str
    amount: Decimal
    line: int
    start: int = 0  # the index (in the lines read) of the line its project's name is printed on
    goal: tuple[Line, ...] = ()  # the lines of its target text
    fiscal: Decimal | None = None  # its 其中：财政拨款, where printed right below its money


def target_money(lines: list[Line]) -> list[TargetMoney]:
    """Each 绩效目标表's project and its year's money, in 万元 (a table that does not say 万元 near it is left out),
    with the lines of its target text."""
    names, totals = target_table_words()
    out: list[TargetMoney] = []
    name, start = "", 0
    for index, line in enumerate(lines):
        text = line.bare.replace(" ", "")
        word = next((w for w in names if text.startswith(w)), None) if text.startswith(names) else None
        if word is not None:
            name, start = text[len(word):].strip("：:") or _above(lines, index, names), index
            continue
        money = _after(line.bare, totals, whole=True) if name and index - start <= _BLOCK else None
        scale = _scale(lines[start:index + _WAN_BELOW], lines[start:index + _YUAN_BELOW]) if money is not None else None
        if money is not None and scale is not None:
            fiscal = _fiscal(lines[index + 1:index + 3])
            out.append(TargetMoney(name, money / scale, line.number, start, _goal(lines, index + 1),
                                   None if fiscal is None else fiscal / scale))
            name = ""
    return out


def _above(lines: list[Line], index: int, names: tuple[str, ...]) -> str:
    """The name printed on the line right above a 项目名称 that has none after it: a cell of one row whose text sits
    a little higher than its label (福州市民政局 2026: “e福州留守困境儿童关爱帮扶专栏” over “项目名称”); none where
    that line is no cell of the table's (its title, “…项目绩效目标表”, or another label)."""
    text = lines[index - 1].bare.replace(" ", "") if index else ""
    return "" if not text or text.endswith(("绩效目标表", "表")) or text.startswith(names) else text


def _scale(near: list[Line], further: list[Line]) -> Decimal | None:
    """What a table's money is divided by to be 万元: 1 where 万元 is said ``near`` it, 10,000 where its money's rows
    say 元 a little ``further`` (上海's 财政项目支出绩效目标填报表: “项目资金（元）” below 年度资金申请总额
    4,100,000.00); None where neither. A “（万” is 万元 cut at its cell's edge (福州: “专项资金情况（万” over “元）”)."""
    if any("万元" in line.bare or "（万" in line.bare.replace(" ", "") for line in near):
        return Decimal(1)
    return Decimal(10000) if any(_YUAN.search(line.bare.replace(" ", "")) for line in further) else None


def _after(printed: str, words: tuple[str, ...], whole: bool = False) -> Decimal | None:
    """The amount a line prints right after one of the words (“年度预算资金总额： 500.00”, “项目资金（万元） 年度资金总额：
    100”; on a line that goes on, “年度资金总额：100 其中：财政拨款 80 其他资金 20”, the 100 after it, not the last);
    ``whole``: after a word only where it is one, not the end of a longer word (see :func:`_word_end`)."""
    text = _SPACE.sub("", printed)
    at = next((end for w in words if (end := _word_end(text, w) if whole else _end(text, w)) is not None), None)
    money = _AFTER.match(text, at) if at is not None else None
    return Decimal(money.group(1).replace(",", "")) if money is not None else None


def _end(text: str, word: str) -> int | None:
    return text.index(word) + len(word) if word in text else None


def _word_end(text: str, word: str) -> int | None:
    """Where the word ends in the text, where it is one: not the end of a longer one (福州's “资金总额 21.50” is the
    year's money; 西安's “实施期资金总额：29.78” the money of all the project's years, not read as the year's)."""
    at = text.find(word)
    while at > 0 and _HAN.match(text, at - 1):
        at = text.find(word, at + 1)
    return None if at < 0 else at + len(word)


def _fiscal(lines: list[Line]) -> Decimal | None:
    """The 财政拨款 a table prints on one of the lines below its money (“其中：财政拨款   87.45”, also after the
    label of the money's rows: “项目资金   其中：财政拨款   674.00”)."""
    words = target_text_words()["绩效目标表的财政拨款"]
    return next((money for line in lines if (money := _after(line.bare, words)) is not None), None)


def _goal(lines: list[Line], start: int) -> tuple[Line, ...]:
    """The lines after a table's money up to its indicators (or the next table's name): its target text."""
    words = target_text_words()
    ends = words["绩效目标表的指标起始"] + target_table_words()[0]
    out: list[Line] = []
    for line in lines[start:start + _GOAL_LINES]:
        if line.bare.replace(" ", "").startswith(ends):
            break
        out.append(line)
    return tuple(out)


def against_projects(imported: Imported, lines: list[Line], document: Path) -> list[Finding]:
    """Each target table whose money no project of its name in the 项目支出表 bears out: a finding each; and the
    tables of no project it lists, together."""
    listed = _listed_whole(imported)
    if listed is None:
        return []
    tables = [_as_listed(table, listed) for table in target_money(lines)]
    left = _left(tables, listed)
    amiss = [Finding("error", "R-绩效目标金额", f"项目绩效目标表“{t.name}”的年度预算资金 {t.amount:,}万元与{role('projects')}中"
                     f"同名项目的金额不符：{role('projects')}为{'、'.join(f'{v:,}' for v in left[t.name])}万元", str(document), t.line)
             for t in tables if t.name in listed and t.amount not in listed[t.name] and left[t.name]]
    return amiss + _unlisted(tables, listed, left, document)


def _as_listed(table: TargetMoney, listed: dict[str, list[Decimal]]) -> TargetMoney:
    """The table under the listed name its name is the start of, where it is no listed name and starts one listed
    name alone, of its money (烟台市文化和旅游局 2026: the target table prints “2026年城市综合营销和对外宣传专项资金
    （烟台市文化和旅游公共服务中”, cut at its cell's edge, of the list's “…公共服务中心）” 50.00): its project."""
    if table.name in listed or len(table.name) < _CUT_NAME:
        return table
    starting = [name for name, amounts in listed.items() if name.startswith(table.name) and table.amount in amounts]
    return replace(table, name=starting[0]) if len(starting) == 1 else table


def _left(tables: list[TargetMoney], listed: dict[str, list[Decimal]]) -> dict[str, list[Decimal]]:
    """Each name's amounts in the list that no table of its name and money bears out. A table of other money is
    told against these; a name with none left has every project's table already: a table more of it is printed
    again or another year's (住建局 2026: 城建工作标准和导则编制 150.00 in 表11, its tables 100.00, 105.34 and 150.00),
    not a slip of the project's money."""
    left = {name: list(values) for name, values in listed.items()}
    for table in tables:
        if table.amount in left.get(table.name, []):
            left[table.name].remove(table.amount)
    return left


def _unlisted(tables: list[TargetMoney], listed: dict[str, list[Decimal]], left: dict[str, list[Decimal]],
              document: Path) -> list[Finding]:
    """The tables of no project the list has — its name not listed, or a table more of a name whose projects all
    have theirs — told together, where most tables are borne out by name and money (the names are the list's own:
    the rest stand out; 住建局 2026: 28 of 76, 城市更新城市体检 87.45 the first, tables of earlier years'). A table of
    no money this year (烟台市水利局 2026: 大沽夹河大沙埠橡胶坝大修工程 0.00) has nothing in a list of the year's money."""
    borne = [t for t in tables if t.amount in listed.get(t.name, [])]
    unlisted = _of_no_project(tables, listed, left)
    if not unlisted or 2 * len(borne) <= len(tables):
        return []
    named = "、".join(f"“{t.name}”{t.amount:,}万元" for t in unlisted[:_NAMED])
    more = "等" if len(unlisted) > _NAMED else ""
    return [Finding("warning", "R-绩效目标", f"{named}{more}，共 {len(unlisted)} 张项目绩效目标表在{role('projects')}中没有对应的项目（{role('projects')}没有这个名称，"
                    "或同名项目已各有金额相符的绩效目标表）：是否为别的年度或别的预算的表？", str(document), unlisted[0].line)]


def _of_no_project(tables: list[TargetMoney], listed: dict[str, list[Decimal]],
                   left: dict[str, list[Decimal]]) -> list[TargetMoney]:
    """The tables of money this year that no project of the list has: their name not listed, or their amount not
    among the name's and every project of the name borne out by another table (none ``left``)."""
    return [t for t in tables if t.amount and (t.name not in listed or t.amount not in listed[t.name] and not left[t.name])]


def _listed_whole(imported: Imported) -> dict[str, list[Decimal]] | None:
    """The 万元 项目支出表's projects by name (each name's amounts), where they add up to the 合计 it prints."""
    table = imported.tables.get(role("projects"))
    total, projects = _total_and_projects(imported.rows.get(role("projects"), []))
    if table is None or table.unit != "万元" or total is None or _amount(total) is None or not projects:
        return None
    if not _adds_up(projects, total):
        return None  # some of its rows were not read: what it lists is not known whole
    out: dict[str, list[Decimal]] = {}
    for row in projects:
        out.setdefault(row.name.replace(" ", ""), []).append(_amount(row) or Decimal(0))
    return out


def _total_and_projects(rows: list[Row]) -> tuple[Row | None, list[Row]]:
    """A 项目支出表's 合计 row, and its rows of projects (named, with an amount)."""
    total = next((r for r in rows if r.total), None)
    return total, [r for r in rows if not r.total and r.name and _amount(r) is not None]


def _adds_up(projects: list[Row], total: Row) -> bool:
    """Whether a table's projects add up to its 合计 within their rounding (0.01 万元 each)."""
    added = sum((_amount(r) or Decimal(0) for r in projects), Decimal(0))
    return abs(added - (_amount(total) or Decimal(0))) <= _STEP * (len(projects) + 1) / 2


def _amount(row: Row) -> Decimal | None:
    amount = row.amounts.get("预算数") or row.amounts.get("合计")
    return amount.value if amount is not None and not amount.blank else None
