"""I/O: the versioned store — uploads kept by SHA-256, immutable versions, a pointer per year, an append-only audit log.

Layout inside the data directory (`--data-dir` / $GJJ_DASH_DATA_DIR):

    uploads/<sha256>                 every accepted file, byte for byte (the client's name is metadata only)
    versions/<year>/<n>/             values.csv + report.json + version.json of version n (never changed)
    current/<year>.json              the pointer: which version of the year is published (absent: version 0)
    audit.jsonl                      one JSON line per publish, rollback, rejected or failed attempt
    .publish.lock                    held while publishing or rolling back

Version 0 of a year is what the store started from: the data directory's own years/, or the bundled data.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from gjj_dash.atomic import append_line, write_file, write_folder
from gjj_dash.checks import check_values
from gjj_dash.dataset import empty_values, load_dataset, read_values, write_values
from gjj_dash.i18n import t
from gjj_dash.merge import Unmergeable, merged
from gjj_dash.paths import BUNDLED_DATA, years_root
from gjj_dash.problems import Finding, Upload

UPLOADS, VERSIONS, CURRENT, AUDIT, LOCK = "uploads", "versions", "current", "audit.jsonl", ".publish.lock"
BASE = 0
ENV_MODE = "GJJ_DASH_MODE"  # the same variable gjj_dash.server sets; "public" opens every store read-only
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


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


class Store:
    """The store of one data directory; read-only in the public deployment and on the bundled data/."""

    def __init__(self, data_dir: Path, *, read_only: bool | None = None):
        self.root = Path(data_dir)
        self.public = os.environ.get(ENV_MODE, "") == "public" if read_only is None else read_only
        self.bundled = self.root.resolve() == BUNDLED_DATA.resolve()

    # -- reading -------------------------------------------------------------------------------------------------

    def current(self, year: int) -> int:
        """The published version number of a year (0: the data the store started from, or nothing)."""
        path = self.root / CURRENT / f"{int(year)}.json"
        try:
            number = int(json.loads(path.read_text(encoding="utf-8"))["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return BASE
        return number if number == BASE or (self._folder(year, number) / "values.csv").is_file() else BASE

    def _folder(self, year: int, number: int) -> Path:
        return self.root / VERSIONS / str(int(year)) / str(int(number))

    def base_dir(self, year: int) -> Path | None:
        folder = years_root(self.root) / str(int(year))
        return folder if (folder / "values.csv").is_file() else None

    def current_dirs(self) -> dict[int, Path]:
        """The folder of each year whose pointer names a stored version."""
        found: dict[int, Path] = {}
        pointers = self.root / CURRENT
        if pointers.is_dir():
            for path in pointers.glob("*.json"):
                if path.stem.isdigit() and (number := self.current(int(path.stem))) != BASE:
                    found[int(path.stem)] = self._folder(int(path.stem), number)
        return found

    def published(self, year: int) -> tuple[pd.DataFrame, dict] | None:
        """The values and report a year publishes now, or None when the year has none."""
        number = self.current(year)
        folder = self._folder(year, number) if number != BASE else self.base_dir(year)
        if folder is None:
            return None
        return read_values(folder / "values.csv"), json.loads((folder / "report.json").read_text(encoding="utf-8"))

    def _numbers(self, year: int) -> list[int]:
        """Every version folder of a year, whatever its state (hidden temp folders are not versions)."""
        folder = self.root / VERSIONS / str(int(year))
        return [int(p.name) for p in folder.iterdir() if p.name.isdigit()] if folder.is_dir() else []

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
        folder = self.root / VERSIONS
        return sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit()) if folder.is_dir() else []

    def audit(self, year: int | None = None) -> list[dict]:
        """The audit log, oldest first (a torn last line from a crash is skipped)."""
        path = self.root / AUDIT
        entries = []
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                with contextlib.suppress(ValueError):
                    entries.append(json.loads(line))
        return [e for e in entries if year is None or e.get("year") == year]

    def original(self, digest: str) -> bytes:
        """The bytes of an accepted file, by its SHA-256 (only a 64-hex name ever reaches the file system)."""
        if not _SHA.fullmatch(digest or ""):
            raise StoreError(t("admin.err_bad_hash", "zh"))
        try:
            return (self.root / UPLOADS / digest).read_bytes()
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
        """The data-quality findings of the proposed year, checked beside the other published years."""
        dataset = load_dataset(self.root)
        others = dataset.values[dataset.values["year"] != proposal.year]
        values = pd.concat([others, proposal.frame], ignore_index=True)
        reports = {**dataset.reports, proposal.year: proposal.report}
        return [f for f in check_values(values, dataset.catalogue, reports) if f.year == proposal.year]

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
            with FileLock(str(self.root / LOCK), timeout=LOCK_TIMEOUT):
                yield
        except Timeout as exc:
            raise StoreError(t("admin.err_busy", "zh")) from exc

    def log(self, action: str, user: str, year: int | None, **fields: object) -> dict:
        """Append one entry to the audit log (also for refused attempts)."""
        self._writable()
        entry = {"time": now(), "user": user, "action": action, "year": year, **fields}
        append_line(self.root / AUDIT, json.dumps(entry, ensure_ascii=False, sort_keys=False))
        return entry

    def reject(self, upload: Upload | None, payload: bytes, filename: str, user: str, problems: Sequence[str]) -> None:
        """Record a refused upload in the audit log (its bytes are not kept)."""
        self.log(
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
                self.log("conflict", user, draft.year, sha256=digest, filename=filename, expected=expected_version,
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
                self._point(draft.year, number, user)
            except Exception as exc:
                self._log_failure(version, exc)
                raise StoreError(t("admin.err_interrupted", "zh", error=type(exc).__name__)) from exc
            self.log("publish", user, draft.year, sha256=digest, filename=filename, version=number,
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
            self._point(year, to, user)
            self.log("rollback", user, year, version=to, previous=current, reason=reason.strip())
        return to

    def _keep(self, digest: str, payload: bytes) -> None:
        path = self.root / UPLOADS / digest
        if not path.is_file():
            write_file(path, payload, mode=0o444)

    def _write_version(self, version: Version, draft: Proposal) -> None:
        files = {
            "values.csv": write_values(draft.frame),
            "report.json": json.dumps(draft.report, ensure_ascii=False, indent=2).encode("utf-8") + b"\n",
            "version.json": json.dumps(version.__dict__, ensure_ascii=False, indent=2).encode("utf-8") + b"\n",
        }
        write_folder(self.root / VERSIONS / str(version.year) / str(version.number), files)

    def _point(self, year: int, number: int, user: str) -> None:
        pointer = {"year": int(year), "version": int(number), "time": now(), "user": user}
        write_file(self.root / CURRENT / f"{int(year)}.json", json.dumps(pointer, ensure_ascii=False).encode("utf-8"))

    def _log_failure(self, version: Version, exc: BaseException) -> None:
        with contextlib.suppress(OSError):
            self.log("fail", version.user, version.year, sha256=version.sha256, filename=version.filename,
                     version=version.number, previous=version.previous, rows=version.uploaded_rows,
                     error=f"{type(exc).__name__}: {exc}"[:300])


def current_dirs(data_dir: Path) -> dict[int, Path]:
    """The folder of each year's current published version (dataset.year_dirs overlays these on the base years)."""
    return Store(data_dir, read_only=True).current_dirs()
