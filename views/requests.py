"""依申请公开与复议诉讼: requests, handling, harmonised outcomes, refusal reasons, appeals, fees."""

from gjj_dash.ui import public, shell
from gjj_dash.ui import view as sections

ctx = shell.page("requests.title")
sections.render(public.view("requests", ctx.year, ctx.lang), ctx.lang, page="requests")
