"""主动公开: items disclosed, the channel mix with its counting rule, responses, and their trends."""

from gjj_dash.ui import public, sections, shell

ctx = shell.page("disclosure.title")
sections.render(public.view("disclosure", ctx.year, ctx.lang), ctx.lang, page="disclosure")
