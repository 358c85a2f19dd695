"""Store: the versioned store — uploads kept by SHA-256, immutable versions, a pointer per year, the journal.

The layout is gjj_dash.store.layout's; publishing and rollback are locked and atomic.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from gjj_dash.i18n import t
from gjj_dash.model.problems import Finding, Upload
from gjj_dash.model.values import empty_values, read_values, write_values
from gjj_dash.paths import BUNDLED_DATA, is_public
from gjj_dash.store import journal, layout
from gjj_dash.store.atomic import write_file, write_folder
from gjj_dash.store.checked import proposal_findings
from gjj_dash.store.journal import now
from gjj_dash.store.layout import BASE
from gjj_dash.store.merge import Unmergeable, merged
from gjj_dash.store.recovery import fault, journaled, needs_recovery, recover

LOCK_TIMEOUT = 30.0
_SHA = re.compile(r"[0-9a-f]{64}")


class StoreError(Exception):
    """Anything the store refuses or could not finish, with a Chinese message; published data is unchanged."""


class ReadOnlyStore(StoreError):
    """A write asked of a store opened read-only (the public deployment, or the bundled data/)."""


class Conflict(StoreError):
    """Someone published or rolled back after the person previewed: nothing was changed."""


class Refused(StoreError):
    """An upload with errors, or with data-quality errors and no reason given: nothing was published."""


@dataclass(frozen=True)
class Version:
    """One published version of a year: who, when, which file, how many rows, which version it replaced."""

    year: int
    number: int
    user: str
    time: str
    sha256: str
    filename: str
    kind: str
    format: str
    encoding: str
    rows: int
    uploaded_rows: int
    previous: int
    reason: str = ""
    warnings: int = 0


@dataclass(frozen=True, eq=False)
class Proposal:
    """What publishing an upload would make the year: the merged values and report, and the version it builds on."""

    year: int
    base: int
    frame: pd.DataFrame
    report: dict
    current: pd.DataFrame


def sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


class Store:
    """The store of one data directory; read-only in the public deployment and on the bundled data/."""

    def __init__(self, data_dir: Path, *, read_only: bool | None = None):
        self.root = Path(data_dir)
        self.public = is_public() if read_only is None else read_only
        self.bundled = self.root.resolve() == BUNDLED_DATA.resolve()
        if not (self.public or self.bundled) and needs_recovery(self.root):
            with self._locked():  # _locked finishes a publish or rollback a kill left half-done
                pass

    # -- reading -------------------------------------------------------------------------------------------------

    def current(self, year: int) -> int:
        """The published version number of a year (0: the data the store started from, or nothing)."""
        return layout.pointed(self.root, year)

    def _folder(self, year: int, number: int) -> Path:
        return layout.version_folder(self.root, year, number)

    def base_dir(self, year: int) -> Path | None:
        return layout.base_dir(self.root, year)

    def current_dirs(self) -> dict[int, Path]:
        """The folder of each year whose pointer names a stored version."""
        return layout.current_dirs(self.root)

    def published(self, year: int) -> tuple[pd.DataFrame, dict] | None:
        """The values and report a year publishes now, or None when the year has none."""
        number = self.current(year)
        folder = self._folder(year, number) if number != BASE else self.base_dir(year)
        if folder is None:
            return None
        return read_values(folder / "values.csv"), json.loads((folder / "report.json").read_text(encoding="utf-8"))

    def _numbers(self, year: int) -> list[int]:
        return layout.numbers(self.root, year)

    def versions(self, year: int) -> list[Version]:
        """Every stored version of a year, newest first (version 0 is not listed)."""
        out = []
        for number in sorted(self._numbers(year), reverse=True):
            meta = self._folder(year, number) / "version.json"
            with contextlib.suppress(OSError, ValueError, TypeError):
                out.append(Version(**json.loads(meta.read_text(encoding="utf-8"))))
        return out

    def years(self) -> list[int]:
        """Years with at least one stored version."""
        return layout.stored_years(self.root)

    def journal(self, year: int | None = None) -> list[dict]:
        """The journal (audit.jsonl), oldest first; with a year, that year's entries only."""
        return journal.entries(self.root, year)

    def original(self, digest: str) -> bytes:
        """The bytes of an accepted file, by its SHA-256 (only a 64-hex name ever reaches the file system)."""
        if not _SHA.fullmatch(digest or ""):
            raise StoreError(t("admin.err_bad_hash", "zh"))
        try:
            return (self.root / layout.UPLOADS / digest).read_bytes()
        except OSError as exc:
            raise StoreError(t("admin.err_no_file", "zh", sha=digest[:12])) from exc

    # -- preparing -----------------------------------------------------------------------------------------------

    def propose(self, upload: Upload) -> Proposal:
        """The year as publishing this upload would leave it, and the version that is current now."""
        base = self.current(upload.year) if upload.year is not None else BASE
        now_published = self.published(upload.year) if upload.year is not None else None
        current, report = now_published if now_published else (empty_values(), {})
        try:
            frame, report = merged(current, report, upload)
        except Unmergeable as exc:
            raise Refused(str(exc)) from exc
        return Proposal(int(upload.year), base, frame, report, current)

    def findings(self, proposal: Proposal) -> list[Finding]:
        """The data-quality findings of the proposed year, checked beside the other published years (a preview's
        check is reused by the publish that follows while nothing published changed)."""
        return proposal_findings(self.root, proposal.year, proposal.frame, proposal.report)

    # -- writing -------------------------------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.public:
            raise ReadOnlyStore(t("admin.err_public", "zh"))
        if self.bundled:
            raise ReadOnlyStore(t("admin.err_bundled", "zh"))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            with FileLock(str(self.root / layout.LOCK), timeout=LOCK_TIMEOUT):
                recover(self.root)
                yield
        except Timeout as exc:
            raise StoreError(t("admin.err_busy", "zh")) from exc

    def record(self, action: str, user: str, year: int | None, **fields: object) -> dict:
        """Append one entry to the journal (also for refused attempts)."""
        self._writable()
        return journal.append(self.root, {"time": now(), "user": user, "action": action, "year": year, **fields})

    def reject(self, upload: Upload | None, payload: bytes, filename: str, user: str, problems: Sequence[str]) -> None:
        """Record a refused upload in the audit log (its bytes are not kept)."""
        self.record(
            "reject", user, upload.year if upload else None, sha256=sha256(payload), filename=filename,
            rows=0 if upload is None else len(upload.frame), problems=list(problems)[:50],
        )

    def publish(
        self,
        upload: Upload,
        payload: bytes,
        filename: str,
        user: str,
        *,
        expected_version: int | None = None,
        force_reason: str = "",
    ) -> Version:
        """Publish an upload as the year's next version, atomically and under the lock; refuse and log otherwise.

        expected_version is the version the person previewed (None: no preview, as for the CLI). Data-quality errors
        in the year as it would be published need a force_reason ("publish anyway"), which goes into the audit log.
        """
        self._writable()
        digest, reason = sha256(payload), force_reason.strip()
        if not upload.ok:
            self.reject(upload, payload, filename, user, [p.line() for p in upload.errors])
            raise Refused(t("admin.err_refused", "zh", n=len(upload.errors)))
        with self._locked():
            try:
                draft = self.propose(upload)
            except Refused as exc:
                self.reject(upload, payload, filename, user, [str(exc)])
                raise
            if expected_version is not None and draft.base != expected_version:
                self.record("conflict", user, draft.year, sha256=digest, filename=filename, expected=expected_version,
                         previous=draft.base, rows=len(upload.frame))
                raise Conflict(t("admin.err_conflict", "zh", year=draft.year, seen=expected_version, now=draft.base))
            quality = [f for f in self.findings(draft) if f.severity == "error"]
            if quality and not reason:
                self.reject(upload, payload, filename, user, [f.message for f in quality])
                raise Refused(t("admin.err_needs_reason", "zh", n=len(quality)))
            number = max(self._numbers(draft.year), default=BASE) + 1
            version = Version(
                draft.year, number, user, now(), digest, filename, upload.kind, draft.report["format"],
                upload.encoding, len(draft.frame), len(upload.frame), draft.base, reason, len(upload.warnings),
            )
            try:
                self._keep(digest, payload)
                self._write_version(version, draft)
            except Exception as exc:
                self._log_failure(version, exc)
                raise StoreError(t("admin.err_interrupted", "zh", error=type(exc).__name__)) from exc
            self._moved("publish", user, draft.year, sha256=digest, filename=filename, version=number,
                        previous=draft.base, rows=len(upload.frame), version_rows=len(draft.frame), reason=reason,
                        warnings=len(upload.warnings), findings=len(quality))
        return version

    def rollback(self, year: int, to: int, user: str, reason: str = "", expected_version: int | None = None) -> int:
        """Point a year back at an earlier version (0: the data the store started from); logged, nothing deleted."""
        self._writable()
        with self._locked():
            current = self.current(year)
            if expected_version is not None and current != expected_version:
                raise Conflict(t("admin.err_conflict_rollback", "zh", year=year, seen=expected_version, now=current))
            numbers = {v.number for v in self.versions(year)}
            if not numbers:
                raise StoreError(t("admin.err_no_versions", "zh", year=year))
            if to != BASE and to not in numbers:
                raise StoreError(t("admin.err_no_version", "zh", year=year, version=to))
            if to == current:
                raise StoreError(t("admin.err_same_version", "zh", year=year, version=to))
            self._moved("rollback", user, year, version=to, previous=current, reason=reason.strip())
        return to

    def _moved(self, action: str, user: str, year: int, **fields: object) -> None:
        """Move a year's pointer journaled: intent, pointer, done (gjj_dash.store.recovery)."""
        entry = {"time": now(), "user": user, "action": action, "year": year, **fields}
        try:
            journaled(self.root, entry, lambda: self._point(year, int(fields["version"]), user))
        except Exception as exc:
            raise StoreError(t("admin.err_interrupted", "zh", error=type(exc).__name__)) from exc

    def _keep(self, digest: str, payload: bytes) -> None:
        path = self.root / layout.UPLOADS / digest
        if not path.is_file():
            write_file(path, payload, mode=0o444)
        fault("publish:kept")

    def _write_version(self, version: Version, draft: Proposal) -> None:
        files = {
            "values.csv": write_values(draft.frame),
            "report.json": json.dumps(draft.report, ensure_ascii=False, indent=2).encode("utf-8") + b"\n",
            "version.json": json.dumps(version.__dict__, ensure_ascii=False, indent=2).encode("utf-8") + b"\n",
        }
        write_folder(self.root / layout.VERSIONS / str(version.year) / str(version.number), files)
        fault("publish:written")

    def _point(self, year: int, number: int, user: str) -> None:
        pointer = {"year": int(year), "version": int(number), "time": now(), "user": user}
        write_file(self.root / layout.CURRENT / f"{int(year)}.json", json.dumps(pointer, ensure_ascii=False).encode())

    def _log_failure(self, version: Version, exc: BaseException) -> None:
        with contextlib.suppress(OSError):
            self.record("fail", version.user, version.year, sha256=version.sha256, filename=version.filename,
                     version=version.number, previous=version.previous, rows=version.uploaded_rows,
                     error=f"{type(exc).__name__}: {exc}"[:300])
