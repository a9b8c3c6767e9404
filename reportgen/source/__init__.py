"""Reading a user's files: the YAML source (yamlio, schema, loader), the classification codes, and the bounds every read of a user's file goes through (inputs)."""
