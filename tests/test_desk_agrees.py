"""The desk and the static pages tell one story (issue 55, done means): the same real documents — Shanghai
drafts of bench/corpus and one PDF that cannot be read (locked with a password) — submitted to the desk
through each roster row's link (Django's test client, as tests/test_desk_flow.py) and given to
`reportgen review -o --roster` with the same roster, and every count compared: documents with problems
and 未能审核, each document's 结论, its findings, its warnings and its counts by kind, and each roster
row's 及时性 (one of them never submitted and past its 20 days, one not yet due) — where the desk knows more
than the static pages (a document submitted is not yet published: 逾期 past its 20 days), that is said."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from lxml import html

from reportgen.paperwork.register import today
from tests.support.cli import reportgen
from tests.support.desk import Site, import_roster, roster_csv, submit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
SFJ, CZJ, FLY, LOCKED = "上海市普陀区司法局", "上海市普陀区财政局", "上海市普陀区社会福利院", "上海市普陀区人民政府长征镇"
LATE, NOT_DUE = "上海市普陀区人民政府石泉路街道办事处", "上海市普陀区人民政府宜川路街道办事处"
SUBMITTED = {SFJ: "putuo-sfj-2026.pdf", CZJ: "putuo-caizhengju-2025.pdf", FLY: "putuo-fuliyuan-unit-2024.pdf"}

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


_ROWS = [[SFJ, "部门", SFJ, "2026-01-20", "", "2026"], [CZJ, "部门", CZJ, "2025-01-20", "", "2025"],
         [FLY, "单位", "上海市普陀区民政局", "2024-01-20", "", "2024"], [LOCKED, "部门", LOCKED, "2025-01-20", "", "2025"],
         [LATE, "部门", LATE, "2025-01-20", "", "2025"]]


def _roster(path: Path) -> Path:
    soon = (today() - timedelta(days=3)).isoformat()  # approved three days ago: not yet due
    return roster_csv(path, [*_ROWS, [NOT_DUE, "部门", NOT_DUE, soon, "", ""]])


def _locked(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(CORPUS / "putuo-zhengfuban-2025.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as out:
        writer.write(out)
    return path


@dataclass
class Both:
    static: str  # review -o's summary page
    register: str  # the desk's register page
    submissions: dict[str, int]  # each roster row's submission on the desk (other tests' rows may share a name)
    rows: dict[str, int]  # each roster row's id on the desk


@pytest.fixture(scope="module")
def both(desk_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Both:
    """The static summary page of `review -o --roster`, and the desk's register and submissions, over the
    same documents and roster."""
    from reportgen.desk.record.models import Member, Submission
    from reportgen.desk.web.views import token_digest

    folder = tmp_path_factory.mktemp("agree")
    documents = folder / "报来的文件"
    documents.mkdir()
    for name in SUBMITTED.values():
        shutil.copyfile(CORPUS / name, documents / name)
    _locked(documents / f"{LOCKED}.pdf")  # no name read from it: the register knows it by its file's
    roster = _roster(folder / "名单.csv")
    done = reportgen("review", documents, "--roster", roster, "-o", folder / "pages", cwd=ROOT)
    assert done.returncode == 1 and (folder / "pages" / "index.html").is_file(), done.stdout + done.stderr

    reviewer = desk_site.signed_in()
    links = import_roster(reviewer, roster)
    rows = {name: Member.objects.get(token_digest=token_digest(link.rsplit("/", 1)[1])).id for name, link in links.items()}
    for member, path in [*((m, documents / n) for m, n in SUBMITTED.items()), (LOCKED, documents / f"{LOCKED}.pdf")]:
        response = submit(desk_site.client(), links[member], path)
        assert response.status_code == 302, response.content.decode()
    desk_site.work()
    submissions = {name: Submission.objects.get(member_id=rows[name]).id for name in [*SUBMITTED, LOCKED]}
    return Both((folder / "pages" / "index.html").read_text(encoding="utf-8"), reviewer.get("/register").content.decode(),
                submissions, rows)


def _outcomes(page: str) -> dict[str, list[str]]:
    """The 逐份结果 table: each document's 结论 and counts (表内或表间, 勾稽, 警告, 正文与表格, 读到, 一致, 未能核对)."""
    found = {}
    for tr in html.fromstring(page).xpath('//table[@id="outcomes"]/tbody/tr'):
        cells = [td.text_content() for td in tr.xpath("td")][:-1]
        # a document not reviewed: its 结论, and why (which names the file) left aside
        found[Path(tr.xpath("th")[0].text_content()).name] = cells[:1] if cells[0] == "未能审核" else cells
    return found


