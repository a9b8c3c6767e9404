"""The desk's pages for a season (issue 81 parts 5 and 6: the register's filters and pages, the progress page, the
export of the rows to chase, the check of a published version) under hostile and accidental requests: query strings
that are no filter (a state it does not know, NUL and control characters, 100,000 characters, a page of 20 digits,
2,000 fields), wrong methods, no sign-in, an export of a form it does not make, another row's or an unapproved
submission's id, forged or missing CSRF tokens, and uploads that are no published document (an image, nothing, too
many files, too many bytes). Each is answered by the desk's own page in Chinese (or the register as asked), and
nothing of the record or the store changes. Run on SQLite, and on PostgreSQL with REPORTGEN_DESK_DATABASE (where a
NUL in a filter's words once ended in a 500)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client, override_settings

from tests.support.desk import Site, token

RAW = "\x00\x07\x1b\u202e\u2066"  # NUL, a bell, an escape, bidi overrides
CHINESE_REFUSAL = ("未处理", "未接收", "未核对", "没有这个页面", "请选择")
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-unit-2025.pdf"


def _record() -> tuple[object, ...]:
    """Everything a request could change: every table's rows and the store's and work folder's files."""
    from django.conf import settings

    from reportgen.desk.record.models import Event, Finding, Job, Member, Submission, SubmittedFile

    data = Path(settings.DESK_DATA)
    files = tuple(sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.is_file() and "store" in p.parts
                         or p.is_file() and "work" in p.parts))
    return (tuple(Member.objects.values_list("id", "name", "token_digest", "published")),
            tuple(Submission.objects.values_list("id", "state", "notice", "issuer", "held")),
            Event.objects.count(), Finding.objects.count(), Job.objects.count(), SubmittedFile.objects.count(), files)


@pytest.fixture
def season(desk_site: Site) -> dict[str, int]:
    """Two rows: one with a submission approved (a real published PDF in the store), one under review."""
    from reportgen.desk.record.models import Member, Submission
    from reportgen.desk.web.views import store, token_digest

    made = {}
    for name, state in (("敌意页面已通过单位", "已通过"), ("敌意页面审核中单位", "审核中")):
        member, _ = Member.objects.get_or_create(name=name, kind="部门", parent="", defaults={
            "position": 70_000 + Member.objects.count(), "approved": date(2025, 1, 20), "place": "测试",
            "token_digest": token_digest(name)})
        submission, _ = Submission.objects.get_or_create(member=member, number=1, defaults={
            "digest": store().put_bytes(SEED.read_bytes()), "size": SEED.stat().st_size, "kind": "pdf",
            "given_name": SEED.name, "state": state, "outcome": "未发现问题"})
        made[state] = submission.id
    return made


def _refused_in_chinese(response, status: int) -> str:  # type: ignore[no-untyped-def]
    page = response.content.decode()
    assert response.status_code == status, (response.status_code, page[:300])
    assert response["Content-Type"].startswith("text/html") and 'lang="zh-CN"' in page
    assert any(words in page for words in CHINESE_REFUSAL), page[:500]
    assert "Traceback" not in page and "Django" not in page and "Bad Request" not in page
    return page


@pytest.mark.parametrize("query", [
    "state=" + quote("不是状态"), "state=" + quote(RAW), "q=" + quote(RAW + "单位"), "q=" + "单" * 100_000,
    "page=-1", "page=abc", "page=" + "9" * 20, "page=1.5", "late=yes&late=1&late=0", "state=&q=&page=",
    "q=%25%5F" + quote("'; DROP TABLE desk_member; --"), "q=" + quote("\u202e单位\u2066"), "%ff%fe=%ff",
])
def test_the_register_answers_any_query_with_a_page_of_rows_and_changes_nothing(desk_site: Site, season: dict[str, int],
                                                                                query: str) -> None:
    reviewer = desk_site.signed_in()
    before = _record()
    response = reviewer.get("/register?" + query)
    page = response.content.decode()
    assert response.status_code == 200 and 'id="register"' in page or 'id="none-chosen"' in page, page[:300]
    assert not any(c in page for c in RAW)  # control and bidi characters shown as marks, never raw
    assert _record() == before


def test_a_query_of_too_many_fields_is_refused_in_chinese(desk_site: Site) -> None:
    reviewer = desk_site.signed_in()
    _refused_in_chinese(reviewer.get("/register?" + "&".join(f"f{n}=1" for n in range(2_000))), 400)


