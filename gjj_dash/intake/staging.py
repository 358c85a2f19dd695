"""Intake: an upload staged for publishing — read and validated, merged into its year, diffed against the current
version.

The staff page and `gjj-dash import` both stage a file here and publish it with Store.publish, so both run the same
code: the page shows the staged result and publishes only if the version it showed is still current.
"""

from __future__ import annotations

from dataclasses import dataclass

from gjj_dash.i18n import t
from gjj_dash.ingest.decode import clean_name
from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.problems import Finding, Upload
from gjj_dash.store.diff import Change, changes
from gjj_dash.store.merge import Sections, group, sections
from gjj_dash.store.versions import Proposal, Refused, Store, sha256


@dataclass(frozen=True, eq=False)
class Staged:
    """A read upload with what publishing it would change; `refusal` says why it cannot be published as it is."""

    payload: bytes
    filename: str
    upload: Upload
    proposal: Proposal | None
    changes: tuple[Change, ...] = ()
    refusal: str = ""
    findings: tuple[Finding, ...] = ()
    sections: Sections | None = None

    @property
    def sha256(self) -> str:
        return sha256(self.payload)

    @property
    def ok(self) -> bool:
        """Publishable: no reading or validation error, and the year can take it."""
        return self.upload.ok and self.proposal is not None

    @property
    def errors(self) -> list[Finding]:
        """The data-quality errors of the year as it would be published: publishing needs a reason."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def base(self) -> int | None:
        """The version the preview was built on (what must still be current when publishing)."""
        return None if self.proposal is None else self.proposal.base


def stage_upload(
    store: Store, upload: Upload, payload: bytes, filename: str, catalogue: Catalogue | None = None
) -> Staged:
    """Merge an already read upload into its year and list each changed cell (nothing is written)."""
    filename = clean_name(filename)  # metadata only: the client's name never becomes a path
    if not upload.ok:
        return Staged(payload, filename, upload, None)
    try:
        proposal = store.propose(upload)
    except Refused as exc:
        return Staged(payload, filename, upload, None, refusal=str(exc))
    found = tuple(changes(proposal.current, proposal.frame))
    found_sections = sections(proposal.current, proposal.frame, upload, catalogue or load_catalogue())
    findings = tuple(store.findings(proposal))
    return Staged(payload, filename, upload, proposal, found, findings=findings, sections=found_sections)


def detected(upload: Upload, catalogue: Catalogue, lang: str = "zh") -> str:
    """The format the upload was read as, with its basis (“识别为…（国办公开办函〔2021〕30号）”); "" for measures."""
    if upload.kind != "table" or upload.format not in catalogue.formats:
        return ""
    fmt = catalogue.formats[upload.format]
    return t("imports.detected", lang, format=fmt.label, basis=fmt.basis)


def section_messages(staged: Staged, catalogue: Catalogue, lang: str = "zh") -> list[tuple[str, str]]:
    """(severity, text) for the year: a format replaced whole, the tables kept as published, those still missing.

    The tables the file itself carries are the upload's own note (validation), so `gjj-dash validate` says it too.
    """
    found = staged.sections
    if found is None or staged.proposal is None:
        return []
    order = catalogue.tables_of(found.format)
    if len(order) < 2:
        return []
    year, fmt = staged.proposal.year, catalogue.formats[found.format]
    titles = {table.id: table.title for table in order}
    out = []
    current = {f for f in staged.proposal.current["format"] if group(f) == "table"}
    if current and current != {found.format}:
        shown = "、".join(catalogue.formats[f].label for f in sorted(current))
        out.append(("warning", t("imports.other_format", lang, year=year, current=shown, format=fmt.label)))
    if found.kept:
        out.append(("note", t("imports.kept", lang, year=year, tables=_join(found.kept, titles, lang))))
    if found.blanked:
        out.append(("warning", t("imports.blanked", lang, year=year, tables=_join(found.blanked, titles, lang))))
    if found.missing:
        out.append(("warning", t("imports.missing", lang, year=year, tables=_join(found.missing, titles, lang))))
    else:
        out.append(("note", t("imports.complete", lang, year=year, n=len(order))))
    return out


def _join(ids: tuple[str, ...], titles: dict[str, str], lang: str) -> str:
    return ("; " if lang == "en" else "、").join(titles[i] for i in ids)


def stage(
    store: Store, payload: bytes, filename: str, year: int | None = None, catalogue: Catalogue | None = None
) -> Staged:
    """Read, validate and stage one uploaded file."""
    return stage_upload(store, read_upload(payload, filename, year, catalogue), payload, filename, catalogue)


def log_refusal(store: Store, staged: Staged, user: str) -> None:
    """Record in the audit log that a staged file cannot be published (a rejected attempt on the staff page)."""
    lines = [p.line() for p in staged.upload.errors] or [staged.refusal]
    store.reject(staged.upload, staged.payload, staged.filename, user, lines)
