"""What a disclosure looks like and what it says: a layout (its parts, tables, numbering and wording, from a shipped
or an officer's folder: layouts), its pages (layout_pages) and its workbook (layout_workbook), and the narrative
rendered from the templates with the computed figures (narrative). Each is imported by its module's name.
"""
