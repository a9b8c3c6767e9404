"""The wording checks as `reportgen review --format json` tells them, on every PDF under ../shared (its corpus, the
corpus's fresh1 and scanned sets, seeds/pdf, seeds/juesuan): `python -m bench.wording_review` (a few minutes).

Each folder is reviewed in one call (as an officer reviews a folder: 北京's 说明 and 报表 as one document). Every
finding of a text rule (review/text_rules: the rules that read the document's words, R-文字 of checks/slips.py among
them) is counted by rule, and judged by bench/wording_judged.yaml, where each finding of the judged run was read
against its PDF (annotated or not) and judged a true slip or a false alarm: a finding is that entry's (its document,
rule and the first words of its message; the line may move). A finding the file does not list is counted “unjudged”
and printed: read it, and add it to the file. `--list` prints every finding with its verdict. A measurement, not a
test: the exit code is 0."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared") if (ROOT.parent / "shared" / "corpus").is_dir() else Path("/work/shared")
FOLDERS = ("corpus", "corpus/fresh1", "corpus/scanned", "seeds/pdf", "seeds/juesuan")
JUDGED = Path(__file__).with_name("wording_judged.yaml")


def text_rules() -> list[str]:
    import reportgen.review.text_rules  # noqa: F401 - registers the text rules
    from reportgen.base.rules import TEXT, rules_reading

    return sorted({rule_id for rule in rules_reading(TEXT) for rule_id in rule.ids} | {"R-文字"})


def _walk(value: object):
    if isinstance(value, dict):
        if "rule" in value and "message" in value:
            yield value
        else:
            for inner in value.values():
                yield from _walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner)


def pdfs_of(folder: str, only: str) -> list[str]:
    return sorted(str(p) for p in (SHARED / folder).glob("*.pdf") if only in p.name)


def findings(rules: list[str], only: str = "") -> list[tuple[str, int, str, str]]:
    """(document, line, rule, message) of every text rule's finding, once each, over every folder (the PDFs whose
    name holds ``only``)."""
    found: list[tuple[str, int, str, str]] = []
    for folder in FOLDERS:
        pdfs = pdfs_of(folder, only)
        if not pdfs:
            continue
        run = subprocess.run([sys.executable, "-m", "reportgen", "review", *pdfs, "--format", "json", "--jobs", "2"],
                             capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                             check=False)
        for document in json.loads(run.stdout):
            seen = set()
            for item in _walk(document):
                key = (Path(item.get("file") or document["document"]).name, item.get("line") or 0, item["rule"],
                       item["message"])
                if item["rule"] in rules and key not in seen:
                    seen.add(key)
                    found.append(key)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="every finding, by rule")
    parser.add_argument("--only", default="", help="the PDFs whose name holds this alone")
    args = parser.parse_args(argv)
    rules = text_rules()
    judged = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))
    # (verdict: true or false — YAML reads them as booleans)
    verdicts = [(e["document"], e["rule"], e["words"], str(e["verdict"]).lower()) for e in judged["judged"]]
    found = findings(rules, args.only)
    counts: dict[str, Counter[str]] = {rule: Counter() for rule in rules}
    for document, line, rule, message in sorted(found, key=lambda f: (f[2], f[0], f[1])):
        verdict = next((v for d, r, words, v in verdicts if (d, r) == (document, rule) and message.startswith(words)),
                       "unjudged")
        counts[rule][verdict] += 1
        if args.list or verdict == "unjudged":
            print(f"{verdict}\t{rule}\t{document}\t{line}\t{message}")
    print(f"{len(found)} findings over {sum(len(pdfs_of(f, args.only)) for f in FOLDERS)} PDFs "
          f"(judged {judged['date']}: {judged['findings']} findings)")
    print("| rule | findings | true | false | unjudged |")
    print("|---|---|---|---|---|")
    total: Counter[str] = Counter()
    for rule in rules:
        total.update(counts[rule])
        told = counts[rule]
        print(f"| {rule} | {told.total()} | {told['true']} | {told['false']} | {told['unjudged']} |")
    print(f"| all | {total.total()} | {total['true']} | {total['false']} | {total['unjudged']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
