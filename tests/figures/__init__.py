"""Tests of gjj_dash.figures."""
