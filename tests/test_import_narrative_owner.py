"""The department a narrative names, read where no table names it (a 情况说明 imported alone, 北京's 附件1; a 说明 whose
tables are not read): its title's words, never a part's heading (“第一部分 2026 年度部门预算情况说明” gave 部门: 第一部分)
nor the sentence of its scope (“纳入烟台市住房和城乡建设局2026年部门预算编制范围的……” gave 部门: 纳入烟台市住房和城乡建设局).
Over the 52 narratives of ../shared/corpus and 江苏's, 27 were named by such a heading before (“第一部分”, “第二部分”,
“第二部分江苏省高级人民法院”); 51 are named by their titles now, and 江苏省政协办公厅 2019, whose cover is an image, names
its year and no department (部门未写明, told) — importing/prose.py _owner."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.support.cli import reportgen

NATIONAL = Path(__file__).parent / "fixtures" / "import" / "national"


def test_a_narrative_imported_alone_names_the_department_its_cover_names(tmp_path: Path) -> None:
    # 北京市公安局交通管理局 2026年度部门预算信息公开 pp. 1–7: its cover (“北京市公安局交通管理局” / “2026 年度部门预算信息公开”),
    # its contents (“第一部分 2026 年度部门预算情况说明”) and its 情况说明
    done = reportgen("import", NATIONAL / "beijing-jiaoguanju-2026-p1-7.pdf", "-o", tmp_path / "s.yaml")
    assert "内部错误" not in done.stderr and (tmp_path / "s.yaml").is_file(), done.stderr
    source = yaml.safe_load((tmp_path / "s.yaml").read_text(encoding="utf-8"))
    assert (source["部门"], source["年度"]) == ("北京市公安局交通管理局", 2026)
