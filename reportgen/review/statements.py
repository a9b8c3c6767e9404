"""The figures a draft states, read off its lines: amounts (… 万元), shares (占 …%), changes
(比2025年增加 …, 增长 …%, 持平) and table rows (a code or a name, then numbers). Text extracted
from a PDF has spaces between Han characters and digits and line breaks inside sentences: lines
are joined into sentences and such spaces dropped, each figure keeping the line it stands on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.review.draft import Line

NUMBER = r"\d[\d,，]*(?:[.．]\d+)?"
_AMOUNT = re.compile(rf"(?P<num>{NUMBER})(?P<unit>万元|元)")
_CHANGE = re.compile(r"(?:比|较)(?:上年|(?P<year>\d{4})年)(?P<base>预算数|预算|执行数|决算数)?"
                     rf"(?P<dir>增加|减少|增长|下降)(?P<num>{NUMBER})? ?(?P<unit>万元|元|%)?")
_FLAT = re.compile(r"(?:与|比|较)(?:上年|(?P<year>\d{4})年)(?P<base>预算数|预算|执行数|决算数)?(?:基本)?持平(?P<empty>万元|元)?")
_RATE = re.compile(rf"(?P<dir>增长|下降)(?P<num>{NUMBER}) ?%")
_SHARE = re.compile(rf"占(?P<what>[^，。；\d]{{0,14}}?)(?P<num>{NUMBER}) ?%")
_TOKENS = re.compile("|".join(  # each kind as a named alternative; its inner groups unnamed here
    f"(?P<{name}>{re.sub(r'[(][?]P<[a-z]+>', '(?:', pattern.pattern)})"
    for name, pattern in (("change", _CHANGE), ("flat", _FLAT), ("rate", _RATE), ("share", _SHARE), ("amount", _AMOUNT))))
# Spaces next to a Han character or full-width punctuation are the PDF's, not the text's.
_WIDE_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000]+|[ \t\u3000]+(?=[^\x00-\x7f])")
_SENTENCE_END = re.compile(r"[。；;]")
_ROW = re.compile(rf"^(?P<code>(?:\d{{3}}(?: ?\d{{2}}){{0,2}}))?(?P<rest>.*?)(?P<nums>(?: *(?:-?{NUMBER}))+) *$")
_ROW_NUMBER = re.compile(rf"-?{NUMBER}")
_LABEL_CUT = re.compile(r"[，,。；;：:、（）()]|其中|包括")
# A line that starts a heading or an item: never the continuation of the sentence before it.
_STARTS_ANEW = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)"
                          r"|[⒈⒉⒊⒋⒌⒍⒎⒏⒐]|表\d)")


def to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("，", "").replace("．", "."))


def decimals_of(text: str) -> int:
    text = text.replace("．", ".")
    return len(text.split(".", 1)[1]) if "." in text else 0


@dataclass
class Statement:
    """One figure the draft states."""

    line: int
    kind: str  # amount / change / flat / rate / share / cell
    text: str  # as printed (spaces dropped)
    value: Decimal | None = None
    decimals: int = 0
    unit: str = ""
    direction: str = ""  # up / down for change and rate
    base: str = ""  # 预算 / 执行数 / "" (the prior year's budget, said plainly)
    label: str = ""  # what it speaks of: an amount's label; a change's, rate's or share's amount
    sentence: str = ""
    whole: str = ""  # for a share: the label of the total the sentence names first
    others: list[Decimal] = field(default_factory=list)  # a table row's further numbers
    table_unit: str = ""
    empty_amount: bool = False  # 持平 followed by a unit with no number
    after_flat: bool = False  # a rate printed right after 持平
    own_label: bool = False  # a change said as "基本支出增加4.27万元": it names its figure itself


def read_statements(lines: list[Line], default_unit: str = "") -> list[Statement]:
    """Every figure the lines state, in order."""
    statements: list[Statement] = []
    buffer: list[tuple[int, str]] = []
    unit = default_unit

    def flush() -> None:
        if buffer:
            statements.extend(_sentences(buffer))
            buffer.clear()

    for line in lines:
        text = _WIDE_SPACE.sub("", line.text).strip()
        if not text:
            continue
        if "单位" in text and ("万元" in text or "元" in text):
            unit = "万元" if "万元" in text else "元"
        row = _table_row(text)
        if row is not None:
            flush()
            statements.extend(_cells(line.number, row, line.table_unit or unit))
            continue
        if _STARTS_ANEW.match(text):
            flush()
        buffer.append((line.number, text))
        if _SENTENCE_END.search(text[-1:]) or text.endswith(("：", ":")) or _is_heading(text):
            flush()
    flush()
    return statements


_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|表\d)")


def _is_heading(text: str) -> bool:
    """A short line of its own that no sentence continues: 第二部分 …, 一、…, （一）…, 表1 … (an item
    numbered （1） or 1. goes on on the next line)."""
    return bool(_HEADING.match(text)) and len(text) <= 30 and not re.search(r"\d[万元%]|[，；]", text)


def _table_row(text: str) -> re.Match[str] | None:
    """A line of a table: numbers at its end with no unit after them (a sentence says 万元)."""
    if re.search(r"[万元%]$|[年月日]$", text) or not re.search(r"\d$", text):
        return None
    match = _ROW.match(text)
    if match is None or not re.search(r"[\u4e00-\u9fff]", match.group("rest") or ""):
        return None
    if re.search(r"[，。；]", match.group("rest")):
        return None
    return match


def _cells(number: int, row: re.Match[str], unit: str) -> list[Statement]:
    """A table row as one statement per name: 收支总表 rows hold two (收入 and 支出)."""
    # a PDF's text layer runs an amount into the next item of a 收支总表 line ("47,483,458一、社会保障和就业支出"),
    # and the spaces beside Han characters are gone ("收入总计47,483,458支出总计47,483,458")
    text = re.sub(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?=[\u4e00-\u9fff])", r"\1 ", row.group(0))
    pieces = re.findall(rf"(\d{{3}}(?: ?\d{{2}}){{0,2}} *)?([^\d\s]+[^\d]*?)((?: +-?{NUMBER})+|(?<=[^\d\s])(?:-?{NUMBER})(?:(?: +-?{NUMBER})*))(?= |$)",
                        text)
    out = []
    for code, name, numbers in pieces:
        values = _ROW_NUMBER.findall(numbers)
        while values and re.fullmatch(r"[235]\d{2}(?:\d{2}){0,2}", values[0]) and (
                len(values) > 1 or (code.startswith("3") and values[0].startswith("5"))):
            values = values[1:]  # a classification code after the name (项目支出表, 政府经济分类), not a figure
        if not values or re.fullmatch(r"表|附表", name.strip()) or not re.search(r"[\u4e00-\u9fff]", name):
            continue
        label = (name.strip() + (f"（{code.replace(' ', '')}）" if code.strip() else "")).strip()
        out.append(Statement(number, "cell", text, to_decimal(values[0]), decimals_of(values[0]), unit,
                             label=label, others=[to_decimal(v) for v in values[1:]], table_unit=unit))
    return out


def _sentences(buffer: list[tuple[int, str]]) -> list[Statement]:
    """Statements of joined lines, each with the line its number stands on."""
    text = ""
    starts: list[tuple[int, int]] = []  # (offset, line)
    for number, part in buffer:
        starts.append((len(text), number))
        text += part
    out: list[Statement] = []
    for sentence, offset in _split(text):
        out.extend(_statements(sentence, offset, starts))
    return out


def _split(text: str) -> list[tuple[str, int]]:
    pieces, start = [], 0
    for match in re.finditer(r"[。]", text):
        pieces.append((text[start:match.end()], start))
        start = match.end()
    if start < len(text):
        pieces.append((text[start:], start))
    return pieces


def _line_at(offset: int, starts: list[tuple[int, int]]) -> int:
    line = starts[0][1]
    for start, number in starts:
        if start <= offset:
            line = number
    return line


def _statements(sentence: str, offset: int, starts: list[tuple[int, int]]) -> list[Statement]:
    out: list[Statement] = []
    last_amount: Statement | None = None
    last_kind = ""
    last_base = ""  # the base of the change a rate follows
    first_amount_label = ""
    cursor = 0
    for match in _TOKENS.finditer(sentence):
        kind = match.lastgroup or ""
        token = match.group(0)
        line = _line_at(offset + match.start(), starts)
        if kind == "amount":
            amount = _AMOUNT.fullmatch(token)
            assert amount is not None
            label = _label(sentence[cursor:match.start()])
            changed = re.fullmatch(r"(.+?)(增加|减少)(?:支出|预算|资金)?", label)
            if changed and not re.search(r"比|较|与", changed.group(1)):  # 基本支出增加4.27万元: a change of 基本支出
                out.append(Statement(line, "change", token, to_decimal(amount.group("num")),
                                     decimals_of(amount.group("num")), amount.group("unit"),
                                     direction="up" if changed.group(2) == "增加" else "down", label=changed.group(1),
                                     sentence=sentence, own_label=True))
                last_kind, cursor = "change", match.end()
                continue
            statement = Statement(line, "amount", token, to_decimal(amount.group("num")), decimals_of(amount.group("num")),
                                  amount.group("unit"), label=label, sentence=sentence)
            if not first_amount_label and label:
                first_amount_label = label
            last_amount = statement
            out.append(statement)
        elif kind in ("change", "flat", "rate", "share"):
            parsed = {"change": _CHANGE, "flat": _FLAT, "rate": _RATE, "share": _SHARE}[kind].fullmatch(token)
            assert parsed is not None
            groups = parsed.groupdict()
            num = groups.get("num")
            statement = Statement(line, kind, token, to_decimal(num) if num else None, decimals_of(num) if num else 0,
                                  groups.get("unit") or ("%" if kind in ("rate", "share") else ""),
                                  direction={"增加": "up", "增长": "up", "减少": "down", "下降": "down"}.get(
                                      groups.get("dir") or "", ""),
                                  base=_base(groups.get("base") or "") if kind != "rate" else last_base,
                                  label=last_amount.label if last_amount is not None else "", sentence=sentence,
                                  whole=first_amount_label, empty_amount=bool(groups.get("empty")),
                                  after_flat=kind == "rate" and last_kind == "flat")
            out.append(statement)
            if kind in ("change", "flat"):
                last_base = statement.base
        last_kind = kind
        cursor = match.end()
    return out


def _base(word: str) -> str:
    if word.startswith("预算"):
        return "预算"
    return "执行数" if word in ("执行数", "决算数") else ""


def _label(prefix: str) -> str:
    """The words right before an amount: from the last comma, colon or 其中 on."""
    prefix = prefix.replace("＂", "”").replace("（境）", "〔境〕").replace("(境)", "〔境〕")  # 因公出国（境）费 is one name
    label = _label_of(prefix)
    return label.replace("〔境〕", "（境）")


def _label_of(prefix: str) -> str:
    pieces = _LABEL_CUT.split(prefix)
    label = pieces[-1] if pieces else ""
    if not label.strip() and len(pieces) > 1:
        label = ""
    # 一般公共服务支出（201）490.00万元: the code in brackets belongs to the name before it
    code = re.search(r"([^，,。；;：:、（）()]+)[（(](\d{3}(?:\d{2}){0,2})[）)]$", prefix)
    if code:
        return f"{code.group(1)}（{code.group(2)}）"
    levels = re.search(r"“?([^“”，。；：]+?[（(]类[）)][^“”，。；：]*?[（(]项[）)])”?$", prefix)
    if levels:
        return levels.group(1)
    return label.strip()
