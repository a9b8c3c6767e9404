"""A province's season on the desk (issue 81 parts 5 and 6): the register paged and filtered (by state, by 逾期, by
words of a name) with every row under the state the register shows it in; the leaders' progress page counting the
rows as the register does, by state and by 主管部门; the rows still to submit or to correct, exported as XLSX and
CSV; a department waiting in the queue told its place and, once a pace is measured, when it will be reviewed; the
workers a machine runs; and a published document checked against the approved one through the desk's page."""

from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from lxml import html

from tests.support.desk import Site, token

_RUN = itertools.count(1)
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _rows(prefix: str, states: list[str], approved: date, parent: str = "", deadline: date | None = None) -> list[int]:
    """A roster row of its own for each of ``states`` ("" none submitted), named ``prefix`` and a number; its ids."""
    from reportgen.desk.record.models import Member, Submission
    from reportgen.desk.web.views import token_digest

    made = []
    for state in states:
        number = next(_RUN)
        member = Member.objects.create(position=50_000 + number, name=f"{prefix}{number:04d}", kind="单位" if parent else "部门",
                                       parent=parent, approved=approved, place="测试",
                                       token_digest=token_digest(f"{prefix}-{number}"))
        if state:
            Submission.objects.create(member=member, number=1, digest="0" * 64, size=1, kind="pdf", given_name="稿.pdf",
                                      state=state, outcome="有问题", deadline=deadline)
        made.append(member.id)
    return made


def _register(client, query: str):  # type: ignore[no-untyped-def]
    response = client.get("/register?" + query)
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    return page, [(int(tr.get("id").removeprefix("row-")), tr.xpath('td[@class="state"]')[0].text_content())
                  for tr in page.xpath('//table[@id="register"]/tbody/tr')]


def test_the_register_is_paged_and_filtered_by_state_lateness_and_name(desk_site: Site) -> None:
    from reportgen.desk.record.progress import PAGE_ROWS
    from reportgen.paperwork.register import today

    recent, long_ago = today() - timedelta(days=5), today() - timedelta(days=60)
    on_time = _rows("分页测试单位", [""] * 150 + ["已退回"] * 30 + ["已通过"] * 20, recent)
    late = _rows("分页测试单位", [""] * 25 + ["已退回"] * 5, long_ago)
    client = desk_site.signed_in()
    first, shown = _register(client, "q=分页测试")
    assert len(shown) == PAGE_ROWS and first.xpath("//caption")[0].text_content().startswith("名单：符合筛选的 230 行")
    assert first.xpath('//a[@rel="next"]/@href')[0] == "?q=%E5%88%86%E9%A1%B5%E6%B5%8B%E8%AF%95&page=2"
    _, last = _register(client, "q=分页测试&page=3")
    _, middle = _register(client, "q=分页测试&page=2")
    assert [i for i, _ in shown + middle + last] == on_time + late  # every row once, in the roster's order
    _, returned = _register(client, "q=分页测试&state=已退回")
    assert {i for i, _ in returned} == set(on_time[150:180] + late[25:]) and {s for _, s in returned} == {"已退回"}
    _, overdue = _register(client, "q=分页测试&late=1")
    assert [i for i, _ in overdue] == late
    _, both = _register(client, "q=分页测试&late=1&state=未提交")
    assert [i for i, _ in both] == late[:25]
    _, beyond = _register(client, "q=分页测试&page=99")  # a page past the last: the last
    assert beyond == last
    nothing, none = _register(client, "q=没有这个单位")
    assert none == [] and nothing.xpath('//p[@id="none-chosen"]')


