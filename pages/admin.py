"""Placeholder page: filled in by its own issue."""

import streamlit as st

st.info("本页正在建设中。")
