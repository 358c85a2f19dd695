"""Publish: the light pages — a year's page (every figure the dashboard shows for it, one part per dashboard page),
one page per part with its sections across years, the index of years, and the Chinese 404 page; in Chinese and
English, linked relatively so the same pages work served live or as static files."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gjj_dash.figures.blocks import View
from gjj_dash.figures.timeline import missing_notice
from gjj_dash.i18n import t
from gjj_dash.model.problems import Finding
from gjj_dash.publish.light_blocks import Where, findings_list, official_form, view
from gjj_dash.publish.markup import Page, esc, frame_table, link, page_html
from gjj_dash.publish.official import Form

# The parts of a year's page: each a page of the dashboard (its title key and URL path, as app.py names them), and
# the report text's figures, which the dashboard spreads over its pages (no page of its own).
PARTS: dict[str, tuple[str, str | None]] = {
    "overview": ("page.overview", ""),
    "disclosure": ("page.disclosure", "disclosure"),
    "halls": ("page.halls", "halls"),
    "portal": ("page.portal", "portal"),
    "requests": ("page.requests", "requests"),
    "tables": ("page.tables", "tables"),
    "text": ("site.part.text", None),
    "quality": ("page.quality", "quality"),
}
VIEWS = ("overview", "disclosure", "halls", "portal", "requests")
REPORT, DATA = "report/", "data/"


def report_path(year: int | None = None, part: str | None = None, lang: str = "zh") -> str:
    """The site path of a light page: report/ (the years), report/<year>/, report/<year>/<part>/; English under en/."""
    path = REPORT + (f"{year}/" if year is not None else "") + (f"{part}/" if part else "")
    return path + ("en/" if lang == "en" else "")


@dataclass(frozen=True)
class YearContent:
    """What the dashboard shows of one year in one language, made by the dashboard's own builders."""

    year: int
    lang: str
    views: dict[str, View]  # the five public pages' views (总览 … 依申请公开), by part
    form: Form
    text_figures: pd.DataFrame  # every figure of the report text, as a figure table
    findings: tuple[Finding, ...]  # the year's data-quality findings, in the order the anchors number them
    files: tuple[tuple[str, str], ...]  # (site path, title) of the year's open-data files
    missing: str = ""  # the one line naming the years not loaded between the first and the latest ("" when none)


@dataclass(frozen=True)
class Links:
    """Where the light pages link outside themselves: the interactive dashboard (its URL, or None for no link)."""

    dashboard: str | None = None

    def dashboard_page(self, part: str, year: int | None, lang: str) -> str | None:
        """The URL of the dashboard's page of a part (the year and language chosen), or None."""
        if self.dashboard is None or PARTS[part][1] is None:
            return None
        query = [f"year={year}"] if year is not None else []
        query += ["lang=English"] if lang == "en" else []  # the dashboard's language switch is bound to ?lang=
        return self.dashboard + PARTS[part][1] + ("?" + "&".join(query) if query else "")


def site_nav(lang: str, links: Links, year: int | None = None) -> tuple[tuple[str, str], ...]:
    """The header's links: the year's page, every year, the open data, the dashboard (when there is one)."""
    items = [(report_path(lang=lang), t("site.all_years", lang)), (DATA, t("site.open_data", lang))]
    if year is not None:
        items.insert(0, (report_path(year, lang=lang), t("site.year_page", lang, year=year)))
    board = links.dashboard_page("overview", year, lang)
    if board:
        items.append((board, t("site.dashboard", lang)))
    return tuple(items)


def footer(path: str, lang: str, links: Links) -> str:
    """Every page's footer: where the figures come from, the licence, the open data and the dashboard."""
    files = [(DATA, t("site.open_data", lang)), (DATA + "datapackage.json", "datapackage.json"),
             (DATA + "all.csv", "all.csv")]
    parts = [f"<p>{esc(t('app.caption', lang))}</p>", f"<p>{esc(t('site.licence', lang))}</p>",
             "<p>" + esc(t("site.footer_data", lang)) + " · ".join(link(path, p, label) for p, label in files) + "</p>"]
    board = links.dashboard_page("overview", None, lang)
    if board:
        parts.append(f'<p><a href="{esc(board)}">{esc(t("site.dashboard", lang))}</a></p>')
    return "".join(parts)


def _files(path: str, content: YearContent) -> str:
    items = "".join(f"<li>{link(path, p, title)}</li>" for p, title in content.files)
    return f'<ul class="downloads">{items}</ul>'


def _more(path: str, content: YearContent, part: str, links: Links, on_part_page: bool) -> str:
    """Links under a part: its own page (with the years across) or back to the year, and the dashboard's page."""
    lang, out = content.lang, []
    if on_part_page:
        out.append(link(path, report_path(content.year, lang=lang), t("site.back_to_year", lang, year=content.year)))
    else:
        label = t("site.part_page" if part in VIEWS else "site.part_alone", lang, title=t(PARTS[part][0], lang))
        out.append(link(path, report_path(content.year, part, lang), label))
    board = links.dashboard_page(part, content.year, lang)
    if board:
        out.append(f'<a href="{esc(board)}">{esc(t("site.on_dashboard", lang))}</a>')
    return '<p class="more">' + " · ".join(out) + "</p>"


