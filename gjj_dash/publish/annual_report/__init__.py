"""Publish: the annual report writer — a year's 政府信息公开工作年度报告 drafted from its published figures.

outline (each format's structure, data/catalogue/report_outline.csv) and tables (the official tables as printed,
merged cells included) under blocks (what a report is made of); sentences (narrative sentences from
data/catalogue/report_sentences.csv, each with the figures it states), preflight (the year's data-quality findings,
listed at the top), trace (each sentence's figures and sources) and docx_style (GB/T 9704) on top of them; the
writers docx_writer (python-docx) and html_writer (a page for the CMS); report builds the Report and writes it.
Named apart from gjj_dash.ingest.draft, which holds the staged cells of an upload. The order is an import-linter
contract in pyproject.toml.

May import the layers below publish (figures, ingest | store, quality, model); never Streamlit.
"""
