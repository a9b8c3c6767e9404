"""``reportgen import``: a budget system's workbook or a published disclosure becomes a source.

Every input format is read into one neutral :class:`~reportgen.readers.grid.Grid` (formats: the
readers in this package); tables are recognised in grids by the layout's names (``导入`` in the
layout's 版式.yaml); their rows become source fields, each with the place it came from; the result
is reconciled by the same checks ``check`` runs and written as YAML, whole or not at all."""
