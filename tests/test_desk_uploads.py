"""Uploads through a department's link are hostile input (issue 55 part 7): a zip bomb named .xlsx, a
1 : 1,000 DOCX, a JPEG named .pdf, a name like ../../x<U+202E>.pdf, an empty file and a body past the
desk's bound are each refused with a Chinese message — the body past the bound before anything reads
it — and nothing of them is kept: no submission, no file in the store, nothing left in the desk's
temporary folder. The name a file was sent with is shown through errors.upload_name, never a path."""

from __future__ import annotations

import io
import shutil
import uuid
from pathlib import Path

import pytest

from tests.support.desk import Site, import_roster, roster_csv, token
from tests.test_hostile_uploads import JPEG, XLSX_PARTS, declaring, one_to_a_thousand, zipped

ROOT = Path(__file__).resolve().parent.parent
ZHENGFUBAN = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"
UPLOADER = "上海市普陀区人民政府办公室（上传）"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


@pytest.fixture(scope="module")
def link(desk_site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    roster = roster_csv(tmp_path_factory.mktemp("roster") / "名单.csv", [[UPLOADER, "部门", UPLOADER, "2025-01-20", "", "2025"]])
    return import_roster(desk_site.signed_in(), roster)[UPLOADER]


def _kept(site: Site) -> tuple[int, set[Path], set[Path]]:
    """The submissions, the store's files and what lies in the desk's temporary folder."""
    from reportgen.desk.record.models import Submission

    return (Submission.objects.count(), {p for p in (site.data / "store").rglob("*") if p.is_file()},
            set((site.data / "work").rglob("*")))


def _post(client, link: str, name: str, data: bytes):  # type: ignore[no-untyped-def]
    client.get(link)
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(link + "/upload", {"document": upload, **token(client)})


@pytest.mark.parametrize(("name", "data", "said"), [
    ("预算.xlsx", declaring(zipped(XLSX_PARTS), 0xFFFF_FFF0), ["预算.xlsx，未接收", "解压后共 16.0 GB", "疑似压缩炸弹"]),
    ("决算.docx", one_to_a_thousand(), ["决算.docx，未接收", "部件 word/document.xml 解压后会膨胀", "疑似压缩炸弹"]),
    ("扫描件.pdf", JPEG, ["扫描件.pdf：文件的内容是 JPEG 图片", "未接收"]),
    ("../../x\u202e.pdf", JPEG, ["x.pdf：文件的内容是 JPEG 图片", "未接收"]),
    ("空.pdf", b"", ["文件是空的", "未接收"]),
], ids=["zip-bomb-xlsx", "docx-1-to-1000", "jpeg-named-pdf", "path-and-bidi-name", "empty"])
def test_a_hostile_upload_is_refused_in_chinese_and_nothing_of_it_is_kept(desk_site: Site, link: str, name: str,
                                                                          data: bytes, said: list[str]) -> None:
    before = _kept(desk_site)
    response = _post(desk_site.client(), link, name, data)
    page = response.content.decode()
    assert response.status_code == 400, page
    assert all(words in page for words in said), page
    assert "../" not in page and "\u202e" not in page
    assert _kept(desk_site) == before


def _multipart(boundary: str, fields: dict[str, str], name: str, data: bytes) -> bytes:
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="document"; filename="{name}"\r\n'
                 "Content-Type: application/pdf\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


class _Counted(io.BytesIO):
    """A request body that counts what is read of it."""

    taken = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.taken += len(chunk)
        return chunk

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.taken += len(line)
        return line


def test_a_body_past_the_bound_is_refused_before_anything_reads_it(desk_site: Site, link: str) -> None:
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    client = desk_site.client()
    client.get(link)
    csrf = token(client)
    body = _multipart(uuid.uuid4().hex, csrf, "大文件.pdf", ZHENGFUBAN.read_bytes() * 25)  # 3.5 MB, past 2 MB in memory
    boundary = body[2:34].decode()
    stream = _Counted(body)
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": link + "/upload", "SERVER_NAME": "testserver", "SERVER_PORT": "80",
               "wsgi.url_scheme": "http", "wsgi.input": stream, "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
               "HTTP_COOKIE": f"csrftoken={csrf['csrfmiddlewaretoken']}"}
    before = _kept(desk_site)
    statuses: list[str] = []
    with override_settings(DESK_MAX_UPLOAD=1024 * 1024):
        page = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status))).decode()
    assert statuses == ["413 Request Entity Too Large"], page
    assert "文件超过 1 MB，未接收" in page
    assert stream.taken == 0  # never parsed: not held in memory, not written to a temporary file
    assert _kept(desk_site) == before


