"""The desk's review queue under faults (issue 55 part 1): a worker process killed mid-review (SIGKILL:
no chance to say so) leaves its job claimed; once its lease runs out another worker claims it and
finishes it — nothing lost, nothing reviewed twice into the register. Real worker processes
(`reportgen desk worker DATA`) on the test's database, real published PDFs of bench/corpus."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.desk import Site, import_roster, roster_csv, seen, submit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
DOCUMENTS = {"上海市普陀区司法局（单位）": CORPUS / "putuo-sfj-unit-2026.pdf",
             "上海市普陀区财政局": CORPUS / "putuo-caizhengju-2025.pdf",
             "上海市普陀区司法局": CORPUS / "putuo-sfj-2026.pdf"}
LEASE = 2.0

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _worker(site: Site) -> subprocess.Popen[bytes]:
    database = ["--database", site.database] if site.database else []
    return subprocess.Popen([sys.executable, "-m", "reportgen", "desk", "worker", str(site.data), "--lease", str(LEASE),
                             *database], env={**os.environ, "PYTHONPATH": str(ROOT)})


def _running(deadline: float, **whose: object):  # type: ignore[no-untyped-def]
    """The first job of this test's (``whose``: a filter of its own jobs) a worker has claimed: the desk is shared by
    the process's tests, and another's job left claimed (a worker killed on purpose) is not this test's."""
    from reportgen.desk.record.models import RUNNING, Job

    while time.monotonic() < deadline:
        job = Job.objects.filter(state=RUNNING, **whose).first()
        if job is not None:
            return job
        time.sleep(0.01)
    raise AssertionError("no worker claimed a job")


def test_a_job_of_a_killed_worker_is_claimed_again_and_finished(desk_site: Site, tmp_path: Path) -> None:
    from reportgen.desk.record.models import DONE, RUNNING, Job

    desk_site.others_set_aside()  # what earlier tests of this process left queued or claimed in the shared desk
    rows = [[name, "单位" if "单位" in name else "部门", name, "2026-01-20", "", ""] for name in DOCUMENTS]
    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path / "名单.csv", rows))
    for name, path in DOCUMENTS.items():
        assert submit(desk_site.client(), links[name], path).status_code == 302
    ours = set(Job.objects.filter(submission__member__name__in=DOCUMENTS).values_list("id", flat=True))
    killed = None
    for _ in DOCUMENTS:  # killed mid-review: a job still claimed by a dead worker (one done first is tried again)
        worker = _worker(desk_site)
        job = _running(time.monotonic() + 60, id__in=ours)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        job.refresh_from_db()
        if job.state == RUNNING:
            killed = job
            break
    assert killed is not None and killed.claims == 1
    second = _worker(desk_site)
    try:
        deadline = time.monotonic() + 120
        while Job.objects.filter(id__in=ours).exclude(state=DONE).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    killed.refresh_from_db()
    assert killed.state == DONE and killed.claims == 2 and killed.worker.endswith(f"-{second.pid}")
    submission = killed.submission
    assert submission.outcome in ("有问题", "未发现问题", "未能审核") and submission.summary is not None
    numbers = list(submission.findings.values_list("number", flat=True))
    assert numbers == sorted(set(numbers))  # saved once, not twice
    assert submission.events.filter(after="审核中").count() == 1  # claimed again: no second state change


def test_a_worker_leaves_no_review_garbage_behind_between_jobs(desk_site: Site, tmp_path: Path) -> None:
    """Under the program's collector settings (reportgen/__main__.py) a review's cycles would wait for a
    rare full collection, a worker's memory climbing with every document; the worker collects them."""
    import gc

    from reportgen.__main__ import YOUNG_GENERATION

    name = "上海市普陀区人民政府办公室（内存）"
    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path / "名单.csv", [[name, "部门", name, "2025-01-20", "", ""]]))
    desk_site.others_set_aside()  # what earlier tests of this process left queued or claimed: this test counts its own job alone
    assert submit(desk_site.client(), links[name], CORPUS / "putuo-zhengfuban-2025.pdf", "政府办.pdf").status_code == 302
    before = gc.get_threshold()
    gc.collect()
    gc.set_threshold(YOUNG_GENERATION, *before[1:])
    try:
        assert desk_site.work() == 1
        left = gc.collect()
    finally:
        gc.set_threshold(*before)
    assert left < 50, f"{left} objects of the review left for the collector"


