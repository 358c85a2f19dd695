"""Work a page would otherwise redo on every rerun is done once per object, with the same bytes as before."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from gjj_dash.ui.widgets import _ARROW, _PAYLOADS, _arrow, _once, csv_payload


def test_csv_payload_is_built_once_per_frame_and_formula_safe() -> None:
    """The same frame gives the very same bytes object; the CSV keeps the BOM and neutralises a formula cell."""
    frame = pd.DataFrame({"指标": ["=1+1", "规章"], "数值": [3, 0]})
    first = csv_payload(frame)
    assert csv_payload(frame) is first
    assert first.startswith("\ufeff".encode())
    assert first.decode("utf-8-sig").splitlines() == ["指标,数值", "'=1+1,3", "规章,0"]


def test_csv_payload_entry_goes_with_its_frame() -> None:
    """A frame that is gone leaves no entry behind, and an equal new frame gives equal bytes."""
    frame = pd.DataFrame({"a": [1, 2]})
    payload = csv_payload(frame)
    key = id(frame)
    del frame
    assert key not in _PAYLOADS
    assert csv_payload(pd.DataFrame({"a": [1, 2]})) == payload


def test_a_shown_table_is_converted_to_arrow_once_with_the_same_cells() -> None:
    """The same frame gives the very same Arrow table (no index column, cells unchanged); it goes with its frame."""
    frame = pd.DataFrame({"指标": ["规章", "规范性文件"], "数值": ["94", "— 未填报"]})
    table = _once(_ARROW, frame, _arrow)
    assert isinstance(table, pa.Table) and _once(_ARROW, frame, _arrow) is table
    assert table.column_names == ["指标", "数值"] and table.to_pandas().equals(frame)
    key = id(frame)
    del frame
    assert key not in _ARROW


def test_a_mixed_type_column_is_left_to_streamlit() -> None:
    """A column Arrow cannot type (numbers and text mixed) is passed on as the frame, which Streamlit converts."""
    frame = pd.DataFrame({"数值": [3, "—"]}, dtype=object)
    assert _arrow(frame) is frame


def test_charts_go_out_through_orjson_with_the_same_spec(bundled) -> None:
    """plotly encodes a chart for the browser on every rerun; orjson (a dependency) is what its default engine picks,
    and the drawn copy of every bundled chart encodes to the same specification as the figure itself."""
    import json

    import orjson  # noqa: F401 — a dependency: without it plotly falls back to its slower json engine
    import plotly.io as pio
    from plotly.io._json import to_json_plotly

    from gjj_dash.figures.disclosure_view import disclosure_view
    from gjj_dash.figures.halls_view import halls_view
    from gjj_dash.figures.portal_view import portal_view
    from gjj_dash.model.series import harmonised_series
    from gjj_dash.ui.widgets import _FIGURES, _Drawn

    assert pio.json.config.default_engine == "auto"
    series = harmonised_series(bundled)
    figures = [block.figure for build in (disclosure_view, halls_view, portal_view)
               for block in build(bundled, series, 2016, "zh").blocks if block.figure is not None]
    assert len(figures) == 5
    for figure in figures:
        drawn = _once(_FIGURES, figure, _Drawn)
        assert _once(_FIGURES, figure, _Drawn) is drawn  # made once per figure object
        sent = to_json_plotly(drawn.to_dict())  # what st.plotly_chart's plotly.io.to_json(…) ends in
        assert json.loads(sent) == json.loads(to_json_plotly(figure.to_dict(), engine="json"))
    assert '"94"' in to_json_plotly(_once(_FIGURES, figures[0], _Drawn).to_dict())  # 政府网站公开政府信息数 of 2016
