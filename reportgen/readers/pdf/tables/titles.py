"""A table's title, caption and notes told from prose: a short line ending in 表 with its caption under it.
"""

from __future__ import annotations

from reportgen.base.patterns import regex
from reportgen.readers.pdf.tables.lines import Line, Table, is_number, texts

_CAPTION_STARTS = ("编制部门", "编制单位")
_NOTE_STARTS = ("注", "说明")  # each followed by a colon (or a space); or 备注
_NOTE_HEADS = (*_NOTE_STARTS, "备注")
_TITLE_ENDS = ("表", "）", ")")  # a title's last character, its spaces aside
_COLONS = "：: "


_TITLE_MAX = 60  # characters: a title is a name, not a sentence
_PROSE_MIN = 25  # characters on a line with no column gap: a paragraph's line, not a table's
_COLUMN_GAP = 1.0  # line heights between two words: a gap between cells, not a space in a sentence
_SENTENCE = frozenset("，。；！？")


def is_caption(line: Line) -> bool:
    """编制部门：…, 编制单位：…, a line that names the unit (单位：元), or one that names the department and
    no more (部门名称：江苏省人大 over 单位:万元 and 常委会办公厅: the name wrapped, the unit on a line between)."""
    text = line.text.replace(" ", "")
    at = text.find("单位")
    while at >= 0 and not _labelled(text[at:at + 3], "单位"):
        at = text.find("单位", at + 1)
    return text.startswith(_CAPTION_STARTS) or at >= 0 or any(_labelled(text, label) for label in _OWNER_LABELS) \
        or _unit_alone(line)


def _unit_alone(line: Line) -> bool:
    """A caption naming its unit by the unit alone, at its right end, a column gap from the department's name before it
    (湖州市财政局's 项目支出绩效表: “341-湖州市财政局 … 万元”) — not a value with its unit (北京's 绩效目标表: “总成本 ≤ 118.14
    万元”): no word of the line a figure."""
    return len(line.words) >= 2 and line.words[-1].text in _UNITS_ALONE and line.gap() >= _COLUMN_GAP \
        and not any(is_number(word.text) for word in line.words)


_UNITS_ALONE = frozenset(("元", "千元", "万元", "亿元"))


_OWNER_LABELS = ("部门名称", "单位名称", "部门")


def _labelled(text: str, label: str) -> bool:
    """Whether ``text`` starts with ``label`` and a colon (or a space)."""
    return text.startswith(label) and text[len(label):len(label) + 1] in _COLONS and len(text) > len(label)


def is_table_title(text: str) -> bool:
    """Whether a line reads as a table's title: short, not a sentence, ending in 表 (or 表 and a
    bracketed note: （续）, （按功能分类）)."""
    if text.rstrip(" \u3000")[-1:] not in _TITLE_ENDS:  # most lines: not even ending as a title does
        return False
    text = text.replace(" ", "").replace("\u3000", "")
    if text.endswith(("）", ")")):
        text = text[:max(text.rfind("（"), text.rfind("("))]
    return text.endswith("表") and len(text) <= _TITLE_MAX and not _SENTENCE & set(text)


def is_title(line: Line, following: Line | None) -> bool:
    return (following is not None and following.page == line.page and is_table_title(line.text)
            and is_caption(following))


def is_note(line: Line) -> bool:
    text = line.text.lstrip()
    if not text.startswith(_NOTE_HEADS):  # most lines: none of the words a note starts with
        return False
    return any(_labelled(text, label) for label in _NOTE_STARTS) or text.startswith("备注")


def is_prose(line: Line) -> bool:
    """A line of a paragraph: no gap between columns, and long or a sentence's end; never a line of two
    cells or more that each name a code (“50999-其他对个人和家庭的补 30399-其他对个人和家庭的补”: 北京's
    支出总表 sets its label columns that close where a name runs on to a second line)."""
    return line.gap() < _COLUMN_GAP and (len(line.text) >= _PROSE_MIN or "。" in line.text) and not is_note(line) \
        and sum(1 for word in line.words if _CODE_NAMED.match(word.text)) < 2


_CODE_NAMED = regex(r"^\d{3,7}-\D")  # a cell of a code and its name, as 北京 prints them (2050802-干部教育)


def is_tabular(line: Line) -> bool:
    return line.gap() >= _COLUMN_GAP


