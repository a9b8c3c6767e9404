"""A submitted PDF printing several disclosures one after another (importing/in_one_file.py) on the desk: each
disclosure is its own item — its owner, its pages, its outcome, its findings numbered as its own annotated copy
numbers them, its 检查表 row, its notice — and answers its own roster row, as `reportgen review` tells them
(tests/test_several_in_one_file.py). The file is two real 上海市级 units' budgets, a few pages of each, bound
together (tests/fixtures/manydocs/make.py)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from lxml import html
from pypdf import PdfReader

from reportgen.paperwork.listing import listed
from reportgen.review.documents import review_files
from tests.support.desk import Site, import_roster, roster_csv, seen, submit

HERE = Path(__file__).resolve().parent / "fixtures" / "manydocs"
SHANGHAI = HERE / "sh-jiaotongzhiyuan-p1-2-20-21+xingkeyuan-p1-2-19-20.pdf"
FIRST, SECOND = "上海交通职业技术学院", "上海市刑事科学技术研究院"
# a third row, named by neither: the file is never its
OTHER = "上海市普陀区人民政府宜川路街道办事处"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


LINKS: dict[str, str] = {}


@pytest.fixture(scope="module")
def submitted(desk_site: Site, tmp_path_factory: pytest.TempPathFactory) -> int:
    """The file submitted through the first unit's link and reviewed by a worker: its submission's id."""
    from reportgen.desk.record.models import Submission

    roster = roster_csv(tmp_path_factory.mktemp("several") / "名单.csv", [
        [FIRST, "单位", "上海市交通委员会", "2026-01-20", "", "2026"], [SECOND, "单位", "上海市公安局", "2026-01-20", "", "2026"],
        [OTHER, "部门", OTHER, "2026-01-20", "", "2026"]])
    links = import_roster(desk_site.signed_in(), roster)
    LINKS.update(links)
    assert submit(desk_site.client(), links[FIRST], SHANGHAI, "两个单位.pdf").status_code == 302
    desk_site.work()
    return Submission.objects.get(member__name=FIRST, member__parent="上海市交通委员会").id


def test_each_disclosure_is_its_own_item_as_review_tells_it(submitted: int) -> None:
    from reportgen.desk.record.models import Submission

    submission = Submission.objects.get(id=submitted)
    alone = review_files([SHANGHAI], None).parts
    disclosures = list(submission.disclosures.all())
    assert [(d.first, d.last, d.owner, d.kind, d.named) for d in disclosures] == [
        (1, 4, FIRST, "单位", "第1–4页：上海交通职业技术学院 2026年单位预算"),
        (5, 8, SECOND, "单位", "第5–8页：上海市刑事科学技术研究院 2026年单位预算")]
    assert [d.outcome for d in disclosures] == [part.outcome for part in alone]
    assert submission.outcome == review_files([SHANGHAI], None).outcome
    for disclosure, part in zip(disclosures, alone, strict=True):
        kept = list(disclosure.findings.order_by("number"))
        assert [(f.number, f.rule, f.severity, f.page) for f in kept] == [
            (number, item.rule, item.severity, item.page) for number, item in enumerate(listed(part), start=1)]
        assert all(first <= f.page <= last for f in kept if f.page for first, last in [(disclosure.first, disclosure.last)])
    assert not submission.findings.filter(disclosure=None).exists()


def test_each_disclosure_s_annotated_copy_marks_its_own_pages(desk_site: Site, submitted: int) -> None:
    from reportgen.desk.record.models import Submission

    submission = Submission.objects.get(id=submitted)
    reviewer = desk_site.signed_in()
    first, second = submission.disclosures.all()
    assert first.annotated and second.annotated and first.annotated != second.annotated
    copy = PdfReader(io.BytesIO(reviewer.get(f"/document/{submitted}/annotated-1").getvalue()))
    boxed = [number for number, page in enumerate(copy.pages, start=1) if page.get("/Annots")]
    assert boxed and all(1 <= number <= 4 for number in boxed)  # its finding on page 4 boxed, none of the other's
    for what in ("annotated-3", "annotated-99999999999999999999", "notice-²", "annotated-"):  # no such copy: not found
        assert reviewer.get(f"/document/{submitted}/{what}").status_code == 404
    assert reviewer.get(f"/document/{submitted}/page/99999999999999999999").status_code == 404
    page = reviewer.get(f"/document/{submitted}/page/4").content.decode()
    on_page = first.findings.get(page=4)
    assert f'id="finding-{on_page.key}"><a href="/document/{submitted}#finding-{on_page.key}">问题 1</a>' in page
    assert reviewer.get(f"/document/{submitted}/page/4.png").status_code in (200, 404)  # 404 only without pdftoppm
    from reportgen.desk.web.page_views import annotated_of

    # each copy holds its own pages alone: the file's page 6 is the second copy's page 2
    assert len(PdfReader(io.BytesIO(reviewer.get(f"/document/{submitted}/annotated-2").getvalue())).pages) == 5
    assert annotated_of(submission, 6) == (second.annotated, 6 - second.first + 1)


def test_the_document_page_names_each_disclosure_with_its_outcome_and_findings(desk_site: Site, submitted: int) -> None:
    from reportgen.desk.record.models import Submission

    submission = Submission.objects.get(id=submitted)
    page = html.fromstring(desk_site.signed_in().get(f"/document/{submitted}").content.decode())
    assert "这个文件中有 2 份公开文本" in page.xpath('//p[@id="several"]')[0].text_content()
    for disclosure in submission.disclosures.all():
        section = page.xpath(f'//section[@id="disclosure-{disclosure.number}"]')[0]
        assert section.xpath("h2")[0].text_content() == disclosure.named
        assert section.xpath('.//strong[contains(@class, "outcome")]')[0].text_content() == disclosure.outcome
        rows = section.xpath(f'.//table[@id="findings-{disclosure.number}"]/tbody/tr')
        assert [row.xpath("td")[0].text_content() for row in rows] == [
            str(n) for n in range(1, disclosure.findings.count() + 1)]
    # the department sees none of it before the reviewer released it (returned: next test)
    own = desk_site.client().get(f"{LINKS[FIRST]}/document/{submitted}").content.decode()
    assert own.count('<section id="disclosure-') == 0 and 'id="not-released"' in own
    assert desk_site.client().get(f"{LINKS[FIRST]}/document/{submitted}/annotated-2").status_code == 404


def test_verdicts_and_the_return_are_each_disclosure_s(desk_site: Site, submitted: int) -> None:
    from reportgen.desk.record.models import Finding, Submission

    reviewer = desk_site.signed_in()
    first, second = Submission.objects.get(id=submitted).disclosures.all()
    dismissed = second.findings.get(number=1)  # numbered 1 in its own copy, as the first's first finding is
    kept = first.findings.get(number=1)
    response = reviewer.post(f"/document/{submitted}/verdicts", {f"verdict-{dismissed.key}": "驳回",
                                                                  f"verdict-{kept.key}": "确认", **seen(reviewer, submitted)})
    assert response.status_code == 302
    assert Finding.objects.get(id=dismissed.id).verdict == "驳回" and Finding.objects.get(id=kept.id).verdict == "确认"
    response = reviewer.post(f"/document/{submitted}/return", {"issuer": "上海市财政局", "issued": "2026-02-01",
                                                                "deadline": "2026-02-10", **seen(reviewer, submitted)})
    assert response.status_code == 302, response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert Submission.objects.get(id=submitted).state == "已退回"
    assert first.notice and not second.notice  # its one finding dismissed: nothing to hand back to the second
    notice = _docx_text(reviewer.get(f"/document/{submitted}/notice-1").getvalue())
    assert FIRST in notice and SECOND not in notice
    assert reviewer.get(f"/document/{submitted}/findings-1").status_code == 200  # its findings as an XLSX beside it
    assert reviewer.get(f"/document/{submitted}/findings-2").status_code == 404
    assert reviewer.get(f"/document/{submitted}/findings").status_code == 404  # the file's own: none
    # the department sees the same items through its link once returned, the findings kept alone, without the
    # reviewer's forms; each disclosure's annotated copy handed back boxes its kept findings (the second has none)
    own = desk_site.client().get(f"{LINKS[FIRST]}/document/{submitted}").content.decode()
    assert own.count('<section id="disclosure-') == 2 and 'name="verdict-' not in own and "驳回" not in own
    assert f'id="finding-{kept.key}"' in own and f'id="finding-{dismissed.key}"' not in own
    assert bool(first.handed) == (f'href="{LINKS[FIRST]}/document/{submitted}/annotated-1"' in own)
    assert not second.handed and f'href="{LINKS[FIRST]}/document/{submitted}/annotated-2"' not in own


def test_each_disclosure_answers_its_own_roster_row_and_the_inspection_counts_them(desk_site: Site,
                                                                                    submitted: int) -> None:
    reviewer = desk_site.signed_in()
    register = html.fromstring(reviewer.get("/register").content.decode())
    cells = {tr.xpath('th[@scope="row"]')[0].text_content(): tr for tr in register.xpath('//table[@id="register"]/tbody/tr')}
    second = cells[SECOND]
    assert "第5–8页：上海市刑事科学技术研究院 2026年单位预算" in second.text_content()
    assert second.xpath('td[@class="state"]')[0].text_content() != "未提交"  # submitted in the first's file
    # not yet published, its 20 days past: late, as a row that submitted it itself
    assert second.xpath('td[@class="timely"]')[0].text_content().startswith("逾期")
    assert cells[FIRST].xpath('td[@class="timely"]')[0].text_content().startswith("逾期")
    assert cells[OTHER].xpath('td[@class="state"]')[0].text_content() == "未提交"
    inspection = reviewer.get("/register/inspection.html").content.decode()
    outcomes = html.fromstring(inspection).xpath('//table[@id="outcomes"]/tbody/tr/th')
    named = [th.text_content() for th in outcomes]
    assert sum("第1–4页：上海交通职业技术学院" in name for name in named) == 1
    assert sum("第5–8页：上海市刑事科学技术研究院" in name for name in named) == 1
    heading = html.fromstring(inspection).xpath("//h1")[0].text_content()
    assert re.match(r"审核汇总：(\d+) 份文件", heading)


def test_each_disclosure_s_inspection_row_tells_its_own_row_s_timeliness(desk_site: Site, submitted: int) -> None:
    """The 检查表's row of each disclosure is matched to the roster row the register gives it (its owner's), so its
    及时性 is that row's — not "名单中没有对上的一行", as when it was known by the worker's folder and file, which no row's
    documents hold; and that folder is named nowhere on the page."""
    inspection = desk_site.signed_in().get("/register/inspection.html").content.decode()
    timely = {tr.xpath("th")[0].text_content(): tr.xpath("td")[0].text_content()
              for tr in html.fromstring(inspection).xpath('//table[@id="inspection"]/tbody/tr')}
    for owner in (FIRST, SECOND):
        row = next(told for name, told in timely.items() if f"页：{owner}" in name)
        assert row.startswith("逾期") and "天" in row, (owner, row)  # approved 2026-01-20, not yet published
    assert "job-" not in inspection and str(desk_site.data) not in inspection


def _docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs) + "\n".join(
        cell.text for table in Document(io.BytesIO(data)).tables for row in table.rows for cell in row.cells)


def test_each_disclosure_s_inspection_row_is_the_one_review_o_writes(desk_site: Site, submitted: int, tmp_path) -> None:
    from reportgen.cli import main
    from reportgen.desk.record.models import Finding

    assert main(["review", str(SHANGHAI), "-o", str(tmp_path / "pages")]) == 1
    static = _outcome_rows((tmp_path / "pages" / "index.html").read_text(encoding="utf-8"))
    findings = Finding.objects.filter(submission_id=submitted)
    verdicts = dict(findings.values_list("id", "verdict"))
    try:  # as review -o tells them: no finding dismissed (one dismissed is off the desk's counts: test_desk_summaries)
        findings.update(verdict="")
        desk = _outcome_rows(desk_site.signed_in().get("/register/inspection.html").content.decode())
    finally:
        for finding_id, verdict in verdicts.items():
            Finding.objects.filter(id=finding_id).update(verdict=verdict)
    for named in ("第1–4页：上海交通职业技术学院 2026年单位预算", "第5–8页：上海市刑事科学技术研究院 2026年单位预算"):
        assert desk[named] == static[named], named


def _outcome_rows(page: str) -> dict[str, list[str]]:
    """The 逐份结果 table's rows by the disclosure's pages and name: its 结论 and counts."""
    found = {}
    for tr in html.fromstring(page).xpath('//table[@id="outcomes"]/tbody/tr'):
        named = re.search(r"（(第\d+–\d+页：[^）]+)）$", tr.xpath("th")[0].text_content().strip())
        if named:
            found[named.group(1)] = [td.text_content() for td in tr.xpath("td")][:-1]
    return found



def test_a_disclosure_published_in_another_row_s_file_is_published_on_its_day(desk_site: Site, submitted: int) -> None:
    """The file published: the unit whose budget it prints after the submitter's is published with it (its row's
    及时性 judged by that day, as the 检查表 of `review --roster` judges a roster row by its 公开日期)."""
    from reportgen.desk.record.models import Member, Submission

    reviewer = desk_site.signed_in()
    submission = Submission.objects.get(id=submitted)
    if submission.state == "已退回":  # returned by the test before: the department sends it again
        assert submit(desk_site.client(), LINKS[FIRST], SHANGHAI, "两个单位.pdf").status_code == 302
        desk_site.work()
        submission = Submission.objects.filter(member=submission.member).order_by("-number").first()
        assert "完全相同" in submission.held  # the same bytes again: held until the reviewer takes them as the row's
        assert reviewer.post(f"/document/{submission.id}/take", seen(reviewer, submission.id)).status_code == 302
    assert reviewer.post(f"/document/{submission.id}/accept", seen(reviewer, submission.id)).status_code == 302
    assert reviewer.post(f"/document/{submission.id}/publish", {"published": "2026-02-05", **seen(reviewer, submission.id)}).status_code == 302
    rows = Member.objects.filter(year=2026, approved="2026-01-20")  # this module's roster (the site is shared)
    assert [str(rows.get(name=name).published) for name in (FIRST, SECOND, OTHER)] == ["2026-02-05", "2026-02-05", "None"]
    register = html.fromstring(reviewer.get("/register").content.decode())
    cells = {tr.xpath('th[@scope="row"]')[0].text_content(): tr for tr in register.xpath('//table[@id="register"]/tbody/tr')}
    assert cells[SECOND].xpath('td[@class="state"]')[0].text_content() == "已公开"
    assert cells[SECOND].xpath('td[@class="timely"]')[0].text_content().startswith("按时")
