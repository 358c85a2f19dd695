"""Figures: the centre's indicators beside other bodies' — each indicator of the chosen year read for the centre and
for every comparison body listed for that year (each from its own data, by the same code), then sorted: rates of
samples large enough ranked in the indicator's direction, small samples after them never ranked on a rate, bodies
without a value last. A body of another kind than the centre is marked as such."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gjj_dash.figures.indicators import Reading, readings
from gjj_dash.figures.rules import Rules
from gjj_dash.model.bodies import UNKNOWN, BodyKind, kind_of, load_body_kinds
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.leadership import KeyIndicator
from gjj_dash.model.values import CENTRE, Dataset
from gjj_dash.store.peer_layout import PeerSettings
from gjj_dash.store.peers import PeerStore

RANKED, SORTED, SMALL, NO_VALUE = "ranked", "sorted", "small", "none"  # an entry's standing in its comparison


@dataclass(frozen=True, eq=False)
class Compared:
    """One body compared: its name and kind, whether it is the centre, its own data (every year it has, so a change
    reads its own last year), and the file its year was read from."""

    name: str
    kind: BodyKind
    centre: bool
    dataset: Dataset
    file: str
    findings: int = 0  # its year's tables break their own identities this many times (kept as printed)


@dataclass(frozen=True)
class Entry:
    """One body's reading of one indicator, where it stands among the others and whether it is of another kind."""

    body: Compared
    reading: Reading
    standing: str
    rank: int | None
    other_kind: bool


@dataclass(frozen=True)
class Comparison:
    """One indicator in one year for the centre and every body, sorted."""

    indicator: KeyIndicator
    year: int
    entries: tuple[Entry, ...]

    @property
    def centre(self) -> Entry:
        return next(e for e in self.entries if e.body.centre)

    @property
    def ranked(self) -> int:
        """How many bodies are ranked on this indicator."""
        return sum(1 for e in self.entries if e.standing == RANKED)


def centre_name(catalogue: Catalogue, settings: PeerSettings) -> str:
    """The name the centre's rows carry: the staff's setting, else the centre's label in units.csv."""
    return settings.centre_name.strip() or catalogue.units[CENTRE].label


def centre_body(dataset: Dataset, year: int, settings: PeerSettings) -> Compared:
    """The centre as a compared body: its published data, its name and kind, the file or source of its year."""
    report = dataset.reports.get(year, {})
    name = centre_name(dataset.catalogue, settings)
    return Compared(name, kind_of(name), True, dataset, str(report.get("file_name") or report.get("source") or ""))


def peer_bodies(store: PeerStore, year: int, catalogue: Catalogue) -> list[Compared]:
    """Every comparison body listed for a year, each with all its listed years."""
    kinds = load_body_kinds()
    out = []
    for version in store.of_year(year):
        dataset = store.dataset(version.key, catalogue)
        out.append(Compared(version.body, kinds.get(version.kind, kinds[UNKNOWN]), False, dataset, version.filename,
                            version.findings))
    return out


def _order(entry: Entry) -> tuple:
    """Ranked first (by value in the indicator's direction), then small samples (largest first), then no value."""
    reading = entry.reading
    group = {RANKED: 0, SORTED: 0, SMALL: 1, NO_VALUE: 2}[entry.standing]
    value = reading.value or 0.0
    if entry.standing in (RANKED, SORTED):
        key = value if reading.indicator.direction == "lower" else -value
    elif entry.standing == SMALL:
        key = -(reading.n or 0)
    else:
        key = 0.0
    return group, key, not entry.body.centre, entry.body.name


def _standing(reading: Reading) -> str:
    if reading.value is None:
        return NO_VALUE
    if reading.small:
        return SMALL
    return SORTED if reading.indicator.direction == "neutral" else RANKED


def _ranked(entries: list[Entry]) -> tuple[Entry, ...]:
    """Sorted, and the ranked ones numbered (equal values share a rank: 1, 1, 3); the centre alone is not ranked."""
    ordered = sorted(entries, key=_order)
    out, last, rank = [], None, 0
    for n, entry in enumerate(ordered, start=1):
        if entry.standing == RANKED and len(ordered) > 1:
            value = round(entry.reading.value or 0.0, 6)
            rank = rank if value == last else n
            last = value
            entry = Entry(entry.body, entry.reading, entry.standing, rank, entry.other_kind)
        out.append(entry)
    return tuple(out)


def compare(centre: Compared, peers: Sequence[Compared], year: int, rules: Rules) -> list[Comparison]:
    """Every leadership indicator of a year for the centre and each body, sorted (catalogue order of indicators)."""
    bodies = [centre, *peers]
    by_body = [readings(b.dataset, year, rules) for b in bodies]
    out = []
    for n, first in enumerate(by_body[0]):
        entries = [Entry(body, found[n], _standing(found[n]), None, of_other_kind(centre.kind, body.kind))
                   for body, found in zip(bodies, by_body, strict=True)]
        out.append(Comparison(first.indicator, year, _ranked(entries)))
    return out


def year_comparison(dataset: Dataset, year: int, rules: Rules, data_dir: Path) -> list[Comparison]:
    """The comparison of a loaded year with the bodies the data directory lists for it (the centre alone when none
    is: see has_peers)."""
    store = PeerStore(data_dir, read_only=True)
    peers = peer_bodies(store, year, dataset.catalogue)
    return compare(centre_body(dataset, year, store.settings()), peers, year, rules)


def has_peers(comparisons: Sequence[Comparison]) -> bool:
    """Whether a comparison holds any body besides the centre."""
    return bool(comparisons) and len(comparisons[0].entries) > 1


def of_other_kind(centre: BodyKind, kind: BodyKind) -> bool:
    """Another kind than the centre's (an unknown kind is said to be unknown, not claimed to differ)."""
    return UNKNOWN not in (centre.id, kind.id) and kind.id != centre.id
