"""The review's prose reader measured on short excerpts of other regions' published pages, each figure's meaning
written by hand before the reader ran on it (bench/corpus/prose-regions/): `python -m bench.prose_regions`.

Each excerpt is reviewed, as a draft, against a small source whose figures differ from all of the excerpt's — so
a figure judged against a field of another meaning shows as a judgement (a false alarm wherever the document's
table holds another value), and a figure judged by the field of its own meaning shows as right. Per annotated
figure (round2.yaml, round4.yaml … round9.yaml — `--round 4` … `--round 9`; round 1's annotations are
prose, scored by hand in round1-score.md):

* R — read with the right meaning: judged by the table figure of its meaning, or named so and not judged;
* K — a figure of a region or of many departments (汇总) or with no table meaning (不判) kept from every table
  figure (read or not: its right reading is not to judge it);
* W — judged against a table figure of another meaning (a false alarm wherever the values differ);
* N — named with another meaning but not judged (no false alarm, still a wrong reading);
* U — unread (no subject, not judged).

`--final` reviews an excerpt of a 决算 (its `kind`) against the same figures as a 决算's (种类: 决算, its 上年结转 the
年初结转和结余): the outturns its sentences say are then judged as a 决算's reviewer judges them — a wrong meaning there is
a false alarm the budget's source hides (without it, as rounds 2 and 3 were scored, every excerpt is a budget's).

`--round1` prints what is judged on round 1's excerpts (figure, its label, the table figure it was judged by) for
a person to compare before and after a change. A measurement, not a test: the exit code is 0 whatever it measures.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportgen.reading.yamlsafe import load_yaml
from reportgen.review import review
from reportgen.review.sentences.judge import Verdict

HERE = Path(__file__).parent / "corpus" / "prose-regions"
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
KEPT_APART = ("汇总", "不判")
JUDGED = ("agree", "disagree", "cut")

SOURCE = """部门: {department}
年度: {year}
金额单位: {unit}
部门概况:
  职责: [测试]
收入:
  一般公共预算拨款: 5000000
  事业收入: 600000
  上年结转: 10
支出:
  功能分类:
    - {{科目: 2010101, 基本支出: 3000000, 项目支出: 1000000}}
    - {{科目: 2080505, 基本支出: 600000}}
    - {{科目: 2101102, 基本支出: 300000}}
    - {{科目: 2210201, 基本支出: 400010}}
    - {{科目: 2010101, 资金: 单位资金, 基本支出: 300000}}
  基本支出:
    经济分类:
      - {{科目: 30101, 金额: 3000000}}
      - {{科目: 30201, 金额: 1300000}}
      - {{科目: 30302, 金额: 10}}
三公经费:
  因公出国（境）费: {{本年: 7}}
  公务用车购置费: {{本年: 7}}
  公务用车运行维护费: {{本年: 7}}
  公务接待费: {{本年: 7}}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


@dataclass
class Token:
    line: int
    text: str
    value: Decimal
    start: int = 0
    taken: bool = False


def _tokens(text: str) -> list[Token]:
    return [Token(i, m.group(), Decimal(m.group().replace(",", "")), m.start())
            for i, line in enumerate(text.splitlines()) for m in NUMBER.finditer(line)]


def _keys(tokens: list[Token]) -> dict[int, str]:
    """Each token's key as round2.yaml writes it: the number as printed, #n its n-th time."""
    seen: dict[str, int] = {}
    keys = {}
    for i, token in enumerate(tokens):
        seen[token.text] = seen.get(token.text, 0) + 1
        keys[i] = f"{token.text}#{seen[token.text]}"
    return keys


def _reviewed(text: str, year: int, unit: str, final: bool = False, department: str = "测试部门") -> list[Verdict]:
    measuring = SOURCE.format(year=year, unit=unit, department=department)
    if final:
        measuring = "种类: 决算\n" + measuring.replace("上年结转:", "年初结转和结余:")
    with tempfile.TemporaryDirectory(prefix="prose-regions-") as folder:
        source, draft = Path(folder) / "源.yaml", Path(folder) / "稿.txt"
        source.write_text(measuring, encoding="utf-8")
        draft.write_text(text, encoding="utf-8")
        result, _problems = review(source, draft, despite_errors=True, cut_as_notes=True)  # (codes of 2019 on)
    return [] if result is None else [v for v in result.verdicts if v.statement.kind != "cell"]


