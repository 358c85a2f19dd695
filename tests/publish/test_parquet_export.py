"""The whole dataset's Parquet file is formula-safe like every other export: a text that Excel (through Power Query)
would run as a formula is quoted."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.publish import export
from gjj_dash.store.dataset import load_dataset
from tests.support.years import INJECTION, injected_data


def test_parquet_texts_are_neutralised_and_figures_kept(tmp_path: Path) -> None:
    """=1+1 in a label, measure text and footer, -1+1 as a raw figure: each text starts with ' in the Parquet file;
    no text starts with =, +, @, a tab or CR; the figures stay numbers."""
    data_dir, catalogue_dir = injected_data(tmp_path)
    dataset = load_dataset(data_dir, load_catalogue(catalogue_dir))
    parquet = pd.read_parquet(io.BytesIO(export.dataset_parquet(dataset)))
    texts = [v for column in parquet.select_dtypes(include=["object", "string"]) for v in parquet[column].dropna()]
    assert not [v for v in texts if v[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-\D", v)]
    assert f"'{INJECTION}" in texts and "'-1+1" in texts
    assert parquet.loc[parquet["indicator"] == "old.s1.disclosed", "value"].tolist() == [204.0]
