"""Ingest: a published report's Document (web page, Word, PDF, copied text) into a Draft — its statistics tables' rows
read by the layout their header shows, its year and body from its title, its narrative measures from its sentences.

A table row is kept when it holds a figure or a word of the tables; prose inside a table (a WPS frame around the
text) is left out. A page whose statistics tables are pictures or attachments is refused by naming them: nothing of
it is half-read.
"""

from __future__ import annotations

from gjj_dash.ingest.decode import Row
from gjj_dash.ingest.document import FORMS, Document
from gjj_dash.ingest.draft import Draft, Field
from gjj_dash.ingest.layouts import find_layout, read_rows
from gjj_dash.ingest.messages import problem, refuse
from gjj_dash.ingest.sentences import read_narrative, sentences
from gjj_dash.ingest.title import identity
from gjj_dash.ingest.vocabulary import is_figure, is_placeholder, is_row_label, is_word
from gjj_dash.model.catalogue import Catalogue


def statistics_rows(doc: Document, catalogue: Catalogue, prose: list[str] | None = None) -> list[Row]:
    """Every table row that holds a figure or a table word, as printed: a header's empty cells and a data row's
    empty cells before its label (a merged group label continuing from the row above) left out. The other rows'
    text (a WPS frame's paragraphs) goes to `prose`."""
    rows: list[Row] = []
    for grid in doc.tables:
        for row in grid.rows:
            cells = list(row.cells)
            figures = [is_figure(c) for c in cells]
            words = [is_word(c, catalogue) for c in cells]
            placeholders = len(cells) > 1 and any(is_placeholder(c) and c.strip() for c in cells)
            if not (any(figures) or any(words) or placeholders):
                if prose is not None:
                    prose.append("".join(cells))
                continue  # prose: a heading or a paragraph inside a frame table
            first = next((c for c in cells if c.strip()), "")
            if not any(figures) and not is_row_label(first, catalogue):
                cells = [c for c in cells if c.strip()]  # a head row: its empty cells are merged ones
            else:
                while cells and not cells[0].strip():
                    cells.pop(0)
            rows.append(Row(row.number, tuple(cells), row.sheet, row.page))
    return rows


def read_report(doc: Document, name: str, catalogue: Catalogue, year: int | None) -> Draft:
    """The report's tables as a draft year, with its year, title and body (refused when it has no statistics table)."""
    prose: list[str] = []
    rows = statistics_rows(doc, catalogue, prose)
    if find_layout(rows, catalogue) is None:
        raise _no_tables(doc)
    draft = Draft("table", None, doc.encoding or FORMS.get(doc.form, doc.form), name, year_hint=year, printed=True)
    found = identity(doc)
    if found.year is not None:
        where = found.where
        field = Field(found.title, where.number if where else 0, "标题", where.page if where else None)
        draft.years.append((found.year, field))
        if draft.year_hint is None:
            draft.year_hint = found.year
    if found.period is not None and found.period_where is not None:
        where = found.period_where
        draft.years.append((found.period, Field(where.text[:80], where.number, "统计期限", where.page)))
        draft.year_hint = draft.year_hint or found.period
    draft.report["document"] = {"form": doc.form, "title": found.title, "body": found.body,
                                "paragraphs": len(doc.paragraphs), "tables": len(doc.tables)}  # fmt: skip
    read_rows(rows, draft, False, catalogue)
    narrative = read_narrative(sentences(doc, prose), catalogue)
    draft.report["narrative"] = narrative.as_report()
    for measure, hits in narrative.unsure.items():
        figures = "、".join(dict.fromkeys("无" if h.zero else h.raw for h in hits))
        draft.problems.append(problem("narrative_unsure", None, None, "warning",
                                      label=catalogue.measures[measure].label, figures=figures))
    return draft


def _no_tables(doc: Document) -> Exception:
    """Why a report gives no statistics table: pictures, attachments, or none at all — named, for staff to act on."""
    if doc.images:
        return refuse("report_images", count=len(doc.images), names="、".join(doc.images[:3]))
    if doc.attachments:
        return refuse("report_attachments", names="、".join(doc.attachments[:3]))
    return refuse("report_no_tables", form=FORMS.get(doc.form, doc.form), tables=len(doc.tables))
