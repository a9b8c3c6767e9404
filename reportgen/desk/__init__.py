"""The reviewer's desk (issue 55): a web application a finance bureau runs on its own machine —
reviewers sign in, each 部门 and 单位 of the roster submits through its own secret link, worker
processes review each upload with the same functions as `reportgen review` (reportgen/review/), the
reviewer confirms or dismisses each finding and hands the document back with its 整改通知, and the
register shows every row's state.

Django 5.2 (measured against Flask 3 + SQLAlchemy 2 by bench/desk_frameworks.py, since retired: bench/README.md),
configured in code (settings), its pages Jinja2 templates in templates/desk/, served by waitress (server: `desk serve`,
its workers with it; urls: the routes). Three packages, each built on those before it (tests/test_layers.py):
record (the season's record: the tables, the store, the register, the progress counts), queue (review jobs and the
worker processes that claim them) and web (the reviewer's, the leaders' and the department's pages, every error
page the desk's own). A submission is matched to its roster row by what its document says, as `review --roster`
matches one (record/register.py held_for), and compared with the row's last, that one's dismissals carried."""
