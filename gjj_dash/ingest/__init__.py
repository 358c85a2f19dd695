"""Ingest layer: a file's bytes → rows of cells → a draft year → the one validation path → an Upload (the
canonical frame plus every problem, in Chinese, located by row and column). Decoding and sniffing, CSV/TSV, XLSX and
zip members, text pasted from a report, the 2019/2021 section reader and format detection, validation.

May import gjj_dash.quality and gjj_dash.model; never gjj_dash.store (ingest and store are side by side).
"""
