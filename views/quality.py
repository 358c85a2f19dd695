"""数据质量: every finding of the audit, within a year and across years, filterable by severity; nothing corrected."""

import streamlit as st

from gjj_dash.figures.timeline import checks_note
from gjj_dash.i18n import t
from gjj_dash.model.problems import SEVERITIES
from gjj_dash.quality.findings import ICONS, counts, is_cross_year, selected, severity_label
from gjj_dash.ui import loaders, quality, shell, widgets

ctx = shell.page("quality.title")
st.caption(t("quality.intro", ctx.lang))

findings = loaders.findings(ctx.lang)
chosen = st.pills(
    t("quality.filter", ctx.lang),
    options=list(SEVERITIES),
    format_func=lambda s: f"{ICONS[s]} {severity_label(s, ctx.lang)}",
    selection_mode="multi",
    default=list(SEVERITIES),
    key="quality_severity",
)
scope = st.segmented_control(
    t("quality.scope", ctx.lang),
    options=["year", "all"],
    format_func=lambda s: t(f"quality.scope_{s}", ctx.lang, year=ctx.year),
    default="year",
    required=True,
    key="quality_scope",
)
year = ctx.year if scope == "year" else None
severities = tuple(s for s in SEVERITIES if s in (chosen or []))
shown = selected(findings, severities, year)

tally = counts(selected(findings, SEVERITIES, year))
for column, severity in zip(st.columns(len(SEVERITIES)), SEVERITIES, strict=True):
    column.metric(f"{ICONS[severity]} {severity_label(severity, ctx.lang)}", tally[severity])

st.subheader(t("quality.within", ctx.lang))
quality.finding_list([f for f in shown if not is_cross_year(f)], ctx.lang, key="quality_within")

st.subheader(t("quality.across", ctx.lang))
if skipped := checks_note(ctx.dataset.years, ctx.lang):
    st.caption(skipped)
if len(ctx.dataset.years) < 2:
    st.caption(t("quality.single_year", ctx.lang, year=ctx.year))
else:
    quality.finding_list([f for f in shown if is_cross_year(f)], ctx.lang, key="quality_across")

st.subheader(t("quality.table", ctx.lang))
# The same rows as `shown`, built once per data version and choice (with its CSV and Arrow forms).
table = loaders.findings_table(ctx.lang, severities, year)
widgets.table(table, key="quality_table")
widgets.table_download(table, "data-quality", year or "all", "quality_csv", ctx.lang)

with st.expander(t("quality.rules", ctx.lang)):
    widgets.table(loaders.checks_table(lang=ctx.lang), key="quality_rules")
