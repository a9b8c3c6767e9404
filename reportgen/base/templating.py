"""Every Jinja template reportgen renders goes through here: one shared Environment per kind of
template and set of override folders, a loader that reads only regular files with a size bound,
and the bounds and fault reporting that make a user's ``--templates`` safe to run.

A user's templates are code the user wrote, often by trial and error, so every way one can fail
is answered by a :class:`TemplateFault` naming its own file and line: a file that is not UTF-8 or
not a regular file (:class:`TemplateLoader`), a statement that raises, recursion without end, a
loop that would outlast the user (:class:`TemplateDeadline`) and output without end
(:func:`render_template`).

Kinds (:data:`KINDS`): ``narrative`` (the disclosure's wording, templates/narrative/), ``page``
(the HTML shells: page, preview, diff, index) and ``text`` (plain text: the diff's terminal
summary). Each kind's Environment is made once per process and reused by every render, so a
preview's re-render finds its templates compiled.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import importlib.util
import marshal
import os
import re
import stat
import sys
import threading
import types
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.nodes
import jinja2.runtime
from jinja2.loaders import split_template_path

from reportgen.base import cache, unbroken
from reportgen.base.errors import Internal, ReportgenError, visible_text
from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.patterns import regex
from reportgen.reading.files import InputRefused, linked_outside, read_bounded

# The shipped templates render the Yantian seed in 12 ms and a 20,000-row source in 0.4 s (the
# tables are built in Python, not in templates), so a user's template still running after this
# many seconds loops for ever or as good as. Only --templates renders are bounded; tests lower it.
TEMPLATE_SECONDS = 20.0
# Characters a template may write beyond what it is handed ready-made (the page shell's body):
# the narrative markup of a 20,000-row source is 1.7 MB.
TEMPLATE_OUTPUT_LIMIT = 50 * 1024 * 1024
# Bytes of one template file: the shipped ones are under 10 KB.
TEMPLATE_FILE_LIMIT = 2 * 1024 * 1024


class TemplateFault(ReportgenError):
    """A user template that cannot be loaded or rendered; carries a Chinese message."""

    def __init__(self, message: str, file: str = "", line: int = 0) -> None:
        super().__init__(message, file=file, line=line)


class FigureKindError(Internal):
    """A figure handed to a filter of another kind (a share in percent printed as an amount): its Chinese message is
    told at the line of the user's template that did it."""


BASE_PREFIX = "基于/"


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
        # "基于/NAME": the NAME the first folder having it hides — the one of the layout it is 基于 (a learned
        # layout's disclosure.j2 extends its base's: importing/learning/learned_words.py)
        hidden = template.startswith(BASE_PREFIX)
        pieces = split_template_path(template[len(BASE_PREFIX):] if hidden else template)
        for index, searchpath in enumerate(self.searchpath):
            # joined with "/" as in Jinja's loader, so no "drive:" piece escapes the folder
            filename = os.path.normpath("/".join([searchpath, *pieces]))
            try:
                info = os.stat(filename)
            except (OSError, ValueError):
                continue
            if not stat.S_ISDIR(info.st_mode):
                if hidden:
                    hidden = False
                    continue
                if index < self._user_paths:
                    self.user_files.add(filename)
                    _refuse_outside(filename, searchpath, info)
                return filename, info
        raise jinja2.TemplateNotFound(template)


