"""Figures: the comparison with other bodies in words and tables — each body's kind (another kind than the centre's
said so), where it stands (its rank, or why it has none: 样本偏少, no direction, no value), the source of its figures
(file, table, row), the table of one indicator, the table of every indicator side by side, and the brief's line."""

from __future__ import annotations

import re

import pandas as pd

from gjj_dash.figures.board import Board, Cell, indicator_rows
from gjj_dash.figures.comparison import NO_VALUE, RANKED, SMALL, Comparison, Entry
from gjj_dash.figures.indicator_text import detail, headline, reason, rows_text, sample_label, series_rows
from gjj_dash.i18n import t

FRAME_KEYS = ("rank", "body", "kind", "shown", "detail", "n", "sample", "source", "note")
_FILE_ROW = re.compile(r"第(\d+)行")
_FILE_PAGE = re.compile(r"第(\d+)页")
_PUNCTUATION = {"zh": ("、", "，", "（", "）", "："), "en": (", ", "; ", " (", ")", ": ")}


def kind_text(entry: Entry, lang: str = "zh") -> str:
    """The body's kind, and “另一类机关” when it is not the centre's kind (本中心 for the centre)."""
    if entry.body.centre:
        return t("peers.this_centre", lang, kind=entry.body.kind.name(lang))
    key = "peers.kind_other" if entry.other_kind else "peers.kind_same" if entry.body.kind.id != "unknown" else ""
    return t(key, lang, kind=entry.body.kind.name(lang)) if key else entry.body.kind.name(lang)


def standing_text(entry: Entry, comparison: Comparison, lang: str = "zh") -> str:
    """“第1（共3个机关排名）”, or why the body is not ranked on this indicator."""
    if entry.standing == RANKED:
        return t("peers.rank", lang, n=entry.rank, of=comparison.ranked)
    if entry.standing == SMALL:
        return t("peers.not_ranked_small", lang)
    if entry.standing == NO_VALUE:
        return t("peers.not_ranked_none", lang)
    return t("peers.not_ranked_neutral", lang)


def _numbers(pattern: re.Pattern[str], texts: list[str]) -> list[int]:
    return sorted({int(n) for text in texts for n in pattern.findall(text)})


def _span(numbers: list[int]) -> str:
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


def source_text(entry: Entry, lang: str = "zh") -> str:
    """Where the body's figures are: its file, the official rows each series sums in its format, and the file's
    rows (and PDF pages) they were read from."""
    reading, catalogue = entry.reading, entry.body.dataset.catalogue
    fmt = entry.body.dataset.format_of(reading.year)
    rows = [r for s in reading.indicator.series for r in series_rows(catalogue, s, fmt, lang)]
    found = rows_text(list(dict.fromkeys(rows)), lang) if rows else t("lead.no_row", lang)
    sections = [p.section for p in reading.parts]
    lines, pages = _numbers(_FILE_ROW, sections), _numbers(_FILE_PAGE, sections)
    comma, semicolon, left, right, colon = _PUNCTUATION["en" if lang == "en" else "zh"]
    where = []
    if lines:
        shown = comma.join(map(str, lines[:8])) + ("…" if len(lines) > 8 else "")
        where.append(t("peers.file_rows", lang, rows=shown))
    if pages:
        where.append(t("peers.file_pages", lang, pages=_span(pages)))
    tail = f"{left}{semicolon.join(where)}{right}" if where else ""
    head = f"“{entry.body.file}”{colon}" if entry.body.file else ""
    return f"{head}{found}{tail}"


def note_text(entry: Entry, lang: str = "zh") -> str:
    """What a reader must know: why there is no value (or what to know about it), and a report that breaks its
    own identities (kept as printed)."""
    notes = [n for n in [reason(entry.reading, entry.body.dataset.catalogue, lang)] if n]
    if entry.body.findings:
        notes.append(t("peers.findings", lang, n=entry.body.findings))
    return "；".join(notes)


