"""One PDF holding several disclosures one after another (importing/in_one_file.py): a department's budget
followed by its units', or several units' — each found by its own cover, 目录 and owner, reviewed as its own
document, and imported as the first with the others told. The fixtures are real published documents, a few
pages of each, printed one after another (tests/fixtures/manydocs/make.py)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportgen.cli import main
from reportgen.importing.in_one_file import disclosures_in
from reportgen.importing.pipeline import import_files
from reportgen.paperwork.listing import listed
from reportgen.readers.published import read_published
from reportgen.review.documents import DocumentReview, review_files
from tests.support.national import CORPUS

HERE = Path(__file__).resolve().parent / "fixtures" / "manydocs"
SHANGHAI = HERE / "sh-jiaotongzhiyuan-p1-2-20-21+xingkeyuan-p1-2-19-20.pdf"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


@pytest.mark.parametrize(("fixture", "told"), [
    (SHANGHAI.name, ["第1–4页：上海交通职业技术学院 2026年单位预算", "第5–8页：上海市刑事科学技术研究院 2026年单位预算"]),
    ("gz-qixiangju-p1-3+yt-dashujuju-p1-4.pdf", ["第1–3页：广州市气象局 2026年部门预算", "第4–7页：烟台市大数据局 2026年部门预算"]),
    ("sh-jiedukangfu+yibaozhongxin+zhongyiwenxian-p1-2.pdf",
     ["第1–2页：上海市戒毒康复中心 2026年单位预算", "第3–4页：上海市医疗保险事业管理中心 2026年单位预算",
      "第5–6页：上海市中医文献馆 2026年单位预算"]),
    ("fs-final-p1-3+sh-huahuichang-p1-2.pdf", ["第1–3页：佛山市轨道交通局 2019年部门决算", "第4–5页：上海市花卉良种试验场 2026年单位预算"]),
    # a 说明 and its 报表 (no cover of its own) are one disclosure; the next department's cover begins another
    ("bj-lvhuaban-p1-3+tables-p1-2+minzhengju-p1-3+tables-p1-2.pdf",
     ["第1–5页：首都绿化委员会办公室 2026年部门预算", "第6–10页：北京市民政局 2026年部门预算"]),
])
def test_each_disclosure_is_found_by_its_cover_its_contents_and_its_owner(fixture, told):
    spans = disclosures_in(read_published(HERE / fixture).lines)
    assert [span.named for span in spans] == told


def _cut(source: Path, first: int, last: int, path: Path) -> Path:
    writer = PdfWriter()
    for page in PdfReader(source).pages[first - 1:last]:
        writer.add_page(page)
    writer.write(path)
    return path


def _told(result: DocumentReview, offset: int = 0) -> list[tuple[str, str, int, str]]:
    """A review's findings, each on its page of the file (``offset``: the pages before it), with numbers of lines
    and the file's name taken out."""
    return [(item.severity, item.rule, item.page + offset if item.page else 0,
             re.sub(r"第\d+[页行]|:\d+", "", item.message.replace(str(result.document), "")))
            for item in listed(result)]


@pytest.mark.parametrize("fixture", sorted(path.name for path in HERE.glob("*.pdf")))
def test_each_disclosure_is_reviewed_as_it_is_alone(fixture, tmp_path):
    whole = review_files([HERE / fixture], None)
    assert len(whole.parts) >= 2
    for index, part in enumerate(whole.parts):
        assert part.span is not None
        alone = review_files([_cut(HERE / fixture, part.span.first, part.span.last, tmp_path / f"{index}.pdf")], None)
        assert _told(part) == _told(alone, part.span.first - 1)
        assert part.outcome == alone.outcome and part.counts == alone.counts
    assert whole.outcomes == [part.outcome for part in whole.parts]


def test_a_units_table_is_never_read_on_into_the_next_units_contents():
    # the first unit's “三公” table ends its pages; the second's 目录 was read as its rows (“应为金额，而写的是‘目’”)
    first = review_files([SHANGHAI], None).parts[0]
    assert first.imported is not None and not first.imported.differences
    assert all(item.page <= 4 for item in listed(first))


