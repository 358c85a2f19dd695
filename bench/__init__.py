"""Benchmark and load scripts of gjj-dash (`make bench`, `make load`); never imported by the package."""
