"""总览: the year's key figures with unit, source, qualifier and year-on-year change."""

from gjj_dash.ui import public

public.page("overview")
