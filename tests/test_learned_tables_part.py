"""A learned layout prints a part over the tables only where the document prints one (issue 80 part 1: the same parts
and headings).

重庆市委宣传部 2026's text ends at “六、专业性名词解释” and its 表一 follows; 深圳市信访局 2026's nine parts
(第一部分 … 第九部分 名词解释) are its 文字部分, its tables under “二、表格部分” a level above them. The learned draft
printed the default frame's tables part in the document's numbering all the same — “七、2026年部门预算表”, “第十部分
2026年部门预算表” (main 7a4573bf) — a heading neither prints. Written from those two (重庆, 广东); shown unchanged on
杭州市气象局 2026 (浙江), whose 目录 names its tables part (“四、2026年杭州市气象局预算公开表”): its heading is kept;
and 西安 2025, whose 目录 is read short of its 名词解释 (it runs onto a second page): its parts are not known to name
none, its heading is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.docmodel.document import Heading, Table
from reportgen.importing.learning import learned_headings, learned_words
from reportgen.readers.published import read_published
from reportgen.runners.render import document_for, prepare
from tests.learned_import import fresh_pdf, imported_with_layout

CHONGQING, SHENZHEN = "cq-xuanchuanbu-2026-dept-budget.pdf", "gd-shenzhen-xinfangju-2026-dept-budget.pdf"
HANGZHOU, XIAN = "zj-hangzhou-qixiang-2026-dept-budget.pdf", "sn-xian-xingzhengshenpi-2025-dept-budget.pdf"


def _rendered(tmp_path: Path, name: str) -> tuple[list[str], int]:
    """The learned draft's headings (spaces out) and the number of its numbered tables."""
    source, layout = imported_with_layout(tmp_path, fresh_pdf(name))
    blocks = document_for(prepare(source, draft=True), draft=True, layout=layout).blocks
    return (["".join(b.full_text.split()) for b in blocks if isinstance(b, Heading)],
            sum(1 for b in blocks if isinstance(b, Table) and b.number))


@pytest.mark.parametrize(("name", "last", "tables"), [
    (CHONGQING, "六、专业性名词解释", 9),
    (SHENZHEN, "第九部分名词解释", 11),
])
def test_tables_the_document_prints_under_no_part_of_its_own_follow_the_text(tmp_path: Path, name: str, last: str,
                                                                             tables: int) -> None:
    headings, printed = _rendered(tmp_path, name)
    assert headings[-1] == last, headings  # not “七、2026年部门预算表”, “第十部分2026年部门预算表”
    assert not [words for words in headings if "预算表" in words]
    assert printed == tables  # every table still printed, after the text


def test_a_tables_part_the_contents_name_keeps_its_heading(tmp_path: Path) -> None:
    headings, printed = _rendered(tmp_path, HANGZHOU)
    assert headings[-1] == "四、2026年杭州市气象局预算公开表", headings
    assert printed == 11


def test_parts_read_short_of_the_glossary_say_nothing_of_the_tables() -> None:
    chongqing, xian = (read_published(fresh_pdf(name)).lines for name in (CHONGQING, XIAN))
    assert not learned_headings._tables_headed(chongqing, learned_headings._printed_headings(chongqing))
    # 西安: its 目录's first page ends at 十一、; “第五部分：部门预算公开报表” is on the second
    assert learned_headings._tables_headed(xian, learned_headings._printed_headings(xian))


def test_a_headed_frame_is_as_before_and_a_headless_one_differs_in_the_tables_alone() -> None:
    words = learned_words.Learned()
    headed, headless = learned_words.disclosure(words), learned_words.disclosure(words, tables_headed=False)
    include = "{% include '学到的措辞.j2' if part == 'budget.j2' else part %}"
    assert "placed_tables" not in headed and include in headed
    tables = "{% if part == 'tables.j2' %}<pagebreak/>{{ placed_tables() }}{% else %}" + include + "{% endif %}"
    imported = "{%- from '_tables_common.j2' import placed_tables with context %}\n"
    assert headless.replace(imported, "").replace(tables, include) == headed
