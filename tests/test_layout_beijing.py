"""The 北京 layout (issue 54 part 6): a 北京 department's published documents imported (`reportgen import` of the
情况说明 and the 报表 file) and rendered with `--layout 北京` come out in the structure 北京 publishes — 第一部分
{年}年度部门预算情况说明 (一、部门情况说明 … 六、名词解释), 第二部分 {年}年度部门预算报表 (预算01表 收支总表 …
预算10表 政府采购预算明细表) — every heading and table title one the published document prints, in its order, the
parts the source has no field for left out; and the render, read back from the DOCX and the HTML, agrees with its source.

The expected structure is read off the published PDF itself (its headings, its 预算NN表 titles), never listed here.
The fixtures are page extracts (pypdf) of /work/shared/corpus (ORIGIN.md there): 北京市民政局 2026 情况说明 pp. 1–9
and 报表 pp. 1–20; the whole documents of 民政局, 商务局 and 教育委员会 when the corpus is beside the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from reportgen.review import review
from reportgen.runners.render import render_source
from reportgen.shaping.layouts import shipped
from tests.clients import require_program
from tests.readback import docx_paragraphs, html_text
from tests.support.cli import reportgen
from tests.support.national import CORPUS, FIXTURES

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = (FIXTURES / "beijing-minzhengju-2026-narrative-p1-9.pdf", FIXTURES / "beijing-minzhengju-2026-tables-p1-20.pdf")
CORPUS_DEPARTMENTS = ("minzhengju", "shangwuju", "jiaoyuwei")
# a heading as 北京 numbers it: 第一部分, 一、, （一） — its words up to the end of the line or a run-in 。
HEADING = re.compile(r"^(第[一二三四五六七八九十]部分|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)([^。]*)")
TABLE = re.compile(r"预算(\d\d)表\s*(\S+)")


def pdf_text(path: Path) -> str:
    require_program("pdftotext")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def published_headings(narrative: Path) -> list[str]:
    """The headings of the 情况说明's body (after its 目录), spaces dropped, in order."""
    text = pdf_text(narrative)
    body = text[text.index("第一部分", text.index("第二部分")) :]
    lines = ("".join(line.split()) for line in body.splitlines())
    return [m.group(1) + m.group(2) for m in map(HEADING.match, lines) if m]


def published_tables(tables: Path) -> list[str]:
    """The 报表's table titles with their numbers (预算01表收支总表 …), each once, in order."""
    seen: dict[str, str] = {}
    for number, title in TABLE.findall(pdf_text(tables)):
        seen.setdefault(number, f"预算{number}表{title}")
    return list(seen.values())


def pairs() -> list[tuple[Path, Path]]:
    found = [(CORPUS / f"bj-{d}-2026-dept-budget.pdf", CORPUS / f"bj-{d}-2026-dept-budget-tables.pdf") for d in CORPUS_DEPARTMENTS]
    return [FIXTURE, *(p for p in found if p[0].exists() and p[1].exists())]