def _refuse_outside(filename: str, folder: str, info: os.stat_result) -> None:
    """A user's template that is a link out of its folder (a layout folder's 学到的措辞.j2 linked to /etc/passwd) is
    refused, never read; a link to a device is left to read_bounded, which names what it is."""
    target = linked_outside(filename, folder) if stat.S_ISREG(info.st_mode) else None
    if target is not None:
        raise TemplateFault(f"模板文件是指向文件夹之外的链接（{visible_text(target)}）：只读文件夹中的模板，"
                            "请把模板文件本身复制进文件夹", filename)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator without evaluation at compile time.

    Jinja folds constant expressions while compiling and writes the result into the generated
    Python source: ``{{ "x" * 10**9 }}`` became a gigabyte literal that Python's compile() then
    chewed on for minutes, beyond any time bound (it is one C call) and then into the bytecode
    cache. Only literal text and literal constants are still folded; everything else is computed
    when the template runs, where the bounds apply. The output is the same either way.
    """

    RULES = "unfolded; an unknown filter or test told at compile"  # (the code cached differs: TemplateCodeCache)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optimizer = None

    def _filter_test_common(self, node: jinja2.nodes.Filter | jinja2.nodes.Test, frame: Any,
                            is_filter: bool) -> Any:
        # Jinja defers a filter or test it does not know inside an {% if %} to the run, where a call with a
        # keyword (|printd('万元', 2, least=0)) failed as “t_3() got an unexpected keyword argument”: told here, at
        # its line, whichever branch it stands in
        known = self.environment.filters if is_filter else self.environment.tests
        if node.name not in known:
            near = difflib.get_close_matches(node.name, list(known), 1)
            self.fail(f"没有名为“{visible_text(node.name)}”的{'过滤器' if is_filter else '测试'}"
                      + (f"：是否应为“{near[0]}”？" if near else "：请检查拼写"), node.lineno)
        return super()._filter_test_common(node, frame, is_filter)

    def _output_child_to_const(self, node: jinja2.nodes.Expr, frame: Any, finalize: Any) -> str:
        if not isinstance(node, (jinja2.nodes.TemplateData, jinja2.nodes.Const)):
            raise jinja2.nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


INCLUDE_DEPTH = 40  # templates open one inside another; the shipped ones nest 5 deep at most


def _templates_open(frame: types.FrameType | None) -> int:
    """How many templates' bodies run on the stack from ``frame`` outwards (an included,
    imported or extended template runs its own ``root`` inside the one that opened it)."""
    count = 0
    while frame is not None:
        if frame.f_code.co_name == "root" and "__jinja_template__" in frame.f_globals:
            count += 1
        frame = frame.f_back
    return count


class BoundedTemplate(jinja2.Template):
    """A template that refuses to open inside more than INCLUDE_DEPTH others.

    A template that includes itself (or two that include each other) would otherwise run until
    Python's recursion limit, some 200 levels deep, each chunk of output handed up through every
    level: seconds of work before the RecursionError, and a chain of suspended generators whose
    clean-up overflows the stack again when the process is stopped meanwhile. Every include,
    import and render makes its context here, so the depth is checked where it grows."""

    def new_context(self, vars: dict[str, Any] | None = None, shared: bool = False,
                    locals: Any = None) -> jinja2.runtime.Context:
        if _templates_open(sys._getframe(1)) >= INCLUDE_DEPTH:
            raise RecursionError(f"模板相互包含超过 {INCLUDE_DEPTH} 层")
        return super().new_context(vars, shared, locals)


class TemplateEnvironment(jinja2.Environment):
    """The Environment every reportgen template is rendered in (see :class:`_CodeGenerator`
    and :class:`BoundedTemplate`)."""

    code_generator_class = _CodeGenerator
    template_class = BoundedTemplate


class _TemplateTimeout(BaseException):
    """Raised inside a render that outlived TEMPLATE_SECONDS. A BaseException so that no
    ``except Exception`` in a filter or in Jinja swallows it and lets the loop run on."""


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    import ctypes  # deferred: ctypes costs 2 ms at start-up, needed only when a render overruns

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
        self._armed = False  # set once Timer.start has returned: not before, see __enter__
        self._due = False
        self._over = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        with self._lock:
            if self._over:
                return
            if not self._armed:  # the entering thread is still inside Timer.start
                self._due = True
                return
            self.fired = True
            _set_async_exc(self._thread, _TemplateTimeout)

    def __enter__(self) -> TemplateDeadline:
        # An exception injected while Timer.start waits for the timer thread to begin lands in
        # threading's own Condition and leaves its lock broken ("release unlocked lock", seen in
        # CI with a 1 ms deadline). So the timer only notes that it is due until start returns.
        self._timer.start()
        try:
            with self._lock:
                self._armed = True
                if self._due:
                    self.fired = True
                    raise _TemplateTimeout
            return self
        except BaseException:  # due already, or injected just after arming: the block never runs
            self.__exit__(None, None, None)
            raise

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
    """Compiled templates on disk, across processes: each `reportgen render` is a new process,
    and compiling the templates is a third of a small render. Measured again once kept in the
    user's folder as below: a whole `reportgen render` of the Yantian seed takes 0.22 s with this
    cache and 0.33 s without it (medians of 20, alternating), so it is kept. Within a process, the
    shared Environment (:func:`environment`) keeps the compiled templates itself.

    Compiled code is code: loading it runs it. So it is kept only where :mod:`reportgen.base.cache`
    keeps everything, in the user's own cache folder (a real directory that only the user can
    write; never Jinja's FileSystemBytecodeCache in the shared temporary directory, which reads
    whatever file, link or FIFO it finds there, and pickles its header), as an entry of that
    folder's format: a regular file of the user's, bounded in size, with a digest, holding the
    template's source checksum and its code (marshal, no pickle). An entry is keyed by the
    template's name and file, the compiling terms (``flavor``: Jinja's version and the settings)
    and Python's bytecode magic; one whose source checksum is not the template's is compiled
    afresh. No usable folder, or any entry that is not exactly that, costs a compile, nothing more."""

    def __init__(self, flavor: str) -> None:
        kind, _, terms = flavor.partition("-")
        self._name = f"jinja-{kind}"
        self._terms = terms.encode() + b"\0" + importlib.util.MAGIC_NUMBER

    def _key(self, bucket: jinja2.bccache.Bucket) -> str:
        return cache.key_of(self._terms, bucket.key.encode("utf-8"))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = cache.fetch(self._name, self._key(bucket), cache.BYTES)
        checksum, newline, code = (data or b"").partition(b"\n")
        if not newline or checksum != bucket.checksum.encode("ascii"):
            return  # none kept, or kept from another version of the template: compiled afresh
        try:
            loaded = marshal.loads(code)
        except Exception:
            return
        if isinstance(loaded, types.CodeType):
            bucket.code = loaded

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is None:
            return
        try:  # a full or read-only disk costs a compile next time, nothing more (store never raises)
            data = bucket.checksum.encode("ascii") + b"\n" + marshal.dumps(bucket.code)
        except Exception:
            return
        cache.store(self._name, self._key(bucket), data, cache.BYTES)


NARRATIVE = "narrative"
# Each kind: the sub-folder searched before the folder itself, and the Environment's settings.
def visible(value: Any) -> Any:
    """What a page's or a message's ``{{ }}`` prints of a plain string — a reviewer's roster, a draft's
    line, a file's name — as text (errors.visible_text: a control or bidi character written [U+XXXX],
    a GBK file name read as GBK); Markup the code made, and anything not a string, as it is."""
    return visible_text(value) if type(value) is str else value


KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "narrative": (NARRATIVE, {"autoescape": True, "keep_trailing_newline": False}),
    "page": ("", {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True,
                  "finalize": visible}),
    "text": ("", {"autoescape": False, "keep_trailing_newline": False, "finalize": visible}),
}
# Set-up steps of a kind (its filters and tests), registered by the modules that use it; every kind
# but the narrative's knows ``figures``: a text whose figures a page keeps each on one line (unbroken.py).
SETUP: dict[str, list[Callable[[jinja2.Environment], None]]] = {
    "page": [lambda env: env.filters.update(figures=unbroken.nowrap_html)],
    "text": [lambda env: env.filters.update(figures=unbroken.plain)],
}


def search_path(kind: str, overrides: list[Path] | tuple[Path, ...] | None = None) -> tuple[list[Path], list[Path]]:
    """(the user's folders, the defaults) searched for a template of ``kind``: by file name, the
    user's --templates folders first."""
    sub = KINDS[kind][0]
    folders = [DEFAULT_TEMPLATES]
    user = [Path(f) for f in overrides or []]
    if sub:
        return [p for f in user for p in (f / sub, f)], [DEFAULT_TEMPLATES / sub, *folders]
    return user, folders


def set_up(kind: str, step: Callable[[jinja2.Environment], None]) -> None:
    """``step`` registered for the environments of ``kind``: those made already are made again (a
    module imported after one was made — diff's, after a review in the same process — gets its filters)."""
    SETUP.setdefault(kind, []).append(step)
    _environment.cache_clear()


def environment(kind: str, overrides: list[Path] | tuple[Path, ...] | None = None) -> jinja2.Environment:
    """The shared Environment of ``kind`` for these override folders (made on first use)."""
    return _environment(kind, tuple(Path(f) for f in overrides or []))


@functools.lru_cache(maxsize=32)
def _environment(kind: str, overrides: tuple[Path, ...]) -> jinja2.Environment:
    user, defaults = search_path(kind, overrides)
    env = TemplateEnvironment(
        loader=TemplateLoader(user, defaults),
        undefined=jinja2.StrictUndefined,  # a typo in a user's template should fail loudly
        **KINDS[kind][1],
    )
    for step in SETUP.get(kind, []):
        step(env)
    env.bytecode_cache = TemplateCodeCache(f"{kind}-{_compiled_with(env)}")
    return env


def _compiled_with(env: jinja2.Environment) -> str:
    """What compiled code depends on beyond a template's source: Jinja's version, the settings,
    and how each filter and test is called (a filter that takes the context is called another
    way). A cache made under other terms is another cache, never a wrong one."""
    calls = sorted((kind, name, str(getattr(func, "jinja_pass_arg", ""))) for kind, table in
                   (("filter", env.filters), ("test", env.tests)) for name, func in table.items())
    terms = repr((jinja2.__version__, _CodeGenerator.RULES, env.autoescape, env.trim_blocks, env.lstrip_blocks,
                  env.keep_trailing_newline, env.finalize is not None, calls))
    return hashlib.sha256(terms.encode()).hexdigest()[:12]


def words(kind: str, name: str, overrides: list[Path] | None = None) -> Any:
    """The macros of template ``name`` (of ``kind``), to call from Python: wording that Python
    needs as text (a title, a summary line) lives in templates like every other sentence."""
    return environment(kind, overrides).get_template(name).module


def call_bounded(func: Callable[..., Any], *args: Any) -> Any:
    """Call a macro of a user's template within TEMPLATE_SECONDS (the preview's hooks): one that
    overruns is a TemplateFault, like any template's."""
    try:
        with TemplateDeadline(TEMPLATE_SECONDS):
            return func(*args)
    except _TemplateTimeout:
        raise TemplateFault(f"模板运行超过 {TEMPLATE_SECONDS:g} 秒仍未结束，已停止：这里的循环可能永不结束或次数过多") from None


def render(kind: str, name: str, overrides: list[Path] | None = None, **context: Any) -> str:
    """Template ``name`` of ``kind`` rendered with ``context`` (bounded: see render_template)."""
    return render_template(environment(kind, overrides), name, context)


class _OutputTooLarge(Internal):
    """A render's output passed its bound."""


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any], ready_made: int = 0) -> str:
    """Template ``name`` of ``env`` rendered within TEMPLATE_SECONDS and TEMPLATE_OUTPUT_LIMIT
    characters (plus ``ready_made``, the length of markup handed in to be placed as it is).

    Whatever a user's template does wrong becomes a TemplateFault naming the file and line; an
    error that passes through no user template is reportgen's own and is raised as it is."""
    limit = TEMPLATE_OUTPUT_LIMIT + ready_made
    loader = env.loader
    user_files = loader.user_files if isinstance(loader, TemplateLoader) else set()
    chunks: Iterator[str] | None = None  # a generator, whose frames _suspended_lines reads
    try:
        if not (isinstance(loader, TemplateLoader) and loader.has_user_dirs):
            # Only reportgen's own templates, which end and write little: the bounds would cost a
            # thread and a loop over every chunk (0.4 ms of a 7 ms preview re-render) for nothing.
            return env.get_template(name).render(context)
        with TemplateDeadline(TEMPLATE_SECONDS):
            # generate(), not render(), so that the output is measured as it grows
            chunks = env.get_template(name).generate(context)
            return _joined_within(chunks, limit)
    except TemplateFault:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFault(f"模板语法错误：{_syntax_in_words(exc.message)}", exc.filename or exc.name or "",
                            exc.lineno) from None
    except (_TemplateTimeout, Exception) as exc:
        # Raised in template code, the traceback holds its lines; raised here between two chunks
        # (the bound, or a timeout landing in this loop), the templates are suspended mid-yield.
        fault = _fault(exc, _user_lines(exc, chunks, user_files))
        if fault is None:
            raise
        raise fault from None


