"""Tests of gjj_dash.publish."""