@pytest.mark.parametrize("path", ["/register", "/progress", "/progress/chase.csv", "/progress/chase.xlsx", "/published",
                                  "/register/inspection.xlsx", "/register/inspection.docx"])
def test_the_season_pages_ask_for_sign_in_and_take_no_other_method(desk_site: Site, path: str) -> None:
    anyone = desk_site.client()
    answer = anyone.get(path)
    assert answer.status_code == 302 and answer["Location"].startswith("/login?next=")  # on the desk itself
    reviewer = desk_site.signed_in()
    before = _record()
    for method in ("put", "delete", "patch") + (() if path == "/published" else ("post",)):
        csrf = token(reviewer)
        _refused_in_chinese(getattr(reviewer, method)(path), 403)  # no CSRF token: refused before the view
        wrong = getattr(reviewer, method)(path, data=csrf if method == "post" else "",
                                          HTTP_X_CSRFTOKEN=csrf["csrfmiddlewaretoken"])
        _refused_in_chinese(wrong, 405)
        assert "GET" in wrong["Allow"]
    assert _record() == before


@pytest.mark.parametrize("path", ["/progress/chase.pdf", "/progress/chase.CSV", "/progress/chase.xlsx%00",
                                  "/progress/chase.", "/progress/chase.csv/../../register", "/register/inspection.pdf",
                                  "/register/inspection.XLSX", "/register/inspection.docx%00", "/register/inspection."])
def test_an_export_it_does_not_make_is_a_page_not_found_in_chinese(desk_site: Site, path: str) -> None:
    _refused_in_chinese(desk_site.signed_in().get(path), 404)


def test_the_exports_hold_no_raw_control_character_nor_a_formula(desk_site: Site) -> None:
    from reportgen.desk.record.models import Member
    from reportgen.desk.web.views import token_digest

    Member.objects.create(position=71_000, name="=HYPERLINK(\"http://x\")" + RAW[1:], kind="部门", parent="", approved=date(2025, 1, 20),
                          place="测试", token_digest=token_digest("敌意导出"))
    reviewer = desk_site.signed_in()
    text = reviewer.get("/progress/chase.csv").content.decode("utf-8-sig")
    line = next(line for line in text.splitlines() if "HYPERLINK" in line)
    assert line.startswith("\"'=HYPERLINK") or line.startswith("'=HYPERLINK")
    assert "\x00" not in text and "\x1b" not in text and "[U+001B]" in text
    assert not any(c in reviewer.get("/progress").content.decode() for c in RAW)


def _post_published(client, submission: object, files: list[tuple[bytes, str]], **extra: object):  # type: ignore[no-untyped-def]
    client.get("/published")
    uploads = []
    for data, name in files:
        uploads.append(io.BytesIO(data))
        uploads[-1].name = name
    return client.post("/published", {"submission": submission, "published": uploads, **token(client), **extra})


@pytest.mark.parametrize("case", ["unapproved", "no-such", "injected", "negative", "empty-id", "no-file", "image",
                                  "empty-file", "too-many", "too-large", "gbk-name"])
def test_the_published_check_refuses_what_it_cannot_check_in_chinese_and_keeps_nothing(
        desk_site: Site, season: dict[str, int], case: str) -> None:
    reviewer = desk_site.signed_in()
    pdf = SEED.read_bytes()
    approved = season["已通过"]
    asked: dict[str, tuple[object, list[tuple[bytes, str]]]] = {
        "unapproved": (season["审核中"], [(pdf, "公开.pdf")]),  # a row's submission not approved: not one to check against
        "no-such": (10**9, [(pdf, "公开.pdf")]),
        "injected": (f"{approved} OR 1=1", [(pdf, "公开.pdf")]),
        "negative": (-approved, [(pdf, "公开.pdf")]),
        "empty-id": ("", [(pdf, "公开.pdf")]),
        "no-file": (approved, []),
        "image": (approved, [(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "截图.png")]),
        "empty-file": (approved, [(b"", "空.pdf")]),
        "too-many": (approved, [(b"%PDF-1.4\n%%EOF\n", f"{n}.pdf") for n in range(5)]),
        "too-large": (approved, [(pdf, "一.pdf"), (pdf, "二.pdf")]),
        "gbk-name": (approved, [(b"not a pdf", "公开".encode("gbk").decode("latin-1") + RAW + ".pdf")]),
    }
    submission, files = asked[case]
    before = _record()
    with override_settings(DESK_MAX_UPLOAD=len(pdf) + 10):  # one file fits, two do not (refused on their length)
        page = _refused_in_chinese(_post_published(reviewer, submission, files), 413 if case == "too-large" else 400)
    assert not any(c in page for c in RAW)
    assert _record() == before


