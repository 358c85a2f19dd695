"""Quality layer: the data-quality audit — table identities, cross-year rules, jumps, narrative-versus-table
restatements (rules as data in data/catalogue/checks.csv) — as findings with both sides, figures and sources.

Pure; may import gjj_dash.model (and i18n, paths). Nothing here changes data.
"""
