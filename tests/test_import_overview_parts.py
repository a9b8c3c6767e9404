"""The overview's parts under the names the regions give them (issue 80: the officer's draft in the province's structure;
issue 79 part 4: what a published text prints is held, not dropped).

A region names the overview's parts in its own words: the year's goals (深圳 “三、2026年主要工作目标”, 福建 “三、部门主要
工作任务”, 江苏 “三、2025年度部门主要工作任务及目标”), the units it is made of (福建、湖南 “二、部门预算单位构成”, 深圳
“二、机构编制”), and the overview itself (重庆 “一、单位基本情况”, 国家信访局 “第一部分 国家信访局基本情况”). The import
read none of them: their text was left out of the source and the learned draft printed the default's 部门概况 beside
the published one. Written from 深圳市信访局 and 泉州市人民政府办公室 (fresh1); shown unchanged on 无锡市信访局, 福州市民政局
and 长沙市公安局, and, for the overview named by what it holds, on 重庆 and 国家信访局 (长沙's whole text under one
“第一部分” is not taken for it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.docmodel.document import Heading
from reportgen.importing.learning import published_sentences
from reportgen.importing.text.text_parts import printed_headings
from reportgen.readers.published import read_published
from reportgen.runners.render import document_for, prepare
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
pytestmark = pytest.mark.skipif(not FRESH.is_dir(), reason="../shared/corpus/fresh1 is not here")


def _imported(folder: Path, name: str, learn: bool = False) -> tuple[dict, Path, Path]:
    source, layout = import_once(folder / name, FRESH / f"{name}.pdf", learn=learn)
    return yaml.safe_load(source.read_text(encoding="utf-8")), source, layout


@pytest.fixture(scope="module")
def overviews(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("overviews")
    names = ("gd-shenzhen-xinfangju-2026-dept-budget", "fj-quanzhou-zhengfuban-2026-dept-budget",
             "js-wuxi-xinfangju-2025-dept-budget", "fj-fuzhou-minzhengju-benji-2026-unit-budget")
    return {name.split("-")[1]: _imported(folder, name)[0]["部门概况"] for name in names}


def test_the_years_goals_are_read_item_by_item_as_printed(overviews: dict[str, dict]) -> None:
    shenzhen, quanzhou, wuxi = overviews["shenzhen"]["工作目标"], overviews["quanzhou"]["工作目标"], overviews["wuxi"]["工作目标"]
    assert len(shenzhen) == 4 and shenzhen[0].startswith("构建大信访工作格局，健全党委统一领导")
    assert shenzhen[-1].endswith("全力维护群众合法权益。")
    assert len(quanzhou) == 8 and quanzhou[0].startswith("抓重大活动。全力做好")  # “（一）抓重大活动。”, its number off
    assert len(wuxi) == 4 and wuxi[0].startswith("向高处立，把握守正创新的新内涵。")
    assert not [goal for goal in shenzhen + quanzhou + wuxi if goal[:1] in "0123456789（"]


def test_the_units_a_department_is_made_of_are_its_organisation(overviews: dict[str, dict]) -> None:
    assert overviews["shenzhen"]["机构设置"].startswith("本部门无独立核算下属单位，部门预算为本级预算")  # 二、机构编制
    assert overviews["quanzhou"]["机构设置"].startswith("从预算单位构成看，泉州市人民政府办公室包括27个机关行政科室")
    assert overviews["fuzhou"]["机构设置"].startswith("从预算单位构成看，福州市民政局(本级)包括12个机关行政处")


def _headings(source: Path, layout: Path) -> list[str]:
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    return ["".join(block.full_text.split()) for block in document.blocks if isinstance(block, Heading)]


def test_a_part_whose_words_name_none_is_the_overview_its_headings_are(tmp_path: Path) -> None:
    _, source, layout = _imported(tmp_path, "cq-xuanchuanbu-2026-dept-budget", learn=True)
    headings = _headings(source, layout)
    assert headings[:3] == ["一、单位基本情况", "（一）主要职责", "（二）机构设置"], headings
    assert not [words for words in headings if "部门概况" in words]  # not the default's beside the published one
    assert headings.count("（一）主要职责") == 1


@pytest.mark.parametrize(("name", "found"), [
    ("central-guojia-xinfangju-2026-dept-budget", {"国家信访局基本情况": "概况"}),
    ("hn-changsha-gonganju-2025-dept-budget", {}),  # 第一部分 holds its 职能职责 and its 名词解释: the whole text
])
def test_the_overview_is_named_by_what_it_holds_and_only_that(name: str, found: dict[str, str]) -> None:
    headings = printed_headings(read_published(FRESH / f"{name}.pdf").lines)
    assert published_sentences.parts_by_contents(headings) == found


def test_a_layout_learned_on_a_regions_own_prints_the_overviews_headings_as_published(tmp_path: Path) -> None:
    """深圳市信访局 learned on the shipped 深圳 layout: its “部门职责” is the 深圳 template's own words, so nothing was
    learned — while the learned draft prints its parts in the default's frame, “主要职能”, “机构设置”."""
    _, source, layout = _imported(tmp_path, "gd-shenzhen-xinfangju-2026-dept-budget", learn=True)
    headings = _headings(source, layout)
    start = headings.index("第一部分部门概况")
    assert headings[start + 1:start + 4] == ["一、部门职责", "二、机构编制", "三、2026年主要工作目标"], headings


