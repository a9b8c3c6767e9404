"""The record is the truth (issue 81 part 1): a reviewer's decision is checked — the document's state, its
rules, the page it was made on being current — before anything is written, in one transaction, and a refused
one changes nothing. A document that could not be read is never accepted nor published and can always be
returned; accepting over error findings not dismissed needs a reason, kept and shown; a second return, or a
return of an accepted document, leaves the notice, issuer and dates as they were; a second reviewer's stale
verdict is refused with what changed. One real draft (bench/corpus) reviewed by the worker; each test's
document a copy of its review on a roster row of its own (a copy of the rows a worker writes)."""

from __future__ import annotations

import itertools
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.support.desk import Site, import_roster, roster_csv, seen, submit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
DRAFT = CORPUS / "wanli-2025-generated-draft-1.pdf"
NAME = "上海市普陀区人民政府万里街道办事处（决定）"
OTHER_REVIEWER, OTHER_PASSWORD = "审核员乙", "another correct horse battery"
RETURN = {"issuer": "普陀区财政局", "issued": "2025-02-01", "deadline": "2025-02-10"}
_ROWS = itertools.count(1)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


@pytest.fixture(scope="module")
def reviewed(desk_site: Site, tmp_path_factory: pytest.TempPathFactory) -> int:
    """The draft submitted and reviewed by the worker: its submission's id."""
    from reportgen.desk.record.models import Submission

    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path_factory.mktemp("decisions") / "名单.csv",
                                                            [[NAME, "部门", NAME, "2025-01-20", "", "2025"]]))
    assert submit(desk_site.client(), links[NAME], DRAFT).status_code == 302
    desk_site.work()
    submission = Submission.objects.get(member__name=NAME)
    assert submission.outcome == "有问题" and submission.findings.filter(severity="error").exists()
    return submission.id


def _copy(reviewed: int):  # type: ignore[no-untyped-def]
    """A roster row of its own with the reviewed draft as its submission, 审核中 (what the worker writes)."""
    from reportgen.desk.record.models import REVIEWING, Event, Finding, Member, Submission

    source = Submission.objects.get(id=reviewed)
    number = next(_ROWS)
    member = Member.objects.create(position=10_000 + number, name=f"决定测试单位{number}", kind="部门", parent="",
                                   approved=date(2025, 1, 20), year=2025, place="测试", token_digest=f"decisions-{number}")
    copy = Submission.objects.create(member=member, number=1, digest=source.digest, size=source.size, kind=source.kind,
                                     given_name=source.given_name, state=REVIEWING, outcome=source.outcome,
                                     title=source.title, annotated=source.annotated, summary=source.summary)
    Finding.objects.bulk_create([Finding(submission=copy, number=f.number, rule=f.rule, severity=f.severity, page=f.page,
                                         line=f.line, quote=f.quote, message=f.message, boxed=f.boxed)
                                 for f in source.findings.all()])
    Event.objects.create(who="审核进程 测试", member=member, submission=copy, before="已提交", after=REVIEWING)
    return copy


def _unchanged(submission):  # type: ignore[no-untyped-def]
    """What a refused request must leave as it was."""
    from reportgen.desk.record.models import Submission

    row = Submission.objects.get(id=submission.id)
    return (row.state, row.notice, row.notice_table, row.issuer, row.issued, row.deadline, row.events.count(),
            list(row.findings.values_list("verdict", "note")))


