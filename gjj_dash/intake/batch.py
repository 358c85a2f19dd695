"""Intake: importing several reports at once — files (or a zip of them) each read and staged for its own year, the year
each report states, narrative measures kept beside the year's other measures, and a file already published as it
is recognised so importing it again changes nothing. Shared by `gjj-dash import` and the staff page's 导入年度报告.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from gjj_dash.ingest.decode import DOCUMENT_SUFFIXES, TEXT_SUFFIXES, Limits, clean_name, limits, suffix
from gjj_dash.ingest.messages import Refusal
from gjj_dash.ingest.readers import read_upload
from gjj_dash.ingest.sentences import narrative_records
from gjj_dash.ingest.workbook import check_zip, member_bytes
from gjj_dash.intake.staging import Staged, stage_upload
from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.numbers import normalise_text
from gjj_dash.model.problems import Upload
from gjj_dash.model.values import conform
from gjj_dash.store.versions import Store, sha256

MEASURE = "measure"
# What a zip may hold to be several reports rather than one year's section CSVs (which are CSV/TXT only).
REPORT_MEMBERS = (*DOCUMENT_SUFFIXES, ".xlsx", *TEXT_SUFFIXES)


@dataclass(frozen=True)
class Incoming:
    """One file to import: its cleaned name (and the zip it came from) and its bytes."""

    name: str
    payload: bytes
    archive: str = ""

    @property
    def shown(self) -> str:
        return f"{self.archive}·{self.name}" if self.archive else self.name


def expand(files: Iterable[tuple[str, bytes]], lim: Limits | None = None) -> list[Incoming]:
    """The files to read: each as given, except a zip of reports, whose members are read one by one (a zip of
    section CSVs is one year's table and stays whole)."""
    lim = lim or limits()
    out: list[Incoming] = []
    for name, payload in files:
        name = clean_name(name)
        members = _report_members(name, payload, lim)
        out += [Incoming(member, data, name) for member, data in members] if members else [Incoming(name, payload)]
    return out


def _report_members(name: str, payload: bytes, lim: Limits) -> list[tuple[str, bytes]]:
    if suffix(name) != ".zip" or not payload.startswith(b"PK\x03\x04"):
        return []
    try:
        infos = check_zip(payload, lim, workbook=False)
    except Refusal:
        return []  # read_upload refuses it with the reason
    names = [i.filename for i in infos if not i.filename.endswith("/") and not i.filename.startswith("__MACOSX/")]
    if not names or all(n.lower().endswith(TEXT_SUFFIXES) for n in names):
        return []  # section CSVs: one year's table
    if not all(n.lower().endswith(REPORT_MEMBERS) for n in names):
        return []  # read_upload names the member it cannot take
    try:
        return member_bytes(payload, names, lim)
    except Refusal:
        return []  # read_upload refuses the archive with the reason


def stage_file(store: Store, item: Incoming, year: int | None, catalogue: Catalogue | None = None) -> Staged:
    """Read, validate and stage one file; a report's narrative measures join the year's other published measures
    (a report never drops the halls or queries a measures file gave that year)."""
    catalogue = catalogue or load_catalogue()
    upload = read_upload(item.payload, item.name, year, catalogue)
    if upload.ok and upload.year is not None and "document" in upload.report:
        upload = with_kept_measures(store, upload)
    return stage_upload(store, upload, item.payload, item.name, catalogue)


def with_kept_measures(store: Store, upload: Upload, confirmed: pd.DataFrame | None = None) -> Upload:
    """The upload with the year's published measures it does not restate (and the figures a person confirmed in
    the preview), so publishing the report replaces its table and only the measures it states — when the year's
    published report is the same body's."""
    published = store.published(upload.year)
    frames = [upload.frame]
    if confirmed is not None and not confirmed.empty:
        frames.append(confirmed)
    stated = {(r.indicator, r.unit) for f in frames for r in f.itertuples() if r.format == MEASURE}
    same_body = published is not None and _body(published[1]) == _body(upload.report)
    if published is not None and same_body:  # another body's measures never join this report's year
        current = published[0]
        kept = current[(current["format"] == MEASURE) &
                       ~current[["indicator", "unit"]].apply(tuple, axis=1).isin(stated)]
        frames.append(kept)
    return replace(upload, frame=conform(pd.concat(frames, ignore_index=True)))


def with_confirmed(upload: Upload, hits: list[dict], catalogue_source: str) -> Upload:
    """The upload with the narrative figures a person confirmed in the preview (each sourced to its sentence and to
    the confirmation), replacing any figure of the same measure it held."""
    if not hits:
        return upload
    document = upload.report.get("source", "")
    rows = narrative_records({"read": hits}, int(upload.year), document)
    for row in rows:
        row["source"] += f"（{catalogue_source}）"
    confirmed = conform(pd.DataFrame(rows))
    keys = set(zip(confirmed["indicator"], confirmed["unit"], strict=True))
    frame = upload.frame
    kept = frame[~((frame["format"] == MEASURE) & pd.Series(
        [(i, u) in keys for i, u in zip(frame["indicator"], frame["unit"], strict=True)], index=frame.index))]
    return replace(upload, frame=conform(pd.concat([kept, confirmed], ignore_index=True)))


def _body(report: dict) -> str:
    return normalise_text(str(report.get("reporting_unit", "")))


def unchanged(store: Store, staged: Staged) -> int | None:
    """The version this very file was published as, when it is the year's current one and nothing would change."""
    upload = staged.upload
    if not staged.ok or staged.changes or upload.year is None:
        return None
    current = store.current(upload.year)
    version = next((v for v in store.versions(upload.year) if v.number == current), None)
    return current if version is not None and version.sha256 == sha256(staged.payload) else None


def by_year(staged: list[tuple[Incoming, Staged]]) -> dict[int | None, list[tuple[Incoming, Staged]]]:
    """The staged files grouped by the year each was read as (None: no year could be told)."""
    out: dict[int | None, list[tuple[Incoming, Staged]]] = {}
    for item, found in staged:
        out.setdefault(found.upload.year, []).append((item, found))
    return dict(sorted(out.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))
