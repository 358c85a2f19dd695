"""Model: the kinds of body a report may come from (data/catalogue/body_kinds.csv) — a housing-fund centre, a
government's general office, an area's government, a department, a public institution — told from the words of the
body's own name, and the stable key a body's name is filed under."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gjj_dash.model.catalogue import CatalogueError
from gjj_dash.model.numbers import normalise_text
from gjj_dash.paths import CATALOGUE_DIR

KINDS_FILE = "body_kinds.csv"
UNKNOWN = "unknown"
KEY_LENGTH = 16


@dataclass(frozen=True)
class BodyKind:
    """One kind of body: its name in both languages, the words of a body's name that show it, and what it means."""

    id: str
    label: str
    label_en: str
    pattern: str
    note: str

    def name(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label

    def matches(self, body: str) -> bool:
        """Whether the body's name (normalised) carries this kind's words; the unknown kind matches nothing."""
        return bool(self.pattern) and re.search(self.pattern, normalise_text(body)) is not None


@cache
def load_body_kinds(folder: Path = CATALOGUE_DIR) -> dict[str, BodyKind]:
    """Every kind in file order (the order names are tested in); the last is the unknown kind, with no words."""
    with (folder / KINDS_FILE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        kinds: dict[str, BodyKind] = {}
        for row in reader:
            fields = {k: (v or "").strip() for k, v in row.items() if k is not None}
            try:
                kind = BodyKind(**fields)
                re.compile(kind.pattern)
            except (TypeError, re.error) as exc:
                raise CatalogueError(f"{KINDS_FILE} 第{reader.line_num}行：{exc}") from exc
            kinds[kind.id] = kind
    if UNKNOWN not in kinds:
        raise CatalogueError(f"{KINDS_FILE}：缺少 {UNKNOWN}（类型未识别）一行")
    return kinds


def kind_of(body: str) -> BodyKind:
    """The kind a body's name shows (the first kind whose words it carries), else the unknown kind."""
    kinds = load_body_kinds()
    return next((k for k in kinds.values() if k.matches(body)), kinds[UNKNOWN])


def same_body(a: str, b: str) -> bool:
    """Two names of one body as written (white space, full-width forms and look-alikes folded)."""
    return normalise_text(a) == normalise_text(b)


def body_key(body: str) -> str:
    """The folder a body's reports are filed under: a hash of its normalised name (never the name itself, so no
    file-system character or length question arises)."""
    return hashlib.sha256(normalise_text(body).encode("utf-8")).hexdigest()[:KEY_LENGTH]
