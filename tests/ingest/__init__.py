"""Tests of gjj_dash.ingest."""
