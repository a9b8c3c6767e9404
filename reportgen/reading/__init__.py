"""Reading a user's files safely, below every layer that reads one: bounded reads of regular files
that are never written over (files.py), and the safe YAML reader that sources, unit files, code
tables and layouts all go through (yamlsafe.py)."""
