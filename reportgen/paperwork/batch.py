"""Many documents reviewed at once, as a bureau's folder holds them: each in a worker process (one
per core by default), its pages, annotated copy and hand-back written into the run's staging folder
as soon as it is reviewed, and only what the summary and the register need kept — so that a
province's 10,000 documents run in bounded memory, and the results come back in the documents'
order, each told as it is done.

A disclosure published as several files (a narrative and its tables file, importing/identity.py) is
reviewed as one document: each file is read alone first; those that are a narrative or tables are
held back unreviewed, and once all are done, each narrative and the tables file of the same group (the files named
together, or one folder's) that are one disclosure are reviewed together, in the narrative's place — told
after the rest, each half that is no part of such a pair then reviewed alone.

The terminal's words for one document are the command's (``describe``, a module-level function so
that a worker process can be handed it); this module only runs and gathers."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.base.patterns import kept
from reportgen.paperwork.register import Known, known
from reportgen.review import documents
from reportgen.review.documents import DocumentReview

if TYPE_CHECKING:
    import multiprocessing.context

    from reportgen.importing import Part
    from reportgen.paperwork.handback import Issued
    from reportgen.paperwork.pages import SummaryPart

Describe = Callable[[DocumentReview], None]  # prints the document's findings (captured), as the command says them
AsJson = Callable[[DocumentReview], dict[str, object]]


@dataclass(frozen=True)
class Task:
    index: int
    document: Path
    layout: str | None
    staging: Path | None  # where its pages go (None: no pages)
    describe: Describe
    as_json: AsJson | None  # None: no JSON wanted
    group: str = ""  # the files named together share one, a folder's files another: a disclosure is of one
    files: tuple[Path, ...] = ()  # the files reviewed as this one document (a disclosure's); () : document
    issued: Issued | None = None  # who sends its notice, when, by when (review --issuer --date --deadline)
    # a file alone that is half of a disclosure held back unreviewed: reviewed with its other half, or alone (not held)
    # where it has none — not reviewed alone first, then again as one
    hold: bool = True


@dataclass
class Done:
    """What is kept of one reviewed document."""

    index: int
    document: Path
    text: str  # its findings as the terminal tells them
    json: dict[str, object] | None
    clean: bool
    outcome: str  # 未能审核 / 有问题 / 未发现问题: as every page says it
    known: Known
    parts: list[SummaryPart]  # where pages are written: its part of the summary (each disclosure's, of a file of several)
    files: list[str]  # the names written into the staging folder
    told: list[str]  # lines for stderr (an annotated copy not written …)
    half: Part | None = None  # reviewed alone, a narrative or tables: held back to be paired
    # the outcome of each disclosure its file holds (one but for a file of several: each counted as a document)
    outcomes: tuple[str, ...] = ()
    # what each disclosure its file holds is of (the roster's rows are matched each; () : ``known`` alone)
    knowns: tuple[Known, ...] = ()


def review_one(task: Task) -> Done:
    """One task's document reviewed; a file alone that is half of a disclosure (a narrative or tables) held back
    unreviewed (``hold``): reviewed with its other half, or alone once none is found (``review_all``)."""
    held = task.hold and not task.files
    result = documents.review_files(list(task.files or (task.document,)), task.layout, held)  # looked up when called
    if held and result.half is not None:
        return Done(task.index, task.document, "", None, False, "", known(result), [], [], [], result.half)
    return _finished(task, result)


def _review_in_worker(task: Task) -> Done:
    """``review_one`` in a worker process, which reviews document after document."""
    done = review_one(task)
    let_go()
    return done


_settled = False  # whether this process has set aside what its first document left for good


def started() -> None:
    """A worker's start: what it began with — a fork's copy of its parent's objects, the modules — set aside for
    good (``gc.freeze``). A collection then never walks them: the first document's had walked the parent's whole
    heap (a test calling the command in its own process: some hundred thousand objects), and written to each
    object's header as it went, copying every page of the inherited memory (fork's pages are shared until
    written)."""
    gc.freeze()


def let_go() -> None:
    """What a document left behind freed before the next one: the program collects its young objects
    only every 100,000 allocations (reportgen/__main__.py), and the cycles a review and its pages
    make (fpdf2's and fontTools' objects) reached the oldest generation and stayed, a worker growing
    to 0.6 GB over 200 documents. After the first document, what the process keeps for good (the
    modules, compiled expressions, the legend's face) is frozen too, so that each collection after it
    looks at the objects of one document (bench/review_pages.py: ~20 ms; 70 ms without). Only in a
    worker: the process that runs the command (and the tests, in one process) is left as it is."""
    global _settled  # noqa: PLW0603 - once per process
    gc.collect()
    if not _settled:
        gc.freeze()
        _settled = True


def died(task: Task) -> Done:
    """A document whose worker the system ended (out of memory, killed) even when reviewed alone:
    told as a document that could not be reviewed, by name, and the other documents go on."""
    why = "审核这份文件的进程被系统终止（可能是内存不足），单独重试一次仍然如此：未能审核，请检查这份文件"
    return _finished(task, documents.DocumentReview(task.document, refused=why, files=list(task.files)))


def _finished(task: Task, result: documents.DocumentReview) -> Done:
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        task.describe(result)
    parts: list[SummaryPart] = []
    files: list[str] = []
    told: list[str] = []
    if task.staging is not None:
        from reportgen.paperwork.pages import document_files  # deferred: the writers, only with pages

        for one in result.parts or [result]:  # a file of several disclosures: each one's pages, copy and notice
            part, written, said_of = document_files(one, task.index, task.issued)
            parts.append(part)
            told += said_of
            for name, data in written.items():
                (task.staging / name).write_bytes(data)
                files.append(name)
    return Done(task.index, task.document, said.getvalue(), task.as_json(result) if task.as_json else None,
                result.clean, result.outcome, known(result), parts, files, told, result.half, tuple(result.outcomes),
                tuple(known(part) for part in result.parts))


def review_all(tasks: list[Task], jobs: int) -> Iterator[Done]:
    """Each document's result as it is done, in order; a disclosure's narrative and tables file, held
    back unreviewed, then reviewed as one (and the halves that are none of a pair alone). What
    OCR reads of a scan is shared by the worker processes (pdf_ocr.shared_readings): read once, not again
    when its disclosure is reviewed as one."""
    from reportgen.readers.pdf.pdf_ocr import shared_readings  # deferred: a scan's reader

    with shared_readings():
        held: list[Done] = []
        for done in _each(tasks, jobs):
            if done.half is None:
                yield done
            else:
                held.append(done)
        yield from _joined(held, {task.index: task for task in tasks}, jobs)


def _joined(held: list[Done], tasks: dict[int, Task], jobs: int) -> Iterator[Done]:
    """The held documents: each disclosure of a group reviewed as one, then the rest as reviewed alone."""
    joined = _disclosure_tasks(held, tasks)
    yield from _each(joined, jobs)
    taken = {(task.group, path) for task in joined for path in task.files}
    yield from _each([replace(tasks[d.index], hold=False) for d in held if (tasks[d.index].group, d.document) not in taken],
                     jobs)


def _disclosure_tasks(held: list[Done], tasks: dict[int, Task]) -> list[Task]:
    """A task for each disclosure the held documents of a group make together: its first file's task, with all its
    files."""
    by_path = {(tasks[d.index].group, d.document): d for d in held}
    joined: list[Task] = []
    for group in dict.fromkeys(tasks[d.index].group for d in held):
        halves = [d.half for d in held if tasks[d.index].group == group and d.half is not None]
        for files in documents.disclosures(halves):
            first = by_path[(group, files[0])]
            joined.append(replace(tasks[first.index], files=tuple(files)))
    return joined


def _each(tasks: list[Task], jobs: int) -> Iterator[Done]:
    """Each task's result, in order, as it is done: in this process for one document or one job. A
    worker the system ends (BrokenProcessPool) costs the pool, not the review: the first document
    whose result was lost is reviewed again alone, and the rest go on in a new pool."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(review_one, tasks)
        return
    start = 0
    while start < len(tasks):
        lost = yield from _pooled(tasks[start:], jobs)
        if lost is None:
            return
        yield from _alone(tasks[start + lost])
        start += lost + 1


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # deferred: multiprocessing and its sockets (40 modules), for a pool only

    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


def _pooled(tasks: list[Task], jobs: int) -> Generator[Done, None, int | None]:
    """The tasks' results in order until the pool breaks: then the index of the first one lost."""
    from concurrent.futures import ProcessPoolExecutor  # deferred: for a pool only
    from concurrent.futures.process import BrokenProcessPool  # deferred: as above

    done = 0
    kept()  # the patterns compiled here, once, before the workers fork (each would compile those it runs)
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=_context(), initializer=started) as pool:
        try:
            for result in pool.map(_review_in_worker, tasks):
                yield result
                done += 1
        except BrokenProcessPool:
            return done
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return None


def _alone(task: Task) -> Iterator[Done]:
    from concurrent.futures import ProcessPoolExecutor  # deferred: for a pool only
    from concurrent.futures.process import BrokenProcessPool  # deferred: as above

    with ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=started) as pool:
        try:
            yield pool.submit(_review_in_worker, task).result()
        except BrokenProcessPool:
            yield died(task)


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Progress:
    """“审核 37/10000” on the terminal's last line while the run goes on, where stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.shown = sys.stderr.isatty() and total > 1

    def clear(self) -> None:
        """Take the line away before the results are printed beneath it (stdout may be the same terminal)."""
        if self.shown and self.done:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

    def step(self, label: str) -> None:
        self.done += 1
        if self.shown:
            print(f"\r{label} {self.done}/{self.total}", end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)
