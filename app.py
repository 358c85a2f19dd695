"""Router of gjj-dash: page order, titles, icons and URL paths live here and nowhere else."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.ui import loaders, shell

# The favicon is drawn locally: a :material/…: page icon as favicon would be fetched from the internet.
st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")
loaders.start_run()  # the data version is read once per run, not by every loader call
lang = shell.language()


def page(path: str, key: str, url: str, icon: str, default: bool = False, hidden: bool = False) -> st.Page:
    return st.Page(path, title=t(key, lang), url_path=url, icon=icon, default=default,
                   visibility="hidden" if hidden else "visible")


def pages() -> dict[str, list[st.Page]]:
    sections = {
        t("nav.public", lang): [
            page("views/overview.py", "page.overview", "home", ":material/dashboard:", default=True),
            # The default page answers only at "/": a hidden twin of it answers at /overview too (bookmarks, links).
            page("views/overview.py", "page.overview", "overview", ":material/dashboard:", hidden=True),
            page("views/disclosure.py", "page.disclosure", "disclosure", ":material/campaign:"),
            page("views/halls.py", "page.halls", "halls", ":material/storefront:"),
            page("views/portal.py", "page.portal", "portal", ":material/language:"),
            page("views/requests.py", "page.requests", "requests", ":material/gavel:"),
        ],
        t("nav.data", lang): [
            page("views/tables.py", "page.tables", "tables", ":material/table_chart:"),
            page("views/dictionary.py", "page.dictionary", "dictionary", ":material/menu_book:"),
            page("views/quality.py", "page.quality", "quality", ":material/fact_check:"),
        ],
    }
    if not loaders.is_public():
        # The public deployment never registers the staff page, so its URL answers "page not found" there.
        sections[t("nav.staff", lang)] = [page("views/admin.py", "page.admin", "admin", ":material/upload_file:")]
    return sections


current = st.navigation(shell.session_pages(pages, lang))
# Each page its own browser-tab title (screen readers and tabs tell the pages apart).
st.set_page_config(page_title=f"{current.title} · {t('app.title', lang)}")
shell.year_selector(lang)
shell.document_language(lang)
current.run()
