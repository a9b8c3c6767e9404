"""The import's source is checked as the value it is, without its YAML made and parsed again
(importing/emit.py, emit_tree.py): the values and marks it is read as are exactly what the YAML
reader reads from the text written — for every document and workbook form imported here — and where
they could differ (a name holding a line break or a control character), the text is made and parsed."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportgen.importing.emit import ImportedSource
from reportgen.importing.pipeline import import_files
from reportgen.importing.tree import Placed
from reportgen.reading.yamlsafe import LocDict, LocList, LocStr, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [*sorted((ROOT / "tests" / "seeds" / "pdf").glob("*.pdf")),
             # the blank 样张 (shanghai-juesuan-template-2024.pdf) has no figure: refused (test_final_import)
             *sorted(p for p in (ROOT / "tests" / "seeds" / "juesuan").glob("*.pdf") if "template" not in p.name),
             *sorted(p for p in (ROOT / "tests" / "fixtures" / "import").glob("wanli-2025*")
                     if p.suffix in (".xlsx", ".xls", ".ods"))]  # the export's five forms

HEADER = {"unplaced": [], "to_fill": [], "department": "某部门", "year": 2025, "kind": "部门",
          "files": [], "tables": [], "unknown": [], "differences": [], "notes": []}


def differences(made: Any, read: Any, path: str = "") -> list[str]:
    """Where two read values differ: type, value, or the mark of the value, a key or an item."""
    if type(made) is not type(read):
        return [f"{path}: {type(made).__name__} against {type(read).__name__}"]
    if isinstance(made, LocDict):
        if made.mark != read.mark or list(made) != list(read):
            return [f"{path}: {made.mark} {list(made)} against {read.mark} {list(read)}"]
        marks = [f"{path}.{k}: marks" for k in made
                 if (made.key_marks[k], made.value_marks[k]) != (read.key_marks[k], read.value_marks[k])]
        return marks + [d for k in made for d in differences(made[k], read[k], f"{path}.{k}")]
    if isinstance(made, LocList):
        if made.mark != read.mark or made.item_marks != read.item_marks or len(made) != len(read):
            return [f"{path}: the list's marks"]
        return [d for i, (a, b) in enumerate(zip(made, read, strict=True)) for d in differences(a, b, f"{path}[{i}]")]
    if isinstance(made, LocStr) and made.mark != read.mark:
        return [f"{path}: {made!r} at {made.mark} against {read.mark}"]
    return [] if made == read else [f"{path}: {made!r} against {read!r}"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_what_the_import_makes_beside_its_text_is_what_the_reader_reads_from_it(document):
    source = import_files([document], "上海").source
    made = source.made()
    assert made is not None
    assert differences(made, parse_yaml(source.text.encode("utf-8"), "x")) == []
    assert differences(source.values(Path("x")), made) == []  # what a review or check is given


def test_a_text_the_reader_would_read_otherwise_is_parsed():
    tree = {"部门": Placed("某部门"), "年度": Placed(2025), "金额单位": Placed("万元"),
            "部门概况": {"职责": [{"": Placed("第一行\u2028第二行")}]}}
    source = ImportedSource(tree, HEADER)
    assert source.made() is None
    read = source.values(Path("x"))
    assert read["部门概况"]["职责"][0] == "第一行\n第二行"  # as the reader reads the text (parsed): a line break
    assert differences(read, parse_yaml(source.text.encode("utf-8"), "x")) == []


def test_numbers_and_number_like_words_read_back_as_written():
    tree = {"部门": Placed("某部门"), "年度": Placed(2025), "金额": Placed(Decimal("12.50")),
            "整数": Placed(Decimal("300")), "编码": Placed("0102"), "列表": Placed(["甲", "1,2"])}
    source = ImportedSource(tree, HEADER)
    made = source.made()
    assert made is not None and differences(made, parse_yaml(source.text.encode("utf-8"), "x")) == []
    assert made["金额"] == Decimal("12.5") and made["整数"] == 300 and made["编码"] == "0102"
