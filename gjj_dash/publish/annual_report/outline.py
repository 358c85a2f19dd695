"""Publish: each format's report structure — title, opening, sections, where sentences, tables and prose go.

The structure is data (data/catalogue/report_outline.csv), one row per part in printed order (a row names every
format it belongs to: the old national table and Fujian's provincial one share theirs):
  opening / contact  a paragraph of the opening, {year} {body} and the contact's fields filled in;
  section / sub      a heading 一、… or （一）…;
  topic              the narrative sentences of a topic (report_sentences.csv);
  fill               a place for prose only people can write (【待填写：…】), left out where `option` names a topic
                     that already says it;
  annex              a line before the old table (附件：);
  table              the printed table of the catalogue tables named (one table for several: table 二), `across`
                     in `option` for table 四's one row of figures.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gjj_dash.model.catalogue import CatalogueError
from gjj_dash.paths import CATALOGUE_DIR

OUTLINE_FILE = CATALOGUE_DIR / "report_outline.csv"
PARTS = ("opening", "contact", "section", "sub", "topic", "fill", "annex", "table")
TITLE = "{body}{year}年度政府信息公开工作年度报告"
FILL = "【待填写：{prompt}】"
FILL_MARK = "【待填写"
_FIELD = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Part:
    """One row of the outline: what kind of part, its text (heading, template, prompt, topic or table ids)."""

    format: str
    kind: str
    text: str
    option: str = ""


@cache
def load_outline(path: Path = OUTLINE_FILE) -> dict[str, tuple[Part, ...]]:
    """Every format's parts in printed order; an unknown kind is a catalogue error."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out: dict[str, list[Part]] = {}
    for row in rows:
        if row["kind"] not in PARTS:
            raise CatalogueError(f"{path.name}: 未知的部分类型 {row['kind']}")
        for fmt in row["format"].split():  # formats of the same structure share their rows
            out.setdefault(fmt, []).append(Part(**{**row, "format": fmt}))
    return {fmt: tuple(parts) for fmt, parts in out.items()}


def title(body: str, year: int) -> str:
    """The report's title, stating the year so that a re-import finds it: 博州住房公积金管理中心2016年度…年度报告."""
    return TITLE.format(body=body, year=year)


def placeholder(prompt: str) -> str:
    """A clearly marked place for prose only people can write."""
    return FILL.format(prompt=prompt)


def fill_in(template: str, values: dict[str, str]) -> str:
    """A template with its {fields} filled; a field without a value becomes a 【待填写：field】 place."""
    return _FIELD.sub(lambda m: values.get(m.group(1)) or placeholder(m.group(1)), template)