_TOKENS = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "模板的结尾"}
# Jinja's messages of a template that does not parse, as an officer is told them: the groups of each pattern fill the
# words in order (a token by what it is written as; a list of tags 'endfor' or 'else' as {% endfor %}、{% else %})
_SYNTAX_WORDS = (
    (regex(r"Unexpected end of template\. .*The innermost block that needs to be closed is '(\w+)'"),
     "模板到了结尾，{{% {0} %}} 还没有结束：缺少 {{% end{0} %}}"),
    (regex(r"Encountered unknown tag '(\w+)'\. .*(?:looking for|expecting) (.*?)\. .*"
           r"The innermost block that needs to be closed is '(\w+)'"),
     "这里的 {{% {0} %}} 不对：{{% {2} %}} 还没有结束，这里应为 {1}"),
    (regex(r"Encountered unknown tag '(\w+)'\.$"), "没有 {{% {0} %}} 这种标签（或它前面没有与它配对的开始标签）"),
    (regex(r"unexpected '(.+)', expected '(.+)'$"), "这里的“{0}”不对，应为“{1}”（括号或引号没有配对？）"),
    (regex(r"unexpected end of template, expected '(.+)'\.?$"), "模板到了结尾，还缺少“{0}”"),
    (regex(r"expected token '(.+)', got '(.+)'$"), "这里应为“{0}”，却是“{1}”"),
    (regex(r"Expected an expression, got '(.+)'$"), "“{0}”之前缺少表达式（字段、数或文字）"),
    (regex(r"unexpected char (.+) at \d+$"), "这里的字符 {0} 不对（引号没有配对？）"),
)


