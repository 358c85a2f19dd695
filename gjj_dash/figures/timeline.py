"""Figures: what the loaded years can truthfully say — the years missing between them, a report-format change told by
the years loaded ("2019年起" only when 2018 is loaded too), and what a change is measured from (the year before, or
the latest loaded year before it with the gap named)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from gjj_dash.figures.year_axis import Gap, YearMarks
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset
from gjj_dash.model.years import between, earlier, gaps, span_text, spans_text


@dataclass(frozen=True)
class Change:
    """A report-format change between two neighbouring loaded years: `before` in the old format, `year` in the new."""

    before: int
    year: int

    @property
    def known(self) -> bool:
        """Whether the change is known to start in `year`: the year before it is loaded."""
        return self.year - self.before == 1


def changes(dataset: Dataset) -> list[Change]:
    """Every change of report format between neighbouring loaded years, in order."""
    return [Change(a, b) for a, b in pairwise(dataset.years) if dataset.format_of(a) != dataset.format_of(b)]


def short_name(dataset: Dataset, year: int, lang: str) -> str:
    """The year's format as a sentence calls it (旧版统计表, 2019年版, 2021年版; its id when not in the catalogue)."""
    fmt = dataset.catalogue.formats.get(dataset.format_of(year))
    if fmt is None:
        return dataset.format_of(year)
    return fmt.short_en if lang == "en" else fmt.short


def change_text(dataset: Dataset, change: Change, lang: str) -> str:
    """One change said by what is known: "2019年起为2019年版（国办公开办函〔2019〕60号）" when the year before is
    loaded, else "2016年为旧版统计表，2024年为2021年版（…）；2017—2023年未导入"."""
    fmt = dataset.catalogue.formats.get(dataset.format_of(change.year))
    basis = t("gaps.basis", lang, basis=fmt.basis) if fmt is not None and fmt.basis else ""
    new = short_name(dataset, change.year, lang)
    if change.known:
        return t("gaps.change_from", lang, year=change.year, label=new, basis=basis)
    missing = between(change.before, change.year)
    return t("gaps.change_across", lang, before=change.before, old=short_name(dataset, change.before, lang),
             year=change.year, new=new, basis=basis, spans=span_text(missing, lang) if missing else "")


def compared_year(dataset: Dataset, year: int) -> int | None:
    """The loaded year a year's changes are measured from: the latest loaded before it (None before the first)."""
    return earlier(dataset.years, year)


def compared_text(dataset: Dataset, year: int, lang: str) -> str:
    """"" for a year-on-year change (or none at all); across a gap, both years and the gap: 与2016年相比（2017—2023年
    缺数据）."""
    before = compared_year(dataset, year)
    missing = None if before is None else between(before, year)
    if missing is None:
        return ""
    return t("gaps.compared", lang, before=before, spans=span_text(missing, lang))


def delta_title(dataset: Dataset, year: int, lang: str) -> str:
    """The heading of a comparison section: 与上一年度比较 only when the year before is loaded."""
    return compared_text(dataset, year, lang) or t("pub.delta_title", lang)


def delta_note(dataset: Dataset, year: int, lang: str) -> str:
    """How the change column is computed: this year − the year before, or − the latest loaded year across a gap."""
    before = compared_year(dataset, year)
    missing = None if before is None else between(before, year)
    if missing is None:
        return t("pub.delta_note", lang)
    return t("gaps.delta_note", lang, year=year, before=before, spans=span_text(missing, lang))


def year_note(dataset: Dataset, year: int, lang: str) -> str:
    """The sentence above a page when its changes are not year on year: one year loaded, the first loaded year, or
    the year before missing (the changes then measured from the latest loaded year, the gap named)."""
    if len(dataset.years) == 1:
        return t("common.single_year", lang, year=year)
    before = compared_year(dataset, year)
    if before is None:
        return t("common.no_prev", lang, prev=year - 1)
    missing = between(before, year)
    if missing is None:
        return ""
    return t("gaps.year_note", lang, prev=year - 1, before=before, spans=span_text(missing, lang))


def missing_notice(years: Iterable[int], lang: str) -> str:
    """One line naming every run of years missing between the first and the latest loaded ("" when none)."""
    runs = gaps(years)
    return t("gaps.notice", lang, spans=spans_text(runs, lang)) if runs else ""


def checks_note(years: Iterable[int], lang: str) -> str:
    """Why the cross-year checks skip some years: they compare neighbouring years only ("" when none is missing)."""
    runs = gaps(years)
    return t("gaps.quality_across", lang, spans=spans_text(runs, lang)) if runs else ""


def year_marks(dataset: Dataset, lang: str) -> YearMarks:
    """The marks of every chart across the loaded years: a labelled dotted line before each year whose format change
    is known, a labelled band over each run of missing years (its hover saying when the format changed inside it)."""
    found = changes(dataset)
    known = tuple((c.year, t("pub.format_from", lang, label=short_name(dataset, c.year, lang)))
                  for c in found if c.known)
    inside = {between(c.before, c.year) for c in found if not c.known}
    bands = tuple(  # the band's words short enough to stand upright in a phone's chart; its hover says the rest
        Gap(first, last, t("gaps.band", lang, spans=span_text((first, last), lang)),
            t("gaps.hover_change" if (first, last) in inside else "gaps.hover", lang,
              spans=span_text((first, last), lang)))
        for first, last in gaps(dataset.years)
    )
    summary = t("gaps.summary", lang, spans=spans_text(gaps(dataset.years), lang)) if bands else ""
    return YearMarks(changes=known, gaps=bands, gap_name=t("gaps.legend", lang), summary=summary)