@pytest.mark.parametrize(("name", "shown"), [
    ("长" * 200 + ".pdf", "长" * 115 + "….pdf"),
    (".隐藏的预算.pdf", "隐藏的预算.pdf"),
])
def test_the_name_a_document_was_sent_with_is_kept_as_upload_name_shows_it(desk_site: Site, name: str,
                                                                           shown: str, tmp_path: Path) -> None:
    from reportgen.desk.record.models import Submission

    member = f"名称测试单位{len(name)}"
    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path / "名单.csv", [[member, "部门", member, "2025-01-20", "", ""]]))
    client = desk_site.client()
    desk_site.others_set_aside()
    assert _post(client, links[member], name, ZHENGFUBAN.read_bytes()).status_code == 302
    submission = Submission.objects.get(member__name=member)
    assert submission.given_name == shown
    assert shown in client.get(links[member]).content.decode()
    assert desk_site.work() == 1  # its review done here: tests sharing the site find no queue left by this one


def test_a_job_another_test_left_claimed_is_set_aside_too(desk_site: Site, tmp_path: Path) -> None:
    """A job left claimed (a worker killed, or a lease given to a fictitious worker as test_desk_season does) is
    claimed again once its lease runs out — on a loaded machine, by the worker of a later test that counts its own
    reviews: others_set_aside sets it aside as it does a queued one."""
    from datetime import timedelta

    from django.utils import timezone

    from reportgen.desk.record.models import DONE, RUNNING, Job

    member = "租约测试单位"
    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path / "名单.csv", [[member, "部门", member, "2025-01-20", "", ""]]))
    assert _post(desk_site.client(), links[member], "预算.pdf", ZHENGFUBAN.read_bytes()).status_code == 302
    left = Job.objects.filter(submission__member__name=member)
    left.update(state=RUNNING, worker="已退出的进程", lease_until=timezone.now() - timedelta(seconds=1))  # its lease run out
    desk_site.others_set_aside()
    assert desk_site.work() == 0
    assert left.get().state == DONE


def test_the_data_folder_its_store_and_its_database_are_the_owners_alone(desk_site: Site, link: str) -> None:
    """Another account on the bureau's machine reads no upload, notice or database row: folders 0700, the database
    0600, the store's files 0400 (never modified) — whatever the umask."""
    import os

    from reportgen.desk.web.views import store

    digest = store().put_bytes(f"一份只属于审核台的文件 {uuid.uuid4()}".encode())
    kept = store().path(digest)
    assert oct(kept.stat().st_mode & 0o777) == "0o400"
    folders = [desk_site.data, desk_site.data / "work", desk_site.data / "store", *(desk_site.data / "store").glob("??")]
    assert {oct(f.stat().st_mode & 0o777) for f in folders} == {"0o700"}
    assert all(f.stat().st_mode & 0o077 == 0 for f in (desk_site.data / "store").rglob("*")), \
        sorted(str(f) for f in (desk_site.data / "store").rglob("*") if f.stat().st_mode & 0o077)
    if desk_site.database is None:  # SQLite in the folder, and its journal files beside it
        files = [f for f in desk_site.data.iterdir() if f.name.startswith("desk.sqlite3")]
        assert files and {oct(f.stat().st_mode & 0o777) for f in files} == {"0o600"}
    os.unlink(kept)  # this test's own file, not left in the shared store


@pytest.mark.parametrize("fault", ["refused", "database", "disk"])
def test_an_upload_that_fails_leaves_no_bytes_in_the_store(desk_site: Site, tmp_path: Path, fault: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A resubmission refused (the last not yet returned), the database failing (locked past its wait) or the disk
    full while the upload is kept: told in Chinese, and nothing of it kept — no submission, no file in the store."""
    import errno

    from django.db import OperationalError

    from reportgen.desk.record.models import Event, Job, Member, Submission
    from reportgen.desk.record.store import Store

    member = f"故障测试单位（{fault}）"
    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path / "名单.csv", [[member, "部门", member, "2025-01-20", "", ""]]))
    if fault == "refused":  # submitted once, not yet returned
        first = Submission.objects.create(member=Member.objects.get(name=member), number=1, digest="0" * 64, size=1,
                                          kind="pdf", given_name="稿.pdf", state="已提交")
        Job.objects.create(submission=first, state="已审完")
    elif fault == "database":
        def locked(**fields: object) -> None:
            raise OperationalError("database is locked")

        monkeypatch.setattr(Event.objects, "create", locked)
    else:
        def full(self: Store, temporary: Path, digest: str) -> str:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(Store, "_placed", full)
    before = _kept(desk_site)
    data = ZHENGFUBAN.read_bytes() + f"\n% {uuid.uuid4()}\n".encode()  # bytes the store has never held
    department = desk_site.client()
    department.get("/login")  # a form's token (a page open since before the first was sent: the form still there)
    response = _post(department, links[member], "预算.pdf", data)
    page = response.content.decode()
    said = {"refused": "审核单位退回之后才能重新报送", "database": "审核台的数据库正忙或出错，这次报送未接收",
            "disk": "审核台保存文件时出错（磁盘空间不足），这次报送未接收"}[fault]
    assert response.status_code == (400 if fault == "refused" else 503) and said in page, page
    assert _kept(desk_site) == before
