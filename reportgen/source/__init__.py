"""Reading a YAML budget source: its schema (schema.py, source_schema.yaml) and the reader that turns
one file into a Budget (loader.py, which puts together the sections read by core, income, spending,
code_names, units, prior, matters, targets, final_accounts and printed_lines). Safe reading of any file is reading/;
the codes are codes/."""
