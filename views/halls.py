"""服务大厅: windows and staff (centre totals or per branch), the facility matrix, home visits, leaflets."""

from gjj_dash.ui import public

public.page("halls")
