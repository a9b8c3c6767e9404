"""A published document's tables as a layout learned from it (issue 80), below learned_layout: the tables listed with
their numbers and titles (learned_table_numbers), their shapes per kind (learned_table_shapes, with the 收支 and
基本支出 tables' in learned_summary_shapes and the function tables' and lines' in learned_function_shapes), how they
show their figures (learned_table_display) and a 决算's tables (learned_final_tables)."""
