"""门户与查询: portal visits, personal queries and channels, 查阅点 (table and text), media and outreach."""

from gjj_dash.ui import public

public.page("portal")