def _token(name: str) -> str:
    if "' or '" in name or name.startswith("'"):
        return "、".join("{% " + word + " %}" for word in re.findall(r"'(\w+)'", name))
    return _TOKENS.get(name, name)


_UNDEFINED_WORDS = (
    (regex(r"'(.+)' is undefined$"), "没有名为“{0}”的变量"),
    (regex(r"'(.+) object' has no attribute '(.+)'$"), "“{1}”不是这里的字段（{0} 没有“{1}”）"),
)


def _undefined_in_words(message: str | None) -> str:
    """Jinja's message of a name or field a template uses that is not there, in an officer's words."""
    for pattern, words in _UNDEFINED_WORDS:
        found = pattern.match(message or "")
        if found:
            return words.format(*found.groups())
    return message or ""


def _syntax_in_words(message: str | None) -> str:
    """Jinja's message of a template that does not parse in an officer's words (_SYNTAX_WORDS: a block left open, a
    bracket left open, a tag it does not know, an expression missing); any other as Jinja says it."""
    message = message or ""
    for pattern, words in _SYNTAX_WORDS:
        found = pattern.match(message)
        if found:
            return words.format(*(_token(group) for group in found.groups()))
    return message


def _joined_within(chunks: Iterator[str], limit: int) -> str:
    """A render's chunks joined, _OutputTooLarge as soon as they pass ``limit`` characters."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise _OutputTooLarge()
        parts.append(chunk)
    return "".join(parts)


def _user_lines(exc: BaseException, chunks: Iterator[str] | None, user_files: set[str]) -> list[tuple[str, int]]:
    """The (file, line) of the user's templates an exception out of a render passed through, innermost first: raised
    in template code, its traceback's; raised here between two chunks (the bound, or a timeout landing in the loop),
    where the templates are suspended mid-yield."""
    frames = _template_lines(exc.__traceback__, user_files)
    if not frames and chunks is not None:
        frames = _suspended_lines(chunks, user_files)
    return frames


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
        return TemplateFault(f"模板引用了不存在的变量：{_undefined_in_words(exc.message)}。请检查拼写，或删去这一处", file, line)
    if not frames:  # not raised in a user's template: a bug of reportgen, reported as one
        return None
    if isinstance(exc, RecursionError):
        return _recursion_fault(frames)
    if isinstance(exc, FigureKindError):
        return TemplateFault(f"模板运行出错：{exc.message}。请改正这一行的表达式", file, line)
    if isinstance(exc, MemoryError):
        return TemplateFault("模板运行时内存不足：这里产生的文字或数据过大（如 \"x\" * 10**9）。请缩小它", file, line)
    hint = _RUNTIME_HINTS.get(type(exc), "")
    return TemplateFault(f"模板运行出错：{hint}{type(exc).__name__}: {exc}。请改正这一行的表达式", file, line)


def _recursion_fault(frames: list[tuple[str, int]]) -> TemplateFault:
    """A recursion told at the lines it went through again and again: the include or macro call that leads back (the
    innermost frame is merely where the depth ran out)."""
    counts = Counter(frames)
    (file, line), _ = counts.most_common(1)[0]
    cycle = "、".join(f"{Path(f).name} 第 {n} 行" for f, n in counts if counts[f, n] > 1) or f"第 {line} 行"
    return TemplateFault(f"模板无限递归：{cycle}的 include 或宏调用又回到了自身。请去掉这一循环", file, line)


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


def _suspended_lines(generator: Iterator[str], user_files: set[str]) -> list[tuple[str, int]]:
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
