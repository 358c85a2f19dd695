"""总览: the leadership board (indicators, 需关注, data status, the brief), then the year's key figures with unit,
source, qualifier and year-on-year change."""

from gjj_dash.ui import leadership

leadership.page()
