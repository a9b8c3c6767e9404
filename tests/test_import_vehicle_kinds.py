"""reportgen import of a budget, 国有资产.车辆分类 (issue 80, part 2): the kinds of vehicles a budget's sentence of the
vehicles held counts after their count (“共有车辆8辆，其中：部级领导干部用车0辆……其他用车8辆”), each a kind of the
source's (the 样张's, or a name other provinces print it by: text_parts.yaml 车型别名, words83), read only where the
sentence says it — never a purchase's kinds (“安排购置车辆1辆，其中：……”: no field holds them), nor a kind the source has
not (“老干部服务用车”), nor the end of another's name nor two counted together (“机要通信用车及应急保障用车0辆”). Written
from 万里街道 2025 (上海) and 苏州市应急管理局 2026 (江苏); held, unchanged, on 国家信访局 2026, 湖州市财政局 2026 and
泉州市政府办 2026. (words83: “副部（省）级及以上领导用车”, “省部级领导干部用车” are the national 决算 form's and the
provinces' names of the 样张's 部级领导干部用车, “主要负责人用车” of 主要领导干部用车 — written as those kinds.)"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml

from reportgen.cli import main
from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FRESH = SHARED / "corpus" / "fresh1"


def _imported(pdf: Path, folder: Path) -> tuple[dict, str]:
    require_program("pdftotext")
    source = folder / "source.yaml"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["import", str(pdf), "-o", str(source)]) in (0, 1)
    text = source.read_text(encoding="utf-8")
    return yaml.safe_load(text), text


@pytest.mark.parametrize("pdf, kinds", [
    # the held ones (8 其他用车), not the purchase's (“安排购置车辆1辆，其中：……其他用车1辆”)
    (SHARED / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf",
     {"部级领导干部用车": 0, "主要领导干部用车": 0, "机要通信用车": 0, "应急保障用车": 0, "执法执勤用车": 0,
      "特种专业技术用车": 0, "离退休干部用车": 0, "其他用车": 8}),
    # “副部（省）级及以上领导用车0辆、主要负责人用车0辆”: the 样张's first two kinds by the national form's names (words83)
    (FRESH / "js-suzhou-yingji-2026-dept-budget.pdf",
     {"部级领导干部用车": 0, "主要领导干部用车": 0, "机要通信用车": 0, "应急保障用车": 0, "执法执勤用车": 8, "特种专业技术用车": 0, "离退休干部用车": 0, "其他用车": 0}),
    # “其他用车10辆，其他用车主要是……”: the count once
    (FRESH / "central-guojia-xinfangju-2026-dept-budget.pdf",
     {"部级领导干部用车": 1, "机要通信用车": 2, "应急保障用车": 2, "其他用车": 10}),
    # “机要通信用车及应急保障用车0辆” counts two kinds together: neither is written
    (FRESH / "zj-huzhou-caizhengju-2026-dept-budget.pdf", {"执法执勤用车": 1, "特种专业技术用车": 0}),
    # “省部级领导干部用车0辆”: 部级领导干部用车 by the province's name (words83)
    (FRESH / "fj-quanzhou-zhengfuban-2026-dept-budget.pdf",
     {"部级领导干部用车": 0, "机要通信用车": 0, "应急保障用车": 153, "执法执勤用车": 0, "特种专业技术用车": 0, "其他用车": 41}),
])
def test_the_kinds_of_vehicles_held_are_written_as_the_sentence_counts_them(tmp_path, pdf, kinds) -> None:
    data, _ = _imported(pdf, tmp_path)
    assert data["国有资产"]["车辆分类"] == kinds


def test_kinds_all_written_are_no_longer_told_as_not_written(tmp_path) -> None:
    """万里 2025: the clause of kinds is written whole — not listed as 未写入; 湖州's, with kinds the source has not
    (“老干部服务用车0辆”), is."""
    _, text = _imported(SHARED / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf", tmp_path / "wanli")
    assert "部级领导干部用车0辆" not in "".join(line for line in text.splitlines() if "未写入" in line)
    _, text = _imported(FRESH / "zj-huzhou-caizhengju-2026-dept-budget.pdf", tmp_path / "huzhou")
    assert any("老干部服务用车0辆" in line for line in text.splitlines() if "未写入" in line)
