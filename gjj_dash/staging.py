"""I/O: an upload staged for publishing — read and validated, merged into its year, diffed against the current version.

The staff page and `gjj-dash import` both stage a file here and publish it with Store.publish, so both run the same
code: the page shows the staged result and publishes only if the version it showed is still current.
"""

from __future__ import annotations

from dataclasses import dataclass

from gjj_dash.catalogue import Catalogue
from gjj_dash.decode import clean_name
from gjj_dash.diff import Change, changes
from gjj_dash.problems import Finding, Upload
from gjj_dash.store import Proposal, Refused, Store, sha256


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


def stage_upload(store: Store, upload: Upload, payload: bytes, filename: str) -> Staged:
    """Merge an already read upload into its year and list each changed cell (nothing is written)."""
    filename = clean_name(filename)  # metadata only: the client's name never becomes a path
    if not upload.ok:
        return Staged(payload, filename, upload, None)
    try:
        proposal = store.propose(upload)
    except Refused as exc:
        return Staged(payload, filename, upload, None, refusal=str(exc))
    found = tuple(changes(proposal.current, proposal.frame))
    return Staged(payload, filename, upload, proposal, found, findings=tuple(store.findings(proposal)))


def stage(
    store: Store, payload: bytes, filename: str, year: int | None = None, catalogue: Catalogue | None = None
) -> Staged:
    """Read, validate and stage one uploaded file."""
    from gjj_dash.readers import read_upload

    return stage_upload(store, read_upload(payload, filename, year, catalogue), payload, filename)


def log_refusal(store: Store, staged: Staged, user: str) -> None:
    """Record in the audit log that a staged file cannot be published (a rejected attempt on the staff page)."""
    lines = [p.line() for p in staged.upload.errors] or [staged.refusal]
    store.reject(staged.upload, staged.payload, staged.filename, user, lines)
