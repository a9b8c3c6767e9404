"""No wrong figure written without a word (issue 40): each class found by a user writing sources from
real documents, on a real source (故宫博物院 2023, 盐田区总工会 2022) with the one change that makes it.

- 收入 published in part can still not balance: the income written already exceeds 支出总计.
- A “三公” part not published never takes the other vehicle figure with it.
- A draft past an error that contradicts a total marks the total where it stands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.docmodel.document import Paragraph
from reportgen.runners.render import document_for, prepare

ROOT = Path(__file__).resolve().parent.parent
GUGONG = ROOT / "tests" / "sources" / "partial" / "gugong-2023.yaml"
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


def changed(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    if old.startswith("^"):  # a block: from this line to the next blank line or top-level key
        match = re.search(rf"{old}.*?\n(?=\S)", text, re.S | re.M)
        assert match is not None, old
        old = match.group(0)
    assert old in text, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def text_of(document) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(b.text for b in document.blocks if isinstance(b, Paragraph))


def cells_of(document, table_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    table = next(t for t in document.tables() if t.id == table_id)
    return [c.text for row in table.body for c in row.cells]


# -- 收入 in part, and more of it than is spent --------------------------------------------------
def test_income_published_in_part_that_exceeds_spending_is_an_error(tmp_path):
    """故宫 publishes its 一般公共预算 spending by function only (功能分类口径) and states 基本支出 and
    项目支出 for all money. Written with a 政府性基金 income and the rest unpublished, the income given
    (67,524.50 + 70,000) is more than 支出总计 (128,023.79): 收入总计 cannot be less, so the two cannot
    balance — an error, not a 收支总表 that prints a 支出总计 below its known income."""
    source = changed(tmp_path, GUGONG, "^收入:\n", "收入:\n  一般公共预算拨款: 67524.50\n  政府性基金预算拨款: 70000.00\n"
                     "  其余未公开: true\n")
    prepared = prepare(source)
    balance = [f for f in prepared.errors if f.rule == "R-收支平衡"]
    assert balance and "137,524.50万元 已大于支出总计 128,023.79万元" in balance[0].message, prepared.findings
    assert not [f for f in prepared.errors if f.rule == "R-财政拨款一致"]  # rows of 一般公共预算 only: not compared


def test_income_published_in_part_below_spending_is_no_error(tmp_path):
    source = changed(tmp_path, GUGONG, "^收入:\n", "收入:\n  一般公共预算拨款: 67524.50\n  政府性基金预算拨款: 100.00\n"
                     "  其余未公开: true\n")
    assert not [f for f in prepare(source).errors if f.rule == "R-收支平衡"]


# -- a vehicle part not published ----------------------------------------------------------------
def test_the_known_vehicle_part_is_said_when_the_other_is_not_published(tmp_path):
    """盐田 2022 with 公务用车购置费 left out (not published) and the 合计 stated: 运行维护费 4.00 万元
    is still known, and said with its change, as the table keeps it."""
    source = changed(tmp_path, YANTIAN, "  公务用车购置费: {本年: 0, 上年: 0}\n", "  合计: {本年: 4, 上年: 4}\n")
    prepared = prepare(source)
    assert not prepared.errors, prepared.errors
    text = text_of(document_for(prepared))
    assert "公务用车运行维护费4.00万元，与2021年持平" in text
    assert "公务用车购置费" not in text.split("“三公”经费预算情况")[-1].split("。")[1]  # nothing said of it


# -- a draft past an error marks the contradicted total ------------------------------------------
def test_a_draft_marks_a_total_the_source_contradicts_where_it_stands(tmp_path):
    source = changed(tmp_path, YANTIAN, "\n支出:\n", "\n支出:\n  合计: 1300.00\n")
    prepared = prepare(source)
    assert [f.rule for f in prepared.errors] == ["R-支出合计", "R-支出合计"]
    document = document_for(prepared, draft=True)
    text = text_of(document)
    assert "支出预算1,273.52万元〔待核：源文件所写支出合计为1,300.00万元〕，其中：基本支出" in text
    assert not re.search(r"(?<!财政拨款)支出预算1,273\.52万元(?!〔待核)", text)  # every place it stands
    assert "1,273.52〔待核：源文件所写支出合计为1,300.00〕" in cells_of(document, "收支总表")


def test_a_draft_marks_both_totals_that_do_not_balance(tmp_path):
    source = changed(tmp_path, YANTIAN, "  一般公共预算拨款: 1273.52\n", "  一般公共预算拨款: 1273.52\n  事业收入: 100\n")
    prepared = prepare(source)
    assert [f.rule for f in prepared.errors] == ["R-收支平衡"]
    text = text_of(document_for(prepared, draft=True))
    assert "收入预算1,373.52万元〔待核：与支出总计1,273.52万元不相等〕" in text
    assert "支出预算1,273.52万元〔待核：与收入总计1,373.52万元不相等〕" in text


@pytest.mark.parametrize("form", ["html", "docx"])
def test_the_mark_reaches_every_format_and_never_a_clean_render(tmp_path, capsys, form):
    source = changed(tmp_path, YANTIAN, "\n支出:\n", "\n支出:\n  合计: 1300.00\n")
    out = tmp_path / "out"
    assert main(["render", str(source), "-o", str(out), "--format", form, "--draft"]) == 0
    draft = (out / f"{source.stem}.{form}").read_bytes()
    assert "〔待核：源文件所写支出合计为1,300.00".encode() in (draft if form == "html" else _docx_text(draft))
    assert main(["render", str(YANTIAN), "-o", str(tmp_path / "clean"), "--format", form]) == 0
    clean = (tmp_path / "clean" / f"{YANTIAN.stem}.{form}").read_bytes()
    assert "待核".encode() not in (clean if form == "html" else _docx_text(clean))
    capsys.readouterr()


def _docx_text(data: bytes) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


# -- 基本支出 of all money beside one fund's economic lines ------------------------------------------
def test_a_stated_基本支出_of_all_money_is_not_held_to_the_economic_lines_of_one_fund(tmp_path):
    """江苏's documents (省人民检察院 2018) print the 基本支出 of all money in the 支出预算总表 (13,994.31)
    and the 一般公共预算's by economic class (13,979.92), the function rows the fund's alone (功能分类口径):
    故宫 written so — its 基本支出 61,537.46 beside 一般公共预算 lines of 50,000.00 — is no error, and its
    text says the 基本支出 stated, never the lines' sum."""
    source = changed(tmp_path, GUGONG, "  基本支出: {合计: 61537.46}\n",
                     "  基本支出:\n    合计: 61537.46\n    经济分类:\n      - {科目: 30101, 金额: 30000}\n"
                     "      - {科目: 30201, 金额: 20000}\n")
    source = changed(tmp_path, source, "不公开: [人员编制, 经济分类明细, ", "不公开: [人员编制, ")
    prepared = prepare(source)
    assert not prepared.errors, prepared.errors
    text = text_of(document_for(prepared))
    assert "其中：基本支出61,537.46万元，占48.07%" in text and "一般公共预算基本支出50,000.00万元" in text
