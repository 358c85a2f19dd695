"""Ingest: the upload's problems in Chinese, their wording kept in data/i18n/upload.csv (keys upload.*)."""

from __future__ import annotations

from gjj_dash.i18n import t
from gjj_dash.model.problems import Problem


class Refusal(Exception):
    """A file that cannot be read at all (empty, garbage, wrong type, too big): one problem, nothing else to check."""

    def __init__(self, problem: Problem):
        super().__init__(problem.line())
        self.problem = problem


def problem(key: str, row: int | None = None, column: str | None = None, severity: str = "error", **values) -> Problem:
    """A Problem whose Chinese message is the upload.csv text of `key` with its {placeholders} filled in."""
    return Problem(t(f"upload.{key}", "zh", **values), row, column, severity)


def refuse(key: str, row: int | None = None, column: str | None = None, **values) -> Refusal:
    """The Refusal carrying one error problem."""
    return Refusal(problem(key, row, column, **values))


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 27 → AB), as staff see it in Excel/WPS."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
