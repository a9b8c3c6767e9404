"""Timeliness and time on the desk (issue 81 part 2): a roster row's 逾期 is judged by the dates the desk knows —
its 公开日期 once recorded, else today — against its 批复 and 20 days, whatever it submitted (a submission that
could not be read, or one still under review, does not clear it); and every moment a page shows is Beijing's
(the desk's TIME_ZONE), whatever the machine's own zone is."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from lxml import html

from tests.support.desk import Site

_ROWS = itertools.count(1)


def _row(approved: date, published: date | None = None, submitted: str = ""):  # type: ignore[no-untyped-def]
    """A roster row of its own, with a submission in state ``submitted`` ("" none)."""
    from reportgen.desk.record.models import Member, Submission

    number = next(_ROWS)
    member = Member.objects.create(position=20_000 + number, name=f"及时性测试单位{number}", kind="部门", parent="",
                                   approved=approved, published=published, place="测试", token_digest=f"timely-{number}")
    if submitted:
        Submission.objects.create(member=member, number=1, digest="0" * 64, size=1, kind="pdf", given_name="稿.pdf",
                                  state=submitted, outcome="未能审核", why_unreviewed="文件加了打开密码")
    return member


def _timely(site: Site) -> dict[int, str]:
    page = html.fromstring(site.signed_in().get("/register").content.decode())
    return {int(tr.get("id").removeprefix("row-")): tr.xpath('td[@class="timely"]')[0].text_content()
            for tr in page.xpath('//table[@id="register"]/tbody/tr')}


def test_a_row_past_its_deadline_is_late_whatever_it_submitted(desk_site: Site) -> None:
    from reportgen.paperwork.register import today

    long_ago = date(2025, 1, 20)
    late_today = (today() - long_ago).days - 20
    unread = _row(long_ago, submitted="审核中")  # its upload could not be read: still not published
    returned = _row(long_ago, submitted="已退回")
    in_time = _row(long_ago, published=long_ago + timedelta(days=20), submitted="已公开")
    published_late = _row(long_ago, published=long_ago + timedelta(days=30), submitted="已公开")
    not_due = _row(today() - timedelta(days=3), submitted="审核中")
    never = _row(today() - timedelta(days=3))
    timely = _timely(desk_site)
    assert timely[unread.id] == timely[returned.id] == f"逾期 {late_today} 天"
    assert timely[in_time.id] == "按时" and timely[published_late.id] == "逾期 10 天"
    assert timely[not_due.id] == "按时" and timely[never.id] == "未提交"


def test_every_moment_is_shown_in_beijing_time(desk_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's zone UTC (a server's usual): an event at 20:30 UTC is 04:30 the next day in Beijing."""
    from reportgen.desk.record.models import Event, Submission

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        member = _row(date(2025, 1, 20), submitted="审核中")
        submission = Submission.objects.get(member=member)
        moment = datetime(2025, 2, 1, 20, 30, tzinfo=UTC)
        Submission.objects.filter(id=submission.id).update(received=moment)
        Event.objects.create(who="审核员甲", member=member, submission=submission, before="已提交", after="审核中")
        Event.objects.filter(submission=submission).update(when=moment)
        reviewer = desk_site.signed_in()
        document = reviewer.get(f"/document/{submission.id}").content.decode()
        assert "收到 2025-02-02 04:30（北京时间）" in document and "2025-02-02 04:30:00" in document
        assert "2025-02-01 20:30" not in document
        assert "2025-02-02 04:30:00" in reviewer.get(f"/member/{member.id}").content.decode()
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_inspection_table_opens_while_a_document_waits_or_was_given_up_unread(desk_site: Site) -> None:
    """A submission still queued (nothing reviewed yet) or given up unread (no review kept) has no row of the 检查表;
    its roster row is still told submitted, and late as the register tells it."""
    from reportgen.paperwork.register import today

    waiting = _row(date(2025, 1, 20), submitted="已提交")
    waiting.submissions.update(outcome="")
    given_up = _row(date(2025, 1, 20), submitted="审核中")  # 未能审核, no summary: the worker gave it up
    response = desk_site.signed_in().get("/register/inspection.html")
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    late = f"逾期 {(today() - date(2025, 1, 20)).days - 20} 天"
    for member in (waiting, given_up):
        row = page.xpath(f'//table[@id="register"]//tr[th[contains(., "{member.name}")]]')
        assert row and late in row[0].text_content() and "未提交" not in row[0].text_content(), member.name
