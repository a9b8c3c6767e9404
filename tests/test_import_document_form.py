"""The form a document prints its amounts in, kept by its import (importing/budget/build.py, 展示): tables printing
every figure of a thousand or more without separators (福州市民政局, 长春市信访局 2026, written from; 泉州市人民政府办公室,
湖州市财政局, shown) give 展示.千分位 false, and the render prints “2144.92” as the document does; a document whose
tables separate their thousands (烟台市民政局) is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import cli
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


@pytest.mark.parametrize("name, example", [("fj-fuzhou-minzhengju-benji-2026-unit-budget", "2144.92"),
                                           ("jl-changchun-xinfangju-2026-dept-budget", "1682.76"),
                                           ("fj-quanzhou-zhengfuban-2026-dept-budget", "10984.81")])
def test_tables_printing_no_separators_keep_their_form(name: str, example: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    source, _ = import_once(tmp_path, FRESH / f"{name}.pdf", learn=False)
    text = source.read_text(encoding="utf-8")
    assert f"千分位: false   # 各表千以上的数都不分节（如 {example}）" in text
    assert cli.main(["render", str(source), "--draft", "--format", "html", "-o", str(out)]) in (0, 1)
    page = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert example in page and f"{example[:-6]},{example[-6:]}" not in page


def test_tables_separating_their_thousands_say_nothing_of_it(tmp_path: Path) -> None:
    source, _ = import_once(tmp_path, FRESH / "sd-yantai-minzhengju-2026-dept-budget.pdf", learn=False)
    assert "千分位" not in source.read_text(encoding="utf-8")
