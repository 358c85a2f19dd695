"""Tests of gjj_dash.quality."""
