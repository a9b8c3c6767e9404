"""A bureau's season on the desk in a real browser (issue 81's Done means): `reportgen desk serve` running — web server
and worker — on SQLite and on PostgreSQL, headless Chromium doing what the reviewer and three departments do. The
roster is imported; 北京市审计局 submits its disclosure in two files (说明 and 报表) at once; 长征镇 submits a file no
reader opens (未能审核: approval refused, returned), then another department's budget (held 待核对, returned); 万里
submits a draft, the reviewer dismisses all its findings but one — the 检查表 lists the dismissed ones no more —
returns it with its 整改通知, and the resubmission comes with the dismissals carried and is approved over its errors
with a reason; the published versions are checked (the two files of 北京 as one); the progress page counts the season
and lists the rows to chase; the notice, the findings table and the exports are opened by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.clients import libreoffice_profile
from tests.support.browser import field_for, fill, submit, wait_for_text
from tests.support.desk import HEADER, PASSWORD, REVIEWER
from tests.support.postgres import postgres_url  # noqa: F401  (fixture)
from tests.test_desk_browser import (  # noqa: F401  (the fixtures: one Chromium, SQLite and PostgreSQL)
    DRAFT_1,
    DRAFT_2,
    WANLI,
    _desk,
    _document_id,
    _reviewed,
    _roster_imported,
    _serving,
    browser,
    database,
)

ROOT = Path(__file__).resolve().parent.parent
FRESH = ROOT.parent / "shared" / "corpus" / "fresh1"
BEIJING, BEIJING_TABLES = FRESH / "bj-shenjiju-2026-dept-budget.pdf", FRESH / "bj-shenjiju-2026-dept-budget-tables.pdf"
ZHENGFUBAN = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"  # 上海市普陀区人民政府办公室's budget
SHENJIJU, CHANGZHENG, SILENT = "北京市审计局", "上海市普陀区人民政府长征镇办事处", "上海市普陀区未报送测试单位"
FILE_LABEL = "文件（PDF、Word 文档（.docx、.doc），或导出的 .xlsx/.xls/.ods 工作簿；不超过 50 MB）"
NOTICE = {"发文单位": "普陀区财政局", "通知日期": "2025-02-01", "整改期限": "2025-02-10"}

pytestmark = pytest.mark.skipif(not BEIJING.is_file() or not DRAFT_1.is_file() or shutil.which("soffice") is None,
                                reason="../shared/corpus/fresh1、bench/corpus 的草稿或 LibreOffice 不在")


def _sent(driver: Any, link: str, *paths: Path) -> None:
    """The department chooses its file(s) — several at once in the one file field — and sends them."""
    driver.get(link)
    field = field_for(driver, FILE_LABEL)
    field.send_keys("\n".join(str(p.resolve()) for p in paths))
    submit(driver, "报送")


def _returned(driver: Any) -> None:
    for label, value in NOTICE.items():
        fill(driver, label, value)
    submit(driver, "退回")
    wait_for_text(driver, "已退回")


def _state(driver: Any, site: str, name: str) -> str:
    driver.get(f"{site}/register?q={name}")
    (state,) = driver.execute_script(  # the shown texts, read at once (one WebDriver command, not three a row)
        "return [...document.querySelectorAll('#register tbody tr')].filter(r => r.checkVisibility() && "
        "r.innerText.includes(arguments[0])).map(r => r.querySelector('td.state').innerText.trim())", name)
    return str(state)


def _listed(driver: Any, site: str, name: str) -> int:
    """How many findings the 检查表's list gives the row's documents (its rows naming them)."""
    driver.get(f"{site}/register/inspection.html")
    return int(driver.execute_script("return [...document.querySelectorAll('td.doc')]"
                                     ".filter(c => c.textContent.startsWith(arguments[0])).length", name))


def _download(driver: Any, url: str, target: Path) -> Path:
    """A file as the signed-in reviewer's browser would get it (its session cookie)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies}), timeout=60) as answer:
        assert answer.status == 200
        target.write_bytes(answer.read())
    return target


