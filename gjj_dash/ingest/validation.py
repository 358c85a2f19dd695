"""Ingest: the one validation path — any reader's draft checked against the catalogue into the canonical frame."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from gjj_dash.ingest.cells import Context
from gjj_dash.ingest.document import FORMS
from gjj_dash.ingest.draft import Draft, Field
from gjj_dash.ingest.matching import check_table
from gjj_dash.ingest.measures import check_measures
from gjj_dash.ingest.messages import problem
from gjj_dash.ingest.sentences import narrative_records
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.numbers import normalise_text
from gjj_dash.model.problems import Problem, Upload
from gjj_dash.model.values import CENTRE, conform, empty_values
from gjj_dash.quality.checks import check_values

# What a report read as printed keeps with its version: how it names itself, its printed layout (rows and columns
# the catalogue lacks included), its narrative.
_KEPT = ("document", "printed_columns", "printed_rows", "extra_rows", "extra_columns", "narrative")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}


def validate(draft: Draft, year: int | None, catalogue: Catalogue) -> Upload:
    """Check a draft: year, rows, units, figures, identities; every problem at once, nothing corrected."""
    problems = list(draft.problems)
    resolved = _resolve_year(draft, year, problems)
    provincial = draft.format in catalogue.formats and catalogue.formats[draft.format].provincial
    ctx = Context(catalogue, resolved or 0, draft.name, document=_document(draft), lenient_units=provincial)
    if draft.kind == "table" and draft.format:
        check_table(draft, ctx)
        if "narrative" in draft.report and resolved is not None:
            ctx.records += narrative_records(draft.report["narrative"], resolved, _document(draft))
    elif draft.kind == "measures":
        ctx.records += check_measures(draft, catalogue, resolved, ctx.problems)
    problems += ctx.problems
    frame = conform(pd.DataFrame(ctx.records)) if ctx.records else empty_values()
    if draft.kind == "table" and ctx.records:
        problems += identity_warnings(frame, catalogue, ctx.where)
        if bool(frame["blank"].all()):
            problems.append(problem("all_blank", severity="warning"))
    report = _report(draft, resolved, catalogue, problems)
    ordered = sorted(problems, key=lambda p: (_SEVERITY_ORDER.get(p.severity, 3), p.row is None, p.row or 0))
    return Upload(draft.kind, draft.format, resolved, draft.encoding, frame, report, tuple(ordered))


def identity_warnings(frame: pd.DataFrame, catalogue: Catalogue, where: dict[tuple[str, str], Field]) -> list[Problem]:
    """The data-quality audit's table identities on the uploaded values, as warnings beside the cells — never fixes.

    gjj_dash.quality.checks owns the rules (sum, 其中, channels, row totals, the new format's balance); each finding is
    placed at the file row (and column, where one can be told) of the first cell it names.
    """
    out = []
    for finding in check_values(frame, catalogue):
        cell = _locate(finding.items, f"{finding.left} {finding.message}", catalogue, where)
        severity = "note" if finding.severity == "note" else "warning"
        out.append(problem("identity", cell[0], cell[1], severity, message=finding.message))
    return out


def _locate(
    items: tuple[str, ...], text: str, catalogue: Catalogue, where: dict[tuple[str, str], Field]
) -> tuple[int | None, str | None]:
    for item in items:
        cells = {column: cell for (ind, column), cell in where.items() if ind == item}
        if len(cells) == 1:
            cell = next(iter(cells.values()))
            return cell.row, cell.column
        ind = catalogue.indicators.get(item)
        if cells and ind is not None:
            for col in catalogue.columns_of(ind.format, ind.table):
                if col.id in cells and (f"“{col.label}”" in text or f"（{col.label}）" in text):
                    return cells[col.id].row, cells[col.id].column
            return next(iter(cells.values())).row, None
    return None, None


def _resolve_year(draft: Draft, year: int | None, problems: list[Problem]) -> int | None:
    """The year given (--year / the form) or stated by the file; any disagreement is an error at its row."""
    counts = Counter(y for y, _ in draft.years)
    stated = [y for y, _ in counts.most_common()]
    if year is not None:
        for found, cell in draft.years:
            if found != year:
                problems.append(problem("year_mismatch", cell.row, cell.column, found=found, given=year))
        return year
    if len(stated) == 1:
        return stated[0]
    if not stated:
        named = set(_NAME_YEAR.findall(draft.name))
        if len(named) == 1:  # “2021年报.xlsx”: the file states no year, its name does (said, never silent)
            problems.append(problem("year_from_name", severity="note", year=next(iter(named)), name=draft.name))
            return int(next(iter(named)))
        problems.append(problem("no_year"))
        return None
    for found, cell in draft.years:
        if found != stated[0]:
            problems.append(problem("years_differ", cell.row, cell.column, found=found, first=stated[0]))
    return None


def _document(draft: Draft) -> str:
    """How a report read from a published form names itself as a source: 《title》（网页“file.html”）."""
    document = draft.report.get("document")
    if not document:
        return ""
    title = document.get("title") or draft.name
    return f"《{title}》（{FORMS.get(document.get('form', ''), document.get('form', ''))}“{draft.name}”）"


def _report(draft: Draft, year: int | None, catalogue: Catalogue, problems: list[Problem]) -> dict:
    """The year's report.json as far as the file gives it: year, format, reporting unit, footer, title, source.

    A measures file says nothing about the year's table, so its report carries only year and file facts (the store
    merges it over the current report).
    """
    report: dict = {"year": year}
    if draft.kind == "table":
        centre = catalogue.units[CENTRE].label
        footer = {k: v for k, v in draft.report.get("footer", {}).items() if v}
        document = draft.report.get("document", {})
        unit = footer.get("填报单位", "") or document.get("body", "") or centre
        if normalise_text(unit) != normalise_text(centre):
            key = "report_body" if document else "other_unit"
            problems.append(problem(key, None, None, "note" if document else "warning", unit=unit[:60],
                                    centre=centre))
        report["format"] = draft.format
        report["title"] = document.get("title") or f"{centre}{year or ''}年度政府信息公开工作年度报告"
        report["reporting_unit"] = unit
        if footer:
            report["footer"] = footer
        report["source"] = draft.source or _document(draft) or f"上传文件“{draft.name}”"
        report.update({k: draft.report[k] for k in _KEPT if k in draft.report})
    report["origin"] = "upload"
    report["file_name"] = draft.name
    report["encoding"] = draft.encoding
    return report