def _part(path: str, content: YearContent, part: str, links: Links, alone: bool) -> str:
    lang = content.lang
    where = Where(path, content.year, lang, report_path(content.year, lang=lang), content.findings)
    title = t(PARTS[part][0], lang)
    css = "part official" if part == "tables" else "part"
    out = [f'<section class="{css}" id="{part}" aria-labelledby="{part}-h"><h2 id="{part}-h">{esc(title)}</h2>']
    if part in VIEWS:
        out.append(view(content.views[part], where, across=alone))
    elif part == "tables":
        out.append(official_form(content.form, where))
    elif part == "text":
        out.append(f'<p class="lead">{esc(t("site.text_intro", lang, year=content.year))}</p>')
        out.append(frame_table(content.text_figures, title))
    else:
        out.append(f'<p class="lead">{esc(t("quality.intro", lang))}</p>' + findings_list(where))
    out += [_more(path, content, part, links, alone), "</section>"]
    return "".join(out)


def _notice(missing: str) -> str:
    """The line naming the years not loaded, above a page's figures ("" when every year in between is loaded)."""
    return f'<p class="statement missing-years">{esc(missing)}</p>' if missing else ""


def year_page(content: YearContent, links: Links, part: str | None = None) -> Page:
    """A year's light page: every part (part=None) or one part with its sections across years."""
    year, lang = content.year, content.lang
    path = report_path(year, part, lang)
    other = "en" if lang == "zh" else "zh"
    heading = t("site.year_title", lang, year=year)
    if part is None:
        contents = "".join(f"<li>{link(path, f'{path}#{p}', t(title, lang))}</li>" for p, (title, _) in PARTS.items())
        toc = f'<nav aria-label="{esc(t("site.contents", lang))}"><ul>{contents}</ul></nav>'
        body = [f"<h1>{esc(heading)}</h1>", f'<p class="lead">{esc(t("site.year_intro", lang, year=year))}</p>',
                _notice(content.missing), toc]
        body += [_part(path, content, p, links, alone=False) for p in PARTS]
        title = heading
    else:
        title = f"{t(PARTS[part][0], lang)} · {heading}"
        body = [f"<h1>{esc(title)}</h1>", _notice(content.missing), _part(path, content, part, links, alone=True)]
    body.append(f'<section class="part" id="downloads"><h2>{esc(t("site.year_files", lang, year=year))}</h2>'
                f"{_files(path, content)}</section>")
    return Page(path=path, lang=lang, title=f"{title} · {t('app.title', lang)}", body="".join(body),
                description=t("site.year_intro", lang, year=year), alternate=report_path(year, part, other),
                nav=site_nav(lang, links, year), footer=footer(path, lang, links))


def index_page(years: list[int], lang: str, links: Links, path: str | None = None) -> Page:
    """The years held, newest first, each with its light page, its parts and its open-data files."""
    path = report_path(lang=lang) if path is None else path
    rows = []
    for year in sorted(years, reverse=True):
        parts = " · ".join(link(path, report_path(year, p, lang), t(PARTS[p][0], lang)) for p in PARTS)
        rows.append(f"<li><h2>{link(path, report_path(year, lang=lang), t('site.year_title', lang, year=year))}</h2>"
                    f"<p>{parts}</p><p>{link(path, f'{DATA}{year}.csv', f'{year}.csv')} · "
                    f"{link(path, f'{DATA}{year}.json', f'{year}.json')} · "
                    f"{link(path, f'{DATA}{year}.xlsx', f'{year}.xlsx')}</p></li>")
    empty = f"<p>{esc(t('common.no_data', lang))}</p>" if not years else ""
    body = (f"<h1>{esc(t('site.index_title', lang))}</h1><p class=\"lead\">{esc(t('site.index_intro', lang))}</p>"
            f'{_notice(missing_notice(years, lang))}{empty}<ul class="years">{"".join(rows)}</ul>')
    other = "en" if lang == "zh" else "zh"
    alternate = report_path(lang=other) if path == report_path(lang=lang) else ""
    return Page(path=path, lang=lang, title=f"{t('site.index_title', lang)} · {t('app.title', lang)}", body=body,
                description=t("site.index_intro", lang), alternate=alternate, nav=site_nav(lang, links),
                footer=footer(path, lang, links))


def not_found_html(data_url: str = "/data/") -> bytes:
    """The Chinese page of an unknown year or file: what happened and the way to every published file."""
    body = (f"<h1>{esc(t('site.not_found', 'zh'))}</h1><p>{esc(t('site.not_found_text', 'zh'))}</p>"
            f'<p><a href="{esc(data_url)}">{esc(t("site.open_data_index", "zh"))}</a></p>')
    return page_html(Page(path="404.html", lang="zh", title=f"{t('site.not_found', 'zh')} · {t('app.title', 'zh')}",
                          body=body))

