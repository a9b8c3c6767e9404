"""Next year without friction (issue 80, part 4): `python -m bench.rollover_friction [PDF …]`.

Per published budget: import it with its learned layout (`import --learn-layout`), roll the source over to the next
year (`rollover`), and count what the officer is asked for — the fields left 待填写 (and among them the technical
ones no officer knows, such as 金额精度) and the errors `check` gives on the rolled source. Then fill every 待填写
with this year's figure and write the tracked-changes DOCX of last year's render against it, in the learned layout
(`diff OLD NEW --layout L -o x.docx`): its insertions (w:ins) and deletions (w:del); then change ten figures of
that draft (each by +1, the first ten that leave it checking clean) and write the redline of the draft against
the changed one, where ten changed figures should show about ten changes. One line per document. A measurement: exit
code 0 whatever it measures."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from reportgen.runners.rollover import dump
from reportgen.source.schema import PLACEHOLDER

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT / ".." / "shared" / "corpus" / "fresh1"
DEFAULT = ("zj-hangzhou-qixiang-2026-dept-budget.pdf", "sd-yantai-minzhengju-2026-dept-budget.pdf",
           "js-suzhou-yingji-2026-dept-budget.pdf")
TECHNICAL = ("金额精度", "金额单位", "版式", "展示")
CHANGED = 10


def reportgen(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *arguments], capture_output=True, text=True,
                          check=False, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def _fill(new: Any, old: Any, changed: list[int]) -> Any:
    """``new`` with each 待填写 replaced by the figure at the same place in ``old`` (this year's); the first
    CHANGED of them raised by 1 (counted in ``changed``)."""
    if isinstance(new, dict):
        return {k: _fill(v, _at(old, k), changed) for k, v in new.items()}
    if isinstance(new, list) and isinstance(old, list) and new and all(_asked(v) for v in new):
        return old  # a list asked for whole (部门概况.工作目标: 待填写：{年}年的工作目标): written as this year's
    if isinstance(new, list):
        return [_fill(v, old[i] if isinstance(old, list) and i < len(old) else None, changed)
                for i, v in enumerate(new)]
    if not (isinstance(new, str) and new.startswith(PLACEHOLDER)):
        return new
    if isinstance(old, (int, float, Decimal)) and not isinstance(old, bool):
        changed.append(Decimal(str(old)))
        return _Figure(len(changed) - 1)
    return old if old is not None else 0


def _asked(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PLACEHOLDER)


class _Figure(int):
    """The place of a filled figure, written as this year's or changed (see _written)."""


def _written(value: Any, figures: list[Decimal], raised: set[int]) -> Any:
    if isinstance(value, dict):
        return {k: _written(v, figures, raised) for k, v in value.items()}
    if isinstance(value, list):
        return [_written(v, figures, raised) for v in value]
    if isinstance(value, _Figure):
        return figures[value] + (1 if value in raised else 0)
    return value


def _errors(path: Path) -> int:
    from reportgen.base.errors import SourceError
    from reportgen.runners.render import prepare

    try:
        return len(prepare(path).errors)
    except SourceError as exc:
        return len(exc.findings) or 1


def _ten_changed(filled: Any, figures: list[Decimal], path: Path) -> set[int]:
    """Up to CHANGED figures each raised by 1 such that the source still checks clean (a figure another one
    sums is left as it is), found greedily in the source's order."""
    raised: set[int] = set()
    for at, figure in enumerate(figures):
        if len(raised) == CHANGED:
            break
        if figure <= 0:
            continue
        path.write_text("\n".join(dump(_written(filled, figures, raised | {at}))) + "\n", encoding="utf-8")
        if _errors(path) == 0:
            raised.add(at)
    path.write_text("\n".join(dump(_written(filled, figures, raised))) + "\n", encoding="utf-8")
    return raised


def _at(old: Any, key: str) -> Any:
    if isinstance(old, dict):
        return next((value for name, value in old.items() if str(name) == str(key)), None)
    return old if key == "本年" else None  # a scalar this year, {本年, 上年} the next


def tracked(docx: Path) -> tuple[int, int]:
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    return len(re.findall(r"<w:ins\b", body)), len(re.findall(r"<w:del\b", body))


def measure(pdf: Path, work: Path) -> str:
    stem = pdf.stem
    layout, source, rolled = work / f"{stem}-版式", work / f"{stem}.yaml", work / f"{stem}-next.yaml"
    done = reportgen("import", str(pdf), "-o", str(source), "--learn-layout", str(layout))
    if not source.exists():
        return f"{stem}: import failed: {done.stderr.strip()[-200:]}"
    done = reportgen("rollover", str(source), "-o", str(rolled))
    if not rolled.exists():
        return f"{stem}: rollover refused: {(done.stdout + done.stderr).strip()[-300:]}"
    text = rolled.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    blanks = [line for line in text.splitlines() if not line.lstrip().startswith("#") and PLACEHOLDER in line]
    technical = [key for key in TECHNICAL if str(data.get(key, "")).startswith(PLACEHOLDER)]
    errors = reportgen("check", str(rolled)).stdout.count("错误 [")
    figures: list[Decimal] = []
    filled = _fill(data, yaml.safe_load(source.read_text(encoding="utf-8")), figures)
    filled_path = work / f"{stem}-filled.yaml"
    same_path = work / f"{stem}-same.yaml"
    same_path.write_text("\n".join(dump(_written(filled, figures, set()))) + "\n", encoding="utf-8")
    unchanged = _redline(source, same_path, layout, work / f"{stem}-same.docx")
    changed = _ten_changed(filled, figures, filled_path)
    redline = _redline(same_path, filled_path, layout, work / f"{stem}-diff.docx")
    return (f"{stem}: 待填写 lines {len(blanks)} (technical: {'、'.join(technical) or 'none'}); check errors {errors}; "
            f"last year → next year, figures as last year's → {unchanged}; "
            f"that draft → {len(changed)} figures changed → {redline}")


def _redline(old: Path, new: Path, layout: Path, docx: Path) -> str:
    done = reportgen("diff", str(old), str(new), "--layout", str(layout), "-o", str(docx))
    if not docx.exists():
        return "diff failed: " + done.stderr.strip()[-200:]
    return "tracked changes: {} insertions, {} deletions".format(*tracked(docx))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    args = parser.parse_args(argv)
    pdfs = args.pdfs or [FRESH / name for name in DEFAULT]
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            print(measure(pdf, Path(tmp)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