@pytest.fixture(scope="module", params=pairs(), ids=lambda p: p[0].stem)
def rendered(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    narrative, tables = request.param
    out = tmp_path_factory.mktemp("beijing")
    source = out / "source.yaml"
    imported = reportgen("import", narrative, tables, "-o", source, cwd=ROOT)
    assert imported.returncode == 0, imported.stderr
    result = render_source(source, out / "out", layout="北京")
    assert result.outputs, [f.format() for f in result.findings]
    return narrative, tables, source, result


def sequence(document) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """The render's headings (level, numbered words) and table titles (level 0, with their numbers), spaces dropped."""
    out = []
    for block in document.blocks:
        if type(block).__name__ == "Heading":
            out.append((block.level, "".join(block.full_text.split())))
        elif type(block).__name__ == "Table":
            out.append((0, f"{block.number}{block.title}"))
    return out


def test_every_heading_is_one_the_published_document_prints_in_its_order(rendered):
    narrative, _, _, result = rendered
    published = published_headings(narrative)
    headings = [text for level, text in sequence(result.document) if level]
    assert headings[0] == published[0] and headings[0].startswith("第一部分") and headings[0].endswith("年度部门预算情况说明")
    at = 0
    for heading in headings:  # a subsequence of the published headings
        assert heading in published[at:], (heading, published[at:])
        at = published.index(heading, at) + 1
    # every part and every 一、 the published document prints is rendered (the source has each of them)
    assert [h for h in published if not h.startswith("（")] == [h for h in headings if not h.startswith("（")]


def test_the_tables_are_the_published_ones_numbered_and_titled_as_published(rendered):
    _, tables, _, result = rendered
    titles = [text for level, text in sequence(result.document) if not level]
    published = published_tables(tables)
    # 预算01表 … 预算10表 政府采购预算明细表; then the tables of no kind the document prints with amounts, held as printed
    # (印出表): 预算11表 财政拨款政府购买服务明细表 where it prints one (and 教育委's 预算12表 项目支出绩效目标表)
    plain = [t.title for t in result.document.tables() if not t.number]
    numbered = titles[: len(titles) - len(plain)]
    assert numbered == published[: len(numbered)] and len(numbered) >= 10
    # then the forms printed without a number after them, held and printed with none (民政局's 转移支付绩效目标表, pages
    # 62–66: 社会保障和就业共同事权转移支付绩效目标表 printed over two pages, one table)
    assert titles[len(numbered):] == plain and all(title in "".join(pdf_text(tables).split()) for title in plain)
    services = "预算11表财政拨款政府购买服务明细表"
    assert (services in titles) == (services in published)
    # as each published table heads it: its unit alone under its title, no department line (a form held as printed,
    # 预算13表 部门整体支出绩效目标表, prints no unit line, as published)
    assert {(t.department_line, t.unit_line) for t in result.document.tables() if not t.id.startswith("印出表")
            or t.unit_line} == {("", "金额单位：万元")}
    # every amount printed to six decimals of 万元 (to the 分), as each published table prints it (预算01表 66,197.668103)
    printed = _amounts(tables)
    amounts = {cell.text for t in result.document.tables() if not t.id.startswith("印出表") for row in t.body
               for cell in row.cells if AMOUNT.fullmatch(cell.text)}
    assert amounts and all(len(a.split(".")[1]) == 6 for a in amounts), sorted(amounts)[:5]
    assert len(amounts & printed) >= 0.9 * len(amounts)  # the same figures, in the same form
    # a table held as printed: each of its amounts as the 报表 prints it
    held = {cell.text for t in result.document.tables() if t.id.startswith("印出表") for row in t.body
            for cell in row.cells if AMOUNT.fullmatch(cell.text)}
    assert held <= printed


AMOUNT = re.compile(r"-?[\d,]+\.\d+")


def _amounts(pdf: Path) -> set[str]:
    """The amounts a published 报表 prints (pdftotext), as printed."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120).stdout
    return set(re.findall(r"-?\d[\d,]*\.\d+", text))


def test_the_docx_and_the_html_carry_the_structure_and_agree_with_the_source(rendered):
    _, _, source, result = rendered
    outputs = {p.suffix: p for p in result.outputs}
    texts = {".docx": "".join("\n".join(docx_paragraphs(outputs[".docx"])).split()), ".html": "".join(html_text(outputs[".html"]).split())}
    for _, text in sequence(result.document):
        for suffix, words in texts.items():
            assert text.split("、")[-1].split("）")[-1] in words, (suffix, text)
    for path in outputs.values():
        checked, problems = review(source, path)
        assert checked is not None, problems
        assert [v.statement.text for v in checked.verdicts if v.status == "disagree"] == []
        assert checked.counts["agree"] > 40


def test_libreoffice_opens_the_docx(tmp_path):
    """LibreOffice prints the 北京 render (--format pdf prints the DOCX): its headings are on the pages."""
    require_program("soffice")
    source = tmp_path / "source.yaml"
    imported = reportgen("import", *FIXTURE, "-o", source, cwd=ROOT)
    assert imported.returncode == 0, imported.stderr
    result = render_source(source, tmp_path / "out", ("docx", "pdf"), layout="北京")
    printed = next(p for p in result.outputs if p.suffix == ".pdf")
    text = "".join(pdf_text(printed).split())
    assert "第二部分2026年度部门预算报表" in text and "预算10表政府采购预算明细表" in text and "金额单位：万元" in text


@pytest.fixture(scope="module")
def imported_fixture(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The committed 北京市民政局 cut imported (the corpus documents' renders are the other tests')."""
    source = tmp_path_factory.mktemp("beijing-every-layout") / "source.yaml"
    imported = reportgen("import", *FIXTURE, "-o", source, cwd=ROOT)
    assert imported.returncode == 0, imported.stderr
    return source


@pytest.mark.parametrize("layout", [name for name, _ in shipped()])
def test_in_every_layout_the_years_spending_beside_its_carry_forward_reads_back_as_the_source(imported_fixture, layout):
    """北京市民政局 carries 1,776.86万元 into next year: 本年支出 69,317.31 and 支出总计 71,094.17 differ. The default
    layout said “支出预算69,317.31万元” and 深圳's “北京市民政局预算69,317.31万元”, which a reader (and `check --against`)
    takes for 支出总计 — drafts that disagreed with their own source; they say 本年支出预算 where 结转下年 stands beside it."""
    source = imported_fixture
    result = render_source(source, source.parent / f"in-{layout}", layout=layout)
    assert result.outputs, [f.format() for f in result.findings]
    for path in result.outputs:
        checked, problems = review(source, path)
        assert checked is not None, problems
        assert [v.statement.text for v in checked.verdicts if v.status == "disagree"] == [], path.suffix
