"""Several disclosures in one PDF reviewed against each reviewed alone: `python -m bench.several_in_one [--out DIR]`.

Regions publish one PDF per 部门 with every 单位's 预算公开 appended (importing/in_one_file.py). We stand in for
such files by concatenating whole corpus documents with pypdf, in the shapes a reviewer meets: two 上海市级 units, a
广州 department followed by a 烟台 one, three units, a 决算 followed by a 预算 of another unit, a 北京 说明 and 报表
given as one PDF followed by another department's pair. Each concatenation is reviewed as the command reviews it
(review_files), and each of its documents alone (a PDF of its own pages: a 北京 说明 and 报表 in one file); a
finding is (severity, rule, page in the file, message with its page and line numbers taken out). What the
concatenation tells that no document alone tells is false (the other document's pages read as this one's); what
a document alone tells that the concatenation does not is lost. The PDFs are written to --out (default
/tmp/several-in-one-<pid>), never to the repository. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter

if TYPE_CHECKING:
    from reportgen.review.documents import DocumentReview

CORPUS = Path("/work/shared/corpus")
_NUMBERED = re.compile(r"第\s*\d+\s*[页行]|[:：]\d+(?=\D)")

# each concatenation: its documents in turn, each one file or a 说明 and its 报表 (one disclosure)
SHAPES = {
    "two-shanghai-units": [["sh-city-jiaotongzhiyuan-2026-unit-budget"], ["sh-city-xingkeyuan-2026-unit-budget"]],
    "guangzhou-then-yantai": [["gd-guangzhou-qixiangju-2026-dept-budget"], ["sd-yantai-dashujuju-2026-dept-budget"]],
    "three-units": [["sh-city-jiedukangfu-2026-unit-budget"], ["sh-city-yibaozhongxin-2026-unit-budget"],
                    ["sh-city-zhongyiwenxian-2026-unit-budget"]],
    "final-then-budget": [["gd-foshan-guidaojiaotongju-2019-dept-final"], ["sh-city-huahuichang-2026-unit-budget"]],
    "beijing-pairs": [["bj-shoudulvhuaban-2026-dept-budget", "bj-shoudulvhuaban-2026-dept-budget-tables"],
                      ["bj-minzhengju-2026-dept-budget", "bj-minzhengju-2026-dept-budget-tables"]],
}


def findings(result: DocumentReview, offset: int) -> Counter[tuple[str, str, int, str]]:
    """Every finding told of a document, its page moved by ``offset`` (its place in the concatenation)."""
    from reportgen.paperwork.listing import listed

    return Counter((item.severity, item.rule, item.page + offset if item.page else 0,
                    _NUMBERED.sub("", item.message or item.quote)) for item in listed(result))


def measure(name: str, documents: list[list[str]], out: Path) -> str:
    from reportgen.review.documents import review_files

    writer, alone, offset = PdfWriter(), Counter[tuple[str, str, int, str]](), 0
    outcomes = []
    for files in documents:
        own = PdfWriter()  # the document alone, as one PDF (a 北京 说明 and its 报表 in one file)
        for file in files:
            for page in PdfReader(CORPUS / f"{file}.pdf").pages:
                own.add_page(page)
                writer.add_page(page)
        own.write(out / f"{name}-{files[0]}.pdf")
        result = review_files([out / f"{name}-{files[0]}.pdf"], None)
        outcomes.append(result.outcome)
        alone += findings(result, offset)
        offset += len(own.pages)
    concatenated = out / f"{name}.pdf"
    writer.write(concatenated)
    whole = review_files([concatenated], None)
    told = findings(whole, 0)
    parts = [part.outcome for part in getattr(whole, "parts", [])] or [whole.outcome]
    false, lost = sum((told - alone).values()), sum((alone - told).values())
    return (f"| {name} | {len(documents)} | {len(parts)} | {sum(told.values())} | {false} | {lost} | "
            f"{'、'.join(outcomes)} | {'、'.join(parts)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(f"/tmp/several-in-one-{os.getpid()}"))
    parser.add_argument("--only", nargs="*", default=None, choices=sorted(SHAPES), help="these shapes (default: all)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print("| file | documents | reviewed as | findings | false (not told alone) | lost (told alone only) "
          "| outcomes alone | outcomes in the file |")
    print("|---|---|---|---|---|---|---|---|")
    for name, documents in SHAPES.items():
        if args.only and name not in args.only:
            continue
        print(measure(name, documents, args.out), flush=True)


if __name__ == "__main__":
    main()
