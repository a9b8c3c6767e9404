"""Every Chinese sentence a reader of a disclosure, a redline or an index page sees lives in a
template (templates/), where a locality rewords it: the Python code holds Chinese only as terms
(the source's keys, column labels, registry names) and in messages to the user (errors, help,
the terminal's own lines). This walks the AST of every module of reportgen."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"
HAN = re.compile(r"[\u4e00-\u9fff]")
# A sentence, as opposed to a term: it has a clause's punctuation, or words followed by a colon.
SENTENCE = re.compile(r"[，。；！？]|[\u4e00-\u9fff]：")

# Calls whose text is a message to the user, or a label (a term) of a table or a field.
MESSAGE_CALLS = {
    "Finding", "make_finding", "error", "warn", "warning", "print", "add_argument", "add_parser", "ArgumentParser",
    "ArgumentTypeError", "TemplateFault", "InputRefused", "RolloverError", "SourceError", "ValueError", "exit",
    "_usage", "_text", "Outcome", "head", "label", "_validate_top", "Verdict",
    "Slip",  # checks/slips.py: each wording slip with check's name for it and review's message
    # regular expressions: patterns of what a draft may say, not sentences to a reader
    "compile", "regex", "search", "sub", "match", "fullmatch", "findall", "finditer", "split",  # regex: reportgen/base/patterns.py
    "strip", "rstrip", "lstrip",  # the characters stripped, not a sentence
    "getpass",  # desk adduser's password prompt
    "_refused", "department_page",  # the desk's pages: what was refused, and why (a message to the user)
}
# Functions and names that build messages (errors, help, the terminal's lines), by their names.
MESSAGE_NAMES = {
    "_unnumbered_note", "_unlisted_note", "_others_printed_note", "_description", "_file_head",  # import --learn-layout: what it tells and writes
    "_not_listed_note", "_final_edition",  # import --learn-layout of a 决算: the tables and settings not learned, said
    "_unit_edition",  # import --learn-layout of a unit's budget: its edition's 说明
    "_captions_differ_note",  # import: the tables' captions stating two years, 年度 not written
    "_year_unchecked",  # check: the rules the year judges, not checked while 年度 is left out
    "_code_note", "_proved",  # import: a table printing 科目 by name alone, its codes read by name or why not
    "_other_counts",  # import: a count of 国有资产 printed as an amount, told as not written
    "_COLUMN_RULES",  # a layout's 表格.X.列: what the message calls the columns each table may name
    "_line_sum_note",  # import: a printed line (表行) whose 合计 is not its parts added
    "_to_fill_line",  # check: what a rolled-over source still asks for, in one line
    "WHY_UNTRACED", "WHY_DIFFERENT", "_untraced", "kept_note", "words_line",  # import --learn-layout: the sentences kept as printed
    "EXAMPLE", "_TRANSLATIONS", "_RUNTIME_HINTS", "_CHARACTER_NAMES", "_FAILURE_WORDS",
    "_SYNTAX_WORDS", "_UNDEFINED_WORDS",  # a template that does not parse, a name it uses that is not there: told in words
    "number_problem", "_notation_problem", "_separator_problem", "character_name", "checked_text", "_remedy", "_raw_character", "_too_deep", "_yaml_problem", "_PROBLEMS",
    "describe", "clash_message", "chinese", "_fault", "check_code", "messages", "status_text", "totals_line",
    "summary_table", "run", "roll_国有资产", "refused_outputs", "docx_package", "read_docx",
    "findings", "disagreements", "_unit_of", "_refuse", "_against",
    "unknown_name", "_table_without_amounts", "_part_without_amounts",  # 展示 units: messages of check
    "_left_out", "_without_targets", "_without_whole_targets",  # 展示 units: why a table shows no amount
    "expand_sources", "OUTSIDE_WORDS", "source_date_epoch", "_epoch_fault", "known", "_too_long", "_ole_advice", "_too_big",
    "unreadable", "without_prior", "_no_tables", "_no_figures", "_counts", "_describe_group", "_print",
    "_summary_line", "_CAUSE_BOTH", "_part_cause", "_final_accounts", "_completion_finding", "_unbalanced", "_unequal", "_flat_reason", "_some_priors", "_other_word", "_not_printed", "_units_refused", "_final_only",
    "_organisation_unprinted", "_same_spending_note", "_run_breaks", "_misplaced_separators_note", "_scanned_note", "_unscanned_note", "damaged_note", "_missing", "_REMEDY", "_scanned", "missing", "_read_scans", "_page",  # import's messages to the user
    "_prior_or_why", "_amount_or_told",  # learned_amounts: a 正文金额 not written, and why (import tells)
    "_of_the_last",  # learned_priors: a field's change not written, and why (import tells)
    "told", "_LIST_EXAMPLE", "_beside_table", "_as_one_note", "NO_TABLES", "unreviewed",  # errors.ReportgenError's message; a layout's 表格清单 in its errors; a table's figure the text states otherwise
    "_why", "_judged_sentences", "_judged", "_directions", "_against_heading",  # review's sentence findings
    "_refusal", "_given_twice", "_prose_only", "_layout_by_department", "UNSTATED_INCOME", "UNREAD_INCOME", "NO_INCOME_TABLE", "OTHER_INCOME_ROW", "FUND_SCOPE", "FISCAL_SCOPE", "UNPRINTED_SCOPE", "_project_not_written", "_projects_not_written",
    "_cover_differs", "_chosen_because",  # import's notes: what it read, chose or left, and why
    "DISPUTED", "ROUGHLY", "AMOUNT_ADJUSTED", "BESIDE_UNREAD", "UNKNOWN_PART", "INCOME_ROW", "UNSURE_TABLE", "TABLE_ROW", "PROCUREMENT_ROW", "TEXT_ALONE", "TEXT_PRIOR", "TEXT_PRIOR_ELSEWHERE", "OTHER_TABLE", "HELD_TABLE", "PART_OF_UNREAD", "PART_OF_ANOTHER", "OF_ANOTHER_BASE", "OF_A_REGION", "IN_YI_YUAN",  # review: why not judged
    "header_doubts", "_header_words", "unsure_note", "misplaced_note", "other_unit_note", "_none_for_sure", "unit_lines_note", "_repeated_codes", "_unlined", "_misaligned",  # import: a table not read for sure, and why
    "tail_notes", "table_unread", "cell_problem", "impossible_code", "short_code", "why_not_amount", "_separators_slip", "_standing", "_nothing_there", "_not_a_file", "_write_one_new",  # refusals: what and why
    "misfits", "_misfit", "missing_message", "left_blank",  # the official workbook's misfits; the DOCX 目录's blank numbers
    "_walk",  # review's folder walk: the lines that tell what it passed over, and why
    "directory_problem", "_overlap",  # readers/containers.py: a zip refused by what its directory declares
    "died",  # review: a document whose worker the system ended, told by name
    # import's 未写入 and 不一致 lines: a sentence of the text not written, and why
    "_superseded", "change_target", "unplaced_line", "amounts", "changes", "_other", "_unwritten_words", "stated_three_public", "_of_another_part",
    "_said_by_parts", "_stated_change", "stated_priors", "_founding_compared", "_not_a_class",
    "conflict", "_hidden_cells_note", "hidden_sheets_note", "same_table_twice",  # import: hidden, twice, conflicting
    "_OWN", "folder", "_files_of", "add",  # review's walk: what it passed over or reviewed once, and why
    "not_written_reason", "_foreign",  # the record of what was written: why a file is not replaced
    "CSRF_REFUSED",  # the desk: a form posted without its CSRF token
    "_outside_three_public",  # the source: 不计入三公 refused where it cannot stand
    "FIELDLESS_INCOME", "_beside_spending", "_spending_with_carry", "content_note",  # import: income with no field, a spending beside, a table known by its content
    "ADJUSTED", "shares", "WAN_AS_YUAN",  # review: a share whose last digit was moved to make 100%; a share its sentence
    # rules out; an amount in 元 the tables print in 万元
    "ABSENT_PART", "GRADUAL_PART", "RUNNING_WITH_PROJECTS", "OF_ITS_SCOPE", "PART_OF_A_SUM", "WITH_CARRY_OVER",  # review: a required part not printed; a part of a listed sum
    "too_large",  # the desk: an upload past its bound
    "_print_one", "_print_refused", "_print_tables", "_print_scans_unread", "Span", "first_disclosure",  # review, import: one disclosure of several in one file, by its pages
    "described", "units_set_aside", "_unit_set_aside", "against_the_departments", "_set_aside",  # import: a unit's table set aside, and why
    "rebuilt_note", "missing_note", "lost_note", "lost_sheets", "_misnamed_note", "_unread_sum_note",  # import: a code printed with another's name, a row of a table no kind names off its total
    "PART",  # source/printed_parts.py: the words a 其中 column's header begins with (其中：经费拨款), a term, not a sentence
    "_table_figures",  # import's summary: how many of the tables' printed figures were read
    "_written_as_units", "_not_written_as_units", "_units_or_why", "_unread_why", "_off_why", "_unit_or_why",  # import: a department's units printed in turn, written as its units or why not
    "TABLES_UNREAD",  # review: why a figure of a document read in part is not judged
    "how",  # review's wording rules (text_rules/mechanical.py): a list's numbering out of step, told
    "too_long",  # the xlsx writers' refusal of a text longer than a cell holds
    # the desk: what a department or reviewer is told of a refused or failed request, and its error pages
    "BARRED", "_returned", "_accepted", "_failed", "NOT_FOUND", "REVOKED", "SAID", "said", "bad_request", "gone", "claim",
    "NOTHING_TO_RETURN", "import_roster",
    "_CHANGE_TEXT", "_FLAT_TEXT", "_RATE_TEXT", "_SHARE_TEXT", "CHANGE_SAID",  # patterns of what a draft may say (compiled later)  # a batch's notes; what stands for unquoted words; SOURCE_DATE_EPOCH
}


def chinese_sentences_outside_messages(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    docstrings = {node.body[0].value for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}

    def allowed(node: ast.AST) -> bool:
        current = parents.get(node)
        while current is not None:
            if isinstance(current, ast.Call):
                func = current.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in MESSAGE_CALLS or name.endswith(("Error", "Fault")):
                    return True
            if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and current.name in MESSAGE_NAMES:
                return True
            if isinstance(current, (ast.Assign, ast.AnnAssign)):
                targets = current.targets if isinstance(current, ast.Assign) else [current.target]
                if any(isinstance(t, ast.Name) and t.id in MESSAGE_NAMES for t in targets):
                    return True
            if isinstance(current, ast.Raise):
                return True
            current = parents.get(current)
        return False

    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and node not in docstrings
                and HAN.search(node.value) and SENTENCE.search(node.value) and not allowed(node)):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value[:40]!r}")
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_chinese_sentence_outside_templates_and_messages(path):
    assert chinese_sentences_outside_messages(path) == []


def test_the_guard_finds_a_sentence_in_code(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('def title(x):\n    return f"修订对照：{x}"\n\n\ndef fail():\n    raise ValueError("不是数字，请改正")\n',
                      encoding="utf-8")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        assert [line.split(": ", 1)[0] for line in chinese_sentences_outside_messages(module)] == [f"{tmp_path.name}/m.py:2"]
    finally:
        PACKAGE = saved
