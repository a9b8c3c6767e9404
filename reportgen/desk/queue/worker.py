"""A worker process of the desk (`reportgen desk worker DATA`, started by `desk serve`): it claims the
next review job (jobs.py), reviews the stored file as `reportgen review` does (reviewing.py) while a
heartbeat renews its lease, and saves the result; a job whose worker was killed is claimed again by
another once its lease runs out. SIGTERM stops it mid-review and puts its job back in the queue at once (a killed one's job goes back
by its lease).

The program's collector settings (reportgen/__main__.py: young objects collected every 100,000
allocations, made for a command that runs once) leave a review's cyclic garbage for the rare full
collection: a worker grew from 40 MB to 500 MB over 60 documents (bench/desk_load.py). Collecting
after each job keeps it flat (about 160 MB), for a few milliseconds of a review's 1.5 s."""

from __future__ import annotations

import os
import socket
import time
from datetime import timedelta
from pathlib import Path

from django.db import close_old_connections

from reportgen.desk.queue.jobs import Heartbeat, claim, finish, gone, release, work_folder
from reportgen.desk.record.models import Job
from reportgen.desk.record.reviewing import review_stored
from reportgen.desk.record.store import SUFFIXES, Store, reviewed_name
from reportgen.paperwork.batch import let_go, started


def name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def run(data: Path, lease: timedelta, poll: float, once: bool = False, server: int | None = None) -> int:
    """Review jobs until stopped (or, ``once``, until none is waiting; or, started by the ``server`` of that process
    id, until it is gone: this process then another's child — a server killed outright leaves no worker running on,
    claiming jobs, once its job in hand is done); how many were reviewed."""
    store, worker, done = Store(data / "store"), name(), 0
    started()  # Django's and reportgen's objects set aside: each job's collection looks at the job's alone
    while server is None or os.getppid() == server:
        close_old_connections()
        job = claim(worker, lease)
        if job is None:
            if once:
                return done
            time.sleep(poll)
            continue
        review(job, worker, store, data, lease)
        let_go()  # the review's cycles, at once: under the program's collector settings they pile up
        done += 1
    return done


def review(job: Job, worker: str, store: Store, data: Path, lease: timedelta) -> bool:
    submission = job.submission
    document = reviewed_name(submission.member.name, submission.number, submission.kind)
    beside = tuple((store.path(f.digest), f"{Path(document).stem}（{f.number}）{SUFFIXES.get(f.kind, '')}")
                   for f in submission.files.all())
    if not all(path.is_file() for path in (store.path(submission.digest), *(path for path, _ in beside))):
        return gone(job, worker)
    try:
        with Heartbeat(job, worker, lease):
            reviewed = review_stored(store.path(submission.digest), work_folder(data) / f"job-{job.id}", document,
                                     submission.number, beside)
    except KeyboardInterrupt:  # stopped (Ctrl-C, SIGTERM: the desk restarted): the job queued again at once
        release(job, worker)
        raise
    return finish(job, worker, reviewed, store)
