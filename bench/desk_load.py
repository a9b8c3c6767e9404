"""A season's traffic on the desk, with faults: `reportgen desk serve DATA --workers N` really running
(SQLite in DATA by default; ``--database postgresql://…`` for a PostgreSQL server you run), a roster of
``--departments`` 部门 each with its 单位 (``--documents`` rows in all, one document each) imported
through the register's form, and each row's document submitted over HTTP through its link — a GET for
the CSRF cookie, then the multipart POST, as a browser does — at ``--rate`` documents a minute, by
``--uploaders`` at once. The documents are the real PDFs of bench/corpus, in turn.

While it runs, one worker process is killed (SIGKILL) mid-review once a third of the documents are
sent, and the whole desk is restarted (SIGTERM to `desk serve`, then started again) at two thirds; an
upload that finds the desk down is sent again, as a department would. At the end, read from the
database: every row has exactly one submission, its job done, its review saved (outcome and summary),
its findings saved once (numbers distinct, and as many as every other submission of the same file
has), claimed into 审核中 once. Reported: the time per document, the throughput, the queue wait,
and each worker's RSS over time. A measurement: it exits 1 when anything was lost or doubled.

Each department, once its document is in, opens its page and reads its place in the queue and the estimate it is
told; reported: how many were told one and how many were reviewed after it. At the end the reviewer's register
pages and the progress page are timed (median of ``--page-times``, 5, and their size), and again with ``--province-rows`` more rows
added to the roster (a province's 28,000).

    python -m bench.desk_load [--departments 50] [--documents 200] [--workers N] [--rate 33.3] [--province-rows 28000] [--page-times 5]
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted(p for p in (ROOT / "bench" / "corpus").glob("*.pdf"))
REVIEWER, PASSWORD = "压测审核员", "load test password 55"
RETRY_FOR = 120.0  # seconds an upload is sent again while the desk is down


@dataclass
class Run:
    """What the run saw from outside: each upload's time, the workers' RSS, the faults injected."""

    base: str = ""
    uploads: list[tuple[float, float, int]] = field(default_factory=list)  # (sent at, seconds, tries)
    refused: list[str] = field(default_factory=list)
    rss: dict[int, list[tuple[float, int]]] = field(default_factory=lambda: defaultdict(list))
    faults: list[str] = field(default_factory=list)
    orphans: list[int] = field(default_factory=list)
    told: list[tuple[str, float, str]] = field(default_factory=list)  # (link, told at: epoch, its queue place's words)
    lock: threading.Lock = field(default_factory=threading.Lock)


# ---------------------------------------------------------------- the desk's processes


def _desk(*args: str, stdin: str | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "reportgen", "desk", *args], input=stdin, text=True,
                          capture_output=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(data: Path, port: int, workers: int | None, database: list[str], lease: float, log: Path) \
        -> subprocess.Popen[bytes]:
    count = [] if workers is None else ["--workers", str(workers)]
    with log.open("a") as out:
        process = subprocess.Popen([sys.executable, "-m", "reportgen", "desk", "serve", str(data), "--port", str(port),
                                    *count, "--lease", str(lease), *database],
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return process
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(log.read_text(encoding="utf-8", errors="replace"))
        time.sleep(0.2)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the workers of `desk serve`)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _rss(pid: int) -> int | None:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]


def _sample(run: Run, serve: list[subprocess.Popen[bytes]], stop: threading.Event, start: float) -> None:
    while not stop.wait(1.0):
        for pid in _children(serve[0].pid):
            size = _rss(pid)
            if size is not None:
                run.rss[pid].append((time.monotonic() - start, size))


# ---------------------------------------------------------------- a browser's requests


class Browser:
    """One department's browser: its cookies (the CSRF cookie) and multipart POSTs."""

    def __init__(self, base: str) -> None:
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> tuple[int, str]:
        fields = {**fields, "csrfmiddlewaretoken": self.csrf()}
        boundary = uuid.uuid4().hex
        body = b"".join(_part(boundary, name, value) for name, value in fields.items())
        body += b"".join(_file_part(boundary, name, given, data) for name, (given, data) in (files or {}).items())
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": self.base + path})
        return self._open(request)

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken" and c.value)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _part(boundary: str, name: str, value: str) -> bytes:
    return f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()


def _file_part(boundary: str, name: str, given: str, data: bytes) -> bytes:
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{given}"\r\n'
            "Content-Type: application/pdf\r\n\r\n")
    return head.encode() + data + b"\r\n"


