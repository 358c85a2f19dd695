"""服务大厅: windows and staff (centre totals or per branch), the facility matrix, home visits, leaflets."""

from gjj_dash.ui import public, shell
from gjj_dash.ui import view as sections

ctx = shell.page("halls.title")
sections.render(public.view("halls", ctx.year, ctx.lang), ctx.lang, page="halls")
