"""How much of a published document's prose comes back word for word after ``reportgen import`` and
``reportgen render`` (issue 51): each sentence of the published text (its prose sections, tables and
the table of contents left out), ended by 。, is looked for in the rendered HTML's text, spaces taken
out and parentheses read alike; and again with the figures set aside (digits and their separators out:
“0万元” and “0.00万元” are one wording). A sentence not found is printed, so the count can be checked by eye.

    python -m bench.prose_fidelity bench/corpus/putuo-zhengfuban-2025.pdf [more.pdf …] [--layout 上海] [-v]
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from reportgen.importing.text_parts import TABLE, _numbering, _preprocess, _sections, lines_from_pdftotext, vocabulary


def published_sentences(pdf: Path) -> list[str]:
    """The sentences of ``pdf``'s prose, in order, each without spaces and its list numbering."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    vocab = vocabulary()
    sentences: list[str] = []
    for section in _sections(_preprocess(lines_from_pdftotext(text), vocab), vocab):
        if section.kind == TABLE:
            continue
        joined = "".join(_plain(line.text) for line in section.lines)
        for piece in joined.split("。"):
            number = _numbering(piece)
            piece = piece[number[2]:] if number else piece
            if len(piece) >= 4:
                sentences.append(piece)
    return sentences


def _plain(text: str) -> str:
    return "".join(text.split()).replace("(", "（").replace(")", "）")


def _without_figures(text: str) -> str:
    return re.sub(r"[\d,，.．]", "", text)


def rendered_text(pdf: Path, layout: str, folder: Path) -> str:
    source = folder / "source.yaml"
    python = [sys.executable, "-m", "reportgen"]
    subprocess.run([*python, "import", str(pdf), "--layout", layout, "-o", str(source), "--report",
                    str(folder / "import.html")], capture_output=True, check=True)
    subprocess.run([*python, "render", str(source), "--layout", layout, "--format", "html", "-o", str(folder / "out")],
                   capture_output=True, check=False)
    page = (folder / "out" / "source.html").read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", page, flags=re.S)
    page = re.sub(r"<table.*?</table>", "", page, flags=re.S)
    return _plain(html.unescape(re.sub(r"<[^>]+>", "", page)))


def measure(pdf: Path, layout: str, verbose: bool) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as folder:
        ours = rendered_text(pdf, layout, Path(folder))
    sentences = published_sentences(pdf)
    missing = [s for s in sentences if s not in ours]
    words = _without_figures(ours)
    unworded = [s for s in sentences if _without_figures(s) not in words]
    print(f"{pdf.name}: {len(sentences) - len(missing)} of {len(sentences)} published sentences in the render "
          f"({len(sentences) - len(unworded)} with the figures set aside)")
    if verbose:
        for sentence in missing:
            print(f"  − {sentence[:120]}")
    return len(sentences) - len(missing), len(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="+", type=Path)
    parser.add_argument("--layout", default="上海")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for pdf in args.pdf:
        measure(pdf, args.layout, args.verbose)


if __name__ == "__main__":
    main()
