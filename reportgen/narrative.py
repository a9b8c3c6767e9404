"""Templates → Document. The templates write a small markup (<sec>, <p>, <item>, <table ref>…)
with every source string autoescaped; it is parsed back into Document blocks, so a department
name holding ``<script>`` or ``{{ 7*7 }}`` stays literal text in every format.

A user's ``--templates`` are code the user wrote, often by trial and error, so every way one can
fail is answered by a :class:`TemplateFault` naming its own file and line: a file that is not
UTF-8 or not a regular file (:class:`TemplateLoader`), a statement that raises, recursion without
end, a loop that would outlast the user (:class:`TemplateDeadline`) and output without end
(:func:`render_template`).
"""

from __future__ import annotations

import os
import re
import stat
import threading
from collections import Counter
from collections.abc import Callable, Generator
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.nodes
from jinja2.loaders import split_template_path
from lxml import etree

from reportgen.compute import Figures
from reportgen.document import Block, Document, Heading, PageBreak, Paragraph, Table, Title
from reportgen.inputs import InputRefused, read_bounded
from reportgen.locations import DEFAULT_TEMPLATES
from reportgen.model import INCOME_SOURCES, Budget
from reportgen.phrasing import Money, chinese_number, percent, share_of
from reportgen.tables import TableBuilder, TableRows, build_table

NARRATIVE = "narrative"
_SPACES = re.compile(r"\s*\n\s*")

# The shipped templates render the Yantian seed in 12 ms and a 20,000-row source in 0.4 s (the
# tables are built in Python, not in templates), so a user's template still running after this
# many seconds loops for ever or as good as. Only --templates renders are bounded; tests lower it.
TEMPLATE_SECONDS = 20.0
# Characters a template may write beyond what it is handed ready-made (the page shell's body):
# the narrative markup of a 20,000-row source is 1.7 MB.
TEMPLATE_OUTPUT_LIMIT = 50 * 1024 * 1024
# Bytes of one template file: the shipped ones are under 10 KB.
TEMPLATE_FILE_LIMIT = 2 * 1024 * 1024


