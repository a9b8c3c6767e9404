"""The prose figures review leaves 未能核对, listed sentence by sentence: `python -m bench.prose_unread
--national [--only ID ...] [--region 北京市] [--all]` (the national corpus; without --national, 上海's).

For finding the classes of sentences the reader does not read yet: each document's figures left
unknown — 未能核对, with the subject each was read as where it is known, else unread (--unread: only these) —
(or, with --all, every figure read with its verdict), grouped by the sentence they stand in,
with the label each was read with and why it was not judged. A listing for a person, not a measure
(bench/review_eval.py measures); the exit code is 0."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bench.review_eval import CORPUS, NATIONAL, ROOT, _entries


def listing(entry: dict[str, object], layout: str | None, everything: bool, unread: bool = False) -> list[str]:
    """The lines printed for one document of the corpus."""
    from reportgen.review.documents import review_together

    files = [ROOT / str(f) for f in (entry.get("files") or [entry["file"]])]  # type: ignore[attr-defined]
    out = [f"## {entry['id']} ({entry.get('region', '')})"]
    for result in review_together(files, layout):
        if result.narrative is None:
            out.append(f"  (no narrative read: {result.unreviewed or result.refused or '—'})")
            continue
        counts = Counter(v.status for v in result.narrative.verdicts)
        out.append(f"  {result.document.name}: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
        sentence = None
        for verdict in result.narrative.verdicts:
            st = verdict.statement
            if st.kind == "cell" or (verdict.status != "unknown" and not everything) or (unread and verdict.subject):
                continue
            if st.sentence is not sentence:
                sentence = st.sentence
                out.append(f"  L{st.line}: {st.sentence[:160]}")
            subject = verdict.subject
            out.append(f"      {verdict.status:8} {st.kind:6} {st.text:18} label={st.label!r}"
                       + (f" subject={subject!r}" if subject else "")
                       + (f" figure={verdict.figure.name!r}" if verdict.figure is not None else "")
                       + (f" — {verdict.cause[:40]}" if verdict.cause else ""))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--national", action="store_true", help="the documents of other regions")
    parser.add_argument("--only", nargs="*", help="ids to list")
    parser.add_argument("--region", help="only the documents of this region (北京市, 烟台市 …)")
    parser.add_argument("--all", action="store_true", help="every figure read, with its verdict")
    parser.add_argument("--unread", action="store_true", help="only the figures whose subject is not known")
    args = parser.parse_args(argv)
    corpus: Path = NATIONAL if args.national else CORPUS
    for entry in _entries(corpus):
        if (args.only and entry["id"] not in args.only) or (args.region and entry.get("region") != args.region):
            continue
        print("\n".join(listing(entry, None if args.national else "上海", args.all, args.unread)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
