"""Pages of a published PDF and of reportgen's PDF of the same document, side by side: for laying the
two beside each other as a finance officer would (the cover, the 目录, the first page of text, the
收支总表, a function table, the “三公” table), and for the pictures in docs/printing.md.

    python scripts/beside.py PUBLISHED.pdf OURS.pdf -o docs/beside [--dpi 40]

Each page is found by the words printed on it (pdftotext per page), in each PDF separately, so the two
sides show the same part even where their page numbers differ; a part one PDF lacks is said and left
out. Writes OUT-<part>.png (published left, reportgen right) and prints each pair's page numbers.
Needs poppler's pdftotext and pdftoppm, and Pillow (installed with fpdf2).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

# The parts shown, each found as the first page (after the 目录) whose text matches, in order.
PARTS = (
    ("cover", None),  # page 1
    ("contents", re.compile(r"目\s*录")),
    ("text", re.compile(r"主要职能")),
    ("summary-table", re.compile(r"财务收支(?:预算|决算)?总表")),
    ("function-table", re.compile(r"一般公共预算(?:财政拨款)?支出(?:功能分类)?(?:预算|决算)表")),
    ("three-public", re.compile(r"“?三公”?经费(?:和机关运行经费)?(?:预算|支出|决算)")),
)


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, as pdftotext reads it (pages split at form feeds)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8", errors="replace").split("\f")[:-1]


def find_pages(texts: list[str]) -> dict[str, int]:
    """The page (1-based) of each part; a table's page is the first after the 目录 with a title and figures."""
    found: dict[str, int] = {"cover": 1}
    contents = next((i for i, t in enumerate(texts) if PARTS[1][1] and PARTS[1][1].search(t.replace(" ", ""))), None)
    if contents is not None:
        found["contents"] = contents + 1
    after = (contents or 0) + 1
    for name, pattern in PARTS[2:]:
        assert pattern is not None
        page = next((i for i in range(after, len(texts)) if pattern.search(re.sub(r"\s", "", texts[i]))
                     and (name == "text" or re.search(r"\d[\d,]*\.?\d*\s", texts[i]))), None)
        if page is not None:
            found[name] = page + 1
    return found


def picture(pdf: Path, page: int, dpi: int, folder: Path) -> Image.Image:
    stem = folder / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf),
                    str(stem)], check=True)
    with Image.open(f"{stem}.png") as image:
        return image.convert("RGB")


def side_by_side(left: Image.Image, right: Image.Image, labels: tuple[str, str]) -> Image.Image:
    gap, band = 16, 18
    width = left.width + right.width + gap
    height = max(left.height, right.height) + band
    canvas = Image.new("RGB", (width, height), "white")
    canvas.paste(left, (0, band))
    canvas.paste(right, (left.width + gap, band))
    draw = ImageDraw.Draw(canvas)
    draw.text((4, 2), labels[0], fill="black")
    draw.text((left.width + gap + 4, 2), labels[1], fill="black")
    for image, x in ((left, 0), (right, left.width + gap)):
        draw.rectangle((x, band, x + image.width - 1, band + image.height - 1), outline="#888888")
    return canvas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("published", type=Path)
    parser.add_argument("ours", type=Path)
    parser.add_argument("-o", "--out", type=Path, required=True, help="the pictures' path prefix")
    parser.add_argument("--dpi", type=int, default=40)
    args = parser.parse_args(argv)
    theirs, ours = find_pages(page_texts(args.published)), find_pages(page_texts(args.ours))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, _ in PARTS:
            if name not in theirs or name not in ours:
                print(f"{name}: not found in {'the published PDF' if name not in theirs else 'reportgen’s PDF'}")
                continue
            left = picture(args.published, theirs[name], args.dpi, Path(scratch))
            right = picture(args.ours, ours[name], args.dpi, Path(scratch))
            target = Path(f"{args.out}-{name}.png")
            side_by_side(left, right, (f"published p.{theirs[name]}", f"reportgen p.{ours[name]}")).save(target)
            print(f"{name}: published page {theirs[name]}, reportgen page {ours[name]} -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
