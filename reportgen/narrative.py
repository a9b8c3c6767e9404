"""Templates → Document. The templates write a small markup (<sec>, <p>, <item>, <table ref>…)
with every source string autoescaped; it is parsed back into Document blocks, so a department
name holding ``<script>`` or ``{{ 7*7 }}`` stays literal text in every format.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree

from reportgen.compute import Figures
from reportgen.document import Block, Document, Heading, PageBreak, Paragraph, Table, Title
from reportgen.locations import DEFAULT_TEMPLATES
from reportgen.model import INCOME_SOURCES, Budget
from reportgen.phrasing import Money, chinese_number, percent, share_of
from reportgen.tables import TableBuilder, TableRows, build_table

NARRATIVE = "narrative"
_SPACES = re.compile(r"\s*\n\s*")


class TemplateFault(Exception):
    """A user template that cannot be loaded or rendered; carries a Chinese message."""

    def __init__(self, message: str, file: str = "", line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line


def template_dirs(overrides: list[Path] | None = None) -> list[Path]:
    """Search path: the user's --templates folders first (by file name), then the defaults."""
    dirs: list[Path] = []
    for folder in overrides or []:
        dirs += [folder / NARRATIVE, folder]
    return dirs + [DEFAULT_TEMPLATES / NARRATIVE, DEFAULT_TEMPLATES]


class TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the process and on disk across processes.

    Compiling the templates took 0.2 s of every render (a third of a whole `reportgen render`
    of a small source) although they rarely change. Jinja keys a compiled template by its name and
    file and checks it against a hash of the source, so an edited template (a user's --templates,
    or preview's re-render on save) is compiled afresh. One cache per environment ``flavor``: the
    compiled code depends on the environment's settings as well as on the source. The disk part
    is Jinja's own per-user folder in the temporary directory; where it cannot be used, memory only.
    """

    def __init__(self, flavor: str) -> None:
        self._memory: dict[str, tuple[str, Any]] = {}
        self._disk: jinja2.FileSystemBytecodeCache | None
        try:
            self._disk = jinja2.FileSystemBytecodeCache(pattern=f"reportgen-{flavor}-%s.cache")
        except Exception:  # no usable temporary folder: compile once per process instead
            self._disk = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        hit = self._memory.get(bucket.key)
        if hit is not None and hit[0] == bucket.checksum:
            bucket.code = hit[1]
            return
        if self._disk is not None:
            try:
                self._disk.load_bytecode(bucket)
            except Exception:  # an unreadable or foreign cache file: compile instead
                bucket.reset()
        if bucket.code is not None:
            self._memory[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._memory[bucket.key] = (bucket.checksum, bucket.code)
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except Exception:  # a full or read-only disk costs a compile next time, nothing more
                pass


_CODE_CACHE = TemplateCodeCache("narrative")


def environment(overrides: list[Path] | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(overrides)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        bytecode_cache=_CODE_CACHE,
    )
    env.filters["pct"] = percent
    env.tests["labelled"] = labelled
    return env


# A text that carries its own number: 一、 （一） 1. 1、 （1） (1) 1）
_OWN_LABEL = re.compile(r"\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|[0-9]+[.、．）)]|[（(][0-9]+[）)])")


def labelled(text: object) -> bool:
    """Jinja test ``is labelled``: the text starts with its own number, so a list must not add one."""
    return isinstance(text, str) and _OWN_LABEL.match(text) is not None


def number_label(level: int, index: int) -> str:
    """第一部分 / 一、/ （一）/ 1. / （1）: the numbering a heading's depth calls for."""
    if level == 1:
        return f"第{chinese_number(index)}部分"
    if level == 2:
        return f"{chinese_number(index)}、"
    if level == 3:
        return f"（{chinese_number(index)}）"
    if level == 4:
        return f"{index}."
    return f"（{index}）"


class _Context:
    """What templates see: the budget, its figures and a few helpers bound to its money."""

    def __init__(self, budget: Budget, figures: Figures, money: Money, tables: dict[str, TableRows]) -> None:
        self.values: dict[str, Any] = {
            "b": budget,
            "f": figures,
            "dept": budget.department,
            "year": budget.year,
            "prior_year": budget.prior.year,
            "level": budget.level,
            "income_sources": [
                {"name": name, "amount": budget.income[name]} for name in INCOME_SOURCES
            ],
            "fiscal_expenditure_total": sum(figures.fiscal_expenditure.values(), Decimal(0)),
            "function_classes": figures.function_tree("一般公共预算"),
            "compared_function_rows": [r for r in budget.function_rows if r.prior is not None and r.fund == "一般公共预算"],
            "economic_classes": figures.economic_tree,
            "share": share_of,
            "change": money.change,
            "table_unit": money.unit,
            "table_gap": lambda table_id: tables[table_id].rounding_gap,
        }


def render_markup(budget: Budget, figures: Figures, money: Money, tables: dict[str, TableRows],
                  overrides: list[Path] | None = None) -> str:
    env = environment(overrides)
    env.filters["money"] = money.with_unit
    env.filters["num"] = money.number
    env.filters["change_from"] = money.change  # amount|change_from(prior): a filter call costs less than a global's
    try:
        template = env.get_template("disclosure.j2")
        return template.render(_Context(budget, figures, money, tables).values)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFault(f"模板语法错误：{exc.message}", exc.filename or exc.name or "", exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateFault(f"找不到模板 {exc.name}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateFault(f"模板引用了不存在的变量：{exc.message}") from None


def markup_to_blocks(markup: str, tables: dict[str, TableRows]) -> list[Block]:
    try:
        root = etree.fromstring(f"<doc>{markup}</doc>".encode())
    except etree.XMLSyntaxError as exc:
        raise TemplateFault(f"模板输出的标记不完整（标签未闭合？）：{exc}") from None
    blocks: list[Block] = []
    counters = [0] * 6

    def text_of(element: etree._Element) -> str:
        return _SPACES.sub("", "".join(element.itertext())).strip()

    def walk(element: etree._Element, depth: int) -> None:
        for child in element:
            tag = child.tag
            if tag == "sec":
                level = depth + 1
                counters[level] += 1
                for deeper in range(level + 1, len(counters)):
                    counters[deeper] = 0
                blocks.append(Heading(level, number_label(level, counters[level]), child.get("t", ""),
                                      anchor=f"s{'-'.join(str(c) for c in counters[1:level + 1])}"))
                walk(child, level)
            elif tag == "title":
                blocks.append(Title(text_of(child), child.get("sub", "")))
            elif tag in ("p", "item", "note", "missing", "banner"):
                text = text_of(child)
                if text:
                    role = "body" if tag == "p" else tag
                    blocks.append(Paragraph(text, role))  # type: ignore[arg-type]
            elif tag == "table":
                table_id = child.get("ref", "")
                if table_id not in tables:
                    raise TemplateFault(f"模板引用了不存在的表格“{table_id}”，可用：{'、'.join(tables)}")
                notes = [text_of(n) for n in child if n.tag == "note"]
                blocks.append(build_table(tables[table_id], table_id, child.get("number", ""), child.get("title", ""),
                                          child.get("department", ""), child.get("unit", ""), notes))
            elif tag == "pagebreak":
                blocks.append(PageBreak())
            else:
                raise TemplateFault(f"模板中有无法识别的标记 <{tag}>")

    walk(root, 0)
    return blocks


def build_document(budget: Budget, figures: Figures, overrides: list[Path] | None = None,
                   banner: list[str] | None = None) -> Document:
    """The whole disclosure as a neutral Document."""
    money = Money(budget.presentation)
    tables = TableBuilder(figures, money).build_all()
    blocks = markup_to_blocks(render_markup(budget, figures, money, tables, overrides), tables)
    if banner:
        at = 1 if blocks and isinstance(blocks[0], Title) else 0
        blocks[at:at] = [Paragraph(line, "banner") for line in banner]
    title = next((b.text for b in blocks if isinstance(b, Title)), budget.department)
    return Document(blocks, meta={"title": title, "department": budget.department, "year": str(budget.year)})


__all__ = ["build_document", "TemplateFault", "Table"]