def test_a_document_that_could_not_be_read_is_never_accepted_nor_published_and_is_returned(desk_site: Site,
                                                                                           tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    from reportgen.desk.record.models import ACCEPTED, REVIEWING, Member, Submission

    locked = tmp_path / "加密.pdf"  # opened by no reader without its password: 未能审核
    writer = PdfWriter(clone_from=PdfReader(CORPUS / "putuo-zhengfuban-2025.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    with locked.open("wb") as out:
        writer.write(out)
    name = "上海市普陀区人民政府长征镇（决定）"
    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path / "名单.csv", [[name, "部门", name, "2025-01-20", "", "2025"]]))
    assert submit(desk_site.client(), links[name], locked).status_code == 302
    desk_site.work()
    submission = Submission.objects.get(member__name=name)
    assert submission.outcome == "未能审核" and not submission.findings.exists()
    reviewer = desk_site.signed_in()
    page = reviewer.get(f"/document/{submission.id}").content.decode()
    assert 'id="not-acceptable"' in page and 'id="id_accept"' not in page and 'id="id_return"' in page
    before = _unchanged(submission)
    response = reviewer.post(f"/document/{submission.id}/accept", {"reason": "已核实", **seen(reviewer, submission.id)})
    assert response.status_code == 400 and "未能审核" in response.content.decode() and "不能审核通过" in response.content.decode()
    assert _unchanged(submission) == before
    Submission.objects.filter(id=submission.id).update(state=ACCEPTED)  # accepted before the rule: never published
    response = reviewer.post(f"/document/{submission.id}/publish", {"published": "2025-02-05", **seen(reviewer, submission.id)})
    assert response.status_code == 400 and "不能记为已公开" in response.content.decode()
    assert Member.objects.get(id=submission.member_id).published is None
    Submission.objects.filter(id=submission.id).update(state=REVIEWING)
    response = reviewer.post(f"/document/{submission.id}/return", {**RETURN, **seen(reviewer, submission.id)})
    assert response.status_code == 302, response.content.decode()
    submission.refresh_from_db()
    assert submission.state == "已退回" and submission.issuer == "普陀区财政局" and not submission.notice
    assert "未能审核" in submission.events.get(after="已退回").note
    assert 'id="id_document"' in desk_site.client().get(links[name]).content.decode()  # the department may send it again


def test_accepting_over_errors_not_dismissed_needs_a_reason_which_is_kept_and_shown(desk_site: Site, reviewed: int) -> None:
    submission = _copy(reviewed)
    reviewer = desk_site.signed_in()
    errors = submission.findings.filter(severity="error").count()
    assert f"还有 {errors} 处错误没有驳回" in reviewer.get(f"/document/{submission.id}").content.decode()
    before = _unchanged(submission)
    response = reviewer.post(f"/document/{submission.id}/accept", {"reason": "  ", **seen(reviewer, submission.id)})
    assert response.status_code == 400 and f"还有 {errors} 处错误没有驳回" in response.content.decode()
    assert _unchanged(submission) == before
    reason = "与街道核实：表中数字以批复为准"
    response = reviewer.post(f"/document/{submission.id}/accept", {"reason": reason, **seen(reviewer, submission.id)})
    assert response.status_code == 302, response.content.decode()
    event = submission.events.get(after="已通过")
    assert reason in event.note and f"{errors} 处错误" in event.note
    page = reviewer.get(f"/document/{submission.id}").content.decode()
    assert f"审核通过的理由：有 {errors} 处错误未驳回，通过理由：{reason}" in page


def test_a_refused_return_leaves_the_notice_issuer_and_dates_as_they_were(desk_site: Site, reviewed: int) -> None:
    submission = _copy(reviewed)
    reviewer = desk_site.signed_in()
    response = reviewer.post(f"/document/{submission.id}/return", {**RETURN, **seen(reviewer, submission.id)})
    assert response.status_code == 302, response.content.decode()
    returned = _unchanged(submission)
    assert returned[0] == "已退回" and returned[1] and returned[3] == "普陀区财政局"
    again = {"issuer": "另一个财政局", "issued": "2025-03-01", "deadline": "2025-03-20"}
    response = reviewer.post(f"/document/{submission.id}/return", {**again, **seen(reviewer, submission.id)})
    assert response.status_code == 400 and "现在是“已退回”" in response.content.decode()
    assert _unchanged(submission) == returned  # no second notice, issuer or dates, and no event

    accepted = _copy(reviewed)
    assert reviewer.post(f"/document/{accepted.id}/accept", {"reason": "已核实", **seen(reviewer, accepted.id)}).status_code == 302
    before = _unchanged(accepted)
    response = reviewer.post(f"/document/{accepted.id}/return", {**RETURN, **seen(reviewer, accepted.id)})
    assert response.status_code == 400 and "现在是“已通过”" in response.content.decode()
    assert _unchanged(accepted) == before and not before[1] and not before[3]  # no 整改通知 left on it


def test_a_second_reviewers_stale_verdict_is_refused_with_what_changed(desk_site: Site, reviewed: int) -> None:
    from django.contrib.auth.models import User

    from tests.support.desk import token

    if not User.objects.filter(username=OTHER_REVIEWER).exists():
        User.objects.create_user(OTHER_REVIEWER, password=OTHER_PASSWORD)
    submission = _copy(reviewed)
    first = submission.findings.order_by("number").first()
    one = desk_site.signed_in()
    stale = seen(one, submission.id)  # the first reviewer's page, open
    other = desk_site.client()
    other.get("/login")
    assert other.post("/login", {"username": OTHER_REVIEWER, "password": OTHER_PASSWORD, **token(other)}).status_code == 302
    response = other.post(f"/document/{submission.id}/verdicts", {f"verdict-{first.number}": "确认", **seen(other, submission.id)})
    assert response.status_code == 302
    before = _unchanged(submission)
    response = one.post(f"/document/{submission.id}/verdicts", {f"verdict-{first.number}": "驳回", **stale})
    said = response.content.decode()
    assert response.status_code == 400 and f"{OTHER_REVIEWER}" in said and f"把问题 {first.number} 标为“确认”" in said, said
    response = one.post(f"/document/{submission.id}/accept", {"reason": "已核实", **stale})
    assert response.status_code == 400 and "有了变化" in response.content.decode()
    assert _unchanged(submission) == before
    response = one.post(f"/document/{submission.id}/verdicts", {f"verdict-{first.number}": "驳回", **seen(one, submission.id)})
    assert response.status_code == 302  # the page read again: the verdict is taken
    first.refresh_from_db()
    assert first.verdict == "驳回"


def test_two_reviewers_returning_one_document_at_the_same_moment_leave_one_notice(desk_site: Site, reviewed: int) -> None:
    """Two reviewers press 退回 on the same document at once, five times over (issue 81: the refused request's notice
    was stored 5 times of 5 — saved before the state was checked): one return is taken, the other refused in
    Chinese, and the notice, issuer and dates are the taken one's, with one event (SQLite here; PostgreSQL where the
    desk's tests are pointed at it, REPORTGEN_DESK_DATABASE)."""
    import threading

    from django.contrib.auth.models import User

    from tests.support.desk import token

    if not User.objects.filter(username=OTHER_REVIEWER).exists():
        User.objects.create_user(OTHER_REVIEWER, password=OTHER_PASSWORD)
    for _ in range(5):
        submission = _copy(reviewed)
        one, other = desk_site.signed_in(), desk_site.client()
        other.get("/login")
        assert other.post("/login", {"username": OTHER_REVIEWER, "password": OTHER_PASSWORD,
                                     **token(other)}).status_code == 302
        forms = [(one, {**RETURN, "issuer": "甲财政局", **seen(one, submission.id)}),
                 (other, {**RETURN, "issuer": "乙财政局", **seen(other, submission.id)})]
        start, answers = threading.Barrier(2), {}
        url = f"/document/{submission.id}/return"
        threads = [threading.Thread(target=_press, args=(start, answers, url, client, form)) for client, form in forms]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        codes = sorted(response.status_code for response in answers.values())
        assert codes == [302, 400], {k: (v.status_code, v.content.decode()[:300]) for k, v in answers.items()}
        taken = next(issuer for issuer, response in answers.items() if response.status_code == 302)
        refused = next(response for response in answers.values() if response.status_code == 400)
        # refused as the page it was pressed on is stale (the document went 审核中 → 已退回 meanwhile), or by its state
        assert "“已退回”" in refused.content.decode()
        state, notice, _, issuer, _, _, events, _ = _unchanged(submission)
        assert (state, issuer) == ("已退回", taken) and notice
        assert submission.events.filter(after="已退回").count() == 1


def _press(start, answers: dict, url: str, client, form: dict) -> None:  # type: ignore[no-untyped-def]
    """One reviewer's 退回, posted when the other's is (``start``): its answer kept under the form's issuer."""
    from django.db import connection

    try:
        start.wait()
        answers[form["issuer"]] = client.post(url, form)
    finally:
        connection.close()  # this thread's own connection
