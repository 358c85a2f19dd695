"""Tests of the page scripts through Streamlit's AppTest (views/ via app.py)."""
