"""Intake layer: a file taken in for a year — read (ingest), merged into the year and checked (store,
quality), diffed against what is published — ready for the staff page or the command line to publish. Several
files (or a zip of reports) each staged for the year it states; what the staff preview shows of a report.

May import every layer below; never Streamlit. The staff page and `gjj-dash import` share this code.
"""
