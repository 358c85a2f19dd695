"""Publish layer: what leaves the system — exports of the official tables (CSV/XLSX/HTML/JSON) and of the
whole dataset (CSV/Parquet), the official printed layout, the blank templates, the data dictionary, the leadership
brief (HTML, PDF through WeasyPrint) and indicator files, and the shared file rules (formula-safe text, content-hashed
names); and the light site: the open data under data/ with its datapackage.json, the script-free light pages with
their inline SVG charts, and every document of the site by path (served by gjj_dash.web, written by `gjj-dash
build-site`).

May import every layer below (figures, ingest, store, quality, model); never Streamlit.
"""