def test_the_terminal_names_each_disclosure_by_its_pages_and_counts_them_as_documents(capsys):
    main(["review", str(SHANGHAI)])
    out = capsys.readouterr().out
    assert "（一个文件中有 2 份公开文本，各作为一份审核）" in out
    assert f"-- {SHANGHAI} 第5–8页：上海市刑事科学技术研究院 2026年单位预算（" in out
    assert "审核 2 份文件：" in out


def test_the_import_writes_the_first_and_tells_the_others_not_written():
    result = import_files([SHANGHAI], None)
    assert result.header.get("department") == "上海交通职业技术学院"
    told = [note for note in result.notes if "份公开文本" in note]
    assert len(told) == 1 and "源文件只写第一份（第1–4页：上海交通职业技术学院 2026年单位预算）" in told[0]
    assert "其余 1 份没有写入——第5–8页：上海市刑事科学技术研究院 2026年单位预算" in told[0]


# documents of every shape the corpus holds, one disclosure each: 深圳's and 广州's department pages of a table
# then each unit's, 北京's 报表 whose pages each name their table, 江苏's 说明 and 报表, a 决算
ONE_EACH = ["gd-shenzhen-renshe-2026-dept-budget", "gd-shenzhen-shuiwu-2026-dept-budget",
            "gd-guangzhou-weijianwei-2026-dept-budget", "bj-weijianwei-2026-dept-budget-tables",
            "sd-yantai-zhujianju-2026-dept-budget", "gd-foshan-guidaojiaotongju-2019-dept-final"]


@pytest.mark.skipif(not CORPUS.exists(), reason="the national corpus (/work/shared/corpus) is not here")
@pytest.mark.parametrize("document", ONE_EACH)
def test_a_single_disclosure_is_never_split(document):
    assert len(disclosures_in(read_published(CORPUS / f"{document}.pdf").lines)) == 1


def test_each_disclosure_answers_its_own_row_of_the_roster(capsys, tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称,类型,主管部门,批复日期\n上海交通职业技术学院,单位,上海市交通委员会,2026-01-20\n"
                      "上海市刑事科学技术研究院,单位,上海市公安局,2026-01-20\n", encoding="utf-8")
    main(["review", str(SHANGHAI), "--roster", str(roster), "--as-of", "2026-01-25"])
    out = capsys.readouterr().out
    assert "未找到文件 0 个" in out
    assert f"单位 上海市刑事科学技术研究院：已公开（{SHANGHAI}）" in out


def test_json_and_pages_give_each_disclosure_apart(capsys, tmp_path):
    main(["review", str(SHANGHAI), "--format", "json"])
    found = json.loads(capsys.readouterr().out)[0]
    assert [(d["pages"], d["named"]) for d in found["disclosures"]] == [
        ([1, 4], "第1–4页：上海交通职业技术学院 2026年单位预算"), ([5, 8], "第5–8页：上海市刑事科学技术研究院 2026年单位预算")]
    main(["review", str(SHANGHAI), "-o", str(tmp_path / "out")])
    capsys.readouterr()
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    stem = f"001-{SHANGHAI.stem}"
    assert {f"{stem}-p1-tables.html", f"{stem}-p5-tables.html", f"{stem}-p1-annotated.pdf",
            f"{stem}-p5-annotated.pdf"} <= set(written)
    summary = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "审核汇总：2 份文件" in summary and "第5–8页：上海市刑事科学技术研究院 2026年单位预算" in summary


def test_the_import_writes_each_disclosure_s_source_into_the_folder_named_by_its_owner(capsys, tmp_path):
    out = tmp_path / "源文件"
    main(["import", str(SHANGHAI), "-o", str(out)])
    said = capsys.readouterr().out
    written = sorted(path.name for path in out.iterdir())
    assert written == ["上海交通职业技术学院-2026.yaml", "上海市刑事科学技术研究院-2026.yaml"]
    first, second = (out / name for name in written)
    assert "部门: 上海交通职业技术学院" in first.read_text(encoding="utf-8")
    text = second.read_text(encoding="utf-8")
    # its own figures, traced to its pages of the one file (the second unit's “三公” table is on the file's page 7)
    assert "部门: 上海市刑事科学技术研究院" in text and f"{SHANGHAI.name} 第7页" in text
    assert not re.search(r"第[1-4]页", text)
    assert f"已写出 {second}（第5–8页：上海市刑事科学技术研究院 2026年单位预算）" in said


