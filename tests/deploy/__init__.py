"""Tests of deploy/: configuration, units, nginx sites, backup and restore."""
