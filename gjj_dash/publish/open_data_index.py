"""Publish: the /data/ index page's body — every year's open-data files in a table, the files of all years, and the
fields of the tidy table (schema.org microdata, no script)."""

from __future__ import annotations

from gjj_dash.i18n import t
from gjj_dash.publish.markup import esc, href
from gjj_dash.publish.open_data import DATA_DIR, DATAPACKAGE, OpenData, Resource, tidy_schema


def _file_link(here: str, resource: Resource) -> str:
    """A file as a schema.org DataDownload (microdata for search engines; no script)."""
    target = esc(href(here, DATA_DIR + resource.path))
    return (f'<span itemprop="distribution" itemscope itemtype="https://schema.org/DataDownload">'
            f'<meta itemprop="encodingFormat" content="{esc(resource.media_type)}">'
            f'<a itemprop="contentUrl" href="{target}">{esc(resource.path)}</a></span>')


def _column(resource: Resource) -> str:
    """The index table's column of a year's file: its kind, or what sets it apart from the year's figures."""
    for suffix, column in (("-official.csv", "official"), ("-indicators.csv", "indicators"),
                           ("-indicators.json", "indicators_json")):
        if resource.path.endswith(suffix):
            return column
    return resource.kind


def index_body(data: OpenData, lang: str) -> str:
    """The /data/ index: every year's files in a table, the files of all years, the fields of the tidy table."""
    here = DATA_DIR + ("en/" if lang == "en" else "")
    kinds = ("csv", "json", "xlsx", "official", "indicators", "indicators_json")
    by_year: dict[int, dict[str, Resource]] = {}
    for r in data.resources.values():
        if r.year is not None:
            by_year.setdefault(r.year, {})[_column(r)] = r
    def page(year: int) -> str:  # the year's light page, in the index's language
        return f"report/{year}/" + ("en/" if lang == "en" else "")

    head = "".join(f'<th scope="col">{esc(t(f"site.col.{k}", lang))}</th>' for k in kinds)
    rows = "".join(
        f'<tr><th scope="row"><a href="{esc(href(here, page(year)))}">{year}</a></th>'
        + "".join(f"<td>{_file_link(here, files[k]) if k in files else ''}</td>" for k in kinds) + "</tr>"
        for year, files in sorted(by_year.items(), reverse=True)
    )
    whole = "".join(f"<li>{_file_link(here, r)} — {esc(r.title(lang))}</li>"
                    for r in data.resources.values() if r.year is None)
    fields = "".join(f'<tr><th scope="row"><code>{esc(f["name"])}</code></th><td>{esc(f["type"])}</td>'
                     f"<td>{esc(t('dictionary.field.' + f['name'], lang))}</td></tr>" for f in tidy_schema()["fields"])
    package_link = f'<a href="{esc(href(here, DATA_DIR + DATAPACKAGE))}">{DATAPACKAGE}</a>'
    return (
        f'<div itemscope itemtype="https://schema.org/Dataset"><h1 itemprop="name">{esc(t("site.data_title", lang))}'
        f'</h1><p class="lead" itemprop="description">{esc(t("site.data_intro", lang))}</p>'
        f'<p>{esc(t("site.licence", lang))}<meta itemprop="license" content="{esc(t("site.licence", "zh"))}"></p>'
        f'<h2>{esc(t("site.data_years", lang))}</h2><div class="scroll"><table><thead><tr>'
        f'<th scope="col">{esc(t("common.year", lang))}</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
        f'<h2>{esc(t("site.data_whole", lang))}</h2><ul class="downloads">{whole}</ul>'
        f'<p>{esc(t("site.data_package", lang))}{package_link}</p>'
        f'<h2>{esc(t("site.data_fields", lang))}</h2><div class="scroll"><table><thead><tr>'
        f'<th scope="col">{esc(t("dictionary.field.name", lang))}</th><th scope="col">{esc(t("site.col.type", lang))}'
        f'</th><th scope="col">{esc(t("dictionary.field.meaning", lang))}</th></tr></thead><tbody>{fields}</tbody>'
        "</table></div></div>"
    )
