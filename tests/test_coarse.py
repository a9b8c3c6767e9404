"""Coarse detail, as departments publish it: function rows at 类 or 款 only, economic rows at 类
only, 基本支出 and 项目支出 as totals, a project list that covers some projects. What is given is
rendered with its shares and changes, what is not is never a 0.00, and the checks hold among the
figures that are given."""

from __future__ import annotations

from pathlib import Path

import yaml

from reportgen.runners.render import check_findings, document_for, prepare, render_source
from reportgen.runners.rollover import dump
from tests.readback import docx_tables, html_tables

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "example-execution-2024.yaml"


def base() -> dict:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del data["上年执行数"]["功能分类"]["20129"]  # the 款 is not among the coarse rows below
    return data


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "coarse.yaml"
    path.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    return path


def coarse_classes(tmp_path: Path) -> Path:
    data = base()
    data["支出"]["功能分类"] = [{"科目": 201, "基本支出": 320, "项目支出": 170}, {"科目": 20805, "基本支出": 30},
                           {"科目": 221, "基本支出": 20}]
    data["支出"]["基本支出"]["经济分类"] = [{"科目": 301, "金额": 320}, {"科目": 302, "金额": 50}]
    return write(tmp_path, data)


def test_classification_rows_at_the_level_published(tmp_path):
    source = coarse_classes(tmp_path)
    prepared = prepare(source)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    text = document_for(prepared).plain_text()
    assert "一般公共服务支出（201）490.00万元，占90.74%" in text
    assert "工资福利支出320.00万元，占59.26%" in text and "商品和服务支出50.00万元，占9.26%" in text
    result = render_source(source, tmp_path / "out")
    assert result.outputs
    for tables in (docx_tables(tmp_path / "out" / "coarse.docx"), html_tables(tmp_path / "out" / "coarse.html")):
        codes = [row[0] for row in tables.titled("一般公共预算支出表")[1:]]
        assert codes == ["合计", "201", "208", "20805", "221"]  # the levels that exist, nothing below them
        economic = tables.titled("基本支出表")
        rows = [row for row in economic if row[0] in ("301", "302")]
        assert len(rows) == 2  # each class once, with its split and no 政府经济分类 invented
        assert rows[0][2:] == ["", "", "320.00", "320.00", "0.00"]


def test_totals_alone_and_a_partial_project_list(tmp_path):
    data = base()
    del data["支出"]["功能分类"], data["支出"]["基本支出"]["经济分类"]
    data["支出"]["基本支出"]["合计"] = 370
    data["支出"]["项目支出"] = 200
    data["收入"]["一般公共预算拨款"] = 570
    data["不公开"] = ["功能分类明细", "经济分类明细"]
    for key in ("功能分类", "经济分类"):
        del data["上年执行数"][key]
    source = write(tmp_path, data)
    findings = check_findings(source)
    assert not [f for f in findings if f.severity == "error"], [f.format() for f in findings]
    warning = [f for f in findings if f.rule == "R-项目支出合计"]
    assert warning and "其余 30.00万元 未逐项列出" in warning[0].message
    text = document_for(prepare(source)).plain_text()
    assert "基本支出370.00万元，占64.91%；项目支出200.00万元，占35.09%" in text
    assert "项目支出200.00万元，比2023年执行数增加67.76万元，增长51.24%，其中：" in text
    assert "注：本表列出2个项目，合计170.00万元；2024年项目支出200.00万元，其余30.00万元未逐项列出。" in text


def test_missing_detail_is_a_finding_not_a_zero(tmp_path):
    data = base()
    del data["支出"]["功能分类"], data["支出"]["基本支出"]["经济分类"]
    data["支出"]["基本支出"]["合计"] = 370
    data["支出"]["项目支出"] = 170
    for key in ("功能分类", "经济分类"):
        del data["上年执行数"][key]
    source = write(tmp_path, data)
    missing = {f.path for f in check_findings(source) if f.rule == "R-缺少"}
    assert {"支出.功能分类", "支出.基本支出.经济分类"} <= missing
    text = document_for(prepare(source), draft=True).plain_text()
    assert "待补充" in text
    assert "基本支出0.00" not in text and "项目支出0.00" not in text


def test_stated_totals_must_agree_with_finer_figures(tmp_path):
    data = base()
    data["支出"]["基本支出"]["合计"] = 371
    data["支出"]["项目支出"] = 160
    rules = {f.rule: f.message for f in prepare(write(tmp_path, data)).errors}
    assert "371.00万元" in rules["R-基本支出合计"] and "370.00万元" in rules["R-基本支出合计"]
    assert "160.00万元" in rules["R-项目支出合计"]


def test_a_locality_splits_an_economic_row_between_personnel_and_public(tmp_path):
    """Shanghai counts part of 303 as 公用经费: a row may state its own split, and the totals follow."""
    data = base()
    data["支出"]["基本支出"]["经济分类"][0].update({"人员经费": 140, "公用经费": 10})  # 30101 of 150
    source = write(tmp_path, data)
    prepared = prepare(source)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    assert (prepared.figures.personnel, prepared.figures.public) == (3100000, 600000)  # 元: 310 and 60 万元
    render_source(source, tmp_path / "out")
    rows = {row[0]: row for row in html_tables(tmp_path / "out" / "coarse.html").titled("基本支出表")}
    assert rows["合计"][-2:] == ["310.00", "60.00"]
    assert rows["301"][-2:] == ["310.00", "10.00"] and rows["30101"][-2:] == ["140.00", "10.00"]