def test_a_forged_or_foreign_post_to_the_published_check_is_refused(desk_site: Site, season: dict[str, int]) -> None:
    forged = desk_site.signed_in()
    before = _record()
    upload = io.BytesIO(SEED.read_bytes())
    upload.name = "公开.pdf"
    refused = forged.post("/published", {"submission": season["已通过"], "published": upload})  # no CSRF token
    _refused_in_chinese(refused, 403)
    anyone = Client(enforce_csrf_checks=True)
    assert anyone.post("/published", {"submission": season["已通过"]}).status_code in (302, 403)
    assert _record() == before


def test_a_department_link_opens_no_other_rows_submission(desk_site: Site, season: dict[str, int]) -> None:
    """A department's link with another row's submission id, page, file or an id of 20 digits: the desk's 404."""
    from reportgen.desk.record.models import Submission

    own = Submission.objects.get(id=season["审核中"]).member.name
    other = season["已通过"]
    anyone = desk_site.client()
    for path in (f"/s/{own}/document/{other}", f"/s/{own}/document/{other}/page/1", f"/s/{own}/document/{other}/original",
                 f"/s/{own}/document/{'9' * 20}", f"/s/{own}/document/{other}/page/1.png"):
        _refused_in_chinese(anyone.get(path), 404)


@pytest.mark.parametrize("wanted", ["//evil.example/", "/\\evil.example/", "/\\/evil.example", "/\t/evil.example",
                                    "https://evil.example/", "/\\\\evil.example"])
def test_a_sign_in_goes_on_to_no_other_site(desk_site: Site, wanted: str) -> None:
    """The page a sign-in goes on to (``next``) is the desk's own, however another site's address is written — a
    backslash a browser reads as a slash, a tab it drops — else the register."""
    from tests.support.desk import PASSWORD, REVIEWER

    client = desk_site.client()
    client.get("/login")
    answer = client.post("/login", {"username": REVIEWER, "password": PASSWORD, "next": wanted, **token(client)})
    assert answer.status_code == 302 and answer["Location"] == "/register", answer["Location"]


def test_a_sign_in_goes_on_to_the_desk_page_asked_for(desk_site: Site) -> None:
    from tests.support.desk import PASSWORD, REVIEWER

    client = desk_site.client()
    client.get("/login")
    answer = client.post("/login", {"username": REVIEWER, "password": PASSWORD, "next": "/progress", **token(client)})
    assert answer.status_code == 302 and answer["Location"] == "/progress"


# Django's Argon2 hash of PASSWORD at the desk's own cost (settings.PASSWORD_COST), as `desk adduser` keeps it.
ELSEWHERE_HASHED = "审核员戊"  # a reviewer whose hash was made at the desk's own cost
AT_THE_DESKS_COST = ("argon2$argon2id$v=19$m=102400,t=2,p=8$S0hMZFk4djU2TnV5ZWlncHAyNlBCbw$"
                     "I5nP+DQFsBdoRpOrnvXM/DOGDGYwUSv/8fu1KIW6ZWU")


def test_a_hash_is_checked_at_the_cost_it_was_made_at_and_made_again_at_the_desks(desk_site: Site) -> None:
    """A reviewer's hash made at another cost than the desk's (DESK_PASSWORD_COST: here the tests' least) still
    signs them in with their password alone, and is made again at the desk's cost — so a desk whose cost is raised
    raises each reviewer's hash at their next sign-in."""
    from django.contrib.auth.models import User

    from tests.support.desk import PASSWORD, PASSWORD_COST

    User.objects.filter(username=ELSEWHERE_HASHED).delete()  # (a name of its own: test_desk_decisions' 审核员乙 has another password)
    User.objects.create(username=ELSEWHERE_HASHED, password=AT_THE_DESKS_COST)
    client = desk_site.client()
    client.get("/login")
    wrong = client.post("/login", {"username": ELSEWHERE_HASHED, "password": PASSWORD + "!", **token(client)})
    assert wrong.status_code == 400 and User.objects.get(username=ELSEWHERE_HASHED).password == AT_THE_DESKS_COST
    answer = client.post("/login", {"username": ELSEWHERE_HASHED, "password": PASSWORD, **token(client)})
    assert answer.status_code == 302 and answer["Location"] == "/register"
    time, memory, lanes = PASSWORD_COST
    assert User.objects.get(username=ELSEWHERE_HASHED).password.startswith(f"argon2$argon2id$v=19$m={memory},t={time},p={lanes}$")
