"""The reviewer's desk (issue 55): a web application a finance bureau runs on its own machine —
reviewers sign in, each 部门 and 单位 of the roster submits through its own secret link, worker
processes review each upload with the same functions as `reportgen review` (reportgen/review/), the
reviewer confirms or dismisses each finding and hands the document back with its 整改通知, and the
register shows every row's state.

Django 5.2 (measured against Flask 3 + SQLAlchemy 2 by bench/desk_frameworks.py, since retired: bench/README.md), configured in code
(settings.py), its pages Jinja2 templates in templates/desk/, served by waitress. Modules:
settings (configuration), store (the content-addressed store of uploads and what the review made),
models (the tables), reviewing (one stored file reviewed by reportgen/review), jobs (the queue: claim,
lease, heartbeat, giving up), worker (a worker process), views and urls (the pages), decisions (a reviewer's
decisions, checked before written) and notices (the 整改通知 of a return), attempts (sign-in bounded), failures
and front (every error page the desk's own, Django's and waitress's), shown (typed-in marks made visible),
server (`desk serve`). A submission is matched to its roster row by what its document says, as `review --roster`
matches one (register.py held_for: held for the reviewer where it is another's, or an earlier one's bytes), and compared
with the row's last, that one's dismissals carried (register.py compared); one disclosure may be submitted in several
files (models.SubmittedFile), reviewed together as `review` reviews a narrative and its tables file."""
