"""The body's size follows the layout (issue 26, part 5): 正文字号 and 正文行距 in 版式.yaml. The
default stays 四号 on 28-point lines; 上海 sets 小四, single spaced, as its published texts are
(tests/seeds/pdf: 12-point characters, lines about 14.6 points apart); a locality that sets its
body in GB/T 9704's 三号 says so in its own layout. The DOCX's styles, the HTML's print style and
the PDF follow."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from reportgen.runners.render import render_source
from reportgen.shaping.layouts import LayoutError, resolve
from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WENLVJU = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"


def normal_style(docx: Path) -> str:
    styles = zipfile.ZipFile(docx).read("word/styles.xml").decode("utf-8")
    return re.search(r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles, re.S).group(0)


def test_the_layouts_say_their_body_size():
    assert (resolve("默认").body_points, resolve("默认").body_line) == (14.0, 28.0)
    assert (resolve("上海").body_points, resolve("上海").body_line) == (12.0, None)
    assert (resolve("深圳").body_points, resolve("深圳").body_line) == (14.0, 28.0)  # as the default it is based on


@pytest.mark.parametrize("settings, expected", [
    ("名称: 坏\n正文字号: 大号\n", "“正文字号”应为字号"),
    ("名称: 坏\n正文字号: 80\n", "“正文字号”应为字号"),
    ("名称: 坏\n正文行距: 两倍\n", "“正文行距”应为 单倍"),
])
def test_a_bad_size_is_refused_with_what_is_expected(tmp_path, settings, expected):
    (tmp_path / "版式.yaml").write_text(settings, encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        resolve(tmp_path)
    assert expected in caught.value.message and "版式.yaml" in caught.value.message


def test_the_docx_and_the_printed_html_follow_the_layout(tmp_path):
    mine = tmp_path / "公文"
    mine.mkdir()
    (mine / "版式.yaml").write_text("名称: 公文\n正文字号: 三号\n正文行距: 29\n", encoding="utf-8")
    looks = {}
    for layout in ("默认", "上海", str(mine)):
        result = render_source(WENLVJU, tmp_path / layout.replace("/", "_"), ("docx", "html"), layout=layout)
        docx, html = (next(p for p in result.outputs if p.suffix == suffix) for suffix in (".docx", ".html"))
        normal = normal_style(docx)
        looks[Path(layout).name] = (re.search(r'<w:sz w:val="(\d+)"/>', normal).group(1),
                                    re.search(r"<w:spacing [^>]*/>", normal).group(0),
                                    re.search(r'w:firstLine="(\d+)"', normal).group(1),
                                    re.search(r"body \{ font-size: ([\d.]+pt); line-height: ([\d.]+); \}",
                                              html.read_text(encoding="utf-8")).groups())
    assert looks["默认"] == ("28", '<w:spacing w:line="560" w:lineRule="exact" w:before="0" w:after="0"/>', "560",
                           ("14pt", "1.6"))
    assert looks["上海"] == ("24", '<w:spacing w:line="240" w:lineRule="auto" w:before="0" w:after="0"/>', "480",
                           ("12pt", "1.3"))
    assert looks["公文"] == ("32", '<w:spacing w:line="580" w:lineRule="exact" w:before="0" w:after="0"/>', "640",
                           ("16pt", "1.6"))


def test_the_pdf_of_the_shanghai_layout_sets_its_body_in_xiaosi(tmp_path):
    require_program("soffice")
    result = render_source(WENLVJU, tmp_path, ("docx",), layout="上海")
    from reportgen.writers.pdf import convert

    (tmp_path / "pdf").mkdir()
    pdf = convert(result.outputs, tmp_path / "pdf")[0]
    xml = subprocess.run([require_program("pdftotext"), "-f", "3", "-l", "6", "-bbox", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    advances = []
    for m in re.finditer(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', xml):
        han = re.findall(r"[\u4e00-\u9fff]", m.group(3))
        if len(han) == len(m.group(3)) >= 4:
            advances.append(round((float(m.group(2)) - float(m.group(1))) / len(han)))
    assert max(set(advances), key=advances.count) == 12  # the body's characters: 12 points wide
