"""The seed's annex read by the tests themselves (independent of the package's readers)."""

from __future__ import annotations

from pathlib import Path

ANNEX = Path(__file__).resolve().parent.parent / "fixtures" / "seed-annex-2016.txt"
NOTE = "(不同渠道和方式公开相同信息计1条)"


def annex_rows() -> list[tuple[str, str, str]]:
    """The annex's (label, unit, value) triples in printed order, the stray note line skipped."""
    cells = [line.rstrip("\n").removesuffix("|").strip() for line in ANNEX.read_text(encoding="utf-8").splitlines()]
    body = cells[cells.index("统计数") + 1 :]
    body = body[: next(i for i, c in enumerate(body) if c.startswith("单位负责人"))]
    body = [c for c in body if c != NOTE]
    assert len(body) % 3 == 0
    return [tuple(body[i : i + 3]) for i in range(0, len(body), 3)]  # type: ignore[misc]
