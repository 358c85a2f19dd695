"""Model layer: the catalogue as data (formats, tables, columns, rows, measures, harmonised series), the canonical
values frame with its provenance (gjj_dash.model.values), numbers and their qualifiers, label matching, the printed
form's fixed words, the cross-format series, the leadership indicators (leadership.csv), the kinds of body a report
comes from (body_kinds.csv), the small values every layer hands on (problems, findings, uploads), and a bounded
memo for short texts worked on again and again (gjj_dash.model.memo).

Pure: reads only the bundled catalogue files; may import gjj_dash.i18n and gjj_dash.paths, nothing above.
"""
