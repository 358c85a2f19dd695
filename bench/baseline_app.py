"""Benchmark baseline: the smallest honest Streamlit page — read one small CSV, draw one plotly bar chart."""

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

CSV = Path(__file__).resolve().parent.parent / "data" / "years" / "2016" / "values.csv"

frame = pd.read_csv(CSV)
top = frame[frame["format"] == "old"].nlargest(10, "value")
st.title("Baseline")
st.plotly_chart(go.Figure(go.Bar(x=top["indicator"], y=top["value"])), key="baseline_chart", width="stretch")
