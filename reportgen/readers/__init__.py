"""Readers: documents made elsewhere read back into the neutral Document (docx)."""
