"""The right document, and decisions that travel (issue 81 parts 2 and 3), through Django's test client with CSRF
checks on: each submission is matched to its roster row by what its document says — whose, which year, a budget or
a 决算 — as `review --roster` matches a document to its row (review/register.py row_of); another department's file,
another year's or a 决算 for a 预算, and a resubmission of the very bytes sent before, are held for the reviewer with
what was found — never compared as a fix, never accepted as they are — and the reviewer takes one as the row's or
returns it. A resubmission's findings that the reviewer dismissed last time (the same rule, at the same place and
words, or the same words a page further on) are dismissed again, each with its event; the department sees findings
only once the reviewer released them, those not dismissed alone, never a verdict or a note, and its annotated copy
boxes those alone. Real documents: the generated 万里 2025 drafts (a draft and its next), 普陀区政府办公室 2025 (another
department), 普陀区财政局's 2024 决算 (bench/corpus)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.desk import HEADER, Site, import_roster, roster_csv, seen, submit, token

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
DRAFT_1, DRAFT_2 = CORPUS / "wanli-2025-generated-draft-1.pdf", CORPUS / "wanli-2025-generated-draft-2.pdf"
ZHENGFUBAN = CORPUS / "putuo-zhengfuban-2025.pdf"  # 上海市普陀区人民政府办公室 2025年部门预算
FINAL_2024 = CORPUS / "putuo-caizhengju-juesuan-2024-planted.pdf"  # 上海市普陀区财政局 2024年部门决算
WANLI, CAIZHENG = "上海市普陀区人民政府万里街道办事处（核对）", "上海市普陀区财政局（核对）"
# 北京市审计局 2026: its 说明 and its 报表 published as two files (../shared/corpus/fresh1)
FRESH = ROOT.parent / "shared" / "corpus" / "fresh1"
BEIJING, BEIJING_TABLES = FRESH / "bj-shenjiju-2026-dept-budget.pdf", FRESH / "bj-shenjiju-2026-dept-budget-tables.pdf"
SHENJIJU = "北京市审计局"
RETURN = {"issuer": "普陀区财政局", "issued": "2025-02-01", "deadline": "2025-02-10"}
NOTE = "内部：与街道电话核实过，表中另有说明"
# the findings of draft 1 the reviewer dismisses: its rule and the start of its words (draft 2 prints them again,
# on other pages or cut at another line's end)
DISMISSED = (("R-层级", "（一）财政拨款收入"), ("R-内容空缺", "（一）因公出国（境）费"), ("R-占位内容", "一、项目概述"))

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


@pytest.fixture(scope="module")
def links(desk_site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    roster = tmp_path_factory.mktemp("matching") / "名单.csv"
    roster_csv(roster, [])
    rows = [[WANLI, "部门", WANLI, "2025-01-20", "", "2025", "预算"], [CAIZHENG, "部门", CAIZHENG, "2025-01-20", "", "2025", "预算"],
            [SHENJIJU, "部门", SHENJIJU, "2026-01-20", "", "2026", "预算"]]
    roster.write_text("\n".join(",".join(row) for row in [[*HEADER, "种类"], *rows]) + "\n", encoding="utf-8")
    return import_roster(desk_site.signed_in(), roster)


def _latest(name: str):  # type: ignore[no-untyped-def]
    from reportgen.desk.record.models import Submission

    return Submission.objects.filter(member__name=name).order_by("-number").first()


def _sent(site: Site, link: str, path: Path, name: str, *beside: Path):  # type: ignore[no-untyped-def]
    assert submit(site.client(), link, path, "", *beside).status_code == 302
    site.work()
    return _latest(name)


def _returned(reviewer, submission) -> None:  # type: ignore[no-untyped-def]
    response = reviewer.post(f"/document/{submission.id}/return", {**RETURN, **seen(reviewer, submission.id)})
    assert response.status_code == 302, response.content.decode()


def _dismissed(submission) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted(submission.findings.filter(verdict="驳回").values_list("number", flat=True))


def _the_dismissed(submission) -> list[int]:  # type: ignore[no-untyped-def]
    """The numbers of DISMISSED's findings in the submission (each once)."""
    found = []
    for rule, words in DISMISSED:
        (finding,) = [f for f in submission.findings.filter(rule=rule) if f.quote.startswith(words)]
        found.append(finding.number)
    return sorted(found)


