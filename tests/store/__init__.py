"""Tests of gjj_dash.store."""
