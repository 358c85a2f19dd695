"""gjj-dash: the disclosure dashboard of 博州住房公积金管理中心 — layered subpackages (see README, Architecture)."""
