"""A 情况说明 published as a scan is read by OCR (readers/pdf_ocr.py), not refused: its sentences' figures are
judged against its 报表 as any text's, each finding on a scanned page says so, and a figure OCR did not read
for sure is not read. Without tesseract the scan is refused as before, the refusal naming what is missing.

The fixtures are page extracts (pypdf) of 北京市政务服务和数据管理局 2026 (/work/shared/corpus/scanned, ORIGIN.md
there): its 情况说明, eight full-page images with no text layer, pp. 1 (cover), 3 (职责), 5 (收入), 6 (支出); its
报表, which has text, pp. 1–6 (收支总表, 收入总表, 支出总表) and 15 (“三公”经费支出表); and its 报表's p. 1 rasterised
(pdftoppm at 150 dpi, saved as a one-image PDF) as a scanned table."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportgen.importing.recognition import sure
from reportgen.readers.pdf import pdf_ocr, pdf_words
from reportgen.review.documents import DocumentReview, review_document, review_together
from tests.clients import require_ocr, require_program
from tests.support.national import FIXTURES, table_of

SCAN = FIXTURES / "beijing-zhengshuju-2026-scan-p1-3-5-6.pdf"
TABLES = FIXTURES / "beijing-zhengshuju-2026-tables-p1to6-15.pdf"



@pytest.fixture(scope="module")
def reviewed() -> DocumentReview:
    """The scanned 情况说明 and its 报表 reviewed together, as `reportgen review 说明.pdf 报表.pdf` does."""
    require_ocr()
    [result] = review_together([SCAN, TABLES], None)
    return result


def test_the_scanned_narrative_is_read_and_reviewed_with_its_tables(reviewed: DocumentReview) -> None:
    assert reviewed.files == [SCAN, TABLES]
    assert not reviewed.unreviewed
    assert reviewed.published is not None and reviewed.published.scanned == frozenset({1, 2, 3, 4})
    texts = [line.bare for line in reviewed.published.lines]
    assert "1.一般公共预算拨款收入101,673.03万元。" in texts
    assert "（三）上年结转结余4,950.85万元" in texts  # full-width punctuation, as printed
    assert reviewed.imported is not None
    assert f"{SCAN} 第1、2、3、4页是扫描件，经文字识别读出：从中读出的数字请对照原件（读不准的数字没有读取，印作“□”）" \
        in reviewed.imported.notes  # the import's reading notes, the YAML's 读取时注意


def test_the_income_a_scanned_page_states_is_found_to_differ_from_the_tables(reviewed: DocumentReview) -> None:
    """F3: “1.一般公共预算拨款收入 101,673.03 万元” where 预算01表 gives 96,722.180672 (101,673.03 is the 收入总计,
    with 上年结转 4,950.85); the finding names the page read by OCR."""
    assert reviewed.narrative is not None
    said = {f.message for f in reviewed.narrative.disagreements()}
    assert "“一般公共预算拨款”的金额写作“101,673.03万元”，按本文件的表格应为“96,722.18万元”" \
           "（第3页为扫描件，经文字识别读出，请对照原件）" in said
    agreed = {(v.statement.label, str(v.statement.value)) for v in reviewed.narrative.verdicts if v.status == "agree"}
    assert ("基本支出预算", "38197.01") in agreed  # p. 6's, read by OCR as well, agrees


def test_a_figure_ocr_read_below_its_confidence_is_not_read(reviewed: DocumentReview) -> None:
    """The cover's bold “2026年度部门预算信息公开”: tesseract reads its “2026” as “20256”, at 78.6 confidence
    (below pdf_ocr.MIN_CONFIDENCE): the figure is printed as not read, never as what the page does not say,
    and nothing is judged of it."""
    assert reviewed.published is not None and reviewed.narrative is not None
    cover = [line for line in reviewed.published.lines if line.page == 1]
    assert any(line.bare == f"{pdf_ocr.UNREAD}年度部门预算信息公" for line in cover)
    assert not any("20256" in line.text for line in reviewed.published.lines)
    assert not any(v.statement.line in {line.number for line in cover} for v in reviewed.narrative.verdicts
                   if v.status in ("agree", "disagree"))


def test_without_tesseract_the_scan_is_refused_naming_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    require_program("pdftotext")
    require_program("pdfimages")
    monkeypatch.setattr(pdf_words, "_READ", {})  # read again, not as the OCR'd pages kept
    monkeypatch.setattr(pdf_ocr, "TESSERACT", "tesseract-not-installed")
    result = review_document(SCAN, None)
    assert result.unreviewed.startswith(f"{SCAN}：是扫描件，没有文字层（4 页都读不出文字）")
    assert "识别扫描页需要 tesseract 文字识别程序（Debian 的 tesseract-ocr 与 tesseract-ocr-chi-sim" in result.unreviewed


def test_a_page_of_text_is_never_read_by_ocr() -> None:
    """The 报表 has text on every page: none is read by OCR (nor is tesseract run)."""
    require_program("pdftotext")
    data = Path(TABLES).read_bytes()
    pages = pdf_words.pdf_words(TABLES, data, ValueError, "")
    assert pages.scanned == frozenset() and not pages.not_scanned


RASTERISED = FIXTURES / "beijing-zhengshuju-2026-tables-p1-rasterised.pdf"  # 报表 p. 1 as a 150 dpi page image


def test_a_table_on_a_scanned_page_is_recognised_but_not_read_for_sure() -> None:
    """OCR reads a ruled table's labels and figures on lines of their own (预算01表's 一般公共预算拨款收入 apart
    from its 96,722.180672): the table is known for what it is, its figures are not taken (sure.py)."""
    require_ocr()
    table = table_of(RASTERISED, "收支总表")
    assert table.grid.scanned == (1,)
    assert "表印在扫描页上（第1页），经文字识别读出，各数所在的行与列不能确定" in sure.header_doubts(table)


def test_without_tesseract_a_text_with_a_scanned_page_is_not_passed(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The 报表's 收支总表 (text) and the 情况说明's p. 5 (a scan) in one PDF: its text is read, the scan cannot
    be — the document is 未能审核, naming what is missing, never 未发现问题."""
    require_program("pdftotext")
    require_program("pdfimages")
    mixed = tmp_path / "mixed.pdf"
    writer = PdfWriter()
    writer.add_page(PdfReader(TABLES).pages[0])
    writer.add_page(PdfReader(SCAN).pages[2])
    with mixed.open("wb") as out:
        writer.write(out)
    monkeypatch.setattr(pdf_ocr, "TESSERACT", "tesseract-not-installed")
    result = review_document(mixed, None)
    assert result.outcome == "未能审核"
    assert result.unreviewed == ("有扫描页没有识别，其中的文字与数字未读取：识别扫描页需要 tesseract 文字识别程序"
                                 "（Debian 的 tesseract-ocr 与 tesseract-ocr-chi-sim，scripts/setup 会安装）")


