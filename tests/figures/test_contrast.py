"""Accessibility: the theme colours of .streamlit/config.toml meet WCAG 2.x contrast (text 4.5:1, marks 3:1)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent.parent / ".streamlit" / "config.toml"
# Streamlit's light theme where config.toml leaves a colour unset.
LIGHT_DEFAULTS = {"backgroundColor": "#FFFFFF", "secondaryBackgroundColor": "#F0F2F6", "textColor": "#31333F"}


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour such as #0072B2."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def theme() -> dict[str, str]:
    """The app's theme colours: config.toml's, else Streamlit's light defaults."""
    configured = tomllib.loads(CONFIG.read_text(encoding="utf-8")).get("theme", {})
    return {**LIGHT_DEFAULTS, **{k: v for k, v in configured.items() if k.endswith("Color")}}


def test_contrast_formula_matches_known_pairs() -> None:
    """Black on white is 21:1, white on white 1:1, and #767676 on white just passes 4.5:1."""
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_theme_is_light_with_the_blue_primary_colour() -> None:
    """The theme the checks below read: light base, primary #0072B2 (Okabe–Ito blue)."""
    configured = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]
    assert configured["base"] == "light"
    assert theme()["primaryColor"].upper() == "#0072B2"


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
@pytest.mark.parametrize("foreground", ["primaryColor", "textColor"])
def test_text_colours_reach_4_5_to_1_on_both_backgrounds(foreground: str, background: str) -> None:
    """Primary (links, selected widgets) and body text are readable on the page and the sidebar: at least 4.5:1."""
    colours = theme()
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= 4.5, f"{foreground} {colours[foreground]} on {background} {colours[background]}: {ratio:.2f}:1"


def test_pinned_table_columns_stay_readable() -> None:
    """A pinned column (the official label and 总计 kept on screen) is drawn at 60 % opacity: that text, blended
    with white, still reaches 4.5:1."""
    text = theme()["textColor"]
    blended = "#" + "".join(f"{round(0.6 * int(text[i:i + 2], 16) + 0.4 * 255):02X}" for i in (1, 3, 5))
    assert contrast(blended, "#FFFFFF") >= 4.5, f"{text} at 60 % is {blended}"


def test_primary_colour_ratio_on_white_is_5_19() -> None:
    """#0072B2 on white measures 5.19:1 (a regression guard if someone picks a lighter blue)."""
    assert contrast(theme()["primaryColor"], "#FFFFFF") == pytest.approx(5.19, abs=0.01)


def test_the_first_five_chart_colours_reach_3_to_1_on_white() -> None:
    """Series colours in order: the first five are marks a reader can see on the white plot (WCAG 1.4.11)."""
    from gjj_dash.figures.charts import OKABE_ITO

    assert [round(contrast(c, "#FFFFFF"), 1) for c in OKABE_ITO[:5]] == [5.2, 3.9, 3.4, 3.1, 21.0]
    assert all(contrast(c, "#FFFFFF") < 3 for c in OKABE_ITO[5:])


def test_every_line_of_the_public_pages_can_be_seen_on_white(tmp_path) -> None:
    """Each chart across years on the four public pages (three fixture years, every section): its first five lines are
    colours of at least 3:1 on white, and every line's filled points have an edge of at least 3:1 (服务大厅 per
    管理部 draws six lines; the sixth is orange; its hollow “余” points stay orange)."""
    from gjj_dash.figures.pages import VIEWS
    from gjj_dash.model.series import harmonised_series
    from gjj_dash.store.dataset import load_dataset
    from tests.support.years import data_dir

    data = load_dataset(data_dir(tmp_path, "trend", "appeals"))
    series = harmonised_series(data)
    charts = [[trace for trace in block.figure.data if trace.type == "scatter"]
              for build in VIEWS.values() for block in build(data, series, 2019, "zh").trends
              if block.figure is not None]
    charts = [lines for lines in charts if lines]
    assert len(charts) >= 4 and max(len(lines) for lines in charts) == 6
    for lines in charts:
        assert all(contrast(line.line.color, "#FFFFFF") >= 3 for line in lines[:5]), [ln.line.color for ln in lines]
        assert all(contrast(line.marker.line.color, "#FFFFFF") >= 3 for line in lines)
