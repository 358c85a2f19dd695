"""Tests of gjj_dash.cli."""
