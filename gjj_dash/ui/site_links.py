"""UI: the sidebar's links to the light page and the open data of the year shown, and the line naming
the open-data addresses (the public page's footer)."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from gjj_dash.i18n import t


def _origin() -> str:
    """scheme://host of the page as the reader opened it ("" when unknown, e.g. in AppTest): addresses to copy."""
    url = st.context.url or ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def show(year: int | None, lang: str) -> None:
    """Below the year selector: the year's light page (no script, printable) and the open data; then the stable
    addresses of the year's figures, every year's and the data package."""
    if year is None:
        return
    suffix = "en/" if lang == "en" else ""
    light = t("site.st.light", lang, year=year)
    data = t("site.st.data", lang)
    st.sidebar.markdown(f"[{light}](/report/{year}/{suffix})  \n[{data}](/data/{suffix})")
    base = _origin()
    lines = [t("site.st.footer", lang)] + [
        f"{t(key, lang)} {base}/data/{name}" for key, name in
        (("site.st.footer_year", f"{year}.csv"), ("site.st.footer_all", "all.csv"),
         ("site.st.footer_package", "datapackage.json"))
    ]  # one address a line: a URL followed by other text would be linked with it
    st.sidebar.caption("  \n".join(lines))
