"""Tests of gjj_dash.intake."""
