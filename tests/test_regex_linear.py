"""Hangs (issue “Hardening”, part 3): every regular expression that reads a draft's text (review/,
readers/office/docx.py, diff/text.py; and writers/pdf.py over LibreOffice's PDF) runs in time linear in
what it reads, and so does each step of `check --against` that uses them.

The patterns are not listed here: each module's compiled patterns are collected from its namespace
(also inside lists, tuples and dicts), so a pattern added later is covered without a word here. Each
is run (finditer, which is what search, findall, sub and split do at every place, and fullmatch) over
a family of hostile texts: runs of digits, commas, points, spaces, Han characters, units and the
words the patterns look for, with something at the end that makes a match fail. Every family is
timed at about 250 characters, to find the three slowest (square work is the slowest there as at any size: it does
hundreds of times a linear family's work); those three at about 500 characters, best of three, and at 16 times that,
once (a busy machine only stretches a time: one that looks slow is timed again, best of seven): linear work takes
about 16 times as long, square work 256 times, exponential work never finishes. So the bound is generous both ways:
at most 64 times as long, and half a second.

The sweep runs in a child process with a time limit: a pattern that backtracks exponentially would
otherwise hang pytest itself (the regex engine cannot be interrupted); the child says which pattern
it was timing.

A pattern found linear is kept so in the user's cache (reportgen.base.cache: a JSON entry, checked as any), keyed by
its text and flags, the Python that ran it and this file's bytes (its texts, sizes and bounds): what a pattern
costs depends on nothing else, so a pattern unchanged since is not timed again (a pattern found slow is never
kept). The steps are timed every time: they run the code of all reportgen."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reportgen.base import cache
from reportgen.base.patterns import compiled
from tests.clocks import cpu_now

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"

MODULES = ("reportgen.readers.text.lines", "reportgen.readers.text.statements", "reportgen.review.glossary",
           "reportgen.review.sentences.judge", "reportgen.review.text_rules.budget_wording", "reportgen.review", "reportgen.review.sentences.prior_rates",
           "reportgen.review.text_rules.base", "reportgen.review.text_rules.left_in", "reportgen.checks.slips", "reportgen.review.text_rules.kinds",
           "reportgen.review.text_rules.years", "reportgen.review.text_rules.parts", "reportgen.review.text_rules.repeats",
           "reportgen.review.text_rules.directions", "reportgen.review.text_rules.empty_notes",
           "reportgen.review.text_rules.enumerations", "reportgen.review.text_rules.levels", "reportgen.readers.text.cell_lines", "reportgen.review.sentences.consistency",
           "reportgen.readers.office.docx", "reportgen.diff.text", "reportgen.writers.pdf",
           "reportgen.importing.recognition.recognize", "reportgen.importing.recognition.rows", "reportgen.importing.recognition.catalog",
           "reportgen.importing.emit", "reportgen.importing.text.text_fields", "reportgen.importing.text.text_parts",
           "reportgen.readers.pdf.pdf_tables", "reportgen.readers.office.docx_tables", "reportgen.readers.office.sheets",
           "reportgen.readers.sniff", "reportgen.readers.htmltables", "reportgen.readers.office.csvfile",
           "reportgen.readers.office.spreadsheetml", "reportgen.paperwork.listing", "reportgen.paperwork.places",
           "reportgen.paperwork.roster")
SMALL, LARGE = 500, 8_000  # (square work shows at either size: 256 times as long)
# The size at which every family is run once to find a subject's three slowest (1,440 families: 95 % of the sweep's
# time); square work over 250 characters does over a hundred times a linear family's work, so it is among them.
RANK = 250
FACTOR = 64  # linear: 16; square: 256
LIMIT = 0.5  # seconds for LARGE characters (linear work takes milliseconds)
FLOOR = 20e-6  # below this a SMALL time is noise
SWEEP_SECONDS = 600  # the whole sweep takes seconds; square work would take minutes, exponential forever

# A 45-byte line of digits, a letter and digits: the table-row pattern backtracked over the ways to
# cut the digits into numbers (2^36 of them) — over 30 seconds, in fact hours.
HOSTILE_LINE = "1" * 36 + "a" + "1" * 8

UNITS = ("1", "12", "2022", "1,", "1，", "1.", "1．", "1.5,", "1 ", "1\t", "1\u3000", " ", "\t", "\u3000", " \u3000",
         "-", "-1 ", "1-", "a", "中", "中 ", "中,", "中，", "中1", "中 1", "1中", "万元", "元", "1万元", "%", "，", "。",
         "；", "：", "、", "（", "）", "(", ")", "（类）", "(项)", "“", "”", "一", "一、", "比上年", "比2021年", "增加",
         "增长", "下降1", "占", "持平", "其中", "家", "1家", "表", "年", "情况", "预算", "第一部分", "XX", "{", "heading",
         "/ID", "<", "<a b=c ", "<!--", "</", "<p>", "<td>", "&#", "\n")
ENDS = ("", "a", "中", "万元", "%", "。", "1", " ", ".", ",")


def families() -> Iterator[tuple[str, Callable[[int], str]]]:
    """(name, text of about n characters) for each family of hostile texts."""
    for unit in UNITS:
        for end in ENDS:
            yield f"{unit!r}*n+{end!r}", lambda n, u=unit, e=end: u * max(1, n // len(u)) + e
            yield f"中+{unit!r}*n+{end!r}+1", lambda n, u=unit, e=end: "中" + u * max(1, n // len(u)) + e + "1"


def patterns() -> list[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    """Every compiled pattern in MODULES' namespaces (and one level of containers in them)."""
    # keyed by what the pattern is, not by the object: two modules compiling the same pattern may share re's cached
    # object in one process and not in another (the cache evicts), and this list is made in two processes
    found: dict[tuple[object, int], tuple[str, re.Pattern[str] | re.Pattern[bytes]]] = {}

    def collect(name: str, value: object, depth: int = 0) -> None:
        pattern = compiled(value)  # compiled by re.compile, or kept by reportgen.base.patterns.regex to compile on use
        if pattern is not None:
            found.setdefault((pattern.pattern, pattern.flags), (name, pattern))
        elif depth < 3 and isinstance(value, (list, tuple, frozenset, set)):
            for i, item in enumerate(value):
                collect(f"{name}[{i}]", item, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                collect(f"{name}[{key!r}]", item, depth + 1)

    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for attribute, value in vars(module).items():
            collect(f"{module_name}.{attribute}", value)
    return list(found.values())


def _exercise(pattern: re.Pattern[str] | re.Pattern[bytes], text: str) -> None:
    subject: str | bytes = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
    for _ in pattern.finditer(subject):  # type: ignore[arg-type]
        pass
    pattern.fullmatch(subject)  # type: ignore[arg-type]


def _functions() -> list[tuple[str, Callable[[str], object]]]:
    """The steps of `check --against` that run the patterns over a draft, each on one text."""
    from reportgen.readers.text.lines import Line, html_lines
    from reportgen.readers.text.statements import read_statements
    from reportgen.review.glossary import Glossary, normalize
    from reportgen.review.sentences.judge import judge
    from reportgen.review.text_rules import text_findings
    from reportgen.runners.render import prepare

    prepared = prepare(YANTIAN)
    assert prepared.budget is not None and prepared.figures is not None
    glossary = Glossary(prepared.budget, prepared.figures)
    draft = Path("draft.txt")

    def many_lines(text: str) -> object:  # the text as many short lines (joined into one sentence)
        return read_statements([Line(i, text[i:i + 8]) for i in range(0, len(text), 8)])

    return [
        ("read_statements", lambda text: read_statements([Line(1, text)])),
        ("read_statements of many lines", many_lines),
        ("judge", lambda text: judge(read_statements([Line(1, text)]), glossary)),
        ("text_findings", lambda text: text_findings([Line(1, text)], 2022, draft)),
        ("html lines", lambda text: html_lines(text, Path("draft.html"))[0]),
        ("Glossary.find", glossary.find),
        ("normalize", lambda text: normalize(text, prepared.budget.department if prepared.budget else "")),
    ]


# The sweep's clock: this process's CPU time alone. It starts no child, and a million readings of tests.clocks.cpu_now
# (which adds the children's, through os.times(), a second system call of 10 ms ticks) were a third of its time.
_clock = time.process_time


def _best(run: Callable[[str], object], text: str, times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = _clock()
        run(text)
        best = min(best, _clock() - start)
    return best


KEPT = "tests-regex-linear"  # the cache's name for a pattern's timings


def _timings(data: object) -> list[tuple[str, float, float]]:
    """A kept entry read back: (family, small, large) three times; else a miss."""
    if not (isinstance(data, list) and len(data) == 3 and all(
            isinstance(one, list) and len(one) == 3 and isinstance(one[0], str)
            and all(isinstance(value, float) for value in one[1:]) for one in data)):
        raise cache.Shape("not a pattern's timings")
    return [(family, small, large) for family, small, large in data]


_KEPT_FORM = cache.json_form(lambda timings: [list(one) for one in timings], _timings)


def _key(pattern: re.Pattern[str] | re.Pattern[bytes]) -> str:
    return cache.key_of(Path(__file__).read_bytes(), sys.version.encode(), repr(pattern.pattern).encode(),
                        str(pattern.flags).encode())


def sweep() -> list[dict[str, object]]:
    """For each pattern and function: the three slowest families, timed at SMALL and LARGE (a pattern kept linear in
    the cache: as timed then)."""
    results: list[dict[str, object]] = []
    subjects: list[tuple[str, Callable[[str], object], str]] = [
        (name, lambda text, p=pattern: _exercise(p, text), _key(pattern)) for name, pattern in patterns()]
    subjects += [(name, run, "") for name, run in _functions()]
    texts = [(family, make, make(RANK)) for family, make in families()]  # made once, not once a subject
    for name, run, key in subjects:
        kept = cache.fetch(KEPT, key, _KEPT_FORM) if key else None
        if kept is None:
            print(f"timing {name}", file=sys.stderr, flush=True)
            kept = _timed(run, texts)
            if key and not any(_slow(small, large) for _, small, large in kept):
                cache.store(KEPT, key, kept, _KEPT_FORM)
        results += [{"subject": name, "family": family, "small": small, "large": large} for family, small, large in kept]
    return results


def _timed(run: Callable[[str], object], texts: list[tuple[str, Callable[[int], str], str]]) -> list[tuple[str, float, float]]:
    """The three slowest families at RANK, each timed at SMALL and LARGE: (family, small, large)."""
    return [(family, *_measured(run, make)) for family, make in _slowest(run, texts)]


def _slowest(run: Callable[[str], object], texts: list[tuple[str, Callable[[int], str], str]]) -> list[tuple[str, Callable[[int], str]]]:
    """The three families whose text (of RANK characters) ``run`` took longest over, slowest first: each timed once,
    then the ten slowest of those timed again, best of three (one run of a few microseconds interrupted by the machine
    can outlast square work: on a fast machine under the suite's load, 中+'元'*n ranked above '1'*n for \\d+x)."""
    once = []
    for family, make, text in texts:
        start = _clock()
        run(text)
        once.append((_clock() - start, family, make, text))
    once.sort(key=lambda entry: entry[0], reverse=True)
    again = sorted(((_best(run, text), family, make) for _, family, make, text in once[:10]),
                   key=lambda entry: entry[0], reverse=True)
    return [(family, make) for _, family, make in again[:3]]


def _slow(small: float, large: float) -> bool:
    return large > LIMIT or large > FACTOR * max(small, FLOOR)


def _measured(run: Callable[[str], object], make: Callable[[int], str]) -> tuple[float, float]:
    """The best of three times at SMALL and one at LARGE (a busy machine only stretches a time, so a LARGE run within
    the bounds is proof enough); where they look slow, timed again, best of more runs: a machine busy with other work
    stretches a run's CPU time by a fraction (it failed so at load 6), square work by 256 times."""
    small, large = _best(run, make(SMALL)), _best(run, make(LARGE), 1)
    if _slow(small, large):
        small, large = min(small, _best(run, make(SMALL), 7)), _best(run, make(LARGE), 7)
    return small, large


@pytest.fixture(scope="module")
def timings() -> list[dict[str, object]]:
    try:
        done = subprocess.run([sys.executable, "-m", "tests.test_regex_linear"], capture_output=True, text=True,
                              cwd=ROOT, timeout=SWEEP_SECONDS, env={**os.environ, "PYTHONHASHSEED": "0"})
    except subprocess.TimeoutExpired as exc:
        said = (exc.stderr or b"").decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        pytest.fail(f"the sweep did not finish in {SWEEP_SECONDS} s; it was " + (said.strip().splitlines() or ["?"])[-1])
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_every_pattern_over_a_draft_is_collected():
    names = {name for name, _ in patterns()}
    assert "reportgen.readers.text.statements._TOKENS" in names and "reportgen.readers.text.lines.WIDE_SPACE" in names
    assert any(name.startswith("reportgen.readers.office.docx._NUMBERING[") for name in names)  # inside a list
    assert len(names) > 60


def test_every_pattern_and_step_runs_in_linear_time(timings):
    subjects = {t["subject"] for t in timings}
    assert {name for name, _ in patterns()} <= subjects and "read_statements" in subjects
    slow = [t for t in timings if _slow(float(str(t["small"])), float(str(t["large"])))]
    assert not slow, "\n".join(f"{t['subject']} on {t['family']}: {t['small'] * 1000:.2f} ms at {SMALL} characters, "
                               f"{t['large'] * 1000:.2f} ms at {LARGE}" for t in slow)


def test_the_hostile_line_is_checked_at_once(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("\n".join([HOSTILE_LINE, "中" + HOSTILE_LINE, "1," * 30 + "x", " " * 5000 + "a",
                                "一般公共服务支出 " + "1" * 40 + "a 1", "占" + "1，" * 3000 + "中",
                                "1" * 5000 + "万", "（" + "中" * 5000 + "（类）" * 100, ""]), encoding="utf-8")
    start = cpu_now()
    done = subprocess.run([sys.executable, "-m", "reportgen", "check", str(YANTIAN), "--against", str(draft)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert cpu_now() - start < 30
    assert done.returncode in (0, 1), done.stderr
    assert "内部错误" not in done.stderr and "Traceback" not in done.stderr
    # its counts, or — nothing in it reading as a figure — that it holds none: either way at once
    assert f"{draft}: 读到" in done.stdout or "草稿中没有读到任何数字" in done.stdout


def test_the_table_row_pattern_no_longer_backtracks():
    from reportgen.readers.text.statements import _table_row

    start = cpu_now()
    assert _table_row(HOSTILE_LINE) is None  # no Han words before the numbers
    hostile = "中" + "1" * 5000 + "a1"  # a row: its number is the last 1 (the old pattern cut the 5,000 digits every way)
    assert _table_row(hostile) == hostile
    assert _table_row("一般公共服务支出 1,234.56 -7 8．5") == "一般公共服务支出 1,234.56 -7 8．5"
    assert cpu_now() - start < 0.5


def test_the_measure_tells_square_work_from_linear():
    """At these sizes a pattern that tries every start and backtracks over the rest is told, one that does not is
    not: the sweep above can fail."""
    def timed(pattern: str) -> tuple[float, float]:
        compiled = re.compile(pattern)
        return tuple(_best(lambda text: _exercise(compiled, text), "1" * size, 1) for size in (SMALL, LARGE))

    assert _slow(*timed(r"\d+x"))
    assert not _slow(*timed(r"\d+"))


def test_the_sweep_ranks_square_work_among_the_slowest():
    """Over every family at RANK, the three slowest of a square pattern are runs of the digits it backtracks over:
    the families test_the_measure_tells_square_work_from_linear finds slow at SMALL and LARGE."""
    square = re.compile(r"\d+x")
    slowest = _slowest(lambda text: _exercise(square, text), [(f, make, make(RANK)) for f, make in families()])
    assert all(family.startswith(("'1", "'2", "中+'1", "中+'2")) for family, _ in slowest), slowest


if __name__ == "__main__":
    json.dump(sweep(), sys.stdout)