def comparison_frame(comparison: Comparison, lang: str = "zh") -> pd.DataFrame:
    """One indicator, every body a row in order: rank (or why none), body, kind, the value or count, the small print,
    N, sample tag, source and notes."""
    rows = []
    for entry in comparison.entries:
        reading, catalogue = entry.reading, entry.body.dataset.catalogue
        rows.append([standing_text(entry, comparison, lang), entry.body.name, kind_text(entry, lang),
                     headline(reading, catalogue, lang), detail(reading, catalogue, lang),
                     "" if reading.n is None else str(reading.n), sample_label(reading, lang),
                     source_text(entry, lang), note_text(entry, lang)])
    return pd.DataFrame(rows, columns=[t(f"peers.col_{k}", lang) for k in FRAME_KEYS], dtype="string")


def side_by_side(comparisons: list[Comparison], lang: str = "zh") -> pd.DataFrame:
    """Every indicator side by side: one row per body (the centre first), its kind, one column per indicator, each
    cell the value or count as the board shows it, a small sample marked."""
    if not comparisons:
        return pd.DataFrame()
    entries = sorted(comparisons[0].entries, key=lambda e: (not e.body.centre, e.body.name))
    rows = []
    for first in entries:
        body = first.body
        cells = [body.name, kind_text(first, lang)]
        for comparison in comparisons:
            entry = next(e for e in comparison.entries if e.body is body)
            shown = headline(entry.reading, body.dataset.catalogue, lang)
            cells.append(t("peers.small_mark", lang, shown=shown) if entry.standing == SMALL else shown)
        rows.append(cells)
    heads = [t("peers.col_body", lang), t("peers.col_kind", lang), *(c.indicator.name(lang) for c in comparisons)]
    return pd.DataFrame(rows, columns=heads, dtype="string")


def brief_line(comparison: Comparison, lang: str = "zh", limit: int | None = None) -> str:
    """The brief's comparison line of one indicator: where the centre stands, then each other body's value or
    count with its rank or 样本偏少, another kind marked; `limit` bodies at most (the rest counted)."""
    others = [e for e in comparison.entries if not e.body.centre]
    shown = others if limit is None else others[:limit]
    parts = []
    for entry in shown:
        value = headline(entry.reading, entry.body.dataset.catalogue, lang)
        where = t("peers.brief_rank", lang, n=entry.rank) if entry.standing == RANKED else (
            t("lead.sample_small", lang) if entry.standing == SMALL else "")
        kind = t("peers.brief_other_kind", lang) if entry.other_kind else ""
        parts.append(t("peers.brief_body", lang, body=entry.body.name, kind=kind, value=value,
                       where=f"（{where}）" if where else ""))
    if len(others) > len(shown):
        parts.append(t("peers.brief_more", lang, n=len(others) - len(shown)))
    centre = comparison.centre
    head = t("peers.brief_centre_rank", lang, n=centre.rank, of=comparison.ranked) if centre.standing == RANKED \
        else t("peers.brief_centre_unranked", lang)
    return t("peers.brief_line", lang, year=comparison.year, centre=head, bodies="；".join(parts))


def comparison_rows(board: Board, comparisons: list[Comparison], lang: str = "zh") -> list[dict[str, Cell]]:
    """`gjj-dash indicators --peers`: the centre's indicator rows, then each body's, every row led by 机关 (the
    body's name) and followed by its kind, its rank on the indicator (blank when not ranked), why it is not ranked,
    and the file its figures were read from. A body's rows carry no flags: flags are the centre's to steer by."""
    if not comparisons:
        return []
    keys = [t(f"peers.row_{k}", lang) for k in ("body", "kind", "rank", "standing", "file")]
    ident = t("lead.col_id", lang)
    bodies = [e.body for e in sorted(comparisons[0].entries, key=lambda e: (not e.body.centre, e.body.name))]
    out: list[dict[str, Cell]] = []
    for body in bodies:
        entries = {c.indicator.id: (c, next(e for e in c.entries if e.body is body)) for c in comparisons}
        found = tuple(entry.reading for _, entry in entries.values())
        kind_of_body = kind_text(next(iter(entries.values()))[1], lang)
        own = board if body.centre else Board(board.year, found, {board.year: list(found)}, (), board.rules)
        for row in indicator_rows(body.dataset, own, lang):
            pair = entries.get(str(row[ident]))
            rank = pair[1].rank if pair else None
            standing = "" if pair is None or pair[1].standing == RANKED else standing_text(pair[1], pair[0], lang)
            out.append({keys[0]: body.name, **row, keys[1]: kind_of_body, keys[2]: rank, keys[3]: standing,
                        keys[4]: body.file})
    return out
