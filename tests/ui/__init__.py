"""Tests of gjj_dash.ui."""
