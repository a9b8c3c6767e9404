"""`reportgen render SOURCE…`: one source or a whole city's departments.

One source renders in this process and prints as it always has. Several sources (paths and globs)
render in parallel worker processes (``-j``, default every core) with a progress line on
stderr; a failing source never stops the others. At the end come a summary table (源文件 / 结果 /
用时), an ``index.html`` in the output folder linking every output with its check status, and
exit code 1 if any source failed.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import glob
import os
import signal
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

import reportgen.runners.render
import reportgen.writers.html  # noqa: F401  (warmed up before the workers fork)
from reportgen.base import templating
from reportgen.base.errors import EnvironmentValueError, Finding, OutputTooLarge, PdfUnavailable, one_line
from reportgen.base.oserrors import reason
from reportgen.base.records import Record
from reportgen.base.signals import handle_sigterm
from reportgen.base.staging import remove_live, replace_together, write_output
from reportgen.base.terminal import write_raw
from reportgen.reading.files import clash_message, overwritten_inputs
from reportgen.reading.outputs import Output, refused_outputs
from reportgen.runners.render import files_read, render_source
from reportgen.shaping.layouts import LayoutError
from reportgen.shaping.narrative import TemplateFault

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

# multiprocessing, concurrent.futures and the PDF and DOCX writers are imported where they are used:
# a render of one source (or of HTML alone) needs none of them (see each import's comment).

INDEX_NAME = "index.html"
_FAILURE_WORDS = {"模板": "模板错误", "输出": "无法写入", "文件": "没有匹配的文件", "内部": "内部错误"}
_GLOB_CHARS = frozenset("*?[")


@dataclass(repr=False, eq=False)
class Outcome(Record):
    """What became of one source; plain data, so a worker process can hand it back."""

    source: str
    outputs: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    failure: str = ""  # a message of its own (template, output folder, unexpected) beside the findings
    department: str = ""
    clash: str = ""  # the source already listed whose outputs this one's would share a name with

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def failed(self) -> bool:
        return bool(self.failure) or not self.outputs

    @property
    def status(self) -> str:
        """通过 / 有警告 / 失败: what the summary and the index show."""
        if self.failed:
            return "失败"
        return "有警告" if self.warnings else "通过"

    @property
    def status_text(self) -> str:
        if self.failed:
            if self.clash:  # both sources named, wherever the status is shown (progress, summary, index)
                return f"失败（输出与 {self.clash} 同名）"
            if self.failure and not self.errors:
                return f"失败（{_FAILURE_WORDS.get(self.failure_kind, self.failure_kind)}）"
            return f"失败（{self.errors} 个错误）"
        if self.warnings:
            return f"有警告（{self.warnings} 个）"
        return "通过"

    @property
    def failure_kind(self) -> str:
        # "错误 [模板] …" → 模板
        start, end = self.failure.find("["), self.failure.find("]")
        return self.failure[start + 1:end] if 0 <= start < end else "错误"

    def messages(self) -> list[str]:
        """The lines a user reads on stderr for this source, as `render` has always printed them."""
        lines = [f.format() for f in self.findings]
        if self.failure:
            lines.append(self.failure)
        elif not self.outputs:
            lines.append(f"{one_line(self.source)}: 有 {self.errors} 个错误，未生成任何文件")
        return lines


@dataclass(frozen=True, repr=False, eq=False)
class Job(Record):
    """Everything a worker needs to render one source (picklable)."""

    out: Path
    formats: tuple[str, ...]
    templates: tuple[Path, ...] | None
    draft: bool
    debug: bool = False
    layout: str | None = None  # --layout: a shipped layout's name or a folder (over each source's 版式)
    print_to: Path | None = None  # a batch's PDFs: each DOCX left here, all printed by one LibreOffice


def render_one(source: str, job: Job, catch_all: bool = True) -> Outcome:
    """Render one source; every failure becomes a Chinese message. An unexpected error too, unless
    ``catch_all`` is false: then it goes up to the command line's last line of defence (exit 3)."""
    start = time.perf_counter()
    path = Path(source)
    try:
        with _gc_paused():
            result = render_source(path, job.out, job.formats, list(job.templates) if job.templates else None,
                                   job.draft, job.layout, job.print_to)
    except (TemplateFault, LayoutError, PdfUnavailable, OutputTooLarge, EnvironmentValueError, OSError) as exc:
        return Outcome(source, seconds=time.perf_counter() - start, failure=_failure(source, job, exc))
    except Exception as exc:  # never a traceback for a user: report it and go on with the others
        if not catch_all:
            raise
        import traceback  # deferred: traceback costs 1.4 ms at start-up, needed only for an unexpected error

        detail = traceback.format_exc() if job.debug else ""
        return Outcome(source, seconds=time.perf_counter() - start,
                       failure=f"{detail}{one_line(source)}: 错误 [内部] 生成时出现意外错误（{type(exc).__name__}: {exc}）。"
                               "请把源文件与此信息报告给开发者；设置 REPORTGEN_DEBUG=1 可查看详细信息。")
    department = result.document.meta.get("department", "") if result.document is not None else ""
    return Outcome(source, [str(p) for p in result.outputs], result.findings, time.perf_counter() - start,
                   department=department)


