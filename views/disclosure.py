"""主动公开: items disclosed, the channel mix with its counting rule, responses, and their trends."""

from gjj_dash.ui import public

public.page("disclosure")
