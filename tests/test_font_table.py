"""Word users' details (issue 26, part 5): word/fontTable.xml names every typeface the styles use,
the Chinese ones with their alternates and descriptions as Word writes them (w:altName, PANOSE,
the GB2312 character set, family, pitch, signature), and none of the template's that no style uses
(its Japanese faces among them)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from reportgen.runners.render import render_source

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ALTERNATES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "宋体": "SimSun", "黑体": "SimHei", "方正小标宋简体": "宋体"}


def test_the_font_table_names_the_fonts_used_with_their_alternates(tmp_path):
    result = render_source(ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml", tmp_path, ("docx",), layout="上海")
    package = zipfile.ZipFile(result.outputs[0])
    fonts = {font.get(f"{W}name"): font for font in ET.fromstring(package.read("word/fontTable.xml"))}
    used = set()
    for part in ("word/styles.xml", "word/document.xml", "word/numbering.xml"):
        used |= set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', package.read(part).decode("utf-8")))
    assert used - {"zh-CN", "en-US"} <= set(fonts)
    assert not any(re.search(r"[\u3040-\u30ff]|ＭＳ", name) for name in fonts)  # no Japanese face
    for name, alternate in ALTERNATES.items():
        font = fonts[name]
        assert font.find(f"{W}altName").get(f"{W}val") == alternate, name
        assert font.find(f"{W}charset").get(f"{W}val") == "86", name
        assert re.fullmatch(r"[0-9A-F]{20}", font.find(f"{W}panose1").get(f"{W}val")), name
        assert [child.tag.removeprefix(W) for child in font] == ["altName", "panose1", "charset", "family", "pitch", "sig"]
    assert fonts["黑体"].find(f"{W}pitch").get(f"{W}val") == "fixed"