def _roster(departments: int, documents: int) -> tuple[bytes, list[str]]:
    """The roster's CSV: 部门 d and its 单位, ``documents`` rows in all, spread over ``departments``."""
    rows, names = ["单位名称,类型,主管部门,批复日期,公开日期,年度"], []
    for n in range(documents):
        department = f"压测部门{n % departments:03d}"
        if n < departments:
            name, kind = department, "部门"
        else:
            name, kind = f"{department}所属单位{n // departments:03d}", "单位"
        rows.append(f"{name},{kind},{department},2025-01-20,,2025")
        names.append(name)
    return ("\n".join(rows) + "\n").encode("utf-8"), names


def _links(base: str, roster: bytes) -> dict[str, str]:
    reviewer = Browser(base)
    reviewer.get("/login")
    status, _ = reviewer.post("/login", {"username": REVIEWER, "password": PASSWORD})
    assert status == 302, status
    reviewer.get("/register")
    status, page = reviewer.post("/roster", {}, {"roster": ("名单.csv", roster)})
    assert status == 200, page[:2000]
    return {name: urllib.parse.urlsplit(link).path
            for name, link in re.findall(r'<th scope="row">([^<]+)</th><td>[^<]*</td><td><a class="link" href="([^"]+)"', page)}


def _submit(run: Run, link: str, pdf: Path) -> None:
    """One department's upload, sent again while the desk is down (the connection refused or cut)."""
    started, tries, data = time.monotonic(), 0, pdf.read_bytes()
    while True:
        tries += 1
        try:
            browser = Browser(run.base)
            browser.get(link)
            sent = time.monotonic()
            status, page = browser.post(link + "/upload", {}, {"document": (pdf.name, data)})
        except (OSError, StopIteration):  # the desk is down (restarting): try again
            if time.monotonic() - started > RETRY_FOR:
                with run.lock:
                    run.refused.append(f"{link}: 桌面 {RETRY_FOR:.0f} 秒内未恢复")
                return
            time.sleep(1.0)
            continue
        with run.lock:
            accepted = status == 302 or "才能重新报送" in page  # (or accepted before the connection was cut)
            if accepted:
                run.uploads.append((sent, time.monotonic() - sent, tries))
            else:
                run.refused.append(f"{link}: {status} {re.sub(r'<[^>]+>', ' ', page)[:300]}")
        if accepted:
            _told(run, browser, link)
        return


def _told(run: Run, browser: Browser, link: str) -> None:
    """The department's page once its document is in: its place in the queue and the estimate it is told."""
    with contextlib.suppress(OSError):
        at = time.time()
        _, page = browser.get(link)
        place = re.search(r'<span class="queue-place">([^<]+)</span>', page)
        if place:
            with run.lock:
                run.told.append((link, at, place.group(1)))


# ---------------------------------------------------------------- the faults


def _kill_a_reviewing_worker(run: Run, serve: subprocess.Popen[bytes]) -> None:
    from reportgen.desk.record.models import RUNNING, Job

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers = set(_children(serve.pid))
        for job in Job.objects.filter(state=RUNNING):
            pid = int(job.worker.rsplit("-", 1)[1])
            if pid in workers:
                os.kill(pid, signal.SIGKILL)
                run.faults.append(f"SIGKILL 审核进程 {pid}，它正在审核 job {job.id}")
                return
        time.sleep(0.05)
    run.faults.append("未能在 120 秒内遇到正在审核的进程，没有杀")


def _restart(run: Run, serve: list[subprocess.Popen[bytes]], start: callable) -> None:  # type: ignore[valid-type]
    old = serve[0]
    workers = _children(old.pid)
    old.send_signal(signal.SIGTERM)
    try:
        old.wait(timeout=30)
    except subprocess.TimeoutExpired:
        run.faults.append("desk serve 30 秒内未因 SIGTERM 退出，已 SIGKILL")
        old.kill()
        old.wait()
    time.sleep(1.0)
    left = [pid for pid in workers if _alive(pid)]
    if left:
        run.orphans.extend(left)
        run.faults.append(f"SIGTERM 后 desk serve 退出，但它的审核进程 {left} 仍在运行（已由压测 SIGKILL）")
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    serve[0] = start()
    run.faults.append(f"desk serve 重启（SIGTERM {old.pid}，新进程 {serve[0].pid}）")


# ---------------------------------------------------------------- the run


def _send_all(run: Run, links: list[str], rate: float, uploaders: int, faults: dict[int, callable]) -> None:  # type: ignore[valid-type]
    start = time.monotonic()
    with ThreadPoolExecutor(uploaders) as pool:
        for n, link in enumerate(links):
            if n in faults:
                faults[n]()
            delay = start + n * 60.0 / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(_submit, run, link, PDFS[n % len(PDFS)])


def _wait_done(timeout: float) -> bool:
    from reportgen.desk.record.models import DONE, Job

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Job.objects.exclude(state=DONE).exists():
            return True
        time.sleep(1.0)
    return False