def test_progress_counts_rows_as_the_register_does_and_the_rows_to_chase_export(desk_site: Site) -> None:
    from reportgen.desk.record.models import Member
    from reportgen.paperwork.register import today

    parent = f"进度测试主管部门{next(_RUN)}"
    past, ahead = today() - timedelta(days=3), today() + timedelta(days=10)
    returned_late = _rows("进度测试单位", ["已退回"], today() - timedelta(days=40), parent, deadline=past)
    returned = _rows("进度测试单位", ["已退回"], today(), parent, deadline=ahead)
    unsubmitted = _rows("进度测试单位", ["", ""], today(), parent)
    formula = _rows("=进度测试公式", [""], today(), parent)  # a name a spreadsheet would take for a formula
    _rows("进度测试单位", ["已通过", "审核中"], today(), parent)
    client = desk_site.signed_in()
    page = html.fromstring(client.get("/progress").content.decode())
    header = [th.text_content() for th in page.xpath('//table[@id="progress"]/thead/tr/th')]
    row = next(tr for tr in page.xpath('//table[@id="progress"]/tbody/tr') if tr.xpath("th")[0].text_content() == parent)
    counts = dict(zip(header[1:], [int(td.text_content()) for td in row.xpath("td")], strict=True))
    assert counts == {"未提交": 3, "已提交": 0, "已重新提交": 0, "审核中": 1, "待核对": 0, "已退回": 2, "已通过": 1,
                      "已公开": 0, "其中逾期": 1, "合计": 7}
    _, register = _register(client, "q=" + parent)
    assert len(register) == 7 and sum(s == "未提交" for _, s in register) == 3
    exported = client.get("/progress/chase.csv")
    assert exported["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert lines[0] == ["单位名称", "类型", "主管部门", "批复日期", "待办", "状态", "逾期天数", "整改期限", "整改期限已过", "最近报送"]
    chased = {line[0]: line for line in lines[1:] if line[2] == parent}  # this 主管部门's: the accepted and reviewing not
    name = dict(Member.objects.filter(parent=parent).values_list("id", "name"))
    assert set(chased) == {name[i] for i in unsubmitted + returned + returned_late} | {"'" + name[formula[0]]}
    assert chased[name[returned_late[0]]][4:9] == ["待整改", "已退回", "20", past.isoformat(), "是"]
    assert chased[name[returned[0]]][4:9] == ["待整改", "已退回", "", ahead.isoformat(), ""]
    assert chased[name[unsubmitted[0]]][4:6] == ["待报送", "未提交"]
    book = openpyxl.load_workbook(io.BytesIO(client.get("/progress/chase.xlsx").content))
    in_book = [[str(c.value or "") for c in r] for r in book.active.iter_rows() if r[2].value == parent]
    assert [r[0] for r in in_book] == [n.removeprefix("'") for n in chased]  # the same rows, a formula's name as text
    shown = page.xpath('//table[@id="chased"]/tbody/tr')
    assert len(shown) == min(200, len(lines) - 1) and (len(lines) - 1 <= 200 or page.xpath('//p[@id="chase-more"]'))


def test_the_database_counts_and_filters_every_row_as_the_register_tells_it(desk_site: Site) -> None:
    """The progress counts and the register's state and 逾期 filters, told by the database (record/counts.py), agree
    row for row with the register's own telling (register.rows) — with the rows it cannot tell by their submissions
    alone: a row printed in a file of several another row submitted (it shows that file's state), a held one (待核对),
    one published late, one published in time after its deadline had passed."""
    from reportgen.desk.record.models import Disclosure, Member, Submission
    from reportgen.desk.record.progress import Asked, Tally, chosen, department_of, progress, rows, today

    parent = f"计数测试主管部门{next(_RUN)}"
    long_ago = today() - timedelta(days=60)
    submitter, = _rows("计数测试部门", ["已退回"], long_ago)
    printed, alone = _rows("计数测试单位", ["", ""], long_ago, parent)
    held, = _rows("计数测试单位", ["审核中"], today(), parent)
    Submission.objects.filter(member_id=held).update(held="报送的文件不是本行的")
    published_late, published_in_time = _rows("计数测试单位", ["已公开", "已公开"], long_ago, parent)
    Member.objects.filter(id=published_late).update(published=long_ago + timedelta(days=21))
    Member.objects.filter(id=published_in_time).update(published=long_ago + timedelta(days=20))
    Disclosure.objects.create(submission=Submission.objects.get(member_id=submitter), number=1, first=1, last=9,
                              named="第1–9页", owner=Member.objects.get(id=submitter).name, kind="部门", outcome="有问题")
    Disclosure.objects.create(submission=Submission.objects.get(member_id=submitter), number=2, first=10, last=20,
                              named="第10–20页", owner=Member.objects.get(id=printed).name, kind="单位", outcome="有问题")
    told = {row.member.id: row for row in rows()}
    assert told[printed].state == "已退回" and told[held].state == "待核对" and told[alone].state == "未提交"
    assert [told[i].late for i in (published_late, published_in_time, alone, held)] == [True, False, True, False]
    overall, departments = Tally(), dict[str, Tally]()
    for row in told.values():
        overall.add(row)
        departments.setdefault(department_of(row.member), Tally()).add(row)
    counted = progress()
    assert counted.overall == overall and dict(counted.by_department) == departments
    assert [name for name, _ in counted.by_department] == list(departments)  # in the roster's order
    assert counted.by_department[[n for n, _ in counted.by_department].index(parent)][1].states["已退回"] == 1
    for state in ("未提交", "已退回", "待核对", "已公开", "审核中"):
        for late in (False, True):
            page, _ = chosen(Asked(state, late, "计数测试"))
            assert [r.member.id for r in page.object_list] == [i for i, r in told.items() if r.state == state and (
                not late or r.late) and "计数测试" in r.member.name + r.member.parent], (state, late)


@pytest.fixture
def queue_left_as_found(desk_site: Site):  # type: ignore[no-untyped-def]
    """The jobs the queue test makes — three queued, two of them then leased for a minute to fictitious workers 甲 and
    乙 — set aside when it ends, passed or failed: left, a worker of a later test in this process would claim the
    leased ones once the minute ran out (a loaded machine's run reached test_desk_uploads after it: 3 reviews, not 1)."""
    yield
    from reportgen.desk.record.models import DONE, QUEUED, RUNNING, Job

    Job.objects.filter(submission__member__name__startswith="排队测试单位", state__in=[QUEUED, RUNNING]).update(state=DONE)


@pytest.mark.usefixtures("queue_left_as_found")
def test_a_department_waiting_is_told_its_place_and_when_it_will_be_reviewed(desk_site: Site) -> None:
    from django.db.models import F
    from django.utils import timezone

    from reportgen.desk.queue.jobs import RATE_WITHIN
    from reportgen.desk.record.models import DONE, QUEUED, RUNNING, Event, Job, Submission

    # others' jobs of this test process, waiting or under review (a worker they leave leased counts as one reviewing,
    # whatever order the tests ran in): not before these
    Job.objects.filter(state__in=[QUEUED, RUNNING]).update(state=DONE)
    # and the reviews they finished, set back out of the pace's window: the faster the tests before it, the more of
    # them finished in the last seconds, each a review of a second or two among this test's 20 (a clean-clone run
    # told 3 minutes for 4 reviews of 100 s over two workers: the median fell to 90 s)
    Job.objects.filter(finished__isnull=False).update(finished=F("finished") - RATE_WITHIN)
    waiting = _rows("排队测试单位", ["已提交"] * 3, date.today())
    for member in waiting:
        Job.objects.create(submission=Submission.objects.get(member_id=member), state=QUEUED)
    link = f"/s/排队测试单位-{next(_RUN) - 1}"
    client = desk_site.client()
    told = html.fromstring(client.get(link).content.decode()).xpath('//span[@class="queue-place"]')[0].text_content()
    assert told.startswith("（前面还有 2 份")  # an estimate too where this process's other tests set a pace
    now = timezone.now()
    for n, seconds in enumerate((90, 100, 110, 100) * 5):  # the last 20 reviews finished, each claimed once: 100 s the
        # median one (20: the estimate's window, so other tests' reviews in this process's desk leave it as it is)
        done = Job.objects.create(submission=Submission.objects.create(
            member_id=waiting[0], number=100 + n, digest="0" * 64, size=1, kind="pdf", given_name="旧.pdf",
            state="已通过"), state=DONE, claims=1)
        Job.objects.filter(id=done.id).update(finished=now - timedelta(seconds=n))
        claim = Event.objects.create(who="审核进程", member_id=waiting[0], submission=done.submission, after="审核中")
        Event.objects.filter(id=claim.id).update(when=now - timedelta(seconds=n + seconds))
    told = html.fromstring(client.get(link).content.decode()).xpath('//span[@class="queue-place"]')[0].text_content()
    assert told == "（前面还有 2 份，预计约 5 分钟后审完）"  # 3 reviews of 100 s, by one worker (none reviewing now)
    Job.objects.filter(submission__member_id=waiting[0], submission__number=1).update(state="审核中", worker="甲", lease_until=now
                                                                          + timedelta(minutes=1))
    Job.objects.create(submission=Submission.objects.create(member_id=waiting[0], number=20, digest="0" * 64, size=1,
                                                            kind="pdf", given_name="乙.pdf", state="审核中"),
                       state="审核中", worker="乙", lease_until=now + timedelta(minutes=1))
    # a review another test of this process left leased meanwhile (its worker process still running) is a third
    # worker reviewing: a clean-clone run told 3 minutes for 4 reviews of 100 s over three workers
    Job.objects.filter(state=RUNNING).exclude(worker__in=["甲", "乙"]).update(state=DONE)
    told = html.fromstring(client.get(link).content.decode()).xpath('//span[@class="queue-place"]')[0].text_content()
    assert told == "（前面还有 3 份，预计约 4 分钟后审完）"  # two workers reviewing: 4 reviews of 50 s
    assert re.search("前面还有 3 份", desk_site.signed_in().get(
        f"/document/{Submission.objects.get(member_id=waiting[-1], number=1).id}").content.decode())



def test_the_workers_follow_the_machine() -> None:
    from reportgen.desk.queue.jobs import WORKER_MEMORY, worker_count

    assert worker_count(8, 64 * 1024**3) == 8
    assert worker_count(8, 3 * WORKER_MEMORY) == 3  # memory for three
    assert worker_count(1, 64 * 1024**3) == 1
    assert worker_count(4, WORKER_MEMORY // 2) == 1  # at least one
    assert worker_count() >= 1


@pytest.fixture
def approved_pdf(desk_site: Site) -> tuple[int, Path]:
    """An approved submission of a real published PDF (广州市民政局 2026), kept in the desk's store."""
    from reportgen.desk.record.models import Member, Submission
    from reportgen.desk.web.views import store, token_digest

    path = CORPUS / "gd-guangzhou-minzheng-2026-dept-budget.pdf"
    number = next(_RUN)
    member = Member.objects.create(position=60_000 + number, name=f"广州市民政局{number}", kind="部门", parent="",
                                   approved=date.today(), place="测试", token_digest=token_digest(f"公开核对-{number}"))
    digest = store().put_bytes(path.read_bytes())
    submission = Submission.objects.create(member=member, number=1, digest=digest, size=path.stat().st_size, kind="pdf",
                                           given_name=path.name, state="已通过", outcome="未发现问题")
    return submission.id, path


def _checked(client, submission: int, data: bytes | list[bytes], name: str | list[str]):  # type: ignore[no-untyped-def]
    client.get("/published")
    uploads = []
    for content, given in zip(data if isinstance(data, list) else [data], name if isinstance(name, list) else [name],
                              strict=True):
        uploads.append(io.BytesIO(content))
        uploads[-1].name = given
    response = client.post("/published", {"submission": str(submission), "published": uploads, **token(client)})
    page = html.fromstring(response.content.decode())
    return response.status_code, (page.xpath('//*[@id="verdict"]') or page.xpath('//*[@id="check-error"]'))[0].text_content()


def test_a_published_document_is_checked_against_the_approved_one(desk_site: Site, approved_pdf: tuple[int, Path],
                                                                   tmp_path: Path) -> None:
    submission, path = approved_pdf
    client = desk_site.signed_in()
    assert _checked(client, submission, path.read_bytes(), "公开.pdf") == (200, "相同：公开的文件与审核通过的文件字节完全相同。")
    with pikepdf.open(path) as pdf:
        pdf.docinfo["/Producer"] = "门户网站"
        pdf.save(tmp_path / "again.pdf", compress_streams=False)
    status, said = _checked(client, submission, (tmp_path / "again.pdf").read_bytes(), "门户下载.pdf")
    assert status == 200 and said.startswith("文字与数字相同")
    other = (CORPUS / "gd-guangzhou-shuiwu-2026-dept-budget.pdf").read_bytes()  # another department's document
    status, said = _checked(client, submission, other, "错的.pdf")
    assert status == 200 and said.startswith("不同：有 ") and "个数字公开的文本中没有" in said
    status, said = _checked(client, submission, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "截图.png")
    assert status == 400 and "不是公开文本" in said
    status, said = _checked(client, 0, path.read_bytes(), "公开.pdf")  # no approved submission chosen
    assert status == 400 and said.startswith("请选择一份已通过或已公开的报送")


def test_a_disclosure_published_in_two_files_is_checked_as_one(desk_site: Site, tmp_path: Path) -> None:
    """北京's 说明 and its 报表, approved as one submission of two files, checked against the two files published
    online, in either order; the 说明 alone, or the 报表 of another year's text, told as different."""
    from reportgen.desk.record.models import Member, Submission, SubmittedFile
    from reportgen.desk.web.views import store, token_digest

    text, tables = CORPUS / "bj-shangwuju-2026-dept-budget.pdf", CORPUS / "bj-shangwuju-2026-dept-budget-tables.pdf"
    number = next(_RUN)
    member = Member.objects.create(position=60_000 + number, name=f"北京市商务局{number}", kind="部门", parent="",
                                   approved=date.today(), place="测试", token_digest=token_digest(f"两个文件-{number}"))
    submission = Submission.objects.create(member=member, number=1, digest=store().put_bytes(text.read_bytes()),
                                           size=text.stat().st_size, kind="pdf", given_name=text.name, state="已公开",
                                           outcome="未发现问题")
    SubmittedFile.objects.create(submission=submission, number=2, digest=store().put_bytes(tables.read_bytes()),
                                 size=tables.stat().st_size, kind="pdf", given_name=tables.name)
    client = desk_site.signed_in()
    both = [tables.read_bytes(), text.read_bytes()]
    assert _checked(client, submission.id, both, ["报表.pdf", "说明.pdf"]) == (200, "相同：公开的文件与审核通过的文件字节完全相同。")
    resaved = [_resaved(tables, tmp_path).read_bytes(), _resaved(text, tmp_path).read_bytes()]
    status, said = _checked(client, submission.id, resaved, ["报表.pdf", "说明.pdf"])  # other bytes, the 报表 first
    assert status == 200 and said.startswith("文字与数字相同")
    status, said = _checked(client, submission.id, text.read_bytes(), "说明.pdf")  # the 报表 not given
    assert status == 200 and said.startswith("不同：") and "公开的文本多出 0 个数字" in said
    status, said = _checked(client, submission.id, [text.read_bytes()] * 5, [f"{n}.pdf" for n in range(5)])
    assert status == 400 and said.startswith("一次选了 5 个文件，未核对")


def _resaved(path: Path, folder: Path) -> Path:
    target = folder / f"再存-{path.name}"
    with pikepdf.open(path) as pdf:
        pdf.docinfo["/Producer"] = "门户网站"
        pdf.save(target, compress_streams=False)
    return target