def _texts(source: Path, layout: Path) -> list[str]:
    from reportgen.docmodel.document import Paragraph

    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    return ["".join(block.text.split()) for block in document.blocks if isinstance(block, Paragraph)]


def _published_text(name: str) -> str:
    import re
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(FRESH / f"{name}.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"[-—]\d+[-—]", "", "".join(text.split()))  # its page numbers (“- 1 -”) aside


@pytest.mark.parametrize(("name", "first"), [
    ("fj-quanzhou-zhengfuban-2026-dept-budget", "（一）负责市政府会议的准备工作和重要活动安排"),  # 条目编号 （{一}）
    ("sd-yantai-minzhengju-2026-dept-budget", "（一）贯彻执行民政事业发展法律法规和政策规划"),
    ("cq-xuanchuanbu-2026-dept-budget", "统筹协调推进全市宣传思想文化领域法治建设"),  # '': its one paragraph
    ("gd-shenzhen-xinfangju-2026-dept-budget", "深圳市信访局的主要职责是贯彻落实党中央"),  # '': one paragraph, ；
])
def test_the_overviews_lists_are_numbered_as_the_document_numbers_them(tmp_path: Path, name: str, first: str) -> None:
    """The learned layout numbers the duties (and goals) as the document does (条目编号): the draft's first duty is
    printed as the published one, word for word with its number; where the document prints them as one paragraph,
    the draft prints that paragraph."""
    _, source, layout = _imported(tmp_path, name, learn=True)
    texts = _texts(source, layout)
    duty = next(text for text in texts if text.startswith(first))
    published = _published_text(name)
    assert duty in published


def test_a_section_of_terms_inside_a_part_prints_the_sources_terms_once_in_place(tmp_path: Path) -> None:
    """长沙's 第一部分 holds its duties (一、部门基本概况), its 其他重要事项 (六、) and its 名词解释 (七、): the learned draft
    printed each of them a second time as a part of its own (main 7769aed: 第一部分 部门概况 … 第三部分 其他重要事项的
    情况说明, 第四部分 名词解释). Its terms are the source's (名词解释), printed in place and numbered as printed (1．)."""
    _, source, layout = _imported(tmp_path, "hn-changsha-gonganju-2025-dept-budget", learn=True)
    assert _headings(source, layout) == [
        "第一部分部门预算公开说明", "一、部门基本概况", "（一）职能职责", "（二）机构设置", "二、部门预算单位构成",
        "三、部门收支总体情况", "四、一般公共预算拨款支出", "五、政府性基金预算支出", "六、其他重要事项的情况说明",
        "七、名词解释", "第二部分2025年部门预算表"]
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    texts = ["".join(str(getattr(block, "text", "")).split()) for block in document.blocks]
    terms = [text for text in texts if text.startswith(("1．机关运行经费：", "2．“三公”经费："))]
    assert len(terms) == 2 and all(term in _published_text("hn-changsha-gonganju-2025-dept-budget") for term in terms)
