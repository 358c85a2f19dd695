"""Ingest layer: a file's bytes → rows of cells → a draft year → the one validation path → an Upload (the
canonical frame plus every problem, in Chinese, located by row and column). Decoding and sniffing, CSV/TSV, XLSX and
zip members, text pasted from a report, the 2019/2021 section reader and format detection, a province's own table,
validation; and the report as published — saved web page, Word, PDF, text copied from a browser, a table pasted
into a spreadsheet — read into a Document (paragraphs and printed tables), its year and body from its title, its
narrative measures from its sentences.

May import gjj_dash.quality and gjj_dash.model; never gjj_dash.store (ingest and store are side by side).
"""
