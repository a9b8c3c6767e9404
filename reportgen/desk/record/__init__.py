"""The season's record: what the desk keeps and reads back — the tables (models: Member, Submission, Job, Finding,
Event …, with their migrations; apps: the Django application, label ``desk``), the content-addressed store of files
(store), a stored file reviewed as `reportgen review` reviews it and its results kept as data (reviewing), the
register of every roster row's state and 及时性 and the 检查表 (register), the progress counts and the units to chase
(progress), the dismissed share per rule (precision), and typed-in marks made visible (shown). No page and no
worker: the queue (reportgen.desk.queue) and the pages (reportgen.desk.web) are built on it."""
