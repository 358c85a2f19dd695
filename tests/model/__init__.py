"""Tests of gjj_dash.model."""
