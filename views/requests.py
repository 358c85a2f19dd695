"""依申请公开与复议诉讼: requests, handling, harmonised outcomes, refusal reasons, appeals, fees."""

from gjj_dash.ui import public

public.page("requests")