def _desk_outcome(submission: int) -> list[str]:
    """The desk's row of the same table: the one 检查表 page (review/pages.py) over what its worker kept."""
    from reportgen.desk.record.models import Submission
    from reportgen.desk.record.summaries import summary_of
    from reportgen.paperwork.pages import summary_page_of

    part = summary_of(Submission.objects.get(id=submission).summary).part
    (row,) = _outcomes(summary_page_of([part], None)).values()
    return row


def _findings(page: str) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for tr in html.fromstring(page).xpath('//table[@id="findings"]/tbody/tr'):
        found.setdefault(Path(tr.get("data-document")).name, []).append((tr.get("data-rule"), tr.get("data-severity")))
    return found


def _static_name(member: str) -> str:
    return SUBMITTED.get(member) or f"{LOCKED}.pdf"


def test_each_document_s_verdict_and_counts_are_the_same(both: Both) -> None:
    static = _outcomes(both.static)
    for member in [*SUBMITTED, LOCKED]:
        assert _desk_outcome(both.submissions[member]) == static[_static_name(member)], member
    assert static[f"{LOCKED}.pdf"][0] == "未能审核"


def test_the_documents_with_problems_and_not_reviewed_are_counted_alike(both: Both) -> None:
    from reportgen.desk.record.models import Submission

    heading = html.fromstring(both.static).xpath("//h1")[0].text_content()
    counted = re.fullmatch(r"审核汇总：(\d+) 份文件，(\d+) 份有问题(?:，(\d+) 份未能审核)?", heading)
    assert counted is not None, heading
    outcomes = [Submission.objects.get(id=i).outcome for i in both.submissions.values()]
    verdicts = [_desk_outcome(i)[0] for i in both.submissions.values()]
    assert outcomes == verdicts
    assert (len(verdicts), verdicts.count("有问题"), verdicts.count("未能审核")) == (
        int(counted[1]), int(counted[2]), int(counted[3] or 0))


def test_each_document_s_findings_are_the_same_on_the_desk(both: Both) -> None:
    from reportgen.desk.record.models import Finding

    static = _findings(both.static)
    for member in [*SUBMITTED, LOCKED]:
        listed = static.get(_static_name(member), [])
        kept = [(f.rule, f.severity) for f in Finding.objects.filter(submission_id=both.submissions[member]).order_by("number")]
        assert kept == listed, member
        warnings = _outcomes(both.static)[_static_name(member)][3:4]  # the 警告 column (none for 未能审核)
        assert warnings in ([], [str(sum(1 for _, severity in kept if severity == "warning"))]), member
    assert not static.get(_static_name(LOCKED))  # nothing read: no finding


def _timeliness(page: str, key: str) -> dict[str, str]:
    """Each roster row's 及时性 (the last cell of the static register; the desk's cell of that name), by
    ``key``: the row's name ("name") or its id on the desk ("id")."""
    rows: dict[str, str] = {}
    for tr in html.fromstring(page).xpath('//table[@id="register"]/tbody/tr[th[@scope="row"]]'):
        name = tr.get("id", "").removeprefix("row-") if key == "id" else \
            tr.xpath('th[@scope="row"]')[0].text_content().strip().split("（")[0]
        cell = tr.xpath('td[@class="timely"]') or tr.xpath("td")[-1:]
        rows[name] = cell[0].text_content().split("（")[0]
    return rows


def test_each_roster_row_s_timeliness_is_the_same_word(both: Both) -> None:
    static = _timeliness(both.static, "name")
    on_desk = _timeliness(both.register, "id")
    desk = {name: on_desk[str(row)] for name, row in both.rows.items()}
    late_days = (today() - date(2025, 1, 20)).days - 20  # Beijing's today, as both count
    assert static[LATE] == desk[LATE] == f"逾期 {late_days} 天"  # never submitted, its 20 days long past: late today
    assert static[NOT_DUE] == desk[NOT_DUE] == "未提交"  # approved three days ago: not late yet
    for member in [*SUBMITTED, LOCKED]:  # submitted, its 20 days long past: the static pages read a published
        # document of no 公开日期; the desk knows it is not yet published, read or not — late today
        approved = date.fromisoformat(next(row[3] for row in _ROWS if row[0] == member))
        assert static[member] == "未给出公开日期，不能判断", member
        assert desk[member] == f"逾期 {(today() - approved).days - 20} 天", member