def _annotations(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [str(a.get_object().get("/Contents", "")) for page in PdfReader(io.BytesIO(data)).pages
            for a in page.get("/Annots") or []]


def _numbers(contents: list[str]) -> set[int]:
    """The findings' numbers the boxes' notes start with (“2. …”)."""
    return {int(found.group(1)) for text in contents if (found := re.match(r"(\d+)\.", text))}


def test_a_department_sees_the_findings_released_not_dismissed_with_no_note(desk_site: Site, links: dict[str, str]) -> None:
    department, reviewer = desk_site.client(), desk_site.signed_in()
    first = _sent(desk_site, links[WANLI], DRAFT_1, WANLI)
    assert first.number == 1 and not first.held and first.outcome == "有问题"
    mine = f"{links[WANLI]}/document/{first.id}"
    page = department.get(mine).content.decode()  # the machine's findings, before the bureau has looked: none
    assert 'id="not-released"' in page and 'id="findings"' not in page and "有问题" not in page
    assert "有问题" not in department.get(links[WANLI]).content.decode()
    assert department.get(f"{mine}/annotated").status_code == 404
    dismissed = _the_dismissed(first)
    verdicts = {f"verdict-{n}": "驳回" for n in dismissed} | {f"note-{n}": NOTE for n in dismissed}
    assert reviewer.post(f"/document/{first.id}/verdicts", {**verdicts, **seen(reviewer, first.id)}).status_code == 302
    _returned(reviewer, first)

    page = department.get(mine).content.decode()
    kept = [n for n in first.findings.values_list("number", flat=True) if n not in dismissed]
    assert all(f'id="finding-{n}"' in page for n in kept) and not any(f'id="finding-{n}"' in page for n in dismissed)
    assert NOTE not in page and "驳回" not in page and "审核意见" not in page and "有问题" in page
    first.refresh_from_db()
    handed = department.get(f"{mine}/annotated")
    assert first.handed and first.handed != first.annotated and handed.status_code == 200
    whole = b"".join(desk_site.signed_in().get(f"/document/{first.id}/annotated").streaming_content)
    boxes = _numbers(_annotations(b"".join(handed.streaming_content)))  # the copy handed back: the kept findings boxed
    boxed = set(first.findings.filter(boxed=True).values_list("number", flat=True))
    assert boxes == {n for n in kept if n in boxed} and _numbers(_annotations(whole)) == boxed
    assert boxed & set(dismissed)  # the worker's copy boxed a dismissed one: the department's does not
    finding = first.findings.exclude(page=0).exclude(number__in=dismissed).first()
    shown = department.get(f"{mine}/page/{finding.page}").content.decode()
    assert f"问题 {finding.number}" in shown and NOTE not in shown and "驳回" not in shown


def test_another_departments_file_is_held_never_told_as_a_fix_and_returned(desk_site: Site, links: dict[str, str]) -> None:
    from reportgen.desk.record.models import Submission

    if _latest(WANLI) is None:
        test_a_department_sees_the_findings_released_not_dismissed_with_no_note(desk_site, links)
    department, reviewer = desk_site.client(), desk_site.signed_in()
    wrong = _sent(desk_site, links[WANLI], ZHENGFUBAN, WANLI)  # another department's budget through this row's link
    assert wrong.state == "审核中" and "上海市普陀区人民政府办公室" in wrong.held and "单位名称不符" in wrong.held
    assert wrong.events.filter(after="待核对", note=wrong.held).exists()
    page = reviewer.get(f"/document/{wrong.id}").content.decode()
    assert 'id="held"' in page and 'id="id_take"' in page and 'id="id_accept"' not in page
    assert _register_state(reviewer, WANLI) == "待核对"  # waiting for the reviewer, not for a worker
    assert "这次已不再出现的" not in page and 'id="resolved"' not in page and "次报送比较）" not in page  # not a fix
    before = (wrong.state, wrong.events.count())
    response = reviewer.post(f"/document/{wrong.id}/accept", {"reason": "已核实", **seen(reviewer, wrong.id)})
    assert response.status_code == 400 and "待核对" in response.content.decode()
    wrong.refresh_from_db()
    assert (wrong.state, wrong.events.count()) == before
    _returned(reviewer, wrong)
    wrong = Submission.objects.get(id=wrong.id)
    assert _register_state(reviewer, WANLI) == "已退回"
    assert wrong.state == "已退回" and not wrong.notice and "请重新报送" in wrong.events.get(after="已退回").note
    page = department.get(f"{links[WANLI]}/document/{wrong.id}").content.decode()
    assert "上海市普陀区人民政府办公室" in page and "单位名称不符" in page and 'id="id_document"' not in page
    assert 'id="id_document"' in department.get(links[WANLI]).content.decode()  # the department sends its own


def test_a_resubmissions_same_findings_keep_their_dismissal_and_the_same_bytes_are_held(desk_site: Site,
                                                                                        links: dict[str, str]) -> None:
    if _latest(WANLI) is None or _latest(WANLI).number < 2:
        test_another_departments_file_is_held_never_told_as_a_fix_and_returned(desk_site, links)
    reviewer = desk_site.signed_in()
    first = _latest(WANLI).member.submissions.get(number=1)
    second = _sent(desk_site, links[WANLI], DRAFT_2, WANLI)  # the corrected draft: compared with the first, not the wrong file
    assert not second.held
    carried = _the_dismissed(second)
    assert _dismissed(second) == carried  # the same rule and words, though on another page or cut elsewhere: carried
    for number in carried:
        event = second.findings.get(number=number).events.get()
        assert event.after == "驳回" and event.note.startswith("沿用第 1 次报送问题") and NOTE in event.note
    assert {f.compared for f in second.findings.all()} == {"新", "仍在"}
    assert not second.findings.filter(rule="R-核对", verdict="驳回").exists()  # confirmed nowhere, dismissed nowhere: left
    page = reviewer.get(f"/document/{second.id}").content.decode()
    assert f"与第 {first.number} 次报送比较" in page
    _returned(reviewer, second)

    again = _sent(desk_site, links[WANLI], DRAFT_2, WANLI)  # the same bytes sent back unchanged
    assert f"与第 {second.number} 次报送的文件完全相同" in again.held and not _dismissed(again)
    page = reviewer.get(f"/document/{again.id}").content.decode()
    assert 'id="held"' in page and "完全相同" in page and 'id="id_accept"' not in page
    response = reviewer.post(f"/document/{again.id}/take", seen(reviewer, again.id))
    assert response.status_code == 302, response.content.decode()
    again.refresh_from_db()
    assert not again.held and again.events.filter(after="已确认为本行报送").exists()
    assert _dismissed(again) == carried  # taken as the row's: compared with the last, its dismissals carried
    response = reviewer.post(f"/document/{again.id}/take", seen(reviewer, again.id))
    assert response.status_code == 400  # nothing left to take


def test_a_final_account_of_another_year_for_a_budget_is_held_with_what_it_says(desk_site: Site,
                                                                                links: dict[str, str]) -> None:
    held = _sent(desk_site, links[CAIZHENG], FINAL_2024, CAIZHENG)
    assert held.held, held.why_unreviewed
    assert "上海市普陀区财政局 2024年 部门 决算" in held.held and "年度、预算或决算不符" in held.held
    assert "单位名称" not in held.held  # its name is the row's


@pytest.mark.skipif(not BEIJING.is_file(), reason="../shared/corpus/fresh1 不在")
def test_a_disclosure_in_two_files_is_submitted_and_reviewed_as_one(desk_site: Site, links: dict[str, str]) -> None:
    """北京's 说明 and 报表, chosen at once in the form: one submission of two files, reviewed as `review` reviews them
    given together (one document, 未发现问题) — each alone is 未能审核; two files of two disclosures are not one."""
    from reportgen.desk.record.models import Submission
    from reportgen.review.documents import review_together

    together = review_together([BEIJING, BEIJING_TABLES], None)
    assert len(together) == 1 and len(together[0].files) == 2
    both = _sent(desk_site, links[SHENJIJU], BEIJING_TABLES, SHENJIJU, BEIJING)  # the 报表 first: told by content
    assert [f.given_name for f in both.files.all()] == [BEIJING.name] and both.given_name == BEIJING_TABLES.name
    assert both.outcome == together[0].outcome == "未发现问题" and not both.held and not both.why_unreviewed
    reviewer = desk_site.signed_in()
    page = reviewer.get(f"/document/{both.id}").content.decode()
    assert "2 个文件作为一份公开文本审核" in page and 'id="id_accept"' in page
    assert reviewer.get(f"/document/{both.id}/original-2").getvalue() == BEIJING.read_bytes()
    assert reviewer.post(f"/document/{both.id}/accept", seen(reviewer, both.id)).status_code == 302
    assert Submission.objects.get(id=both.id).state == "已通过"


@pytest.mark.skipif(not BEIJING.is_file(), reason="../shared/corpus/fresh1 不在")
def test_files_of_two_disclosures_sent_as_one_are_not_reviewed_as_one(desk_site: Site, tmp_path: Path) -> None:
    from reportgen.desk.record.models import Submission

    name = "北京市审计局（两份）"
    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path / "名单.csv", [[name, "部门", name, "2026-01-20", "", "2026"]]))
    apart = _sent(desk_site, links[name], BEIJING, name, ZHENGFUBAN)
    assert apart.outcome == "未能审核" and "不是同一份公开文本的说明和报表" in apart.why_unreviewed
    reviewer = desk_site.signed_in()
    assert reviewer.post(f"/document/{apart.id}/accept", {"reason": "x", **seen(reviewer, apart.id)}).status_code == 400
    _returned(reviewer, apart)
    assert Submission.objects.get(id=apart.id).state == "已退回"
    department = desk_site.client()
    department.get(links[name])
    too_many = [io.BytesIO(BEIJING.read_bytes()) for _ in range(5)]
    for number, upload in enumerate(too_many):
        upload.name = f"{number}.pdf"
    response = department.post(links[name] + "/upload", {"document": too_many, **token(department)})
    assert response.status_code == 400 and "一次最多报送 4 个" in response.content.decode()
    assert Submission.objects.filter(member__name=name).count() == 1


def _register_state(reviewer: Any, name: str) -> str:
    """The state the register shows on the row of ``name``."""
    from lxml import html as lxml_html

    page = lxml_html.fromstring(reviewer.get("/register").content.decode())
    row = next(tr for tr in page.iter("tr") if name in tr.text_content())
    return row.find_class("state")[0].text_content().strip()
