"""Test support shared by every test package: fixture years, filled templates, uploads, page helpers."""