def _failure(source: str, job: Job, exc: Exception) -> str:
    """A render's failure the user can act on, by its kind: a template's fault at its file and line; a layout's (a
    --layout folder edited after the check before the batch began); the PDF's or the workbook's (nothing of the
    source was written: its outputs move in together); an environment variable's (checked by run before any work;
    here for other callers); an output that cannot be written."""
    if isinstance(exc, TemplateFault):
        where = (f"{exc.file}:{exc.line}: " if exc.line else f"{exc.file}: ") if exc.file else ""
        return f"{where}错误 [模板] {exc.message}"
    if isinstance(exc, LayoutError):
        return f"{one_line(source)}: 错误 [版式] {exc.message}"
    if isinstance(exc, PdfUnavailable):
        return f"{one_line(source)}: 错误 [PDF] {exc.message}"
    if isinstance(exc, OutputTooLarge):
        return f"{one_line(source)}: 错误 [xlsx] {exc.message}"
    if isinstance(exc, EnvironmentValueError):
        return f"{one_line(source)}: 错误 [环境变量] {exc.message}"
    return f"{one_line(source)}: 错误 [输出] 无法写入 {one_line(str(job.out))}：{reason(exc)}"  # type: ignore[arg-type]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for one render. A render builds a large heap with hardly
    a cycle in it (the Budget, the Document, the markup), and the collector's repeated passes
    over it cost a tenth of a large render; the cycles a render leaves are collected after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- sources -----------------------------------------------------------------------------------
def expand_sources(patterns: Iterable[str | Path]) -> tuple[list[str], list[Outcome], list[str]]:
    """Paths as given, globs expanded (sorted; ``**`` spans folders), each file once.

    Returns the sources to render; already failed, the globs that matched nothing and the sources
    whose output names would overwrite another's (two ``x.yaml`` in different folders); and a note
    for each name left out as a file already listed under a name of the same outputs (``a.yaml``
    and ``./a.yaml``). A link under another name (``b.yaml`` → ``a.yaml``) is rendered as named.
    """
    sources: list[str] = []
    problems: list[Outcome] = []
    notes: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    stems: dict[str, str] = {}
    for pattern in map(str, patterns):
        if _GLOB_CHARS & set(pattern) and not Path(pattern).exists():
            matches = sorted(glob.glob(pattern, recursive=True))
            if not matches:
                problems.append(Outcome(pattern, failure=f"{pattern}: 错误 [文件] 没有与之匹配的文件"))
                continue
        else:
            matches = [pattern]
        for match in matches:
            stem = Path(match).stem
            key = (os.path.realpath(match), stem)
            if key in seen:
                notes.append(f"{match}: 与已列出的 {seen[key]} 是同一个文件，只生成一次")
                continue
            seen[key] = match
            if stem in stems:
                problems.append(Outcome(match, failure=f"{match}: 错误 [输出] 与 {stems[stem]} 的输出文件同名（{stem}.*），"
                                                        "会互相覆盖：请改名后再生成", clash=stems[stem]))
                continue
            stems[stem] = match
            sources.append(match)
    return sources, problems, notes