def _checked(names: list[str]) -> list[str]:
    """What was lost or doubled, read from the database (empty: nothing)."""
    from reportgen.desk.record.models import DONE, REVIEWING, Member, Submission

    problems = []
    counts = Counter(Submission.objects.values_list("member__name", flat=True))
    problems += [f"{name}：{counts[name]} 份提交（应为 1）" for name in names if counts[name] != 1]
    if Member.objects.count() != len(names):
        problems.append(f"名单有 {Member.objects.count()} 行（应为 {len(names)}）")
    by_file: dict[str, set[int]] = defaultdict(set)
    for submission in Submission.objects.select_related("job", "member"):
        job = submission.job
        if job.state != DONE or not submission.outcome or submission.summary is None:
            problems.append(f"{submission.member.name}：job {job.state}，结论“{submission.outcome}”（丢失）")
        numbers = list(submission.findings.values_list("number", flat=True))
        if len(numbers) != len(set(numbers)):
            problems.append(f"{submission.member.name}：问题重复保存 {len(numbers)} 条，编号只有 {len(set(numbers))} 个")
        by_file[submission.digest].add(len(numbers))
        claims = submission.events.filter(after=REVIEWING).count()
        if claims != 1:
            problems.append(f"{submission.member.name}：进入“审核中”{claims} 次")
    problems += [f"同一文件的各次提交保存的问题条数不同：{sorted(sizes)}" for sizes in by_file.values() if len(sizes) > 1]
    return problems


def _figures(run: Run) -> dict[str, object]:
    from reportgen.desk.record.models import REVIEWING, Event, Job

    jobs = list(Job.objects.select_related("submission"))
    claimed = {e.submission_id: e.when for e in Event.objects.filter(after=REVIEWING)}
    waits = [(claimed[j.submission_id] - j.submission.received).total_seconds() for j in jobs if j.submission_id in claimed]
    reviews = [(j.finished - claimed[j.submission_id]).total_seconds() for j in jobs
               if j.finished and j.claims == 1 and j.submission_id in claimed]
    first = min(j.submission.received for j in jobs)
    last = max(j.finished for j in jobs if j.finished)
    span = (last - first).total_seconds()
    return {
        "documents": len(jobs), "span_seconds": round(span, 1),
        "documents_per_minute": round(len(jobs) / span * 60, 2) if span else None,
        "claimed_twice": sum(1 for j in jobs if j.claims > 1),
        "review_seconds": _spread(reviews), "queue_wait_seconds": _spread(waits),
        "upload_seconds": _spread([seconds for _, seconds, _ in run.uploads]),
        "uploads_sent_again": sum(1 for _, _, tries in run.uploads if tries > 1),
        "workers": _workers(run, jobs),
        "queue_told": _estimates(run),
    }


def _estimated(words: str) -> float | None:
    """The seconds a queue place's words promise at most (“预计 1 分钟内”, “约 3 分钟后”, “约 1.5 小时后”)."""
    if "1 分钟内" in words:
        return 60.0
    found = re.search(r"约 ([\d.]+) (分钟|小时)后", words)
    return None if found is None else float(found.group(1)) * (60 if found.group(2) == "分钟" else 3600)


def _estimates(run: Run) -> dict[str, object]:
    """How the estimates the departments were told compare with when each document was reviewed: told at all, with
    an estimate, reviewed within it, and the spread of (reviewed − told) seconds."""
    from reportgen.desk.record.models import Member

    finished = {}
    for member in Member.objects.prefetch_related("submissions__job"):
        jobs = [s.job for s in member.submissions.all() if getattr(s, "job", None) is not None and s.job.finished]
        if jobs:
            finished[member.token_digest] = jobs[-1].finished.timestamp()
    import hashlib

    late, errors, with_estimate = 0, [], 0
    for link, at, words in run.told:
        promised = _estimated(words)
        done = finished.get(hashlib.sha256(link.rsplit("/", 1)[1].encode()).hexdigest())
        if promised is None or done is None:
            continue
        with_estimate += 1
        late += done - at > promised
        errors.append(done - at - promised)
    return {"told": len(run.told), "with_estimate": with_estimate, "reviewed_after_the_estimate": late,
            "reviewed_minus_estimate_seconds": _spread(errors)}


