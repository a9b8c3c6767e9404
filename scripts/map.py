"""The module map of docs/architecture.md, generated: every module of reportgen/, layer by layer in the order
tests/test_layers.py gives them (LAYERS, lowest first), each with the first sentence of its docstring.

    python scripts/map.py            # rewrite the map in docs/architecture.md (between its two markers)
    python scripts/map.py --check    # exit 1, saying so, when the file's map is not the generated one

tests/test_architecture_map.py fails when the file's map differs (a module added, moved or gone, a docstring
changed): run the first command and commit the result. The prose around the map is written by hand.
"""

from __future__ import annotations

import argparse
import ast
import functools
import inspect
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/map.py`: tests/ is imported from the clone
    sys.path.insert(0, str(ROOT))

from tests.test_layers import LAYERS, MODULES, layer_of  # noqa: E402

ARCHITECTURE = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- 模块表：由 python scripts/map.py 生成，勿手改（tests/test_architecture_map.py 核对） -->"
END = "<!-- 模块表完 -->"

# A module that opens with its docstring (after comments and blank lines): a plain or raw triple-quoted string.
_OPENING = re.compile(r'(?:\s*#[^\n]*\n|\s+)*(?P<prefix>[rR]?)(?P<quote>"""|\'\'\')')
# A sentence ends at a full stop followed by a space (or at the end of the docstring's first paragraph): the
# period of "e.g." or of a file name (writer.py) is followed by no space, or by a lower-case word; an ellipsis
# ("FILE... [-o DIR]") ends none.
_SENTENCE_END = re.compile(r"(?<!\.\.)(?<=[.。])\s+(?=[^a-z])")


@functools.cache
def docstring(path: Path) -> str:
    """A module's docstring, cleaned as ast.get_docstring cleans it: only its opening string parsed (a whole module's
    syntax tree, 275 times, is seconds of a quick test run), the whole module where it opens otherwise."""
    text = path.read_text(encoding="utf-8")
    opening = _OPENING.match(text)
    if opening is not None:
        end = text.find(opening["quote"], opening.end())
        if end >= 0:
            try:
                value = ast.literal_eval(text[opening.start("prefix"): end + 3])
            except (SyntaxError, ValueError):
                value = None
            if isinstance(value, str):
                return inspect.cleandoc(value)
    return ast.get_docstring(ast.parse(text)) or ""


def summary(path: Path) -> str:
    """The first sentence of a module's docstring (its first paragraph's, lines joined), or "" when it has none."""
    docstring_ = docstring(path)
    paragraph = " ".join(docstring_.strip().split("\n\n")[0].split())
    end = _SENTENCE_END.search(paragraph)
    return paragraph[: end.start()] if end else paragraph


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table() -> str:
    """The map as Markdown: a heading per layer (lowest first), a row per module (its path, its summary)."""
    out: list[str] = []
    placed = {module: layer_of(module) for module in MODULES}
    for index, (name, _) in enumerate(LAYERS):
        modules = sorted(m for m in MODULES if placed[m] == index)
        out += [f"### {index + 1}. {name}", "", "| 模块 | 说明（模块文档的第一句） |", "|---|---|"]
        for module in modules:
            path = MODULES[module].relative_to(ROOT).as_posix()
            out.append(f"| `{path}` | {_cell(summary(MODULES[module]))} |")
        out.append("")
    return "\n".join(out)


def missing_summaries() -> list[str]:
    """Modules whose docstring gives no sentence to put on the map."""
    return sorted(m for m, path in MODULES.items() if len(summary(path)) < 20)


def with_map(text: str, generated: str) -> str:
    """``text`` (docs/architecture.md) with what stands between its markers replaced by ``generated``."""
    start, stop = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n\n" + generated + "\n" + text[stop:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file's map is current")
    args = parser.parse_args(argv)
    text = ARCHITECTURE.read_text(encoding="utf-8")
    current = with_map(text, table())
    if args.check:
        if current != text:
            print(f"{ARCHITECTURE.relative_to(ROOT)}: the module map is stale: run python scripts/map.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        ARCHITECTURE.write_text(current, encoding="utf-8")
        print(f"{ARCHITECTURE.relative_to(ROOT)}: the module map rewritten ({len(MODULES)} modules)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