def number_over_title(lines: list[Line]) -> list[Line]:
    """A page's lines, a table's number printed between its title and its caption (江苏省人大常委会办公厅 2019:
    “收支预算总表” over “公开表一” over “部门：…”) taken as printed above the title, as most regions print it."""
    lines = list(lines)
    for index in range(len(lines) - 2):
        if is_table_title(lines[index].text) and is_number_line(lines[index + 1]) and is_caption(lines[index + 2]):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return lines


def wrapped_title(previous: Line, line: Line) -> Line | None:
    """A title the PDF wrapped over two lines (江苏省人民检察院 2018: “公开 09 表：一般公共预算“三公”经费、会议费、
    培训费” over “支出预算表”): the two as one line, where the first begins it — one run of words in the title's
    size, right above it and set as it is (the same left edge or centre), no sentence, caption, note or title of
    its own — and the two read as a title."""
    size = line.size
    if not _may_wrap_title(previous, line):
        return None
    first, second = previous.public(None), line.public(None)
    if min(abs(first.left - second.left), abs(first.left + first.right - second.left - second.right) / 2) > size:
        return None
    joined = Line(line.page, previous.number, [*previous.words, *line.words])
    return joined if is_table_title(joined.text) else None


def _may_wrap_title(previous: Line, line: Line) -> bool:
    """Whether a line may begin the title ``line`` goes on with: on its page, right above it, in its size, and
    no row, caption, note, title or sentence of its own."""
    size = line.size
    return not (previous.page != line.page or is_tabular(previous) or is_caption(previous) or is_note(previous)
                or is_table_title(previous.text) or _SENTENCE & set(previous.text)
                or abs(previous.size - size) > _WRAP_SIZE * size or line.top - previous.bottom > size)


_WRAP_SIZE = 0.1  # the share of a title's size its wrapped first line may differ by


def retitled(table: Table, lines: list[Line]) -> bool:
    """A page that begins with the table's title and caption again, word for word: the sheet's
    title rows printed on every page, not a new table (another unit's table of the same name has
    its own 编制单位)."""
    return len(lines) > 1 and texts(lines[0]) == texts(table.first.lines[0]) \
        and texts(lines[1]) == texts(table.first.lines[1])


# A table's number set on a line of its own above its title (表1, 公开表2, 附表3, 预算01表; 江苏's 公开04表,
# 部门预算公开10表), as some regions print on every page of a table.
_TABLE_NUMBER_LINE = regex(
    r"^(?:部门预算|部门)?(?:附表|公开表?|预算表?|表)[\d一二三四五六七八九十]{1,3}(?:[-－—.．]\d{1,2})?表?$")


def is_number_line(line: Line) -> bool:
    return _TABLE_NUMBER_LINE.match(line.text.replace(" ", "").replace("\u3000", "")) is not None


def numbers_title(lines: list[Line], position: int) -> bool:
    """Whether the line at ``position`` is a table's number on a line of its own right above that table's
    title and caption (江苏省人大常委会办公厅 2018: “公开 04 表” under the 支出预算总表's figures, over
    “财政拨款收支预算总表”), or on the page's last line (its title on the next page): the next table's,
    never a row of the table above it."""
    if not is_number_line(lines[position]):
        return False
    if position + 1 == len(lines):  # the page's last line: the next table's number, its title on the next page
        return True
    return position + 2 < len(lines) and is_title(lines[position + 1], lines[position + 2])


def numbers_retitled(table: Table, lines: list[Line]) -> bool:
    """A page that begins with the table's number on a line of its own, then its title and caption
    again, word for word: the table continued (表1 / 收支总表 / 部门名称：… on every page)."""
    return len(lines) > 2 and _TABLE_NUMBER_LINE.match(lines[0].text.replace(" ", "")) is not None \
        and retitled(table, lines[1:])


def title_name(text: str) -> str:
    name = _TITLE_NUMBER.sub("", text.replace(" ", "").replace("\u3000", ""))
    return name[:max(name.rfind("（"), name.rfind("("))] if name.endswith(("）", ")")) else name


_TITLE_NUMBER = regex(r"^(?:附表|公开表|预算表?|表)[\d一二三四五六七八九十]{1,3}(?:[-－—.．]\d{1,2})?表?")