class TemplateFault(Exception):
    """A user template that cannot be loaded or rendered; carries a Chinese message."""

    def __init__(self, message: str, file: str = "", line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line


_DEFAULT_DIRS = [DEFAULT_TEMPLATES / NARRATIVE, DEFAULT_TEMPLATES]


def template_dirs(overrides: list[Path] | None = None) -> list[Path]:
    """Search path: the user's --templates folders first (by file name), then the defaults."""
    return _user_dirs(overrides) + _DEFAULT_DIRS


def _user_dirs(overrides: list[Path] | None) -> list[Path]:
    dirs: list[Path] = []
    for folder in overrides or []:
        dirs += [folder / NARRATIVE, folder]
    return dirs


class TemplateLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader reading through :func:`read_bounded`, and remembering which files
    came from the user's folders (their lines are the ones a fault should name).

    The stock loader opens whatever ``os.path.isfile`` accepts and reads it whole: a template
    swapped for a FIFO between the check and the open would block for ever, and one that is not
    UTF-8 fails with a bare UnicodeDecodeError. Here a name that is there but is not a regular
    file (a FIFO, a link to /dev/zero) is reported rather than skipped, since the user meant it.
    """

    def __init__(self, user_dirs: list[Path], default_dirs: list[Path]) -> None:
        super().__init__([str(d) for d in [*user_dirs, *default_dirs]])
        self._user_paths = len(user_dirs)
        self.user_files: set[str] = set()

    @property
    def has_user_dirs(self) -> bool:
        return self._user_paths > 0

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        filename, info = self._find(template)
        try:
            data = read_bounded(Path(filename), TEMPLATE_FILE_LIMIT, "模板文件")
        except InputRefused as exc:
            raise TemplateFault(f"模板文件无法使用：{exc.message}", filename) from None
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateFault("模板文件不是 UTF-8 编码：请用 UTF-8 另存（记事本“另存为”中选 UTF-8）",
                                filename, data.count(b"\n", 0, exc.start) + 1) from None
        if "\r" in source:  # as open() in text mode, which the stock loader used, reads them
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        mtime = info.st_mtime

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return source, filename, uptodate

    def _find(self, template: str) -> tuple[str, os.stat_result]:
        pieces = split_template_path(template)
        for index, searchpath in enumerate(self.searchpath):
            # joined with "/" as in Jinja's loader, so no "drive:" piece escapes the folder
            filename = os.path.normpath("/".join([searchpath, *pieces]))
            try:
                info = os.stat(filename)
            except (OSError, ValueError):
                continue
            if not stat.S_ISDIR(info.st_mode):
                if index < self._user_paths:
                    self.user_files.add(filename)
                return filename, info
        raise jinja2.TemplateNotFound(template)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator without evaluation at compile time.

    Jinja folds constant expressions while compiling and writes the result into the generated
    Python source: ``{{ "x" * 10**9 }}`` became a gigabyte literal that Python's compile() then
    chewed on for minutes, beyond any time bound (it is one C call) and then into the bytecode
    cache. Only literal text and literal constants are still folded; everything else is computed
    when the template runs, where the bounds apply. The output is the same either way.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optimizer = None

    def _output_child_to_const(self, node: jinja2.nodes.Expr, frame: Any, finalize: Any) -> str:
        if not isinstance(node, (jinja2.nodes.TemplateData, jinja2.nodes.Const)):
            raise jinja2.nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


class TemplateEnvironment(jinja2.Environment):
    """The Environment every reportgen template is rendered in (see :class:`_CodeGenerator`)."""

    code_generator_class = _CodeGenerator


class _TemplateTimeout(BaseException):
    """Raised inside a render that outlived TEMPLATE_SECONDS. A BaseException so that no
    ``except Exception`` in a filter or in Jinja swallows it and lets the loop run on."""


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    import ctypes  # only when a render overruns, so a normal render does not pay for the import

    api = getattr(ctypes, "pythonapi", None)
    if api is not None:  # CPython; elsewhere there is no way to interrupt another thread
        api.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


class TemplateDeadline:
    """``with TemplateDeadline(seconds):`` stops the code inside after ``seconds``.

    A timer thread raises :class:`_TemplateTimeout` in the thread that entered, between two
    Python bytecodes (PyThreadState_SetAsyncExc), so it works in the main thread of the command
    line and of a batch worker and in the preview server's render thread alike, where a SIGALRM
    could not. Jinja's loops are Python code and see it at once; one long C call (a huge
    integer power) finishes first. The lock and the ``_over`` flag make the injection all or
    nothing: once the block is left, none can land, and one already made but not yet delivered
    is withdrawn. The timer is joined on the way out, so no thread outlives the block (render.py
    forks only while this process has one thread).
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._thread = threading.get_ident()
        self._lock = threading.Lock()
        self._over = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        with self._lock:
            if not self._over:
                self.fired = True
                _set_async_exc(self._thread, _TemplateTimeout)

    def __enter__(self) -> TemplateDeadline:
        self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            with self._lock:
                self._over = True
                if self.fired:
                    _set_async_exc(self._thread, None)
        finally:  # even when the timeout lands just above (once only: the timer has fired)
            self._timer.cancel()
            self._timer.join()


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
    env = TemplateEnvironment(
        loader=TemplateLoader(_user_dirs(overrides), _DEFAULT_DIRS),
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
    return render_template(env, "disclosure.j2", _Context(budget, figures, money, tables).values)


class _OutputTooLarge(Exception):
    """A render's output passed its bound."""


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any], ready_made: int = 0) -> str:
    """Template ``name`` of ``env`` rendered within TEMPLATE_SECONDS and TEMPLATE_OUTPUT_LIMIT
    characters (plus ``ready_made``, the length of markup handed in to be placed as it is).

    Whatever a user's template does wrong becomes a TemplateFault naming the file and line; an
    error that passes through no user template is reportgen's own and is raised as it is."""
    limit = TEMPLATE_OUTPUT_LIMIT + ready_made
    loader = env.loader
    user_files = loader.user_files if isinstance(loader, TemplateLoader) else set()
    chunks: Generator[str, None, None] | None = None
    try:
        if not (isinstance(loader, TemplateLoader) and loader.has_user_dirs):
            # Only reportgen's own templates, which end and write little: the bounds would cost a
            # thread and a loop over every chunk (0.4 ms of a 7 ms preview re-render) for nothing.
            return env.get_template(name).render(context)
        with TemplateDeadline(TEMPLATE_SECONDS):
            # generate(), not render(), so that the output is measured as it grows
            chunks = env.get_template(name).generate(context)
            parts: list[str] = []
            size = 0
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise _OutputTooLarge()
                parts.append(chunk)
            return "".join(parts)
    except TemplateFault:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFault(f"模板语法错误：{exc.message}", exc.filename or exc.name or "", exc.lineno) from None
    except (_TemplateTimeout, Exception) as exc:
        # Raised in template code, the traceback holds its lines; raised here between two chunks
        # (the bound, or a timeout landing in this loop), the templates are suspended mid-yield.
        frames = _template_lines(exc.__traceback__, user_files)
        if not frames and chunks is not None:
            frames = _suspended_lines(chunks, user_files)
        fault = _fault(exc, frames)
        if fault is None:
            raise
        raise fault from None


