"""Store layer: the data directory — the versioned store (uploads by SHA-256, immutable versions, a pointer
per year, the journal audit.jsonl), atomic writes, merging an upload into its year, diffs, history tables, staff
accounts and their login sessions, loading the published years into a Dataset (gjj_dash.store.dataset), and the
comparison bodies' own versioned area beside them (gjj_dash.store.peers), never loaded with the centre's years;
the quality findings of a proposed year, checked once per published data and proposal (gjj_dash.store.checked).

May import gjj_dash.quality and gjj_dash.model; never gjj_dash.ingest (ingest and store are side by side).
"""
