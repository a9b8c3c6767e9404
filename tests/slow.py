"""Which tests are slow: `bash scripts/test --fast` runs the others (``pytest -m "not slow"``), the loop of an edit;
`bash scripts/test` runs every test, as CI does.

A test is slow when it starts LibreOffice, Chromium, tesseract, the desk's server or PostgreSQL, reads whole published
documents, or takes over about a second for any other reason (on a quiet two-core machine). It is marked here, not in its
file (tests/conftest.py adds the marker at collection):

- SLOW_MODULES: a file whose tests are (nearly) all slow, every test in it;
- SLOW_TESTS: in a file of mostly quick tests, the slow ones by function name (each of its parametrizations);
- SLOW_FIXTURES: any test that asks for one of these fixtures (a new browser or database test is slow unlisted;
  a fixture shared by a file's tests is paid by whichever of them runs first, so all of them are marked).

Measured with `--durations=0` over the whole suite (2026-11-27, this two-core machine busy with other work: a test
over 2 s counted slow); a file went to SLOW_MODULES when its quick tests were under a quarter of its time, or when
in a quick run most of what was left of it still took over a second (a shared reading that had been paid by a slow
test moves to the next). A quick run lists, after its tests, every test
it ran that took over SLOW_SECONDS (tests/conftest.py): add it here. tests/test_slow_marks.py checks that every name
here is a test file or a test in it."""

from __future__ import annotations

import pytest

# A quick run's test that took longer than this is listed after the run (a busy machine takes about twice as long)
SLOW_SECONDS = 2.0

SLOW_MODULES = frozenset((
    # fresh1 PDFs imported with --learn-layout once for the file (its module fixture, paid by whichever test is first)
    "test_learned_words_why",
    "test_learned_amounts",  # 湖州 imported with --learn-layout (shared with test_learned_words_why) and rendered
    "test_import_overview_parts",  # fresh1 PDFs imported (one with --learn-layout) and rendered (issue 80)
    "test_running_costs_by_code",  # 江苏 fresh1 PDFs imported with --learn-layout and rendered (issue 80)
    "test_lines_of_no_fund",  # 国家信访局 2026 (fresh1) imported, learned and rendered (issue 80)
    "test_lines_as_printed_corpus",  # 烟台市文化和旅游局, 首都绿化委员会办公室 2026 imported, learned and rendered
    "test_class_totals_as_stated",  # 长春 (fresh1) imported with --learn-layout and rendered twice (issue 80)
    "test_table_thousands",  # 普陀区司法局 2026, 长春, 泉州, 烟台 imported with --learn-layout and rendered (issue 80)
    "test_spending_unit_lines",  # 西安 and 泉州 (fresh1) imported with --learn-layout (shared), 西安 rendered (issue 80)
    "test_pairs_ceiling",  # 万里 2024/2025 and 江苏省政协 2018/2019 read, 万里 imported, learned and rendered (issue 80)
    "test_three_public_turned",  # 12 fresh1 PDFs imported with --learn-layout and rendered, the “三公” table's (issue 80)
    # Chromium: a browser started for the test (tests/support/browser.py)
    "test_accessibility", "test_browser_forms", "test_desk_browser", "test_desk_browser_season", "test_diff_outputs", "test_preview_browser",
    # tesseract: the OCR of scanned pages
    "test_ocr_calibration", "test_review_scanned", "test_review_scanned_table",
    # the desk: its server, its worker, PostgreSQL, published documents reviewed through it
    "test_desk_agrees", "test_desk_command", "test_desk_flow", "test_desk_several", "test_desk_uploads",
    "test_desk_worker", "test_hostile_desk", "test_hostile_desk_pages", "test_postgres_server", "test_review_desk", "test_desk_decisions",
    "test_desk_matching", "test_desk_season", "test_desk_summaries",
    # a published document read twice and compared (PDFs read, DOCX printed by LibreOffice)
    "test_versions",
    # LibreOffice: a PDF printed, a DOCX laid out, a workbook or an old document opened or converted
    "test_blank_pages", "test_body_size", "test_diff_libreoffice", "test_figures_unbroken", "test_import_pdf_roundtrip",
    "test_import_sheets", "test_layout_beijing", "test_layout_shandong", "test_libreoffice", "test_official_workbook",
    "test_old_documents", "test_pdf", "test_pdf_fonts", "test_print_quality", "test_program_limits",
    "test_published_pages", "test_regex_linear", "test_review", "test_table_widths", "test_toc_numbers",
    "test_toc_pages", "test_workbooks_of_other_provinces", "test_writer_xlsx",
    # whole published documents (the corpus, tests/seeds/pdf) imported or reviewed
    "test_amounts", "test_bad_inputs", "test_damaged_files", "test_disclosure_files", "test_exact_figures",
    "test_reading_verified", "test_columns_by_arithmetic", "test_columns_by_other_tables", "test_import_every_figure", "test_wrapped_figures", "test_codes_by_name", "test_import_document_form",
    "test_import_beijing_tables", "test_import_guangzhou_tables", "test_import_income_unknown",
    "test_import_jiangsu_2019_shapes", "test_import_prose_carry", "test_year_from_captions", "test_import_prior_columns", "test_import_readback", "test_import_text_fields", "test_import_vehicle_kinds",
    "test_import_units_in_turn", "test_import_value", "test_legend_face", "test_pdf_clips", "test_pdf_upside_down",
    "test_planted_pdf", "test_readers_only", "test_readme", "test_review_beside_spending", "test_review_cut_documents",
    "test_review_documents", "test_review_folders", "test_review_grand_total_in_part", "test_review_listed_parts",
    "test_review_national_prose", "test_review_part_not_given", "test_review_register", "test_review_target_texts", "test_review_project_lists", "test_review_unprinted_names", "test_review_target_units", "test_review_complementary_shares",
    "test_review_text_alone_running", "test_review_three_public_text", "test_review_whole_documents",
    "test_review_without_spending_table", "test_rules",
    # every shipped source rendered, many `reportgen` processes, a sweep, a program's time limit (measured)
    "test_acceptance", "test_cache_hardening", "test_check_render_agree", "test_fast_paths", "test_final_narrative",
    "test_final_totals", "test_honesty", "test_hostile_uploads", "test_html_valid", "test_import_roundtrip",
    "test_interrupts", "test_layers", "test_packaging", "test_properties", "test_review_text_only", "test_table_fit",
    "test_tables_add_up", "test_wording_in_templates",
    # mypy over reportgen/: scripts/test runs it before pytest, --fast too
    "test_types",
))

SLOW_TESTS: dict[str, tuple[str, ...]] = {
    # 长春 and 国家信访局 (fresh1) imported with --learn-layout and their 收入总表 rendered (issue 80)
    "test_income_department_again": ("test_the_departments_one_row_is_the_whole",),
    # 杭州 and 湖州 (fresh1) imported with --learn-layout and their 表11 rendered (issue 80)
    "test_fiscal_closing_lines": ("test_a_table_of_paragraphs_in_its_cells_is_held_and_printed",),
    # 西安 (fresh1) and 江苏省高级人民法院 2018 imported with --learn-layout and rendered (issue 80)
    "test_spending_uses": ("test_xian_prints_its_spending_by_use_beside_the_function_lines",
                           "test_jiangsu_prints_the_lines_the_source_states_and_one_total_across"),
    # 西安 (fresh1) imported with --learn-layout (shared with test_learned_layout) and rendered, its forms held (issue 80)
    "test_held_forms": ("test_the_import_holds_xians_forms_as_the_page_draws_them",),
    # a published PDF reviewed in a fresh interpreter
    "test_light_start": ("test_a_review_of_one_pdf_loads_no_worker_pool_no_docx_writer_and_no_register",),
    # every module imported, each pattern it keeps compiled; a fresh interpreter importing the reviewer
    "test_patterns": ("test_every_pattern_a_module_keeps_compiles", "test_importing_the_reviewer_compiles_almost_no_pattern",
                      "test_a_pattern_guarded_by_printable_but_finds_nothing_the_guard_lets_through"),
    # a process per case, each making every reportgen class (2–4 s each)
    "test_compiled_methods": ("test_a_damaged_entry_is_compiled_afresh",
                              "test_classes_made_from_kept_methods_are_the_classes_dataclass_makes"),
    # 福彩中心 2026 imported with --learn-layout (test_learned_layout's import; paid here where this runs first)
    "test_finance_columns": ("test_a_total_of_classes_split_so_is_their_sum",
                             # two 上海市级 units of ../shared/corpus imported (no test imports them else)
                             "test_a_split_that_is_not_the_classs_as_read_is_not_written",
                             "test_the_learned_unit_layout_writes_its_workbook_a_sheet_per_table"),  # its xlsx: 2.6 s
    # a published PDF imported with --learn-layout (2–5 s each)
    "test_learned_layout": (
        # 江苏省政协办公厅 2018 (with --learn-layout) and 2019, 检察院 2017 extracts imported (2–4 s; the two share 2018's)
        "test_the_tables_a_year_did_not_print_in_the_pages_in_hand_are_printed_next_year_numbered_on",
        "test_the_lines_of_all_appropriation_are_the_general_funds_where_it_is_all_of_it",
        "test_yantai_learned_and_shipped_keep_the_published_numbers",
        "test_a_units_learned_headings_are_printed_in_its_draft",
        "test_the_headings_inside_a_section_are_read_and_a_lists_items_are_none",  # six PDFs read (2–3 s)
        "test_a_table_of_no_kind_is_held_as_printed_and_printed_in_its_published_place",
        "test_a_table_of_no_kind_on_a_third_region_is_printed_as_published",
        "test_a_table_held_as_printed_is_written_alike_in_docx_html_and_xlsx",
        "test_rollover_keeps_a_printed_tables_structure_and_asks_for_its_figures",
        "test_check_refuses_a_printed_row_narrower_than_its_header_at_its_line",
        "test_shenzhen_2026_shipped_layout_prints_the_published_numbers_and_titles",
        "test_a_learned_layout_folder_loads_and_is_listed_as_a_shipped_one",
        "test_a_folder_with_files_is_not_written_over_and_no_source_is_written",
        "test_the_pdf_itself_given_as_the_layout_folder_is_refused_as_a_file_and_left_as_it_was",
        "test_each_learned_layout_renders_the_published_titles_and_numbers_in_order",
        "test_beijing_learned_prints_its_tables_to_six_decimals",
        "test_a_final_accounts_layout_is_learned_as_its_final_edition_and_renders_the_final",
        "test_tables_that_print_no_zero_are_learned_to_leave_it_blank",
        "test_tables_printed_but_not_read_for_sure_are_listed_in_their_printed_place",
        "test_the_rows_of_the_summary_tables_are_learned_in_the_provinces_words",
        "test_an_income_table_by_function_lines_is_learned_as_such",
        "test_a_basic_table_without_government_classes_is_learned_so",
        "test_a_table_the_department_prints_by_its_units_is_held_as_printed",
        "test_an_empty_table_is_held_as_printed_with_its_note",  # 无锡教育局 2026: imported by no other test
        "test_a_total_row_printed_as_the_departments_row_is_learned_so",
        "test_a_total_row_is_learned_under_the_words_it_is_printed_under",
        "test_this_years_budget_printed_beside_the_total_is_learned_as_a_column",
        "test_the_carry_overs_columns_by_line_are_learned_and_printed_as_far_as_the_source_tells",
        "test_a_summary_printing_each_lines_carry_over_beside_it_is_learned_so",
        "test_the_units_own_income_printed_above_its_sources_is_learned_as_a_subtotal_line",
        "test_a_fiscal_table_printing_its_years_total_first_is_learned_so",
        "test_the_income_tables_carry_over_by_fund_is_learned_and_printed_as_far_as_the_source_tells",
        "test_headings_of_one_kind_in_a_row_are_each_read_and_an_items_first_line_is_none",
        "test_a_layout_learned_on_a_provinces_base_numbers_its_headings_as_printed",
        "test_parts_numbered_in_the_contents_alone_are_learned_so",
        "test_blanks_the_base_prints_as_the_source_states_are_not_learned",
        "test_the_tables_a_contents_page_lists_are_learned_where_the_pages_in_hand_print_a_few",
        "test_tables_printed_with_no_number_are_learned_so",
        # 西安 2025 (fresh1) imported with --learn-layout (shared) and rendered
        "test_a_table_of_lines_with_no_amount_and_no_total_alone_is_held_as_printed",
        "test_a_heading_over_the_duties_and_the_offices_is_the_frames_overview",
        "test_bench_counts_the_tables_printed_without_a_number_by_title_in_order",
        "test_a_table_of_no_kind_printed_without_a_number_is_held_and_printed_in_its_place",
        "test_forms_printed_without_a_number_are_held_and_printed_without_one_in_their_place",
    ),
    "test_rollover": ("test_printed_totals_are_this_years_and_not_asked_for_next_year",),  # a fresh1 PDF imported
    "test_reading_alarms": (  # whole fresh1 documents imported or reviewed (1–3 s each)
        "test_a_document_read_by_its_classes_tells_none_of_its_false_alarms",
        "test_a_table_of_spending_kinds_worded_with_their_spending_is_read",
    ),
    "test_share_bases": ("test_the_published_asset_shares_are_told_on_the_document",),  # a fresh1 PDF reviewed
    "test_learned_words": (  # a published PDF imported with --learn-layout, its words learned (3–5 s each)
        "test_a_shanghai_document_learned_prints_its_projects_as_the_shipped_layout_does",
        "test_a_change_with_no_prior_figure_next_year_is_a_blank_to_fill_not_an_error",
        "test_duties_printed_inside_the_budget_part_are_not_printed_again_as_an_overview",
        "test_hangzhou_sentences_are_printed_from_the_fields",
        "test_a_carry_over_the_text_states_as_0_is_written_and_learned",
        "test_a_carry_over_the_table_prints_is_the_tables",
        "test_next_year_prints_next_years_figures_and_never_last_years",
        "test_next_year_prints_the_zeros_of_a_table_that_prints_them",
        "test_next_year_prints_the_zeros_last_year_left_blank_where_its_source_states_them",
        "test_a_rate_computed_from_the_printed_figures_is_learned_and_computed_so_next_year",
        "test_a_line_last_years_list_of_every_line_did_not_have_is_an_item_in_its_words",
        "test_an_items_sentence_kept_as_printed_is_printed_next_year_in_the_words_of_the_others",
        "test_next_year_prints_the_funds_rows_in_the_words_learned",
        "test_a_cause_no_field_holds_is_printed_in_its_own_year_alone",
        "test_a_learned_sentence_not_printable_this_year_stops_the_public_render",
        "test_a_learned_sentence_of_a_section_the_source_no_longer_has_is_left_to_the_officer",
        "test_a_learned_change_follows_next_years_figures_in_the_layout_the_source_names",
        "test_a_lines_change_the_text_states_is_its_prior_and_is_learned_with_it",
        "test_a_change_of_last_years_execution_is_no_lines_prior",
        "test_a_change_of_last_years_execution_beside_a_total_is_its_execution",
        "test_a_field_named_with_brackets_is_traced",
        "test_a_parts_heading_after_a_name_of_any_length_is_its_heading_not_a_sentence",
        "test_a_parts_heading_printing_the_name_for_the_entrys_first_word_is_its_heading",
        "test_a_change_said_of_a_figure_is_its_change_or_none",
        "test_a_change_from_a_stated_prior_figure_is_written_to_the_prior",
        "test_running_costs_compared_with_a_stated_prior_figure_keep_their_change",
        "test_a_reason_after_a_stated_comparison_is_that_comparisons",
        "test_a_count_the_source_holds_is_traced",
        "test_a_rate_of_a_change_of_nothing_is_printed",
        "test_a_figure_named_by_its_quantitys_words_is_traced",
        "test_a_threshold_is_the_rules_words_and_each_count_its_own",
        "test_a_classs_change_is_learned_from_its_lines_priors",
        "test_a_classs_change_stated_after_it_is_learned_and_printed_next_year_from_its_lines",
        "test_a_change_of_another_named_quantity_is_no_change_of_the_figure_said",
    ),
    "test_read_once": ("test_a_review_recognises_its_files_tables_once_and_judges_as_before",),  # two reviews of a PDF
    "test_bench": (
        "test_a_bench_script_runs_on_a_small_input",  # each a whole script (its main() in the test's process): 0.3–15 s
    ),
    "test_complexity": ("test_the_share_over_10_counting_every_branch_only_falls",),  # parses every module of reportgen
    "test_batch": (
        "test_a_command_imports_only_what_it_needs",
        "test_a_worker_that_dies_fails_its_source_only",
    ),
    "test_cli": (
        "test_a_part_asked_only_gradually_is_required_where_the_localitys_rules_require_it",
        "test_check_is_clean_on_every_seed",
    ),
    "test_diff": (
        "test_cli_diff_writes_html_docx_and_json_and_exits_zero",
    ),
    "test_diff_inputs": (
        "test_a_large_picture_is_not_counted_as_xml",
        "test_a_zip_bomb_is_refused_before_inflating",
    ),
    "test_final_accounts": (
        "test_a_final_whose_row_sets_its_words_at_three_heights_imports_each_figure_on_its_row",
        "test_import_writes_a_final_accounts_source_and_review_names_it",
        "test_the_prose_page_marks_a_cut_figure_apart_from_the_slips",
    ),
    "test_final_import": (
        "test_the_imported_final_accounts_checks_clean",
    ),
    "test_final_rollover": (
        "test_diff_of_two_final_years",
    ),
    "test_headings": (
        "test_each_shanghai_source_carries_the_published_headings_in_order",
    ),
    "test_hidden_content": (
        "test_two_visible_sheets_of_one_table_are_both_named",
    ),
    "test_import_by_unit": (
        "test_a_department_whose_own_tables_are_read_is_reviewed_its_units_pages_apart",
        "test_a_units_table_whose_total_is_not_the_departments_is_told",
    ),
    "test_import_command": (
        "test_a_folder_given_as_the_output_gets_the_source_named_by_its_owner",
        "test_last_years_pdf_becomes_the_prior_source_and_the_text_compares_with_it",
        "test_the_same_workbook_in_every_form_imports_to_the_same_source",
        "test_the_unit_pdf_gives_every_figure_typed_by_hand_from_it",
    ),
    "test_import_foshan_final": (
        "test_foshan_s_final_accounts_are_read_whole_and_its_review_tells_no_misreading",
    ),
    "test_import_identity": (
        "test_a_department_with_its_unit_makes_the_department_source_by_unit",
    ),
    "test_import_national_other_matters": (
        "test_a_part_the_document_does_not_print_is_told_absent_not_declared_withheld",
        "test_the_imports_text_check_reads_no_cell_of_a_project_target_table_as_the_budgets",
    ),
    "test_import_national_tables": (
        "test_a_class_code_of_a_table_read_is_no_amount_of_the_review_and_last_year_s_columns_are_last_year_s",
    ),
    "test_import_pdf": (
        "test_a_rendered_drafts_tables_read_back_as_grids",
    ),
    "test_import_shenzhen_tables": (
        "test_running_costs_a_document_defines_otherwise_are_no_part_of_public_costs",
        "test_the_import_judges_no_row_of_a_table_it_read_as_a_sentence",
    ),
    "test_import_text_parts": (
        "test_patterns_and_reader_run_in_linear_time",
    ),
    "test_layout_hostile": (
        "test_yaml_faults_name_the_line",
    ),
    "test_layouts": (
        "test_a_shanghai_render_checked_against_its_source_agrees",
        "test_an_unknown_layout_is_refused_clearly",
        "test_the_default_layout_is_unchanged_and_listed",
    ),
    "test_preview": (
        "test_server_survives_any_input",
    ),
    "test_preview_load": (
        "test_hundreds_of_idle_connections_neither_use_up_threads_nor_stop_the_page",
    ),
    "test_review_final_prose": (
        "test_a_planted_budget_and_share_are_caught_and_the_right_ones_agree",
    ),
    "test_review_subjects": (
        "test_a_document_whose_tables_print_its_units_in_turn_is_reviewed_by_its_own_rows",
        "test_a_part_the_document_prints_is_never_said_withheld",
    ),
    "test_review_sweep": (
        "test_a_note_in_the_review_s_json_says_it_is_a_note",
    ),
    "test_several_in_one_file": (
        "test_a_single_disclosure_is_never_split",
        "test_json_and_pages_give_each_disclosure_apart",
    ),
    "test_table_kinds": (
        "test_no_test_module_lists_the_layouts_by_hand",
    ),
    "test_tablekinds_one_file": (  # a render to HTML and DOCX, and the DOCX imported (2 s)
        "test_a_kind_of_code_builders_defined_in_one_file_is_printed_and_read_back",
    ),
    "test_templates_hostile": (  # each stopped by a time limit of 1 s, or rendering every shipped source
        "test_a_deadline_never_fires_after_its_block",
        "test_a_huge_constant_is_not_computed_while_compiling",
        "test_a_loop_without_end_is_stopped",
        "test_a_render_in_another_thread_is_stopped_as_well",
        "test_a_template_including_itself",
        "test_output_without_end_is_refused",
        "test_templates_within_bounds_render_as_without_them",
        "test_the_page_template_is_bounded_too",
    ),
    "test_text_rules": (
        "test_no_text_whatever_makes_a_rule_fail",
    ),
    "test_writer_docx": (
        "test_word_opens_it_in_its_current_mode_and_finds_no_made_up_counts",
    ),
}

SLOW_FIXTURES = frozenset(("browser", "libreoffice", "postgres_url"))  # libreoffice: test_import_pdf.py's print


def is_slow(item: pytest.Item) -> bool:
    module = item.path.stem
    name = getattr(item, "originalname", item.name)
    return (module in SLOW_MODULES or name in SLOW_TESTS.get(module, ())
            or not SLOW_FIXTURES.isdisjoint(getattr(item, "fixturenames", ())))
