"""门户与查询: portal visits, personal queries and channels, 查阅点 (table and text), media and outreach."""

from gjj_dash.ui import public, shell
from gjj_dash.ui import view as sections

ctx = shell.page("portal.title")
sections.render(public.view("portal", ctx.year, ctx.lang), ctx.lang, page="portal")
