"""Reading a YAML budget source: its schema (schema.py, source_schema.yaml) and the reader that turns
one file into a Budget (loader.py). Safe reading of any file is reading/; the codes are codes/."""
