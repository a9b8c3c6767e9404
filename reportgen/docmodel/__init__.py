"""The data a render is made of: a budget as read from its source (model), the format-neutral document every writer
turns into DOCX, HTML, PDF and XLSX (document), and the workbook the XLSX writers fill (workbook). Each is imported
by its module's name.
"""
