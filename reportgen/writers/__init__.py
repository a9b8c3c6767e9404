"""The writers: one Document as DOCX (docx/), HTML, PDF (LibreOffice prints the DOCX) and XLSX; a diff's redlines."""
