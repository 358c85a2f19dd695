"""Quality: data-quality findings for people — which figure a finding touches, one line each, JSON, a table, counts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.numbers import display
from gjj_dash.model.problems import SEVERITIES, Finding
from gjj_dash.quality.checks import load_checks

# Streamlit's bundled Material Symbols with a colour (emoji need a font the machine may lack).
ICONS = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]", "note": ":blue[:material/info:]"}


def findings_for(findings: Iterable[Finding], year: int, item_id: str | Iterable[str]) -> list[Finding]:
    """The findings of a year that involve an item (or any of several items): the marker beside a figure."""
    wanted = {item_id} if isinstance(item_id, str) else set(item_id)
    return [f for f in findings if f.year == year and wanted.intersection(f.items)]


def selected(findings: Iterable[Finding], severities: Iterable[str], year: int | None) -> list[Finding]:
    """The findings of some severities in a year (None: every year): the quality page's filter."""
    wanted = set(severities)
    return [f for f in findings if f.severity in wanted and year in (None, f.year)]


def row_hits(findings: Iterable[Finding], year: int, ids: Iterable[str]) -> dict[str, list[Finding]]:
    """The findings of a year per row id, for the rows that have any (the official table's per-row markers)."""
    mine = [f for f in findings if f.year == year]
    hits = {i: [f for f in mine if i in f.items] for i in ids}
    return {i: found for i, found in hits.items() if found}


def expand_items(catalogue: Catalogue, ids: str | Iterable[str]) -> set[str]:
    """Ids plus, for a harmonised series (an overview card), the table rows and measures it is summed from."""
    out = {ids} if isinstance(ids, str) else set(ids)
    for ident in list(out):
        if ident in catalogue.harmonised:
            out.update(m.indicator for m in catalogue.harmonised[ident].mappings)
    return out


def severity_label(severity: str, lang: str = "zh") -> str:
    return t(f"quality.sev_{severity}", lang)


def check_label(check: str, lang: str = "zh") -> str:
    found = load_checks().get(check)
    return found.title(lang) if found else check


def is_cross_year(finding: Finding) -> bool:
    """Whether a finding compares two years (上年结转 vs 结转下年度, year-on-year jumps)."""
    found = load_checks().get(finding.check)
    return bool(found and found.cross_year)


def value_text(value: float | None, lang: str = "zh") -> str:
    """A side's figure: thousands separators, “—（未填报）” for a blank cell."""
    return t("quality.blank_side", lang) if value is None else display(value, lang=lang)


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity (every severity present, 0 included)."""
    out = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        out[finding.severity] = out.get(finding.severity, 0) + 1
    return out


def finding_line(finding: Finding, lang: str = "zh") -> str:
    """One finding as one line for the CLI: year, severity, check, the sentence and its sources."""
    line = t("quality.line", lang, year=finding.year, severity=severity_label(finding.severity, lang),
             check=check_label(finding.check, lang), message=finding.message.strip())
    if finding.sources:
        line += t("quality.line_sources", lang, sources=finding.sources)
    return " ".join(line.split())


def findings_json(findings: Iterable[Finding]) -> str:
    """The findings as a JSON array (UTF-8 text, Chinese kept readable), each with its check's label."""
    rows = [{**asdict(f), "items": list(f.items), "check_label": check_label(f.check)} for f in findings]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def findings_frame(findings: Iterable[Finding], lang: str = "zh") -> pd.DataFrame:
    """One row per finding with both sides and sources: the page's table and its CSV download."""
    head = [t(f"quality.col_{c}", lang) for c in ("year", "severity", "check", "message", "left", "left_value",
                                                  "right", "right_value", "sources")]
    rows = [
        (f.year, severity_label(f.severity, lang), check_label(f.check, lang), f.message, f.left,
         value_text(f.left_value, lang), f.right, value_text(f.right_value, lang), f.sources)
        for f in findings
    ]
    return pd.DataFrame(rows, columns=head)


def checks_frame(lang: str = "zh") -> pd.DataFrame:
    """Every check the audit runs, with its severity and what it compares (checks.csv, shown on the page)."""
    rows = [
        (c.title(lang), severity_label(c.severity, lang), c.explain(lang))
        for c in load_checks().values()
    ]
    return pd.DataFrame(rows, columns=[t(f"quality.col_{c}", lang) for c in ("check", "severity", "definition")])
