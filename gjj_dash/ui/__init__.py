"""Streamlit glue: cached loaders, shared widgets and page context — the only package code importing streamlit."""