def test_a_worker_stopped_mid_review_puts_its_job_back_at_once(desk_site: Site, tmp_path: Path) -> None:
    """SIGTERM (the desk restarted) mid-review: the job is queued again at once, not left claimed until
    its lease runs out — a restart delays no document by a lease."""
    from reportgen.desk.record.models import QUEUED, Job

    name = "上海市普陀区财政局（重启）"
    links = import_roster(desk_site.signed_in(), roster_csv(tmp_path / "名单.csv", [[name, "部门", name, "2025-01-20", "", ""]]))
    assert submit(desk_site.client(), links[name], CORPUS / "wanli-2025-generated-draft-1.pdf", "草稿.pdf").status_code == 302
    worker = subprocess.Popen([sys.executable, "-m", "reportgen", "desk", "worker", str(desk_site.data), "--lease", "600",
                               *(["--database", desk_site.database] if desk_site.database else [])],
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    job = _running(time.monotonic() + 60, submission__member__name=name)
    deadline = time.monotonic() + 60
    while not (desk_site.data / "work" / f"job-{job.id}").exists() and time.monotonic() < deadline:
        time.sleep(0.01)  # its review begun
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=60)
    job.refresh_from_db()
    if job.finished is None:  # stopped before it finished (not after)
        assert job.state == QUEUED and job.lease_until is None
    desk_site.work()
    job.refresh_from_db()
    assert job.state == "已审完"
    assert Job.objects.get(id=job.id).submission.events.filter(after="审核中").count() == 1


def _queued(name: str, digest: str):  # type: ignore[no-untyped-def]
    """A roster row with a submission queued for review, as an upload leaves it (its file ``digest``)."""
    from datetime import date

    from reportgen.desk.record.models import Job, Member, Submission

    member = Member.objects.create(position=40_000 + Member.objects.count(), name=name, kind="部门", parent="",
                                   approved=date(2025, 1, 20), place="测试", token_digest=f"worker-{name}")
    submission = Submission.objects.create(member=member, number=1, digest=digest, size=1, kind="pdf", given_name="稿.pdf",
                                           state="已提交")
    return Job.objects.create(submission=submission)


def test_a_job_whose_file_is_gone_is_given_up_and_told_on_its_page(desk_site: Site) -> None:
    """The file gone from the store (deleted, moved): the worker gives the job up at once — it is not claimed
    again and again — and the document's page tells why; the reviewer can return it."""
    from reportgen.desk.record.models import Job

    desk_site.others_set_aside()  # what earlier tests left queued or claimed (a lease running out later would be counted)
    job = _queued("上海市普陀区文件已不在单位", "e" * 64)
    assert desk_site.work() == 1  # not a crash of the worker
    job = Job.objects.select_related("submission").get(id=job.id)
    submission = job.submission
    assert job.state == "已放弃" and job.claims == 1 and submission.state == "审核中" and submission.outcome == "未能审核"
    assert "存放处中找不到了" in submission.why_unreviewed
    reviewer = desk_site.signed_in()
    page = reviewer.get(f"/document/{submission.id}").content.decode()
    assert "存放处中找不到了" in page and 'id="id_return"' in page and 'http-equiv="refresh"' not in page
    assert desk_site.work() == 0  # never claimed again
    returned = reviewer.post(f"/document/{submission.id}/return", {"issuer": "普陀区财政局", "issued": "2025-02-01",
                                                                  "deadline": "2025-02-10", **seen(reviewer, submission.id)})
    assert returned.status_code == 302, returned.content.decode()  # to be submitted again
    submission.refresh_from_db()
    assert submission.state == "已退回" and not submission.notice


def test_a_job_its_workers_never_finish_is_given_up_after_three_claims(desk_site: Site) -> None:
    """A file that kills every worker that reviews it (each claim's lease ran out) is not claimed a fourth time."""
    from datetime import timedelta

    from django.utils import timezone

    from reportgen.desk.queue.jobs import MAX_CLAIMS, claim
    from reportgen.desk.record.models import RUNNING, Job

    desk_site.work()
    job = _queued("上海市普陀区审核总中断单位", "d" * 64)
    Job.objects.filter(id=job.id).update(state=RUNNING, worker="已退出的进程", claims=MAX_CLAIMS,
                                         lease_until=timezone.now() - timedelta(seconds=1))
    assert claim("测试进程") is None
    job.refresh_from_db()
    assert job.state == "已放弃" and job.claims == MAX_CLAIMS
    said = job.submission.events.get(after="审核中").note
    assert f"领取这份文件 {MAX_CLAIMS} 次都没有审完" in said and job.submission.why_unreviewed == said


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="/proc 不可用")
def test_the_workers_end_with_their_server_killed_outright(desk_site: Site) -> None:
    """`desk serve` killed by SIGKILL (it can stop nothing): its worker sees its server gone and ends by itself —
    not left running on, claiming jobs, beside the next server's workers (issue 81 part 4)."""
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    database = ["--database", desk_site.database] if desk_site.database else []
    serve = subprocess.Popen([sys.executable, "-m", "reportgen", "desk", "serve", str(desk_site.data), "--port", str(port),
                              "--workers", "1", *database], env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline, workers = time.monotonic() + 60, []
        while not workers and time.monotonic() < deadline:
            time.sleep(0.2)
            children = Path(f"/proc/{serve.pid}/task/{serve.pid}/children")
            workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
        assert workers, "no worker started"
        time.sleep(3)  # the worker's loop running
        assert _alive(workers[0])
    finally:
        serve.kill()
        serve.wait()
    deadline = time.monotonic() + 30
    while _alive(workers[0]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(workers[0]), "the worker outlived its killed server"