def _register_times(base: str, extra: int, times: int = 5) -> dict[str, object]:
    """The register's pages, the progress page and its list of rows to chase exported (CSV, XLSX) as the reviewer opens
    them (median of ``times``, ms; the page's KB), with the
    season's roster, then with ``extra`` more rows (added to the table directly: a province's roster)."""
    reviewer = Browser(base)
    reviewer.get("/login")
    reviewer.post("/login", {"username": REVIEWER, "password": PASSWORD})
    from reportgen.desk.record.models import Member

    def timed() -> dict[str, object]:
        pages = {"register": "/register", "register_last_page": f"/register?page={Member.objects.count() // 100 + 1}",
                 "register_returned": "/register?state=%E5%B7%B2%E9%80%80%E5%9B%9E", "register_search": "/register?q=001",
                 "progress": "/progress", "chase_csv": "/progress/chase.csv", "chase_xlsx": "/progress/chase.xlsx"}
        out: dict[str, object] = {"rows": Member.objects.count()}
        for name, path in pages.items():
            seconds, size = [], 0
            for _ in range(times):
                began = time.monotonic()
                status, page = reviewer.get(path)
                seconds.append(time.monotonic() - began)
                size = len(page.encode())
                assert status == 200, (path, status)
            out[name] = {"ms": round(statistics.median(seconds) * 1000, 1), "kb": round(size / 1024, 1)}
        return out

    figures = {"season": timed()}
    if extra:
        from datetime import date

        start = Member.objects.count()
        Member.objects.bulk_create([Member(position=start + n, name=f"省级名单单位{n:05d}", kind="单位", parent=f"省级部门{n % 500:03d}",
                                           approved=date(2025, 1, 20), place="压测", token_digest=f"province-{n}")
                                    for n in range(extra)], batch_size=2000)
        figures["province"] = timed()
    return figures


def _spread(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 2), "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
            "max": round(ordered[-1], 2)}


def _workers(run: Run, jobs: list[object]) -> list[dict[str, object]]:
    """Each worker's RSS: at its first sample, after a quarter of its life, at its peak and at the end (MB)."""
    done = Counter(int(j.worker.rsplit("-", 1)[1]) for j in jobs if j.worker)  # type: ignore[attr-defined]
    out = []
    for pid, samples in sorted(run.rss.items()):
        sizes = [size / 2**20 for _, size in samples]
        out.append({"pid": pid, "jobs": done.get(pid, 0), "seconds": round(samples[-1][0] - samples[0][0]),
                     "first_mb": round(sizes[0], 1), "quarter_mb": round(sizes[len(sizes) // 4], 1),
                     "peak_mb": round(max(sizes), 1), "last_mb": round(sizes[-1], 1)})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--workers", type=int, help="worker processes (default: the desk's own count for the machine)")
    parser.add_argument("--province-rows", type=int, default=0,
                        help="rows added to the roster at the end, the register's pages timed again (a province: 28000)")
    parser.add_argument("--rate", type=float, default=2000 / 60, help="documents a minute (default: 2,000 an hour)")
    parser.add_argument("--uploaders", type=int, default=8, help="uploads at once")
    parser.add_argument("--lease", type=float, default=30.0)
    parser.add_argument("--page-times", type=int, default=5, help="times each register page is opened (median)")
    parser.add_argument("--database", help="postgresql://… (default: SQLite in the data folder)")
    parser.add_argument("--data", type=Path, help="the desk's data folder (default: a temporary one, removed)")
    parser.add_argument("--no-faults", action="store_true", help="no worker killed, no restart")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="desk-load-") as scratch:
        return _run(args, args.data or Path(scratch) / "desk")


def _run(args: argparse.Namespace, data: Path) -> int:
    database = ["--database", args.database] if args.database else []
    _desk("init", str(data), *database)
    _desk("adduser", str(data), REVIEWER, *database, stdin=PASSWORD + "\n")
    from reportgen.desk import settings

    settings.configure(data, args.database)
    port, log = _free_port(), data.parent / "serve.log"
    run = Run(base=f"http://127.0.0.1:{port}")

    def start() -> subprocess.Popen[bytes]:
        return _serve(data, port, args.workers, database, args.lease, log)


    serve = [start()]
    began, stop = time.monotonic(), threading.Event()
    sampler = threading.Thread(target=_sample, args=(run, serve, stop, began), daemon=True)
    sampler.start()
    try:
        roster, names = _roster(args.departments, args.documents)
        links = _links(run.base, roster)
        faults = {} if args.no_faults else {args.documents // 3: lambda: _kill_a_reviewing_worker(run, serve[0]),
                                            2 * args.documents // 3: lambda: _restart(run, serve, start)}
        _send_all(run, [links[name] for name in names], args.rate, args.uploaders, faults)
        finished = _wait_done(600 + 2 * args.lease)
        stop.set()
        sampler.join()
        problems = _checked(names) + ([] if finished else ["600 秒内没有审完"]) + run.refused
        figures = {**_figures(run), "wall_seconds": round(time.monotonic() - began, 1), "faults": run.faults,
                   "pages": _register_times(run.base, args.province_rows, args.page_times),
                   "problems": problems, "options": {k: str(v) for k, v in vars(args).items()}}
    finally:
        stop.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(serve[0].pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            serve[0].wait(timeout=30)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
