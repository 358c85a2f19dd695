"""Figures layer: pure view models for pages — a figure with unit, source and qualifier (facts), KPI cards,
sections (Block) and page views (View), trends across years, the cross-format series shown, charts (DataFrame →
plotly Figure), and each public page's view builder (*_view modules); the leadership indicators (indicators,
indicator_text), their flag rules (rules) and flags, a year's board and the indicator rows (board).

May import gjj_dash.ingest, gjj_dash.store, gjj_dash.quality and gjj_dash.model; never Streamlit.
"""
