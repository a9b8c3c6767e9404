"""What the desk keeps of a reviewed document — the 检查表's row, the numbered findings the notice lists, the title and
kind — is data the schema describes (issue 81 part 1: "review results stored as data the schema describes, with a
migration for what is stored today"): JSON, read without running anything; and a database whose summaries were kept
as pickles (migration 0006 and before) reads the same after `migrate`."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.desk.record.summaries import stored, summary_of
from reportgen.paperwork.listing import listed
from reportgen.paperwork.pages import annotated_copy, copy_name, summary_part
from reportgen.paperwork.places import Mark
from reportgen.review.documents import review_files
from tests.support.postgres import postgres_url, psycopg  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
FRESH = ROOT.parent / "shared" / "corpus" / "fresh1"
# real published documents: a budget with findings on its pages (杭州), a 决算 (国家信访局 2024), the narrative half
# of a disclosure printed in two files (北京市审计局)
DOCUMENTS = ["zj-hangzhou-qixiang-2026-dept-budget.pdf", "central-guojia-xinfangju-2024-dept-final.pdf",
             "bj-shenjiju-2026-dept-budget.pdf"]


_MADE: dict[str, bytes] = {}  # each document's summary, pickled: made once a module, each test given its own copy


def _summary(pdf: Path, work: Path) -> tuple:
    """What the desk's worker keeps of ``pdf`` (desk/record/reviewing.py _one), as the review made it. A document is
    reviewed once a module (杭州 served three tests, 烟台 two: a review each, 1–2 CPU-s), each test given a copy of its
    own (the pickle a summary was kept as until migration 0007, whose test reads it back equal) to change as it likes."""
    if pdf.name not in _MADE:
        document = work / "送审.pdf"
        document.write_bytes(pdf.read_bytes())
        result = review_files([document], None)
        items = [] if result.not_read else listed(result)
        name = copy_name(result, 1)
        copy = annotated_copy(result, name, items) if name is not None and items else None
        marks = list(copy.marks) if copy else []
        header = result.imported.header if result.imported is not None else {}
        made = summary_part(result, 1, copy, items), marks, result.title, str(header.get("kind") or "")
        _MADE[pdf.name] = pickle.dumps(made)
    return tuple(pickle.loads(_MADE[pdf.name]))  # noqa: S301  (the test's own pickle)


def _found(name: str) -> Path:
    found = sorted(FRESH.glob(f"**/{name}"))
    if not found:
        pytest.skip(f"{name} is not in ../shared/corpus/fresh1")
    return found[0]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_summary_kept_as_json_reads_back_as_the_review_made_it(name: str, tmp_path: Path) -> None:
    part, marks, title, kind = _summary(_found(name), tmp_path)
    assert part.row["inspection"] is not None
    text = json.dumps(stored(part, marks, title, kind), ensure_ascii=False)  # what the JSONField holds
    assert "reportgen" not in text  # no class named: plain data, not instructions to build objects
    back = summary_of(json.loads(text))
    assert (back.part, back.marks, back.title, back.kind) == (part, marks, title, kind)
    # one 检查表 for the row and the part, as the review made it: a dismissal's count taken from it shows in both
    assert back.part.row["inspection"] is back.part.inspection


def test_a_summary_of_another_shape_is_refused_not_guessed() -> None:
    with pytest.raises(ValueError, match="version"):
        summary_of({"version": 99, "part": {}, "marks": [], "title": "", "kind": ""})


MIGRATE = """
import pickle, sys
from datetime import date
from pathlib import Path
from reportgen.desk import settings
data, kept = Path(sys.argv[1]), Path(sys.argv[2])
settings.make_secret(data)
settings.configure(data, sys.argv[3] if len(sys.argv) > 3 else None)
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
call_command("migrate", "desk", "0006_held_handed_files", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(("desk", "0006_held_handed_files")).apps
member = old.get_model("desk", "Member").objects.create(position=1, name="杭州市气象局", kind="部门",
    approved=date(2026, 1, 20), place="名单.csv 第2行", token_digest="0" * 64)
old.get_model("desk", "Submission").objects.create(member=member, number=1, digest="1" * 64, size=1, kind="pdf",
    given_name="送审.pdf", state="审核中", outcome="有问题", summary=kept.read_bytes())
call_command("migrate", verbosity=0)
from reportgen.desk.record.models import Submission
import json
print(json.dumps(Submission.objects.get(number=1).summary, ensure_ascii=False))
"""


def _own_database(url: str) -> str:
    """A database of its own on the test process's PostgreSQL server (the server's own is other tests' desk)."""
    server, _, _ = url.rpartition("/")
    with psycopg().connect(url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS reportgen_migration")
        connection.execute("CREATE DATABASE reportgen_migration")
    return f"{server}/reportgen_migration"


@pytest.mark.parametrize("database", ["SQLite", "PostgreSQL"])
def test_summaries_pickled_before_migration_0007_read_the_same_after_it(database: str, request: pytest.FixtureRequest,
                                                                        tmp_path: Path) -> None:
    url = [_own_database(request.getfixturevalue("postgres_url"))] if database == "PostgreSQL" else []
    part, marks, title, kind = _summary(_found(DOCUMENTS[0]), tmp_path)
    kept = tmp_path / "summary.pickle"
    kept.write_bytes(pickle.dumps((part, marks, title, kind)))  # as reviewing.py kept it until this migration
    done = subprocess.run([sys.executable, "-c", MIGRATE, str(tmp_path / "desk"), str(kept), *url], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    back = summary_of(json.loads(done.stdout))
    assert (back.part, back.marks, back.title, back.kind) == (part, marks, title, kind)


def test_the_migration_unpickles_only_the_reviews_own_classes(tmp_path: Path) -> None:
    """A summary column a local user could write holds a pickle that runs a program: the migration refuses it
    (by the class it names) rather than run it, and the database is left at 0006."""
    kept = tmp_path / "summary.pickle"
    kept.write_bytes(b"cposix\nsystem\n(S'touch " + str(tmp_path / "ran").encode() + b"'\ntR.")  # os.system(…)
    done = subprocess.run([sys.executable, "-c", MIGRATE, str(tmp_path / "desk"), str(kept)], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert done.returncode != 0 and "posix.system" in done.stderr
    assert not (tmp_path / "ran").exists()


# documents of four regions whose findings are counted apart on the 检查表: a sentence against another (R-句内矛盾,
# R-句内占比, R-绩效目标金额: 正文与表格) beside wording findings (用词与占位) — 中央, 长春 —, warnings of the tables'
# checks counted nowhere (长春), what the text leaves out (完整性) beside a table's difference (烟台)
SPLIT = ["central-guojia-xinfangju-2026-dept-budget.pdf", "jl-changchun-xinfangju-2026-dept-budget.pdf",
         "gd-zhuhai-shangwuju-2026-dept-budget.pdf", "sd-yantai-minzhengju-2026-dept-budget.pdf"]


def _counts(part: object) -> dict[str, int]:
    checked = part.inspection  # type: ignore[attr-defined]
    return {**checked.figures, "completeness": checked.completeness_findings}


@pytest.mark.parametrize("name", SPLIT)
def test_a_dismissed_finding_is_taken_from_the_count_it_is_in(name: str, tmp_path: Path) -> None:
    """The 检查表 a reviewer's dismissals change (desk/record/decided.py): each finding dismissed alone takes one from
    the count the review counted it in — 正文与表格 for a contradiction, 用词与占位 for a wording rule's, nothing for a
    warning — and every count is the number of findings listed in it, so all dismissed leave none."""
    from reportgen.desk.record.decided import decided

    part, marks, title, kind = _summary(_found(name), tmp_path)
    kept = summary_of(json.loads(json.dumps(stored(part, marks, title, kind), ensure_ascii=False)))
    items = [finding["item"] for finding in kept.part.findings]
    numbered = [Mark(n, item) for n, item in enumerate(items, start=1)]
    before = _counts(kept.part)
    assert {key: sum(key in item.counted for item in items) for key in before} == before  # type: ignore[attr-defined]
    if name in SPLIT[:2]:  # a sentence's finding in 正文与表格 while 用词与占位 counts some: the split told, not guessed
        assert before["wording"] > 0 and any(i.kind == "finding" and i.line and i.counted == ("prose",) for i in items)
    listed = dict(kept.part.row["counts"])  # the 逐份结果 table's
    row = {"tables": "tables", "checks": "errors", "prose": "prose"}
    for number, item in enumerate(items, start=1):
        part = decided(kept.part, numbered, {number})
        assert _counts(part) == {key: value - (key in item.counted) for key, value in before.items()}, (number, item)  # type: ignore[attr-defined]
        warning = item.kind == "finding" and item.severity == "warning"  # type: ignore[attr-defined]
        assert part.row["counts"] == {**listed, **{row[key]: listed[row[key]] - 1 for key in item.counted if key in row},  # type: ignore[attr-defined]
                                      **({"warnings": listed["warnings"] - 1} if warning else {})}, (number, item)
    every = decided(kept.part, numbered, set(range(1, len(items) + 1)))
    assert set(_counts(every).values()) == {0}
    assert {key: every.row["counts"][key] for key in ("tables", "errors", "prose", "warnings")} == dict.fromkeys(
        ("tables", "errors", "prose", "warnings"), 0)
    assert kept.part.row["counts"] == listed  # the stored summary's own left as it was


def test_a_summary_kept_before_the_counts_were_told_reads_and_is_decided_as_then(tmp_path: Path) -> None:
    """A summary the desk stored before each finding's count was kept (no "counted") reads back, its findings told
    by their kind as then."""
    from reportgen.desk.record.decided import decided

    part, marks, title, kind = _summary(_found(SPLIT[3]), tmp_path)
    value = stored(part, marks, title, kind)
    for finding in value["part"]["findings"]:
        del finding["item"]["counted"]
    kept = summary_of(json.loads(json.dumps(value, ensure_ascii=False)))
    items = [finding["item"] for finding in kept.part.findings]
    assert {item.counted for item in items} == {None}
    table = next(n for n, item in enumerate(items, start=1) if item.kind == "table")
    after = _counts(decided(kept.part, [Mark(n, item) for n, item in enumerate(items, start=1)], {table}))
    assert after["tables"] == _counts(kept.part)["tables"] - 1