def _opened(paths: list[Path], form: str, profile: str) -> list[str]:
    """The files as LibreOffice opens them (``profile``: tests/clients.libreoffice_profile's URI), converted to ``form``
    (txt, csv) in UTF-8: their texts. One LibreOffice for them all: its start is half a small workbook's conversion
    (three workbooks converted by one call, 2.5 CPU-s; by three calls, 3.7)."""
    filters = {"txt": "txt:Text (encoded):UTF8", "csv": "csv:Text - txt - csv (StarCalc):44,34,76"}
    folder = paths[0].parent / "opened"
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", filters[form],
                           "--outdir", str(folder), *map(str, paths)], capture_output=True, text=True,
                          timeout=180, check=False)
    converted = [folder / f"{path.stem}.{form}" for path in paths]
    assert done.returncode == 0 and all(c.is_file() for c in converted), done.stdout + done.stderr
    return [c.read_text(encoding="utf-8-sig", errors="replace") for c in converted]


def _locked(folder: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    locked = folder / "加密.pdf"  # opened by no reader without its password: 未能审核
    writer = PdfWriter(clone_from=PdfReader(ZHENGFUBAN))
    writer.encrypt(user_password="secret", owner_password="owner")
    with locked.open("wb") as out:
        writer.write(out)
    return locked


def test_a_bureaus_season_in_a_real_browser(browser: Any, database: list[str], tmp_path: Path) -> None:  # noqa: F811
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})  # (the other database's desk signed in on 127.0.0.1)
    data = tmp_path / "审核台"
    lo = libreoffice_profile(tmp_path / "lo")  # one LibreOffice profile for the four files opened
    _desk("init", str(data), *database)
    _desk("adduser", str(data), REVIEWER, *database, stdin=PASSWORD + "\n")
    roster = tmp_path / "名单.csv"
    rows = [[WANLI, "部门", WANLI, "2025-01-20", "", "2025"], [SHENJIJU, "部门", SHENJIJU, "2026-01-20", "", "2026"],
            [CHANGZHENG, "部门", CHANGZHENG, "2025-01-20", "", "2025"], [SILENT, "部门", SILENT, "2025-01-20", "", "2025"]]
    roster.write_text("\n".join(",".join(r) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    with _serving(data, database) as site:
        _roster_imported(browser, site, roster)
        links = dict(browser.execute_script("return [...document.querySelectorAll('#links tbody tr')].map("
                                            "tr => [tr.querySelector('th').innerText.trim(), tr.querySelector('a.link').href])"))
        assert set(links) == {WANLI, SHENJIJU, CHANGZHENG, SILENT}

        # three departments submit: 北京 its two files at once, 长征镇 a file no reader opens, 万里 its draft
        _sent(browser, links[SHENJIJU], BEIJING_TABLES, BEIJING)
        _sent(browser, links[CHANGZHENG], _locked(tmp_path))
        _sent(browser, links[WANLI], DRAFT_1)
        for name in (SHENJIJU, CHANGZHENG, WANLI):
            _reviewed(browser, links[name], 1)
        documents = {}
        for name in (SHENJIJU, CHANGZHENG, WANLI):
            browser.get(links[name])
            documents[name] = _document_id(browser, 1)

        # 长征镇's unreadable file: no approval, returned; then another department's file: held, returned
        browser.get(f"{site}/document/{documents[CHANGZHENG]}")
        assert browser.find_elements("id", "not-acceptable") and not browser.find_elements("id", "id_accept")
        assert "未能审核" in browser.find_element("tag name", "body").text
        _returned(browser)
        _sent(browser, links[CHANGZHENG], ZHENGFUBAN)
        _reviewed(browser, links[CHANGZHENG], 2)
        assert _state(browser, site, CHANGZHENG) == "待核对"
        browser.get(links[CHANGZHENG])
        browser.get(f"{site}/document/{_document_id(browser, 2)}")
        held = browser.find_element("id", "held").text
        assert "上海市普陀区人民政府办公室" in held and not browser.find_elements("id", "id_accept")
        assert "这次已不再出现的" not in browser.find_element("tag name", "body").text  # never told as a fix
        _returned(browser)

        # 北京's two files, reviewed as one document
        browser.get(f"{site}/document/{documents[SHENJIJU]}")
        assert "2 个文件作为一份公开文本审核" in browser.find_element("tag name", "body").text
        for reason in browser.find_elements("id", "id_reason"):
            reason.send_keys("已核实")
        submit(browser, "审核通过")
        wait_for_text(browser, "已通过")

        # 万里: all findings dismissed but the first; the 检查表 follows; returned with its notice
        listed = _listed(browser, site, WANLI)
        browser.get(f"{site}/document/{documents[WANLI]}")
        dismiss = browser.find_elements("css selector", "input[type=radio][id$='-dismiss']")
        assert len(dismiss) >= 3 and listed >= len(dismiss), (listed, len(dismiss))
        browser.find_element("css selector", "input[type=radio][id$='-confirm']").click()
        browser.execute_script("arguments[0].forEach(radio => radio.click())", dismiss[1:])
        submit(browser, "保存审核意见")
        assert len(browser.find_elements("css selector", "input[type=radio][id$='-dismiss']:checked")) == len(dismiss) - 1
        assert _listed(browser, site, WANLI) == listed - (len(dismiss) - 1)
        browser.get(f"{site}/document/{documents[WANLI]}")
        _returned(browser)
        [notice] = _opened([_download(browser, f"{site}/document/{documents[WANLI]}/notice",
                                      tmp_path / "整改通知.docx")], "txt", lo)
        assert "普陀区财政局" in notice and "有以下 1 处问题" in notice
        # (the findings table as it is now, opened with the exports at the end: one LibreOffice for the workbooks)
        findings = _download(browser, f"{site}/document/{documents[WANLI]}/findings", tmp_path / "问题清单.xlsx")

        # the resubmission: the dismissals carried, approved over its errors with a reason
        _sent(browser, links[WANLI], DRAFT_2)
        _reviewed(browser, links[WANLI], 2)
        browser.get(links[WANLI])
        second = _document_id(browser, 2)
        browser.get(f"{site}/document/{second}")
        carried = browser.find_elements("css selector", "input[type=radio][id$='-dismiss']:checked")
        assert carried and "沿用第 1 次报送问题" in browser.find_element("tag name", "body").text
        for reason in browser.find_elements("id", "id_reason"):
            reason.send_keys("其余问题已与万里街道核实，可以公开")
        submit(browser, "审核通过")
        wait_for_text(browser, "已通过")

        # the published versions checked: 万里's one file, 北京's two as one (in the other order)
        for name, files in ((WANLI, [DRAFT_2]), (SHENJIJU, [BEIJING, BEIJING_TABLES])):
            browser.get(f"{site}/published")
            options = browser.find_elements("css selector", "#id_submission option")
            next(o for o in options if o.text.startswith(name)).click()
            browser.find_element("id", "id_published").send_keys("\n".join(str(p.resolve()) for p in files))
            submit(browser, "核对")
            assert browser.find_element("id", "verdict").text.startswith("相同"), browser.find_element("tag name", "body").text

        # the progress page and the rows to chase, the exports opened by LibreOffice
        browser.get(f"{site}/progress")
        total = browser.find_element("id", "progress-total").text.split()
        assert total[0] == "合计" and total[-1] == "4"
        chased = browser.find_element("id", "chased").text
        assert SILENT in chased and CHANGZHENG in chased and WANLI not in chased and SHENJIJU not in chased
        table, chase, precision = _opened([findings, _download(browser, f"{site}/progress/chase.xlsx",
                                                               tmp_path / "待办.xlsx"),
                                           _download(browser, f"{site}/precision.xlsx", tmp_path / "驳回占比.xlsx")],
                                          "csv", lo)
    listed_rows = [line for line in table.splitlines() if line.split(",", 1)[0].isdigit()]
    assert "序号,页码,原文,问题,规则,级别" in table and len(listed_rows) == 1, table  # the one kept, as the notice says
    assert SILENT in chase and "待报送" in chase and "待整改" in chase
    assert "驳回" in precision
