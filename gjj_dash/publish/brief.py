"""Publish: the one-page leadership brief as HTML (A4) — the year's headline figures with their change, the
indicators with their sample tags, the flags, the data status, date and version. Every text is escaped."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from gjj_dash.figures.blocks import Card
from gjj_dash.figures.board import Board, DataStatus, build_board, data_status
from gjj_dash.figures.flags import Flag
from gjj_dash.figures.leadership_view import IndicatorCard, indicator_cards
from gjj_dash.figures.overview import overview_view
from gjj_dash.figures.rules import Rules
from gjj_dash.i18n import t
from gjj_dash.model.problems import Finding
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset

# The CJK fonts a reader's machine is likely to have, in order; the PDF puts the one found on the server first.
FONT_STACK = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
              "WenQuanYi Micro Hei", "sans-serif")

CSS = """
@page { size: A4; margin: 11mm 12mm 10mm 12mm; }
html { font-family: %(fonts)s; font-size: %(size).1fpt; color: #1a1a1a; line-height: 1.35; }
body { margin: 0; }
h1 { font-size: 1.55em; margin: 0 0 0.15em 0; }
h2 { font-size: 1.1em; margin: 0.7em 0 0.25em 0; border-bottom: 1px solid #888; padding-bottom: 0.1em; }
.meta, .small, .foot { color: #444; font-size: 0.82em; }
.foot { margin-top: 0.8em; }
.kpis { display: flex; flex-wrap: wrap; gap: 0.3em; }
.kpi { border: 1px solid #bbb; border-radius: 3px; padding: 0.25em 0.45em; width: 23.2%%; box-sizing: border-box; }
.kpi .label { font-size: 0.8em; color: #333; }
.kpi .value { font-size: 1.15em; font-weight: bold; }
table { border-collapse: collapse; width: 100%%; }
th, td { border-bottom: 1px solid #ccc; padding: 0.18em 0.3em; text-align: left; vertical-align: top; }
th { font-size: 0.85em; color: #333; border-bottom: 1px solid #888; }
td.head { font-weight: bold; white-space: nowrap; }
td.now { white-space: nowrap; }
.tag { font-size: 0.78em; border: 1px solid #777; border-radius: 2px; padding: 0 0.25em; white-space: nowrap; }
.watch { font-size: 0.78em; font-weight: bold; color: #8a4b00; white-space: nowrap; }
ol { margin: 0.1em 0 0 1.3em; padding: 0; }
li { margin-bottom: 0.2em; }
"""


@dataclass(frozen=True)
class BriefParts:
    """What one brief shows: the year's board and cards, its headline figures, the data status and when made."""

    board: Board
    cards: tuple[IndicatorCard, ...]
    kpis: tuple[Card, ...]
    status: DataStatus
    unit: str  # the reporting body, as the report names it
    generated: str  # when the brief was made (local date and time)


def brief_parts(
    dataset: Dataset, year: int, data_dir: Path, rules: Rules, findings: Iterable[Finding], lang: str = "zh",
    generated: str | None = None,
) -> BriefParts:
    """Everything a brief of a loaded year shows, computed by the same code as the overview page."""
    found = list(findings)
    frame = harmonised_series(dataset)
    board = build_board(dataset, year, rules, found, frame, lang)
    report = dataset.reports.get(year, {})
    unit = str(report.get("reporting_unit") or (report.get("footer") or {}).get("填报单位") or "")
    return BriefParts(board, tuple(indicator_cards(dataset, board, lang)),
                      overview_view(dataset, frame, year, lang).cards, data_status(dataset, year, data_dir, found),
                      unit, generated or time.strftime("%Y-%m-%d %H:%M"))


def _kpis(parts: BriefParts, lang: str) -> str:
    prev = parts.board.year - 1
    cells = []
    for card in parts.kpis:
        value = "—" if card.blank or card.value == "—" else f"{card.value} {card.unit}"
        change = t("brief.change", lang, prev=prev, delta=card.delta) if card.delta else t("brief.no_change", lang)
        cells.append(f'<div class="kpi"><div class="label">{escape(card.label)}</div>'
                     f'<div class="value">{escape(value)}</div><div class="small">{escape(change)}</div></div>')
    return f'<div class="kpis">{"".join(cells)}</div>'


def _indicators(parts: BriefParts, lang: str) -> str:
    heads = "".join(f"<th>{escape(t(f'brief.col_{k}', lang))}</th>" for k in ("indicator", "now", "small", "last",
                                                                               "sample"))
    rows = []
    for card in parts.cards:
        watch = f' <span class="watch">{escape(t("brief.watch", lang))}</span>' if card.flags else ""
        small = card.detail or card.note
        sample = f'<span class="tag">{escape(card.sample)}</span>' if card.sample else ""
        rows.append(f'<tr><td class="head">{escape(card.label)}{watch}</td><td class="now">{escape(card.headline)}</td>'
                    f'<td class="small">{escape(small)}</td><td class="small">{escape(card.last)}</td>'
                    f"<td>{sample}</td></tr>")
    return f"<table><thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _flag(flag: Flag, lang: str) -> str:
    where = t("brief.where", lang, page=t(f"page.{flag.page}", lang), year=flag.year)
    rows = f"：{flag.where}" if flag.where and flag.kind not in ("identities", "gaps") else ""
    return f'<li>{escape(flag.text)}<span class="small">（{escape(where + rows)}）</span></li>'


def _flags(flags: tuple[Flag, ...], limit: int | None, lang: str) -> str:
    if not flags:
        return f'<p class="small">{escape(t("brief.no_flags", lang))}</p>'
    shown = flags if limit is None else flags[:limit]
    more = len(flags) - len(shown)
    tail = f'<p class="small">{escape(t("brief.more_flags", lang, n=more))}</p>' if more else ""
    return f"<ol>{''.join(_flag(f, lang) for f in shown)}</ol>{tail}"


def _status(status: DataStatus, lang: str) -> str:
    version = t("brief.version_base", lang) if status.version == 0 else t("brief.version_n", lang, n=status.version)
    if status.published:
        version += t("brief.published", lang, date=status.published[:10])
    found = t("brief.findings", lang, **status.findings)
    return (f'<p class="small">{escape(t("brief.status", lang, format=status.format, version=version))}'
            f'<br>{escape(found)}<br>{escape(t("brief.fingerprint", lang, fingerprint=status.fingerprint))}</p>')


def brief_html(parts: BriefParts, lang: str = "zh", *, fonts: tuple[str, ...] = FONT_STACK, size: float = 9.5,
               flag_limit: int | None = None) -> str:
    """The brief as one self-contained HTML page for A4 (no script, no outside resource); `size` the base font size
    in points and `flag_limit` how many flags to list, so the PDF can be fitted on one page."""
    year, rules = parts.board.year, parts.board.rules
    title = t("brief.title", lang, unit=parts.unit, year=year)
    family = ", ".join(f'"{f}"' if " " in f else f for f in fonts)
    meta = t("brief.meta", lang, generated=parts.generated, format=parts.status.format)
    sections = [
        f"<h1>{escape(title)}</h1>",
        f'<div class="meta">{escape(parts.status.title)}<br>{escape(meta)}</div>',
        f"<h2>{escape(t('brief.kpis', lang))}</h2>{_kpis(parts, lang)}",
        f"<h2>{escape(t('brief.indicators', lang))}</h2>{_indicators(parts, lang)}",
        f'<p class="small">{escape(t("brief.sample_rule", lang, fair=rules.fair, ample=rules.ample))}</p>',
        f"<h2>{escape(t('brief.flags', lang))}</h2>{_flags(parts.board.flags, flag_limit, lang)}",
        f"<h2>{escape(t('brief.data', lang))}</h2>{_status(parts.status, lang)}",
        f'<p class="foot">{escape(t("brief.foot", lang))}</p>',
    ]
    lang_code = "zh-CN" if lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{lang_code}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS % {'fonts': family, 'size': size}}</style></head><body>{''.join(sections)}</body></html>\n")


def brief_name(board: Board, status: DataStatus) -> str:
    """The brief's file stem: year, the data's fingerprint and the rules' digest, so a brief of other data or other
    rules never shares a name (download caches compare names)."""
    return f"gjj-brief-{board.year}-{status.fingerprint[:8]}-{board.rules.digest[:6] or 'norules'}"
