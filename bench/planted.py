"""Planted slips: a real source rendered to DOCX, then one figure of the document changed in a known
class, and `reportgen review` asked to find it (`python -m bench.review_eval --planted N`).

The bases are the shipped real sources (data/*.yaml of 上海 and 深圳), rendered once each in the 上海
layout or their own. A plant changes one token of word/document.xml in place — the reviewed document
is then exactly the rendered one with one slip — and is found when a finding of the review names the
planted figure (numbers compared as numbers) or the planted code. Classes:

* 比率 — a 增长/下降 rate of the prose, its last digit changed;
* 占比 — a share (占N%) of the prose, likewise;
* 正文金额 — an amount (N万元 / N元) of the prose, one digit changed;
* 表格数 — an amount in a table's body, one digit changed (a 项 row: its class no longer adds up);
* 年份 — this year in a sentence written as the year before;
* 单位 — an amount's 万元 written as 元;
* 科目编码 — a 项's code in a table changed to another 项 of the same 款 (its name now contradicts it).

Plants are drawn with a fixed seed, evenly over the bases, so a run is reproducible.

`python -m bench.planted [N]` prints both measures: these plants in rendered DOCX, and the same classes
planted in the real PDFs of bench/corpus as an edited figure is printed — the changed digits in a run
of their own, in another size, off the baseline or in another font (bench/split_runs.py).
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASES = ["shanghai-putuo-wenlvju-2026", "shanghai-putuo-chengguan-2026", "shanghai-putuo-jianguanwei-2026",
         "shenzhen-yantian-zgh-2022"]
_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
_CELL = re.compile(r"<w:tc>.*?</w:tc>", re.S)


@dataclass(frozen=True)
class Plant:
    klass: str
    base: str
    was: str
    now: str  # the planted token, as printed
    figure: Decimal | None  # the planted figure as a number (None for a code or a year)


def _digit(text: str, rng: random.Random) -> str:
    """``text`` with one digit (not the first) changed to another."""
    places = [i for i, c in enumerate(text) if c.isdigit()][1:]
    if not places:
        return text
    i = rng.choice(places)
    return text[:i] + str((int(text[i]) + rng.randint(1, 8)) % 10) + text[i + 1:]


def _number(text: str) -> Decimal | None:
    found = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    return Decimal(found.group().replace(",", "")) if found else None


# class → (pattern over a w:t's text outside tables (prose) or inside (table), the change)
Change = Callable[[re.Match[str], random.Random, int], str]
KINDS: dict[str, tuple[str, re.Pattern[str], Change]] = {
    "比率": ("prose", re.compile(r"(?<=增长|下降)\d+\.\d\d(?=%)"), lambda m, r, y: _digit(m.group(), r)),
    "占比": ("prose", re.compile(r"(?<=占)\d+\.\d\d(?=%)"), lambda m, r, y: _digit(m.group(), r)),
    "正文金额": ("prose", re.compile(r"\d[\d,]*\.\d\d(?=万元)"), lambda m, r, y: _digit(m.group(), r)),
    "表格数": ("table", re.compile(r"^\d[\d,]{4,}\.\d\d$"), lambda m, r, y: _digit(m.group(), r)),
    "年份": ("prose", re.compile(r"(?<!\d)20\d\d(?=年(?:预算|部门预算|单位预算))"), lambda m, r, y: str(int(m.group()) - 1)),
    "单位": ("prose", re.compile(r"(?<=\d\.\d\d)万元"), lambda m, r, y: "元"),
    "科目编码": ("table", re.compile(r"^2\d{4}(?!99)\d\d$"), lambda m, r, y: m.group()[:5] + ("99" if m.group()[5:] != "99" else "01")),
}


def render_bases(folder: Path, only: list[str] | None = None) -> dict[str, bytes]:
    """Each base source rendered to DOCX once (its layout's), as bytes; ``only``: the bases holding one of these."""
    from reportgen.runners.render import render_source

    out = {}
    for base in (b for b in BASES if not only or any(word in b for word in only)):
        source = ROOT / "data" / f"{base}.yaml"
        rendered = render_source(source, folder, ("docx",))
        assert rendered.ok, [f.format() for f in rendered.findings]
        out[base] = (folder / f"{base}.docx").read_bytes()
    return out


def _tokens(xml: str, where: str, pattern: re.Pattern[str]) -> list[tuple[int, re.Match[str]]]:
    """(offset of the w:t's text in ``xml``, the match inside it) for each token of the pattern."""
    tables = [(m.start(), m.end()) for m in _CELL.finditer(xml)]
    found = []
    for text in _TEXT.finditer(xml):
        inside = any(a <= text.start() < b for a, b in tables)
        if inside != (where == "table"):
            continue
        found += [(text.start(2), m) for m in pattern.finditer(text.group(2))]
    return found


def plants(bases: dict[str, bytes], per_class: int, seed: int = 41) -> Iterator[tuple[Plant, bytes]]:
    """``per_class`` planted documents of each class, drawn evenly over the bases."""
    rng = random.Random(seed)
    xmls = {base: zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8") for base, data in bases.items()}
    names = list(bases)  # BASES's order (render_bases keeps it), or those asked for
    for klass, (where, pattern, change) in KINDS.items():
        for n in range(per_class):
            base = names[n % len(names)]
            xml = xmls[base]
            candidates = _tokens(xml, where, pattern)
            if not candidates:
                continue
            offset, match = rng.choice(candidates)
            new = change(match, rng, 0)
            if new == match.group():
                continue
            at = offset + match.start()
            planted_xml = xml[:at] + new + xml[offset + match.end():]
            figure = _number(new) if klass not in ("科目编码", "年份", "单位") else None
            if klass == "单位":  # the amount now printed in 元
                before = re.search(r"\d[\d,]*\.\d\d$", match.string[:match.start()])
                figure = _number(before.group()) if before else None
            yield Plant(klass, base, match.group(), new, figure), _with_document(bases[base], planted_xml)


def _with_document(docx: bytes, xml: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml.encode("utf-8") if item.filename == "word/document.xml" else source.read(item))
    return out.getvalue()


def found(plant: Plant, texts: list[str]) -> bool:
    """Whether a finding's text names the plant."""
    from bench.review_eval import numbers

    if plant.klass in ("科目编码", "年份"):
        return any(plant.now in text.replace(" ", "") for text in texts)
    return plant.figure is not None and any(plant.figure in numbers(text) for text in texts)


def run(per_class: int, only: list[str] | None = None) -> dict[str, tuple[int, int]]:
    """class → (plants, found); and "（未植入的底本）" → (bases, findings on them): each base as rendered,
    with no slip, reviewed — every finding there is a false alarm. ``only``: the bases holding one of these."""
    from bench.review_eval import reported_by_review

    results: dict[str, list[bool]] = {}
    with tempfile.TemporaryDirectory(prefix="reportgen-planted-") as folder:
        bases = render_bases(Path(folder), only)
        alarms = sum(len(reported_by_review(Path(folder) / f"{base}.docx")[0]) for base in bases)
        path = Path(folder) / "planted.docx"
        for plant, data in plants(bases, per_class):
            path.write_bytes(data)
            reported, _, _ = reported_by_review(path)
            results.setdefault(plant.klass, []).append(found(plant, [r.text for r in reported]))
    return {"（未植入的底本：报出的问题）": (len(bases), alarms),
            **{klass: (len(hits), sum(hits)) for klass, hits in results.items()}}


def main(argv: list[str] | None = None) -> int:
    import argparse

    from bench import split_runs

    parser = argparse.ArgumentParser(description="planted slips: recall per class")
    parser.add_argument("per_class", type=int, nargs="?", default=12, help="plants per class (12)")
    parser.add_argument("--only", nargs="*", default=None,
                        help="only the bases (data/ sources, bench/corpus PDFs) whose name holds one of these")
    args = parser.parse_args(argv)
    for title, measured in (("planted in rendered DOCX (bench/planted.py)", run(args.per_class, args.only)),
                            ("planted in real PDFs as split runs (bench/split_runs.py)",
                             split_runs.run(args.per_class, args.only))):
        print(f"### {title}", "", "| class | planted | found | recall |", "|---|---|---|---|", sep="\n")
        for klass, (planted, hits) in measured.items():
            if klass.startswith("（未植入"):
                print(f"| {klass} | {planted} 份 | {hits} | — |")
            else:
                print(f"| {klass} | {planted} | {hits} | {hits / planted:.0%} |" if planted else f"| {klass} | 0 | 0 | — |")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
