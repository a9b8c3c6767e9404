"""Units per part (展示.正文单位, 展示.表格单位): a document may keep its tables in 元 and its text in
万元 (the Shanghai seeds), or its text in 元 with “三公”, 政府采购 and 绩效 in 万元. Every table and
every part of the text is read back from the HTML and the DOCX: its figures, its unit word, and the
尾数误差 note, which follows the unit the table shows."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.base.errors import SourceError
from reportgen.compute.phrasing import Money
from reportgen.docmodel.model import ALL_PARTS, TEXT_PARTS, Presentation
from reportgen.runners.assemble import load_source
from reportgen.runners.render import prepare, render_source
from reportgen.source.schema import source_schema
from reportgen.tables import REGISTRY
from tests.readback import docx_paragraphs, docx_tables, html_tables, html_text

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
TEMPLATES = ROOT / "templates" / "narrative"
FORMATS = ("html", "docx")
GAP_NOTE = "尾数误差"
ECONOMIC = "一般公共预算基本支出表"


def yantian_in_yuan() -> str:
    """The Yantian source kept in 元 with fen, as the Shanghai sources are, changed so that:
    30101 and 30102 are 450,950 and 1,547,750 元 (each rounds up in 万元: 45.10 + 154.78 ≠ 199.87,
    a 尾数误差 in 万元, none in 元); 机关运行经费 is 180,250 元 (18.025 万元: 18.03 half up, 18.02 half
    even); 公务用车运行维护费 is 40,030 元 against 40,000 (持平 in 万元, 增加30.00元 in 元)."""
    text = YANTIAN.read_text(encoding="utf-8").replace("金额单位: 万元", "金额单位: 元", 1)

    def to_yuan(match: re.Match[str]) -> str:
        return f"{match.group(1)}{(Decimal(match.group(2)) * 10000).normalize():f}"

    text = re.sub(r"((?:基本支出|项目支出|金额|本年|上年|一般公共预算拨款|收支总计|货物|工程|服务): )(\d+(?:\.\d+)?)",
                  to_yuan, text)
    for old, new in (("{科目: 30101, 金额: 450900}", "{科目: 30101, 金额: 450950}"),
                     ("{科目: 30102, 金额: 1547800}", "{科目: 30102, 金额: 1547750}"),
                     ("  本年: 180300\n", "  本年: 180250\n"),
                     ("    本年: 40000\n    上年: 40000\n", "    本年: 40030\n    上年: 40000\n")):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def source(tmp_path: Path, display: str, name: str = "units.yaml") -> Path:
    """The Yantian source in 元 with a 展示 section (YAML lines, indented by two)."""
    text = yantian_in_yuan().replace("金额单位: 元\n", f"金额单位: 元\n展示:\n{display}", 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class Read:
    """One rendered document as a reader sees it: its text, its tables by title, and for each
    table the unit its 单位 line names and whether a 尾数误差 note follows it."""

    def __init__(self, path: Path, fmt: str) -> None:
        if fmt == "html":
            self.tables = html_tables(path)
            lines = html_text(path).split("\n")
        else:
            self.tables = docx_tables(path)
            lines = docx_paragraphs(path)
        self.text = "\n".join(lines)
        self.units: dict[str, str] = {}
        self.gap: dict[str, bool] = {}
        current = ""
        for line in lines:
            titled = [t for t in self.tables.titles if t and line.endswith(t)]
            if titled:
                current = titled[0]
                self.gap[current] = False
            elif current and line.startswith("部门名称") and current not in self.units:
                found = re.search(r"单位：(万元|元)", line)
                self.units[current] = found.group(1) if found else ""
            elif current and GAP_NOTE in line:
                self.gap[current] = True

    def unit_of(self, fragment: str) -> str:
        return self.units[self._title(fragment)]

    def gap_of(self, fragment: str) -> bool:
        return self.gap[self._title(fragment)]

    def _title(self, fragment: str) -> str:
        hits = [t for t in self.tables.titles if fragment in t]
        assert len(hits) == 1, (fragment, self.tables.titles)
        return hits[0]

    def row(self, fragment: str, first: str) -> list[str]:
        return next(r for r in self.tables.titled(fragment) if r and r[0] == first)


def render(path: Path) -> dict[str, Read]:
    out = path.parent / f"out-{path.stem}"
    result = render_source(path, out)
    assert result.outputs, [f.format() for f in result.findings]
    return {fmt: Read(out / f"{path.stem}.{fmt}", fmt) for fmt in FORMATS}


# -- text in 万元, tables in 元 (the Shanghai seeds) ---------------------------------------------------
@pytest.fixture(scope="module")
def shanghai(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Read]:
    return render(source(tmp_path_factory.mktemp("shanghai"), "  金额单位: 万元\n  表格单位: {全部: 元}\n"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_in_元_text_in_万元(shanghai, fmt):
    doc = shanghai[fmt]
    assert set(doc.units.values()) == {"元"}, doc.units
    assert len(doc.units) == len(doc.tables) == 10
    assert doc.row("部门收支总表", "一般公共预算拨款")[1] == "12,735,200.00"
    assert doc.row(ECONOMIC, "30101")[4] == "450,950.00"
    assert doc.row("“三公”经费支出表", "2022年")[1] == "40,030.00"
    text = doc.text
    assert "2022年收入预算1,273.52万元，比2021年增加3.39万元，增长0.27%" in text
    # 18.025 万元 is 18.03 (half up); its change 1,750 元 is 0.175 → 0.18 万元, its rate from exact figures
    assert "机关运行经费财政拨款预算18.03万元，比2021年增加0.18万元，增长0.98%" in text
    assert "“三公”经费预算4.00万元，与2021年持平" in text  # 30 元 is no change at 0.01 万元
    assert not re.search(r"\d元", text.replace("万元", "")), "an amount in 元 in the text"


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_rounding_gap_note_in_元(shanghai, fmt):
    assert not any(shanghai[fmt].gap.values()), shanghai[fmt].gap


# -- the 尾数误差 note follows the unit each table shows ----------------------------------------------
@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Read]:
    display = f"  表格单位:\n    全部: 元\n    {ECONOMIC}: 万元\n"
    return render(source(tmp_path_factory.mktemp("mixed"), display))


@pytest.mark.parametrize("fmt", FORMATS)
def test_rounding_gap_note_follows_the_table_unit(mixed, fmt):
    doc = mixed[fmt]
    assert doc.unit_of(ECONOMIC) == "万元" and doc.gap_of(ECONOMIC)
    assert doc.row(ECONOMIC, "30101")[4] == "45.10" and doc.row(ECONOMIC, "30102")[4] == "154.78"
    assert doc.row(ECONOMIC, "301")[4] == "344.94"  # the class total from exact figures: its shown parts make 344.95
    others = {title: gap for title, gap in doc.gap.items() if ECONOMIC not in title}
    assert others and not any(others.values()), others
    assert {unit for title, unit in doc.units.items() if ECONOMIC not in title} == {"元"}


def test_rounding_gap_in_万元_everywhere_the_default(tmp_path):
    doc = render(source(tmp_path, "  金额单位: 万元\n"))["html"]
    assert set(doc.units.values()) == {"万元"} and doc.gap_of(ECONOMIC)


# -- text in 元, with “三公”, 政府采购 and 绩效 in 万元 ------------------------------------------------
@pytest.fixture(scope="module")
def text_in_yuan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Read]:
    display = ("  金额单位: 万元\n  正文单位: {全部: 元, 三公经费: 万元, 政府采购: 万元, 绩效管理: 万元}\n")
    return render(source(tmp_path_factory.mktemp("text"), display))


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_unit_per_part(text_in_yuan, fmt):
    doc = text_in_yuan[fmt]
    text = doc.text
    assert set(doc.units.values()) == {"万元"}  # the tables keep 金额单位
    assert "2022年收入预算12,735,200.00元，比2021年增加33,900.00元，增长0.27%" in text
    assert "机关运行经费财政拨款预算180,250.00元，比2021年增加1,750.00元，增长0.98%" in text
    assert "“三公”经费预算4.00万元，与2021年持平" in text
    assert "公务用车运行维护费4.00万元，与2021年持平" in text
    assert "政府采购预算共计0.00万元，其中：货物采购0.00万元" in text
    assert "涉及预算资金827.56万元" in text


def test_a_change_below_the_parts_smallest_amount_is_flat_only_there(tmp_path):
    text = render(source(tmp_path, "  正文单位: {三公经费: 元}\n"))["html"].text
    assert "“三公”经费预算40,030.00元，比2021年增加30.00元，增长0.08%" in text
    assert "机关运行经费财政拨款预算18.03万元" in text


# -- names that do not exist ------------------------------------------------------------------------
@pytest.mark.parametrize("display,messages,path,line", [
    ("  表格单位: {全部: 元, 三公经费表: 万元}\n",
     ["没有名为“三公经费表”的表格", "您是否想写“三公经费支出表”", "可用的表格：全部、收支总表"],
     "展示.表格单位.三公经费表", 9),
    ("  正文单位:\n    绩效: 万元\n",
     ["没有名为“绩效”的正文部分", "您是否想写“绩效管理”或“绩效目标”？", "可用的正文部分：全部、收支预算"],
     "展示.正文单位.绩效", 10),
    ("  正文单位: {总体: 万元}\n", ["没有名为“总体”的正文部分：可用的正文部分：全部、收支预算、三公经费"],
     "展示.正文单位.总体", 9),
])
def test_unknown_table_or_part_is_an_error_with_a_suggestion(tmp_path, display, messages, path, line):
    with pytest.raises(SourceError) as caught:
        load_source(source(tmp_path, display))
    [finding] = caught.value.findings
    assert (finding.severity, finding.path, finding.line) == ("error", path, line)
    assert finding.file.endswith("units.yaml")
    for message in messages:
        assert message in finding.message


def test_names_are_the_registrys_tables_and_the_templates_parts():
    display = source_schema()["$defs"]["展示"]["properties"]
    tables = set(display["表格单位"]["properties"]) - {ALL_PARTS}
    assert tables == {table_id for table_id, _ in REGISTRY} | {"整体绩效目标表", "项目绩效目标表"}
    assert list(display["正文单位"]["properties"]) == [ALL_PARTS, *TEXT_PARTS]
    marked = {part for template in TEMPLATES.glob("*.j2")
              for part in re.findall(r"in_part\('([^']+)'\)", template.read_text(encoding="utf-8"))}
    assert marked == set(TEXT_PARTS)


def test_units_fall_back_part_then_all_then_the_amount_unit():
    p = Presentation(unit="万元", table_units={"全部": "元", "项目绩效目标表": "万元"},
                     text_units={"全部": "元", "三公经费": "万元"})
    assert (p.unit_for("收支总表"), p.unit_for("项目绩效目标表-3"), p.unit_for("三公经费支出表")) == ("元", "万元", "元")
    assert (p.text_unit("三公经费"), p.text_unit("政府采购"), p.text_unit()) == ("万元", "元", "元")
    assert Presentation(unit="元").text_unit("三公经费") == "元"


def test_a_template_naming_no_part_is_refused():
    money = Money(Presentation())
    with pytest.raises(ValueError, match="正文部分“三公”不存在"):
        money.in_part("三公")
    assert money.in_part("三公经费") == "" and money.text_unit == "万元" and money.parts == ["三公经费"]


@pytest.mark.parametrize("display,name,why", [
    ("  表格单位: {项目绩效目标表: 元}\n", "项目绩效目标表", "没有项目绩效目标"),
    ("  正文单位: {国有资产: 元}\n", "国有资产", "没有金额"),
])
def test_a_unit_that_shows_nothing_is_a_warning(tmp_path, display, name, why):
    warnings = [f for f in prepare(source(tmp_path, display)).findings if f.rule == "R-显示单位"]
    assert [(f.severity, f.path, f.line) for f in warnings] == [("warning", f"展示.{display.split(':')[0].strip()}.{name}", 9)]
    assert f"“{name}”的单位不起作用" in warnings[0].message and why in warnings[0].message
