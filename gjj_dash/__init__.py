"""gjj-dash: the disclosure dashboard of 博州住房公积金管理中心 — pure package (catalogue, data, exports, CLI)."""

__version__ = "0.1.0"