# -- running -----------------------------------------------------------------------------------
def _worker_setup() -> None:
    # Ctrl-C is the parent's to handle: it stops the pool; a worker would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent ends its workers with SIGTERM: a worker unwinds, removing its staging folder.
    handle_sigterm()
    reportgen.runners.render.PARALLEL_WRITERS = False  # the workers already keep every core busy


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Fork where there is one: workers start at once with the parent's warm state (imports,
    the DOCX base package). The CLI's parent process has no threads, so forking is safe."""
    import multiprocessing  # deferred: multiprocessing costs 4 ms at start-up, needed only for several sources

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _warm_up(formats: tuple[str, ...]) -> None:
    """Import and build once in the parent what every worker needs, so forked workers inherit it
    (the loader, checks, templates and HTML writer are imported with this module)."""
    if "docx" in formats:
        from reportgen.writers import docx  # deferred: the DOCX writer costs 2 ms at start-up, needed only for DOCX

        docx.base_package()
    if "xlsx" in formats:
        import xlsxwriter  # type: ignore[import-untyped]  # noqa: F401  # deferred: XlsxWriter, 25 ms, for an xlsx only: loaded once before the workers fork


def run_parallel(sources: list[str], job: Job, jobs: int, on_done: Callable[[Outcome], None]) -> list[Outcome]:
    """Render ``sources`` in ``jobs`` worker processes; ``on_done`` sees each outcome as it comes.

    A worker that dies (killed for memory, say) breaks the pool and with it every source still
    in it: those are tried again one by one, each in a pool of its own, so that only the source
    that kills its worker again is reported as failed.
    """
    outcomes: dict[str, Outcome] = {}
    broken = _run_pool(sources, job, jobs, outcomes, on_done)
    for source in broken:
        if _run_pool([source], job, 1, outcomes, on_done):
            outcomes[source] = Outcome(source, failure=f"{one_line(source)}: 错误 [内部] 生成进程意外退出（可能内存不足）")
            on_done(outcomes[source])
    return [outcomes[s] for s in sources]


def _run_pool(sources: list[str], job: Job, jobs: int, outcomes: dict[str, Outcome],
              on_done: Callable[[Outcome], None]) -> list[str]:
    """One pool over ``sources``; returns the sources lost with a broken pool."""
    from concurrent.futures import ProcessPoolExecutor, as_completed  # deferred: 11 ms at start-up, a batch only
    from concurrent.futures.process import BrokenProcessPool  # deferred: 11 ms at start-up, a batch only

    broken: list[str] = []
    executor = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(sources))), initializer=_worker_setup,
                                   mp_context=_fork_context())
    try:
        futures: dict[Future[Outcome], str] = {executor.submit(_render_in_worker, s, job): s for s in sources}
        for future in as_completed(futures):
            source = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                broken.append(source)
                continue
            except Exception as exc:  # a result that could not come back (unpicklable, say)
                outcome = Outcome(source, failure=f"{one_line(source)}: 错误 [内部] 生成时出现意外错误（{type(exc).__name__}: {exc}）")
            outcomes[source] = outcome
            on_done(outcome)
    except BaseException:
        workers = list((getattr(executor, "_processes", None) or {}).values())  # shutdown forgets them
        executor.shutdown(wait=False, cancel_futures=True)
        _stop_workers(workers)
        raise
    executor.shutdown(wait=True)
    return [s for s in sources if s in broken]


def _stop_workers(workers: list[Any]) -> None:
    """End the workers of an interrupted pool at once (each unwinds on SIGTERM, removing its
    staging folder, and exits: _render_in_worker) rather than let them finish renders, or start
    queued ones, that nobody waits for."""
    for process in workers:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in workers:
        with contextlib.suppress(Exception):
            process.join(timeout=30)


def _render_in_worker(source: str, job: Job) -> Outcome:
    """render_one in a pool worker. SIGTERM (the parent stopping the pool) unwinds the render
    (its staging folder removed on the way) and then ends the worker: the pool's own loop would
    otherwise catch it and go on with the next queued source."""
    try:
        return render_one(source, job)
    except KeyboardInterrupt:
        remove_live()  # a staging folder the signal caught between its making and its holder (seen in a CI run)
        os._exit(128 + signal.SIGTERM)