def test_the_import_without_a_folder_writes_each_disclosure_beside_where_it_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    main(["import", str(SHANGHAI)])
    capsys.readouterr()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["上海交通职业技术学院-2026.yaml", "上海市刑事科学技术研究院-2026.yaml"]


def test_the_import_of_several_disclosures_into_one_file_is_refused_and_writes_nothing(capsys, tmp_path):
    assert main(["import", str(SHANGHAI), "-o", str(tmp_path / "一个.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"{SHANGHAI} 中印有 2 份公开文本（第1–4页：上海交通职业技术学院 2026年单位预算；第5–8页：上海市刑事科学技术研究院" in err
    assert "-o 应为文件夹" in err and "未写出任何文件" in err
    assert not list(tmp_path.iterdir())


def test_the_import_of_several_disclosures_writes_all_or_none_and_never_overwrites(capsys, tmp_path):
    out = tmp_path / "源文件"
    out.mkdir()
    kept = out / "上海市刑事科学技术研究院-2026.yaml"
    kept.write_text("部门: 已有的文件\n", encoding="utf-8")
    assert main(["import", str(SHANGHAI), "-o", str(out)]) == 2
    assert "文件已存在，不会覆盖" in capsys.readouterr().err
    assert [path.name for path in out.iterdir()] == [kept.name]  # the first's not written either
    assert kept.read_text(encoding="utf-8") == "部门: 已有的文件\n"


def test_a_disclosure_that_cannot_be_imported_leaves_the_others_unwritten(capsys, tmp_path):
    # the 决算's pages cut here print no table: it cannot be imported, so the 预算 after it is not written alone
    fixture = HERE / "fs-final-p1-3+sh-huahuichang-p1-2.pdf"
    assert main(["import", str(fixture), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "其中第1–3页：佛山市轨道交通局 2019年部门决算未能导入" in err and "未写出任何文件" in err
    assert not (tmp_path / "out").exists()


def test_each_disclosure_is_judged_late_by_its_own_row_not_the_files_first():
    """Two units bound in one file: the second published late, the first in time. Each disclosure's 及时性 (and so
    its 结论: one clean but late is 有问题) is its own row's — the file's first row judged them all before."""
    from datetime import date

    from reportgen.paperwork.register import Known, register
    from reportgen.paperwork.roster import Member
    from reportgen.paperwork.tally import CLEAN, FLAGGED, verdict

    approved = date(2026, 1, 20)
    members = [Member("上海交通职业技术学院", "单位", "上海市交通委员会", approved, date(2026, 1, 25), 2026, False, "名单 A2"),
               Member("上海市刑事科学技术研究院", "单位", "上海市公安局", approved, date(2026, 3, 30), 2026, False, "名单 A3")]
    first, second = (Known(SHANGHAI, name, "单位", 2026, False) for name in (m.name for m in members))
    listed = register(members, [first, second])
    assert [entry.member.name for entry in map(listed.entry_of, (first, second))] == [m.name for m in members]
    assert [verdict(CLEAN, listed.entry_of(doc)) for doc in (first, second)] == [CLEAN, FLAGGED]


def test_each_disclosures_annotated_copy_holds_its_own_pages_numbered_as_in_the_file(capsys, tmp_path):
    """A file of many units' disclosures is not copied whole once for each: a disclosure's copy holds its pages alone
    (and the legend), each labelled with its page in the file, and the summary links to its finding's page there."""
    main(["review", str(SHANGHAI), "-o", str(tmp_path / "out")])
    capsys.readouterr()
    stem = f"001-{SHANGHAI.stem}"
    first, second = (PdfReader(tmp_path / "out" / f"{stem}-p{page}-annotated.pdf") for page in (1, 5))
    assert first.page_labels == ["1", "2", "3", "4", "审核意见"]
    assert second.page_labels == ["5", "6", "7", "8", "审核意见"]
    links = set(re.findall(r"-p(\d)-annotated\.pdf#page=(\d+)", (tmp_path / "out" / "index.html").read_text(encoding="utf-8")))
    assert links and all(1 <= int(at) <= 4 for _, at in links)  # a page of the copy, not of the file