def _fault(exc: BaseException, frames: list[tuple[str, int]]) -> TemplateFault | None:
    """The TemplateFault for an exception out of a render, given the (file, line) of the user's
    templates it passed through, innermost first; None when it is not a template's."""
    file, line = frames[0] if frames else ("", 0)
    if isinstance(exc, _TemplateTimeout):
        return TemplateFault(f"模板运行超过 {TEMPLATE_SECONDS:g} 秒仍未结束，已停止：这里的循环可能永不结束或次数过多"
                             "（如 range(10**12)、多层嵌套循环、调用自身的宏）。请缩小循环的范围", file, line)
    if isinstance(exc, _OutputTooLarge):
        return TemplateFault(f"模板输出超过 {TEMPLATE_OUTPUT_LIMIT / (1024 * 1024):g} MB，已停止：这里的循环或重复输出过多。"
                             "请缩小循环的范围", file, line)
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateFault(f"找不到模板 {exc.name}", file, line)
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateFault(f"模板引用了不存在的变量：{exc.message}。请检查拼写，或删去这一处", file, line)
    if not frames:  # not raised in a user's template: a bug of reportgen, reported as one
        return None
    if isinstance(exc, RecursionError):
        # The lines the recursion went through again and again: the include or macro call that
        # leads back (the innermost frame is merely where the depth ran out).
        counts = Counter(frames)
        (file, line), _ = counts.most_common(1)[0]
        cycle = "、".join(f"{Path(f).name} 第 {n} 行" for f, n in counts if counts[f, n] > 1) or f"第 {line} 行"
        return TemplateFault(f"模板无限递归：{cycle}的 include 或宏调用又回到了自身。请去掉这一循环", file, line)
    if isinstance(exc, MemoryError):
        return TemplateFault("模板运行时内存不足：这里产生的文字或数据过大（如 \"x\" * 10**9）。请缩小它", file, line)
    hint = _RUNTIME_HINTS.get(type(exc), "")
    return TemplateFault(f"模板运行出错：{hint}{type(exc).__name__}: {exc}。请改正这一行的表达式", file, line)


_RUNTIME_HINTS: dict[type[BaseException], str] = {
    ZeroDivisionError: "除数为零，",
    TypeError: "值的类型不合适（如对文字做算术、给过滤器传了不合适的值），",
    ValueError: "值不合适，",
    OverflowError: "数值过大，",
    KeyError: "没有这一项，",
    IndexError: "序号超出范围，",
}


def _template_lines(tb: TracebackType | None, user_files: set[str]) -> list[tuple[str, int]]:
    """(file, line) of each frame of a user's template in ``tb``, innermost first.

    Jinja rewrites the traceback of an Exception so that template frames carry the template's
    file name and line; a _TemplateTimeout (a BaseException) passes its rewriting, and there the
    frame of compiled template code still knows its template and maps its own line."""
    found: list[tuple[str, int]] = []
    while tb is not None:
        frame = tb.tb_frame
        template = frame.f_globals.get("__jinja_template__")
        line = _python_line(tb)
        if template is not None:
            if template.filename in user_files:
                found.append((template.filename, template.get_corresponding_lineno(line) if line else 0))
        elif frame.f_code.co_filename in user_files:
            found.append((frame.f_code.co_filename, line or 0))
        tb = tb.tb_next
    found.reverse()
    return found


def _python_line(tb: TracebackType) -> int:
    """The Python line ``tb`` stands on (0 if none). An exception delivered between statements
    (a timeout) may stand on an instruction without a line of its own, such as a loop's jump
    back; the nearest line before it is the one being run."""
    if tb.tb_lineno is not None:
        return tb.tb_lineno
    line = 0
    for start, _end, number in tb.tb_frame.f_code.co_lines():
        if start > tb.tb_lasti:
            break
        if number is not None:
            line = number
    return line


def _suspended_lines(generator: Generator[str, None, None], user_files: set[str]) -> list[tuple[str, int]]:
    """(file, line) of each user's template suspended in ``generator`` at a yield, innermost first.

    The chunk that passed the bound came from the innermost one. Compiled template code hands on
    an included template's output from a generator it keeps in its local ``gen`` (and a block's
    by ``yield from``); one that is finished has no frame."""
    found: list[tuple[str, int]] = []
    current: Any = generator
    while current is not None and current.gi_frame is not None:
        frame = current.gi_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename in user_files:
            line = frame.f_lineno
            found.append((template.filename, template.get_corresponding_lineno(line) if line else 0))
        current = current.gi_yieldfrom or frame.f_locals.get("gen")
        if not isinstance(current, Generator):
            break
    found.reverse()
    return found


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