# -- showing -----------------------------------------------------------------------------------
def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for a Han character or a full-width form."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def summary_table(outcomes: list[Outcome]) -> str:
    """源文件 / 结果 / 用时, one line per source, columns aligned for Chinese text."""
    rows = [("源文件", "结果", "用时")] + [(o.source, o.status_text, f"{o.seconds:.2f} 秒") for o in outcomes]
    widths = [max(display_width(row[i]) for row in rows) for i in range(2)]
    lines = [f"{_pad(a, widths[0])}  {_pad(b, widths[1])}  {c}".rstrip() for a, b, c in rows]
    lines.insert(1, "-" * (widths[0] + widths[1] + 4 + max(display_width(r[2]) for r in rows)))
    return "\n".join(lines)


def totals_line(outcomes: list[Outcome], seconds: float) -> str:
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("通过", "有警告", "失败")}
    rate = len(outcomes) / seconds if seconds > 0 else 0.0
    return (f"共 {len(outcomes)} 个源文件：通过 {counts['通过']}，有警告 {counts['有警告']}，失败 {counts['失败']}；"
            f"用时 {seconds:.1f} 秒（每秒 {rate:.1f} 个）")


class Progress:
    """One line updated in place on a terminal; one line per finished source otherwise."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.failed = 0
        self.start = time.perf_counter()
        self.tty = stream.isatty()

    def __call__(self, outcome: Outcome) -> None:
        self.done += 1
        self.failed += outcome.failed
        elapsed = time.perf_counter() - self.start
        if self.tty:
            filled = round(24 * self.done / self.total)
            bar = "[" + "#" * filled + "." * (24 - filled) + "]"  # ASCII: no ambiguous-width glyphs
            failed = f"  失败 {self.failed}" if self.failed else ""
            write_raw(self.stream, f"\r{bar} {self.done}/{self.total}  {elapsed:.1f} 秒{failed}\x1b[K")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            digits = len(str(self.total))
            self.stream.write(f"[{self.done:>{digits}}/{self.total}] {one_line(outcome.source)} {outcome.status_text}"
                              f"（{outcome.seconds:.2f} 秒）\n")
        self.stream.flush()


# -- the index page ----------------------------------------------------------------------------
def index_html(outcomes: list[Outcome], out_dir: Path, seconds: float) -> str:
    """A self-contained page (templates/index.html.j2) listing every source, its outputs (links
    relative to ``out_dir``) and its check status; every value from a source is escaped there."""
    rows = [{
        "source": o.source, "department": o.department, "status": o.status, "status_text": o.status_text,
        "messages": o.messages(), "seconds": f"{o.seconds:.2f}",
        "outputs": [{"href": quote(os.path.relpath(output, out_dir)), "format": Path(output).suffix.lstrip(".").upper()}
                    for output in o.outputs],
    } for o in outcomes]
    return templating.render("page", "index.html.j2", totals=totals_line(outcomes, seconds), rows=rows)


def index_path(out_dir: Path, sources: list[str], formats: tuple[str, ...] = ("html",),
               inputs: list[Path] | None = None) -> Path:
    """out/index.html, unless that is an output of a source (a source called index), a file the
    batch reads, or a file the guard keeps (the user's own page: reading/outputs.py): then
    reportgen-index.html, reportgen-index-2.html, … whichever is none of these."""
    outputs = {f"{Path(s).stem}.{fmt}" for s in sources for fmt in formats}
    for number in range(1, len(sources) + 4096):
        name = INDEX_NAME if number == 1 else "reportgen-index.html" if number == 2 else f"reportgen-index-{number - 1}.html"
        if name not in outputs and not refused_outputs([Output(out_dir / name, "索引页", "written")], inputs or []):
            return out_dir / name
    raise AssertionError("unreachable: more names than sources and kept pages")


def refuse_overlaps(sources: list[str], job: Job) -> tuple[list[str], list[Outcome], list[Path]]:
    """The sources whose outputs would write over a file that another source of the batch reads
    (its unit file, prior-year source, 科目表 or layout: render.files_read), as failed Outcomes,
    found before any work; with the sources left and every file the batch reads."""
    reads = [path for source in sources for path in files_read(Path(source), job.layout)]
    reads += list(job.templates or ())
    owner = {job.out / f"{Path(s).stem}.{fmt}": s for s in sources for fmt in job.formats}
    refused: dict[str, str] = {}
    for out, given in overwritten_inputs(list(owner), reads):
        refused.setdefault(owner[out], f"{owner[out]}: 错误 [输出] {clash_message(out, given)}")
    return ([s for s in sources if s not in refused], [Outcome(s, failure=m) for s, m in refused.items()], reads)


def write_index(path: Path, text: str) -> None:
    """Written whole or not at all, as every output is."""
    write_output(path, text.encode("utf-8"), "render")


# -- the command -------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> int:
    """`reportgen render`, its arguments checked by commands/render.py; returns the exit code."""
    formats = tuple(dict.fromkeys(f.strip() for f in args.format.split(",") if f.strip()))
    jobs = args.jobs or os.cpu_count() or 1
    layout = getattr(args, "layout", None)
    job = Job(args.out, formats, tuple(args.templates) if args.templates else None, args.draft,
              debug=bool(os.environ.get("REPORTGEN_DEBUG")), layout=str(layout) if layout else None)
    sources, problems, notes = expand_sources(args.sources)
    for note in notes:
        print(f"注意：{note}", file=sys.stderr)
    if len(sources) + len(problems) == 1 and sources:
        return _run_single(sources[0], job)
    kept, refused, reads = refuse_overlaps(sources, job)
    return _run_batch(kept, problems + refused, job, jobs, index=not args.no_index, reads=reads)


def _run_single(source: str, job: Job) -> int:
    """One source, in this process, printed as `render` always has."""
    outcome = render_one(source, job, catch_all=False)
    for line in outcome.messages():
        print(line, file=sys.stderr)
    if outcome.failed:
        return 1
    names = "、".join(one_line(output) for output in outcome.outputs)
    print(f"{one_line(source)}: 已生成 {names}（{outcome.seconds:.2f} 秒）")
    return 0


@contextlib.contextmanager
def _printing(job: Job, count: int) -> Iterator[Job]:
    """The job a batch's workers run: with PDF or DOCX asked for and several sources, each worker
    leaves in a folder of ours the DOCX to print (and a DOCX whose 目录 waits for its page numbers),
    and _print_all prints them all with one LibreOffice per core."""
    if not {"pdf", "docx"} & set(job.formats) or count < 2:
        yield job
        return
    with tempfile.TemporaryDirectory(prefix="reportgen-print-") as folder:
        yield replace(job, print_to=Path(folder))


def _print_all(job: Job, outcomes: list[Outcome]) -> None:
    """The PDF of every source that rendered, printed together by LibreOffice, each put in place
    whole beside its DOCX and HTML (a source whose PDF fails is reported as failed); the DOCX whose
    目录 waited for its page numbers filled from the same print (writers/contents_pages.py)."""
    from reportgen.writers.pdf import convert  # deferred: 5 ms at start-up, needed only for PDF

    assert job.print_to is not None
    # every source that rendered (with only a PDF asked for, it has no output yet) left its DOCX here
    done = [o for o in outcomes if not o.failure and (job.print_to / f"{Path(o.source).stem}.docx").is_file()]
    if not done:
        return
    printed = job.print_to / "pdf"
    printed.mkdir()
    docx_files = [job.print_to / f"{Path(o.source).stem}.docx" for o in done]
    try:
        pdfs = convert(docx_files, printed)
    except PdfUnavailable as exc:
        _unprinted(job, done, exc)
        return
    for outcome, docx, pdf in zip(done, docx_files, pdfs, strict=True):
        _place_printed(job, outcome, docx, pdf)


def _unprinted(job: Job, done: list[Outcome], exc: PdfUnavailable) -> None:
    """Where LibreOffice could not print: each source failed where a PDF was asked for (its DOCX and HTML written),
    else warned that its DOCX's 目录 has no page numbers."""
    for outcome in done:
        if "pdf" in job.formats:
            outcome.failure = f"{one_line(outcome.source)}: 错误 [PDF] {exc.message}（其 DOCX 与 HTML 已生成）"
        else:
            outcome.findings.append(Finding("warning", "目录页码", f"{exc.message}：DOCX 目录的页码留空，"
                                            "Word 打开时更新域后显示", outcome.source))


def _place_printed(job: Job, outcome: Outcome, docx: Path, pdf: Path) -> None:
    """One source's print put to use: its DOCX's 目录 numbers filled, its PDF put in place."""
    from reportgen.writers.contents_pages import fill_printed  # deferred: for a batch's DOCX or PDF only
    from reportgen.writers.pdf import created, reproducible  # deferred: 5 ms at start-up, needed only for PDF

    output = job.out / docx.name if "docx" in job.formats else None
    try:
        warning = fill_printed(docx, pdf, output)
    except OSError as exc:
        outcome.failure = f"{one_line(outcome.source)}: 错误 [输出] 无法写入 {one_line(str(output))}：{reason(exc)}"
        return
    if warning:
        outcome.findings.append(Finding("warning", "目录页码", warning, outcome.source))
    if "pdf" not in job.formats:
        return
    target = job.out / pdf.name
    try:
        replace_together([(target, reproducible(pdf.read_bytes(), created(docx)))], "render")
    except OSError as exc:
        outcome.failure = f"{one_line(outcome.source)}: 错误 [输出] 无法写入 {one_line(str(target))}：{reason(exc)}"
        return
    outcome.outputs.append(str(target))


def _run_batch(sources: list[str], problems: list[Outcome], job: Job, jobs: int, index: bool,
               reads: list[Path] | None = None) -> int:
    """Render every source (the problems already failed), print the summary, write the index."""
    start = time.perf_counter()
    progress = Progress(len(sources) + len(problems), sys.stderr)
    for problem in problems:
        progress(problem)
    outcomes = _render_all(sources, job, jobs, progress) if sources else []
    ordered = _in_order(sources, outcomes, problems)
    seconds = time.perf_counter() - start
    _print_failures(ordered)
    print(summary_table(ordered))
    print(totals_line(ordered, seconds))
    if index and job.out.is_dir():
        path = index_path(job.out, sources + [o.source for o in problems], job.formats, reads)
        if not _index_written(path, ordered, job.out, seconds):
            return 1
    return 1 if any(o.failed for o in ordered) else 0


def _in_order(sources: list[str], outcomes: list[Outcome], problems: list[Outcome]) -> list[Outcome]:
    """Each source's outcome in the order the sources were given, then the problems (already failed)."""
    by_source = {o.source: o for o in outcomes + problems}
    return [by_source[s] for s in sources] + problems


def _print_failures(outcomes: list[Outcome]) -> None:
    """Each failed source's messages, on stderr, in order."""
    for outcome in outcomes:
        if outcome.failed:
            for line in outcome.messages():
                print(line, file=sys.stderr)


def _index_written(path: Path, ordered: list[Outcome], out: Path, seconds: float) -> bool:
    """The batch's index page written at ``path`` and told; False (told on stderr) where it cannot be written."""
    try:
        write_index(path, index_html(ordered, out, seconds))
        print(f"索引：{one_line(str(path))}")
    except OSError as exc:
        print(f"reportgen: 错误 [输出] 无法写入索引 {one_line(str(path))}：{reason(exc)}", file=sys.stderr)
        return False
    return True


def _render_all(sources: list[str], job: Job, jobs: int, progress: Progress) -> list[Outcome]:
    """Each source's outcome: in ``jobs`` worker processes, or here one by one; the PDFs of them
    all printed by one LibreOffice at the end."""
    try:
        # Made here, once, before the workers start (each would otherwise race to make it).
        job.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        failure = f"错误 [输出] 无法写入 {one_line(str(job.out))}：{reason(exc)}"
        outcomes = [Outcome(s, failure=f"{one_line(s)}: {failure}") for s in sources]
        for outcome in outcomes:
            progress(outcome)
        return outcomes
    with _printing(job, len(sources)) as batch_job:
        if jobs > 1 and len(sources) > 1:
            _warm_up(job.formats)
            outcomes = run_parallel(sources, batch_job, jobs, progress)
        else:
            outcomes = []
            for source in sources:
                outcomes.append(render_one(source, batch_job))
                progress(outcomes[-1])
        if batch_job.print_to is not None:
            _print_all(batch_job, outcomes)
    return outcomes
