"""Every heading a published document of the layout carries, in its order (issue 39, part 7).

上海: each shipped 普陀区 2026 source, rendered in the 上海 layout and read back from its DOCX, carries the
body headings and table titles its published text carries (tests/seeds/shanghai-putuo-*-2026.txt, the
headings read off the seed by the rule in ``published_headings``, not typed here): the part titles,
the 其他相关情况说明 items, and each project's “<项目名称>项目经费情况说明” with its numbered parts.
A project's parts are those its source gives, numbered in turn; the 深圳 and 河南 整体绩效目标表 are
titled as their published documents title them."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from reportgen.runners.render import render_source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds"
SHANGHAI = ("shanghai-putuo-wenlvju-2026", "shanghai-putuo-jianguanwei-2026", "shanghai-putuo-chengguan-2026")

# A page of the published text opens with its part's title (…主要职能, 名词解释, …编制说明, …情况说明) or a
# table's title (…表); on a part's pages, a short numbered line without sentence punctuation is a heading.
PART_TITLE_ENDS = ("主要职能", "机构设置", "名词解释", "编制说明", "情况说明")
NUMBERED = re.compile(r"^[一二三四五六七八九十]{1,3}、[^。，；：:,]{2,30}$")


def seed_pages(name: str) -> list[list[str]]:
    """The seed's pages, each its non-blank lines; a page's opening lines that repeat the page before
    (the stored copy repeats a page's tail: 城管执法局 page 23) are dropped."""
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    pages, before = [], set()
    for chunk in re.split(r"^=== page \d+ ===$", text, flags=re.M)[1:]:
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        while lines and lines[0] in before:
            lines.pop(0)
        pages.append(lines)
        before = set(lines)
    return pages


def published_headings(name: str) -> list[str]:
    """The headings and table titles of the published text after its 目录, in order."""
    pages = seed_pages(name)
    start = next(i for i, page in enumerate(pages) if page and page[0].replace(" ", "") == "目录") + 1
    kind, found = "", []
    for page in pages[start:]:
        rest = page
        if page and page[0].endswith(PART_TITLE_ENDS + ("表",)):
            kind = "table" if page[0].endswith("表") else "part"
            found.append(page[0])
            rest = page[1:]
        if kind == "part":
            found += [line for line in rest if NUMBERED.match(line)]
    return found


def docx_headings(path: Path) -> list[str]:
    """The headings and table titles of a DOCX after its 目录, as python-docx reads them."""
    paragraphs = docx.Document(str(path)).paragraphs
    shown = [p.text.strip() for p in paragraphs
             if p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Table Title")]
    return [text for text in shown if text]


@pytest.fixture(scope="module")
def shanghai(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("headings")
    rendered = {}
    for name in SHANGHAI:
        result = render_source(ROOT / "data" / f"{name}.yaml", out, formats=("docx",), layout="上海")
        assert result.outputs, [f.format() for f in result.findings]
        rendered[name] = result.outputs[0]
    return rendered


def test_the_rule_reads_the_published_headings():
    """The seed's own structure, so that the comparison below has something to fail on."""
    headings = published_headings("shanghai-putuo-chengguan-2026")
    assert headings[:4] == ["普陀区城市管理行政执法局主要职能", "普陀区城市管理行政执法局机构设置", "名词解释",
                            "2026年部门预算编制说明"]
    assert len([h for h in headings if h.endswith("表")]) == 10  # the nine tables and the 申报表
    assert headings[-9:-1] == ["项目经费情况说明", "一、项目概述", "二、立项依据", "三、实施主体", "四、实施方案",
                               "五、实施周期", "六、年度预算安排", "七、绩效目标"]


@pytest.mark.parametrize("name", SHANGHAI)
def test_each_shanghai_source_carries_the_published_headings_in_order(shanghai, name):
    assert docx_headings(shanghai[name]) == published_headings(name)


# -- a project with and without the parts ------------------------------------------------------------
def with_statements(tmp_path: Path, block: str) -> Path:
    """城管执法局's source with its 项目经费情况说明 replaced by ``block`` ("" for none)."""
    text = (ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\n项目经费情况说明:\n.*?\n\n(?=不公开)", "\n" + block + "\n", text, flags=re.S)
    assert ("项目经费情况说明:" in text) == bool(block)
    source = tmp_path / "source.yaml"
    source.write_text(text, encoding="utf-8")
    return source


def rendered(tmp_path: Path, source: Path) -> tuple[list[str], list[str], list[str]]:
    """(headings after 国有资产, paragraphs, 目录 lines) of the source's DOCX in the 上海 layout."""
    result = render_source(source, tmp_path / "out", formats=("docx",), layout="上海")
    assert result.outputs, [f.format() for f in result.findings]
    headings = docx_headings(result.outputs[0])
    paragraphs = [p.text for p in docx.Document(str(result.outputs[0])).paragraphs]
    assert result.document is not None
    return headings[headings.index("五、国有资产占有使用情况") + 1:], paragraphs, \
        [entry.text for entry in result.document.contents]


PARTS = """项目经费情况说明:
  - 名称: 拆违经费
    项目概述: 拆除违法建筑。
    实施周期: 2026年1月1日-2026年12月31日
    项目绩效自评结果: 自评得分95分。
  - 名称: 示例宣传项目
    绩效管理工作开展情况:
      - 第一段。
      - 第二段。
"""


def test_a_project_prints_the_parts_its_source_gives_numbered_in_turn(tmp_path):
    headings, paragraphs, contents = rendered(tmp_path, with_statements(tmp_path, PARTS))
    assert headings == ["拆违经费项目经费情况说明", "一、项目概述", "二、实施周期", "三、项目绩效自评结果",
                        "示例宣传项目项目经费情况说明", "一、绩效管理工作开展情况", "财政项目支出绩效目标申报表"]
    html = render_source(with_statements(tmp_path, PARTS), tmp_path / "html", formats=("html",), layout="上海")
    anchors = [h.anchor for h in html.document.headings()] if html.document is not None else []
    assert anchors and len(anchors) == len(set(anchors))  # each heading its own (the second's 一、 is not the first's)
    assert contents[-1] == "七、项目经费情况说明" and sum("项目经费情况说明" in line for line in contents) == 1
    for text in ("拆除违法建筑。", "自评得分95分。", "第一段。", "第二段。"):
        assert text in paragraphs
    assert not any("立项依据" in h or "年度预算安排" in h for h in headings)  # not given: no heading
    # the project's one line of the list gives way to its account
    assert not any(p.startswith("拆违经费：2026年度预算安排") for p in paragraphs)


def test_a_project_without_an_account_is_one_line_under_the_parts_title(tmp_path):
    headings, paragraphs, contents = rendered(tmp_path, with_statements(tmp_path, ""))
    assert headings == ["项目经费情况说明", "财政项目支出绩效目标申报表"]
    assert any(p.startswith("拆违经费：2026年度预算安排349.80万元，主要用于") for p in paragraphs)
    assert contents[-1] == "七、项目经费情况说明"


def test_an_account_beside_a_listed_project_follows_the_list(tmp_path):
    # (项目概况: the part as 万里街道 heads it)
    block = "项目经费情况说明:\n  - 名称: 示例宣传项目\n    标题: 示例宣传专项经费情况说明\n    项目概况: 宣传。\n"
    headings, paragraphs, contents = rendered(tmp_path, with_statements(tmp_path, block))
    assert headings == ["项目经费情况说明", "示例宣传专项经费情况说明", "一、项目概况", "财政项目支出绩效目标申报表"]
    assert any(p.startswith("拆违经费：2026年度预算安排349.80万元") for p in paragraphs)
    assert sum("项目经费情况说明" in line for line in contents) == 1


def test_a_bad_account_is_refused_with_its_line(tmp_path):
    source = with_statements(tmp_path, "项目经费情况说明:\n  - 名称: 拆违经费\n    项目简介: 写错了键。\n")
    result = render_source(source, tmp_path / "out", formats=("docx",), layout="上海")
    assert result.outputs == []
    line = source.read_text(encoding="utf-8").splitlines().index("    项目简介: 写错了键。") + 1
    assert any("项目简介" in f.message and f.line == line and f.severity == "error" for f in result.findings), \
        [f.format() for f in result.findings]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# -- 深圳 and 河南: the 整体绩效目标表 as published ------------------------------------------------------
WHOLE = "\n绩效目标:\n  整体:\n    年度总体目标: 完成年度工作任务。\n    任务:\n      - {名称: 基本支出, 主要内容: 保障机构正常运行。}\n"


@pytest.mark.parametrize("name, layout, seed, words", [
    ("shenzhen-yantian-zgh-2022", "深圳", "shenzhen-yantian-zgh-2022", "整体支出绩效目标表"),
    ("luoyang-zgh-2020", "河南", "luoyang-zgh-2020", "整体支出绩效目标申报审批表"),
], ids=["深圳", "河南"])
def test_the_whole_departments_target_table_is_titled_as_published(tmp_path, name, layout, seed, words):
    published = next(line.strip() for line in (SEEDS / f"{seed}.txt").read_text(encoding="utf-8").splitlines()
                     if words in line)
    source = tmp_path / f"{name}.yaml"
    source.write_text((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8") + WHOLE, encoding="utf-8")
    for unit in (ROOT / "data" / "units").glob("*"):
        (tmp_path / "units").mkdir(exist_ok=True)
        (tmp_path / "units" / unit.name).write_bytes(unit.read_bytes())
    result = render_source(source, tmp_path / "out", formats=("docx",), layout=layout)
    assert result.outputs, [f.format() for f in result.findings]
    assert published in docx_headings(result.outputs[0])


# -- import: the accounts come back as the source's 项目经费情况说明 ----------------------------------------
def plain(value):  # type: ignore[no-untyped-def]
    """A YAML value as plain Python (the loader's LocDict/LocList/LocStr as dict, list, str)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return str(value)


@pytest.mark.parametrize("name", ["shanghai-putuo-wenlvju-2026", "shanghai-putuo-jianguanwei-2026"])
def test_the_rendered_accounts_import_back_as_the_source_wrote_them(shanghai, name):
    import yaml

    from reportgen.importing.pipeline import import_files

    typed = yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))["项目经费情况说明"]
    imported = yaml.safe_load(import_files([shanghai[name]], "上海").source.text)["项目经费情况说明"]
    assert plain(imported) == plain(typed)


def test_a_published_pdfs_accounts_import_with_their_headings_and_parts():
    """商务委员会 2025 (tests/seeds/pdf): four accounts titled “科技创新专项经费情况说明” …: each its 标题, the
    name before “经费情况说明”, its seven parts, 立项依据's numbered documents as paragraphs."""
    import shutil

    import yaml

    from reportgen.importing.pipeline import import_files

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) 未安装")
    pdf = SEEDS / "pdf" / "shanghai-putuo-shangwuwei-2025.pdf"
    statements = yaml.safe_load(import_files([pdf], "上海").source.text)["项目经费情况说明"]
    assert [s["名称"] for s in statements][:3] == ["科技创新专项", "生命健康专项（政策资金）", "商业创新专项（政策资金）"]
    assert statements[0]["标题"] == "科技创新专项经费情况说明"
    assert list(statements[0])[2:] == ["项目概述", "立项依据", "实施主体", "实施方案", "实施周期", "年度预算安排", "绩效目标"]
    assert statements[0]["立项依据"] == ["1、《普陀区服务企业发展工作实施意见》（普投资规范〔2023〕1号）。",
                                     "2、《普陀区支持科技创新实施意见》（普科合规范〔2023〕3号）。"]
    assert statements[0]["绩效目标"] == "详见单位的项目绩效目标表"


def test_a_layout_that_prints_no_account_says_so_with_the_line(tmp_path):
    """The default layout has no 项目经费情况说明 and no department name in its headings: the render tells
    it (warning 版式-未印出 at the field's line), never drops the text unsaid; the 上海 render does not."""
    source = ROOT / "data" / "shanghai-putuo-jianguanwei-2026.yaml"
    lines = source.read_text(encoding="utf-8").splitlines()
    default = render_source(source, tmp_path / "default", formats=("html",))
    told = {f.path: f for f in default.findings if f.rule == "版式-未印出"}
    assert set(told) == {"项目经费情况说明", "部门概况.标题名称", "地区"}  # 地区: the 上海 cover's
    assert lines[told["项目经费情况说明"].line - 1].strip() == "- 名称: 兰溪路-真南路下立交工程"
    assert lines[told["部门概况.标题名称"].line - 1].strip().startswith("标题名称:")
    assert "实施主体" in told["项目经费情况说明"].message
    shanghai = render_source(source, tmp_path / "shanghai", formats=("html",), layout="上海")
    assert not [f for f in shanghai.findings if f.rule == "版式-未印出"]


def test_the_next_years_source_keeps_what_the_project_is_not_this_years_budget(tmp_path):
    """rollover: 项目概述 … 实施周期 carry over; 年度预算安排 and 绩效目标 (the year's own) are left out."""
    import yaml

    from reportgen.runners.rollover import rollover

    rolled = rollover(ROOT / "data" / "shanghai-putuo-jianguanwei-2026.yaml", 2027, tmp_path / "next.yaml")
    text = next(iter(rolled.files.values()))
    (statement,) = yaml.safe_load(text)["项目经费情况说明"]
    assert list(statement) == ["名称", "项目概述", "立项依据", "实施主体", "实施方案", "实施周期"]
    assert "2026 年的年度预算安排、绩效目标与绩效管理、自评已删除" in text  # the header says so
