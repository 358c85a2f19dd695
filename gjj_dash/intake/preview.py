"""Intake: what the preview of an imported report shows — the report's own identity (title, body, form, year and
where the year was read), every figure beside where it came from (table, row, column, PDF page; a row or column the
report adds named as printed), the narrative measures read with their sentences and those left to confirm, and the
years still missing."""

from __future__ import annotations

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.ingest.document import FORMS
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.numbers import display
from gjj_dash.model.problems import Upload
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset

MEASURE = "measure"


def describe(upload: Upload, catalogue: Catalogue, lang: str = "zh") -> list[str]:
    """The report's identity in sentences: “《平潭…报告》（网页），发布机关：平潭综合实验区”, its format."""
    document = upload.report.get("document")
    if not document:
        return []
    form = FORMS.get(document.get("form", ""), document.get("form", ""))
    lines = [t("preview.report", lang, title=document.get("title") or upload.report.get("file_name", ""), form=form,
               body=document.get("body") or "—")]
    if upload.format in catalogue.formats and catalogue.formats[upload.format].provincial:
        lines.append(t("preview.provincial", lang, format=catalogue.formats[upload.format].label))
    if added := extra_columns(upload):
        tables = {(tb.format, tb.id): tb.title_en if lang == "en" else tb.title for tb in catalogue.tables.values()}
        names = "、".join(f"{tables.get((e['format'], e['table']), e['table'])}·“{e['label']}”" for e in added)
        lines.append(t("preview.extra_columns", lang, names=names))
    return lines


def sources_frame(upload: Upload, catalogue: Catalogue, lang: str = "zh") -> pd.DataFrame:
    """Every figure read, with its row label, column, value as printed and where it was read."""
    rows = []
    extras = {e["id"]: e["label"] for e in upload.report.get("extra_rows", [])}
    printed = {r["id"]: r["label"] for r in upload.report.get("printed_rows", [])}
    heads = upload.report.get("printed_columns", {}) | {e["id"]: e["label"] for e in extra_columns(upload)}
    for r in upload.frame.itertuples(index=False):
        if r.format == MEASURE:
            continue
        label = printed.get(r.indicator) or extras.get(r.indicator) or catalogue.label(r.indicator, lang)
        column = heads.get(r.column) or _column(catalogue, r.format, r.indicator, r.column)
        rows.append([label, column, r.raw or "—", r.source])
    names = [t(f"preview.col_{k}", lang) for k in ("row", "column", "value", "where")]
    return pd.DataFrame(rows, columns=names)


def extra_columns(upload: Upload) -> list[dict]:
    """The columns the report adds to its tables (report.json's extra_columns): id, table, printed head, and the
    catalogue column each follows."""
    return list(upload.report.get("extra_columns") or [])


def printed_names(*reports: dict) -> dict[str, str]:
    """The rows and columns reports add to their tables (extra_rows, extra_columns): id → the name they print."""
    return {str(e["id"]): str(e.get("label", "")) for report in reports for key in ("extra_rows", "extra_columns")
            for e in report.get(key) or []}


def _column(catalogue: Catalogue, fmt: str, indicator: str, column: str) -> str:
    ind = catalogue.indicators.get(indicator)
    table = ind.table if ind else indicator.split(".")[1] if indicator.count(".") >= 2 else ""
    return next((c.label for c in catalogue.columns_of(fmt, table) if c.id == column), column)


def narrative_frame(upload: Upload, catalogue: Catalogue, lang: str = "zh") -> pd.DataFrame:
    """The narrative measures read from the report's sentences: measure, figure, and the sentence."""
    read = upload.report.get("narrative", {}).get("read", [])
    rows = [[catalogue.label(h["measure"], lang), _shown(h, lang), h["sentence"]] for h in read]
    return pd.DataFrame(rows, columns=[t(f"preview.n_{k}", lang) for k in ("measure", "value", "sentence")])


def narrative_checks(upload: Upload, catalogue: Catalogue, lang: str = "zh") -> pd.DataFrame:
    """Each narrative figure read beside the table's figure it restates (phrasings.csv's series): both shown, and
    whether they agree — a difference is kept, never resolved."""
    read = upload.report.get("narrative", {}).get("read", [])
    restates = {p.measure: p.series for p in catalogue.phrasings if p.series}
    if not read or upload.year is None or upload.frame.empty:
        return pd.DataFrame(columns=[t(f"preview.c_{k}", lang) for k in ("measure", "text", "table", "same")])
    dataset = Dataset(upload.frame, {upload.year: {**upload.report, "format": upload.format}}, catalogue)
    series = harmonised_series(dataset).set_index("series")
    rows = []
    for hit in read:
        name = restates.get(hit["measure"])
        if not name or name not in series.index or hit["measure"] == name:
            continue
        table = float(series.loc[name, "value"])
        same = abs(table - float(hit["value"])) < 1e-6
        rows.append([catalogue.label(hit["measure"], lang), _shown(hit, lang), display(table, "", False, lang),
                     t("preview.same" if same else "preview.differs", lang)])
    return pd.DataFrame(rows, columns=[t(f"preview.c_{k}", lang) for k in ("measure", "text", "table", "same")])


def unconfirmed(upload: Upload) -> dict[str, list[dict]]:
    """The narrative measures the report states with different figures: each with its candidate sentences."""
    return upload.report.get("narrative", {}).get("unconfirmed", {})


def _shown(hit: dict, lang: str) -> str:
    return t("preview.zero", lang) if hit.get("zero") else display(float(hit["value"]), hit["qualifier"], False, lang)
