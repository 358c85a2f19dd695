"""Model: the small values every reader, validator and check hands back — problems, findings, parsed uploads."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from gjj_dash.model.values import empty_values

SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class Problem:
    """Something wrong with an uploaded file, located by file row and column, with a Chinese message."""

    message: str
    row: int | None = None
    column: str | None = None
    severity: str = "error"

    def line(self) -> str:
        """The problem as one line for the CLI and the staff page: 第3行 “统计数”列：…"""
        where = ""
        if self.row is not None:
            where += f"第{self.row}行"
        if self.column:
            where += f"“{self.column}”列"
        return f"{where}：{self.message}" if where else self.message


@dataclass(frozen=True)
class Finding:
    """A data-quality finding: both sides of a comparison with their figures and sources, and a plain sentence."""

    year: int
    check: str
    severity: str
    message: str
    left: str = ""
    left_value: float | None = None
    right: str = ""
    right_value: float | None = None
    sources: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Upload:
    """A file read into the canonical frame, with everything found wrong with it (nothing published yet)."""

    kind: str
    format: str | None
    year: int | None
    encoding: str
    frame: pd.DataFrame = field(default_factory=empty_values)
    report: dict = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors
