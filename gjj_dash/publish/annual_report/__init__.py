"""Publish: the annual report writer — a year's 政府信息公开工作年度报告 drafted from its published figures.

outline (each format's structure, data/catalogue/report_outline.csv), tables (the official tables as printed, merged
cells included), sentences (narrative sentences from data/catalogue/report_sentences.csv, each with the figures it
states), preflight (the year's data-quality findings, listed at the top), report (the Report built from those), and
the two writers: docx_writer (+ docx_style, GB/T 9704) and html_writer. Named apart from gjj_dash.ingest.draft, which
holds the staged cells of an upload.

May import the layers below publish (figures, ingest | store, quality, model); never Streamlit.
"""