def test_what_ocr_read_is_shared_by_the_processes_of_one_review(monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder's review reads a scanned 说明 alone, then with its 报表, in other worker processes
    (review/batch.py): within pdf_ocr.shared_readings the second reading takes the first's words, and runs
    no OCR; outside it, nothing is kept."""
    require_ocr()
    runs: list[int] = []
    page = pdf_ocr._page

    def counted(pdf: Path, number: int, folder: Path) -> object:
        runs.append(number)
        return page(pdf, number, folder)

    monkeypatch.setattr(pdf_ocr, "_page", counted)
    data = RASTERISED.read_bytes()
    with pdf_ocr.shared_readings():
        readings = []
        for _ in range(2):
            monkeypatch.setattr(pdf_words, "_READ", {})  # as a new process
            readings.append(pdf_words.pdf_words(RASTERISED, data, ValueError, ""))
    assert runs == [1]
    assert readings[0] == readings[1] and readings[1].scanned == frozenset({1})
    monkeypatch.setattr(pdf_words, "_READ", {})
    pdf_words.pdf_words(RASTERISED, data, ValueError, "")
    assert runs == [1, 1]


FINAL_SCAN = FIXTURES / "foshan-guidaojiaotongju-2019-p12-rasterised.pdf"  # 佛山 2019 决算 p. 12 at 300 dpi, image-only


def test_a_final_accounts_table_on_a_scanned_page_is_not_read() -> None:
    """A 部门决算's table printed on a scan (财政拨款收入支出决算总表, rasterised): which figure stands in which row and
    column OCR cannot say for sure, so its tables are not reconciled — no “一栏应为金额，而写的是“1668.14 |一、一般公共
    服务支出”” told of the document as its slip; it is 未能审核, saying why."""
    require_ocr()
    result = review_document(FINAL_SCAN, None)
    assert result.outcome == "未能审核" and not result.final
    assert result.unreviewed == (f"{FINAL_SCAN}：这是一份部门决算，它的决算表印在扫描页上（第1页），经文字识别读出，"
                                 "各数所在的行与列不能确定：未读取，未写出源文件")


# -- a page scanned turned ------------------------------------------------------------------------------
# Sideways either way or upside down, its image drawn turned or given a /Rotate, it is read by OCR as it reads
# set upright (readers/pdf_ocr.py: a reading most of whose Chinese words tesseract is unsure of, or whose words
# stand on end, is a page turned; it is turned as tesseract's orientation model tells and read again); a page
# scanned upright is read once. No document of our corpora has a page scanned turned: the 说明's pages are
# turned here with pypdf, and the turned scan reviews as the upright one (``reviewed``).

TURNS = {2: (90, True), 3: (180, False), 4: (270, True)}  # page: degrees, the turn drawn into the image's content


def _turned(path: Path) -> Path:
    writer = PdfWriter()
    for number, page in enumerate(PdfReader(SCAN).pages, start=1):
        writer.add_page(page)
        if number in TURNS:
            degrees, into_content = TURNS[number]
            writer.pages[-1].rotate(degrees)
            if into_content:
                writer.pages[-1].transfer_rotation_to_content()
    writer.write(path)
    return path


def _said(result: DocumentReview) -> tuple[object, ...]:
    assert result.narrative is not None and result.published is not None
    return (result.outcome, result.unreviewed, result.published.scanned, result.narrative.counts,
            sorted((v.statement.label, str(v.statement.value), v.status) for v in result.narrative.verdicts),
            [(f.rule, f.message) for f in result.narrative.findings()])


def test_a_scan_turned_each_way_reviews_as_the_scan_printed_upright(reviewed: DocumentReview, tmp_path: Path) -> None:
    [result] = review_together([_turned(tmp_path / "turned.pdf"), TABLES], None)
    assert result.narrative is not None and result.narrative.counts["matched"] > 0
    assert _said(result) == _said(reviewed)


def test_a_page_scanned_upright_is_read_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Its reading is sure enough: tesseract runs once on it, its orientation never asked (the 说明's p. 5, 收入,
    alone: each page of the scan is read so, as the review above of all four shows)."""
    require_ocr()
    runs: list[list[str]] = []
    read = pdf_ocr._read

    def counted(image: Path, number: int, options: list[str]) -> str:
        runs.append(options)
        return read(image, number, options)

    page = tmp_path / "p5.pdf"
    writer = PdfWriter()
    writer.add_page(PdfReader(SCAN).pages[2])
    writer.write(page)
    monkeypatch.setattr(pdf_words, "_READ", {})  # read again, not as the OCR'd pages kept
    monkeypatch.setattr(pdf_ocr, "_READINGS", {})  # nor as the page images read
    monkeypatch.setattr(pdf_ocr, "_read", counted)
    monkeypatch.delenv(pdf_ocr.CACHE_VARIABLE, raising=False)
    programs: list[str] = []
    run_program = pdf_ocr.run_program

    def program_counted(command: list[str], *args: object, **kwargs: object) -> object:
        programs.append(Path(command[0]).name if "--list-langs" not in command else "")  # (not: what it can read)
        return run_program(command, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_ocr, "run_program", program_counted)
    pages = pdf_words.pdf_words(page, page.read_bytes(), RuntimeError, "")
    assert pages.scanned == frozenset({1}) and any("一般公共预算拨款收入" in word.text for word in pages[0])
    assert runs == [["-l", "chi_sim", "tsv"]] and [programs.count("pdftoppm"), programs.count("tesseract")] == [1, 1]
    # the same page in another file (other bytes: its own metadata): its image is rendered and not read again
    writer.add_metadata({"/Title": "另一个文件"})
    writer.write(again := tmp_path / "p5-again.pdf")
    assert again.read_bytes() != page.read_bytes()
    assert pdf_words.pdf_words(again, again.read_bytes(), RuntimeError, "")[0] == pages[0]
    assert [programs.count("pdftoppm"), programs.count("tesseract")] == [2, 1]
