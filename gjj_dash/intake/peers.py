"""Intake: a report taken in as a comparison body's year — read with the same readers as the centre's reports, its
body and year taken from the report where it states them (or given by staff; a report stating neither, and given
neither, is refused), its kind told from the body's name (or chosen by staff), its own identity failures counted —
then listed in the comparison area (gjj_dash.store.peers). Shared by `gjj-dash peers add` and the staff page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gjj_dash.i18n import t
from gjj_dash.ingest.readers import read_upload
from gjj_dash.intake.batch import Incoming, expand
from gjj_dash.model.bodies import BodyKind, kind_of, load_body_kinds, same_body
from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.numbers import normalise_text
from gjj_dash.model.problems import Finding, Upload
from gjj_dash.model.values import CENTRE
from gjj_dash.quality.checks import check_values
from gjj_dash.store.peer_layout import PeerVersion
from gjj_dash.store.peers import PeerStore
from gjj_dash.store.versions import sha256

MISSING_BODY, MISSING_YEAR = "body", "year"


@dataclass(frozen=True, eq=False)
class Candidate:
    """One file read as a comparison body's year: the body and where it came from, the kind, the checks' findings,
    and every reason it cannot be added (none: it can)."""

    item: Incoming
    upload: Upload
    body: str  # the body it will be listed as ("" when neither the report nor staff name one)
    stated: str  # the body the report names itself ("" when it names none)
    kind: BodyKind
    kind_by: str  # "words" (from the name) or "staff" (chosen)
    findings: tuple[Finding, ...] = ()
    refusals: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # what staff may still give: MISSING_BODY, MISSING_YEAR

    @property
    def ok(self) -> bool:
        return not self.refusals

    @property
    def errors(self) -> list[Finding]:
        """The report's own identity failures (kept as printed, shown beside its figures)."""
        return [f for f in self.findings if f.severity == "error"]


def stated_body(upload: Upload) -> str:
    """The body a report names: its title's body, else its 填报单位 (never the centre's name filled in for it)."""
    document = upload.report.get("document") or {}
    footer = upload.report.get("footer") or {}
    return str(document.get("body") or footer.get("填报单位") or "").strip()


def resolve_body(stated: str, given: str) -> tuple[str, str]:
    """(body, refusal): the stated body, or the given one; both naming the same body (one inside the other, e.g.
    “淮安市洪泽区人民政府” for “洪泽区人民政府”) give the fuller name; two different bodies are refused."""
    given = given.strip()
    if not given or not stated:
        return given or stated, ""
    a, b = normalise_text(stated), normalise_text(given)
    if a == b:
        return stated, ""  # the same name typed with other spaces: as the report prints it
    if a in b or b in a:
        return (given if len(b) >= len(a) else stated), ""
    return "", t("peers.err_body_differs", "zh", stated=stated, given=given)


def read_peer(item: Incoming, body: str = "", year: int | None = None, kind: str = "",
              centre_name: str = "", catalogue: Catalogue | None = None) -> Candidate:
    """Read one file as a comparison body's year: what it is, and why it cannot be added, if it cannot."""
    catalogue = catalogue or load_catalogue()
    upload = read_upload(item.payload, item.name, year, catalogue)
    stated = stated_body(upload)
    resolved, differs = resolve_body(stated, body)
    refusals = [p.line() for p in upload.errors]
    missing = [MISSING_YEAR] if upload.year is None else []
    if differs:
        refusals.append(differs)
    elif not resolved:
        refusals.append(t("peers.err_no_body", "zh"))
        missing.append(MISSING_BODY)
    centre = centre_name.strip() or catalogue.units[CENTRE].label
    if resolved and (same_body(resolved, centre) or same_body(resolved, catalogue.units[CENTRE].label)):
        refusals.append(t("peers.err_centre", "zh", centre=resolved))
    kinds = load_body_kinds()
    chosen = kinds.get(kind) if kind else None
    found = check_values(upload.frame, catalogue, {upload.year: upload.report}) if upload.ok and upload.year else []
    return Candidate(item, upload, resolved, stated, chosen or kind_of(resolved), "staff" if chosen else "words",
                     tuple(found), tuple(refusals), tuple(missing))


def read_peers(files: Iterable[tuple[str, bytes]], body: str = "", year: int | None = None, kind: str = "",
               centre_name: str = "", catalogue: Catalogue | None = None) -> list[Candidate]:
    """Several files (or a zip of reports), each read for the body and year it states."""
    catalogue = catalogue or load_catalogue()
    return [read_peer(item, body, year, kind, centre_name, catalogue) for item in expand(files)]


def listed_as(store: PeerStore, candidate: Candidate) -> PeerVersion | None:
    """The version the candidate's body and year list now (None: not listed), to say whether adding it would change
    nothing or replace another file."""
    return next((v for v in store.find(candidate.body) if v.year == candidate.upload.year), None)


def unchanged(version: PeerVersion | None, candidate: Candidate) -> bool:
    """Whether the listed version is this very file, body and kind (adding it again changes nothing)."""
    return version is not None and version.holds(sha256(candidate.item.payload), candidate.kind.id, candidate.body)


def add_peer(store: PeerStore, candidate: Candidate, user: str) -> tuple[PeerVersion, bool]:
    """List a candidate that can be added: (the version listed, whether anything was added)."""
    return store.add(candidate.upload, candidate.item.payload, candidate.item.name, candidate.body,
                     candidate.kind.id, candidate.kind_by, user, len(candidate.errors))


def log_refusal(store: PeerStore, candidate: Candidate, user: str) -> None:
    """Journal a file refused as a comparison body, with every reason."""
    store.reject(candidate.item.payload, candidate.item.name, user, candidate.upload.year, candidate.refusals)