def _match(verdicts: list[Verdict], tokens: list[Token], lines: list[str]) -> dict[int, Verdict]:
    """Each verdict's figure among the text's numbers: the first not yet taken of its value on a line its sentence
    starts on."""
    matched: dict[int, Verdict] = {}
    for verdict in verdicts:
        numbers = NUMBER.findall(verdict.statement.text)
        if not numbers:
            continue
        value = Decimal(numbers[-1].replace(",", ""))
        # the lines its sentence may start on (several where sentences open alike: “（3）预算安排：2026年安排预算…”)
        at = {i for i, text in enumerate(lines) if verdict.statement.sentence[:12] in text.replace(" ", "")}
        # of the numbers of its value on its line, the first followed by what follows the verdict's figure (“（3）预算安排：
        # 2026年安排市级资金预算3亿元”: the 3 of 3亿元, not of （3）), else the first
        after = verdict.statement.text[verdict.statement.text.rfind(numbers[-1]) + len(numbers[-1]):][:2]
        free = [i for i, token in enumerate(tokens)
                if not token.taken and token.value == value and (not at or token.line in at)]
        if not free and at:  # a sentence the reader joined across lines (a title of no number before it: 海南 2022)
            free = [i for i, token in enumerate(tokens)
                    if not token.taken and token.value == value and token.line > min(at)]
        fits = [i for i in free if lines[tokens[i].line][tokens[i].start + len(tokens[i].text):].startswith(after)]
        for i in (fits or free)[:1]:
            tokens[i].taken, matched[i] = True, verdict
    return matched


def _normal(name: str) -> str:
    return re.sub(r"^[\d\s]+", "", name or "").replace("(", "（").replace(")", "）")


def _score(meaning: str, verdict: Verdict | None, names: dict[str, list[str]]) -> tuple[str, str]:
    if verdict is None:
        return ("K" if meaning in KEPT_APART else "U"), ""
    judged = verdict.status in JUDGED and verdict.figure is not None
    got = _normal(verdict.figure.name if judged and verdict.figure else verdict.subject)
    said = f"{verdict.status} {got}".strip()
    if meaning in KEPT_APART:
        return ("W" if judged else "K"), said
    right = {_normal(n) for n in names.get(meaning, [meaning])}
    if got in right:
        return "R", said
    return ("W" if judged else "N" if got else "U"), said


def scored(verbose: bool, number: int = 2, final: bool = False) -> dict[str, int]:
    """The marks of round `number`'s excerpts (round2.yaml, round4.yaml …); a later round's `names` extend round 2's."""
    data = load_yaml(HERE / f"round{number}.yaml")
    names = dict(load_yaml(HERE / "round2.yaml")["names"]) if number != 2 else {}
    names.update(data.get("names") or {})
    totals = {"R": 0, "K": 0, "W": 0, "N": 0, "U": 0}
    for excerpt in data["excerpts"]:
        text = excerpt["text"]
        unit = "元" if re.search(r"\d元", text) and "万元" not in text and "亿元" not in text else "万元"
        tokens, lines = _tokens(text), text.splitlines()
        as_final = final and excerpt.get("kind") == "决算"
        # (the department the excerpt is of, where its sentences name it: the measuring source is then that
        # department's, as a document's own tables are — its name in a sentence is its own, not another's)
        department = excerpt.get("department") or "测试部门"
        matched = _match(_reviewed(text, int(excerpt["year"]), unit, as_final, department), tokens, lines)
        keys = _keys(tokens)
        figures = {(k if "#" in k else f"{k}#1"): v for k, v in excerpt["figures"].items()}
        counts = {"R": 0, "K": 0, "W": 0, "N": 0, "U": 0}
        rows = []
        for i, key in keys.items():
            if key not in figures:
                if i in matched:
                    rows.append(f"    extra {key}: {matched[i].statement.text} | {matched[i].status}")
                continue
            mark, said = _score(figures[key], matched.get(i), names)
            counts[mark] += 1
            rows.append(f"    {mark} {key} → {figures[key]} | {said}")
        for mark, n in counts.items():
            totals[mark] += n
        print(f"{excerpt['id']} {excerpt['place']}: " + " ".join(f"{m}{n}" for m, n in counts.items()))
        if verbose:
            print("\n".join(rows))
    print(f"round {number}{' (决算 against a 决算)' if final else ''} total: " + " ".join(f"{m} {n}" for m, n in totals.items()) + f" (of {sum(totals.values())})")
    return totals


def round1() -> None:
    text = (HERE / "round1-excerpts.txt").read_text(encoding="utf-8")
    for block in text.split("### ")[1:]:
        head, _, body = block.partition("\n")
        year_found = re.search(r"(20\d\d)", head)
        year = int(year_found.group(1)) if year_found else 2025
        unit = "元" if re.search(r"\d ?元", body) and "万元" not in body else "万元"
        print("##", head.split(" | ")[0])
        for v in _reviewed(body, year, unit):
            if v.status in JUDGED:
                st = v.statement
                print("   ", v.status, "|", st.kind, "|", st.text, "|", st.label, "|", v.figure and v.figure.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round1", action="store_true", help="print round 1's judged figures")
    parser.add_argument("-v", "--verbose", action="store_true", help="each figure's mark")
    parser.add_argument("--final", action="store_true", help="a 决算's excerpts against a 决算's figures")
    parser.add_argument("--round", type=int, default=2, choices=(2, 4, 5, 6, 7, 8, 9), help="the round scored (2 unless told)")
    args = parser.parse_args()
    if args.round1:
        round1()
    else:
        scored(args.verbose, args.round, args.final)


if __name__ == "__main__":
    main()
