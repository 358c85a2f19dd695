"""主动公开: items disclosed, the channel mix with its counting rule, responses, and their trends."""

from gjj_dash.ui import public, shell
from gjj_dash.ui import view as sections

ctx = shell.page("disclosure.title")
sections.render(public.view("disclosure", ctx.year, ctx.lang), ctx.lang, page="disclosure")
