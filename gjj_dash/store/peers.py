"""Store: the comparison bodies — other bodies' published reports kept in their own versioned area of the data
directory (gjj_dash.store.peer_layout), never among the centre's years; every add, removal and setting journaled in
audit.jsonl under actions of their own (peer_add, peer_remove, peer_reject, peer_setting), which the centre's
history never counts. Removing unlists; no file is deleted."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from gjj_dash.i18n import t
from gjj_dash.model.bodies import body_key, same_body
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.problems import Upload
from gjj_dash.model.values import Dataset, empty_values, read_values, write_values
from gjj_dash.paths import BUNDLED_DATA, is_public
from gjj_dash.store import journal
from gjj_dash.store import peer_layout as layout
from gjj_dash.store.atomic import write_file, write_folder
from gjj_dash.store.layout import LOCK as STORE_LOCK
from gjj_dash.store.peer_layout import REMOVED, PeerSettings, PeerVersion
from gjj_dash.store.recovery import journaled, recover
from gjj_dash.store.versions import LOCK_TIMEOUT, ReadOnlyStore, StoreError, now, sha256

ADD, REMOVE, REJECT, SETTING = "peer_add", "peer_remove", "peer_reject", "peer_setting"
ACTIONS = (ADD, REMOVE, REJECT, SETTING)


class PeerStore:
    """The comparison bodies of one data directory; read-only in the public deployment and on the bundled data/."""

    def __init__(self, data_dir: Path, *, read_only: bool | None = None):
        self.data_dir = Path(data_dir)
        self.public = is_public() if read_only is None else read_only
        self.bundled = self.data_dir.resolve() == BUNDLED_DATA.resolve()

    # -- reading -------------------------------------------------------------------------------------------------

    def listed(self) -> list[PeerVersion]:
        """Every body's listed year (its current version), by body name then year."""
        return layout.listed(self.data_dir)

    def of_year(self, year: int) -> list[PeerVersion]:
        """The bodies listed for a year."""
        return [v for v in self.listed() if v.year == year]

    def find(self, body: str) -> list[PeerVersion]:
        """The listed years of a body named as written (white space and full-width forms folded)."""
        return [v for v in self.listed() if same_body(v.body, body)]

    def values(self, version: PeerVersion) -> tuple[pd.DataFrame, dict]:
        """A version's values and report."""
        folder = layout.version_folder(self.data_dir, version.key, version.year, version.number)
        return read_values(folder / "values.csv"), json.loads((folder / "report.json").read_text(encoding="utf-8"))

    def dataset(self, key: str, catalogue: Catalogue | None = None) -> Dataset:
        """Every listed year of one body as a Dataset of its own (so a change on last year reads the body's own
        previous year, never the centre's)."""
        frames, reports = [], {}
        for version in (v for v in self.listed() if v.key == key):
            frame, report = self.values(version)
            frames.append(frame)
            reports[version.year] = report
        values = pd.concat(frames, ignore_index=True) if frames else empty_values()
        return Dataset(values, reports, catalogue)

    def settings(self) -> PeerSettings:
        return layout.read_settings(self.data_dir)

    def fingerprint(self) -> str:
        return layout.fingerprint(self.data_dir)

    def journal(self) -> list[dict]:
        """The journal's entries about comparison bodies, oldest first."""
        return [e for e in journal.entries(self.data_dir) if e.get("action") in ACTIONS]

    def original(self, digest: str) -> bytes:
        """The bytes of a report added, by its SHA-256 (a version's sha256; nothing else reaches the file system)."""
        if not any(v.sha256 == digest for v in self._all_versions()):
            raise StoreError(t("admin.err_bad_hash", "zh"))
        try:
            return (layout.area(self.data_dir) / layout.UPLOADS / digest).read_bytes()
        except OSError as exc:
            raise StoreError(t("admin.err_no_file", "zh", sha=digest[:12])) from exc

    def _all_versions(self) -> Iterator[PeerVersion]:
        for key, year in layout.pairs(self.data_dir):
            for number in layout.numbers(self.data_dir, key, year):
                if (found := layout.read_version(self.data_dir, key, year, number)) is not None:
                    yield found

    # -- writing -------------------------------------------------------------------------------------------------

    def check_writable(self) -> None:
        """Raise ReadOnlyStore in the public deployment and on the bundled data/ (nothing can be added there)."""
        if self.public:
            raise ReadOnlyStore(t("admin.err_public", "zh"))
        if self.bundled:
            raise ReadOnlyStore(t("admin.err_bundled", "zh"))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """The store's own lock (.publish.lock): a backup (deploy/backup.sh holds it) never sees half a change."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            with FileLock(str(self.data_dir / STORE_LOCK), timeout=LOCK_TIMEOUT):
                recover(self.data_dir)  # a move a kill left half-done, the centre's or a body's
                yield
        except Timeout as exc:
            raise StoreError(t("admin.err_busy", "zh")) from exc

    def record(self, action: str, user: str, year: int | None, **fields: object) -> dict:
        """Append one entry about comparison bodies to the data folder's journal."""
        self.check_writable()
        return journal.append(self.data_dir, {"time": now(), "user": user, "action": action, "year": year,
                                              "area": layout.PEERS, **fields})

    def reject(self, payload: bytes, filename: str, user: str, year: int | None, problems: Sequence[str]) -> None:
        """Journal a report refused as a comparison body (its bytes are not kept)."""
        self.record(REJECT, user, year, sha256=sha256(payload), filename=filename, problems=list(problems)[:50])

    def add(self, upload: Upload, payload: bytes, filename: str, body: str, kind: str, kind_by: str, user: str,
            findings: int = 0) -> tuple[PeerVersion, bool]:
        """List a read report as the body's year: a new version (the original kept by SHA-256), the pointer moved,
        journaled. The same file already listed for the same body, year and kind adds nothing: (version, False)."""
        self.check_writable()
        if not upload.ok or upload.year is None:
            raise StoreError(t("peers.err_not_readable", "zh"))
        key, digest, year = body_key(body), sha256(payload), int(upload.year)
        with self._locked():
            previous = layout.pointed(self.data_dir, key, year)
            current = layout.read_version(self.data_dir, key, year, previous) if previous != REMOVED else None
            if current is not None and current.holds(digest, kind, body):
                return current, False
            number = max(layout.numbers(self.data_dir, key, year), default=REMOVED) + 1
            version = PeerVersion(key, body, kind, kind_by, year, number, user, now(), digest, filename,
                                  str(upload.format or ""), str(upload.report.get("title") or ""), len(upload.frame),
                                  previous, findings)
            self._keep(digest, payload)
            report = {**upload.report, "reporting_unit": body, "peer": {"body": body, "kind": kind}}
            write_folder(layout.version_folder(self.data_dir, key, year, number), {
                "values.csv": write_values(upload.frame),
                "report.json": _json(report),
                "peer.json": _json(asdict(version)),
            })
            self._moved(ADD, user, year, key, body=body, kind=kind, kind_by=kind_by, version=number,
                        previous=previous, sha256=digest, filename=filename, rows=len(upload.frame), findings=findings)
        return version, True

    def remove(self, body: str, year: int | None, user: str, reason: str = "") -> list[PeerVersion]:
        """Unlist a body (every year, or one): each pointer moved to 0 and journaled; the files stay."""
        self.check_writable()
        with self._locked():
            found = [v for v in self.find(body) if year is None or v.year == year]
            if not found:
                raise StoreError(self._not_listed(body, year))
            for version in found:
                self._moved(REMOVE, user, version.year, version.key, body=version.body, kind=version.kind,
                            version=REMOVED, previous=version.number, sha256=version.sha256,
                            filename=version.filename, reason=reason.strip())
        return found

    def set_settings(self, user: str, *, public: bool | None = None, centre_name: str | None = None) -> PeerSettings:
        """Change whether the public sees comparisons, or the centre's name on its rows; each change journaled."""
        self.check_writable()
        with self._locked():
            before = self.settings()
            after = replace(before, **{k: v for k, v in (("public", public), ("centre_name", centre_name))
                                       if v is not None})
            if after != before:
                write_file(layout.area(self.data_dir) / layout.SETTINGS, _json(asdict(after)))
                for name in ("public", "centre_name"):
                    if getattr(after, name) != getattr(before, name):
                        self.record(SETTING, user, None, setting=name, value=getattr(after, name),
                                    before=getattr(before, name))
        return after

    def _not_listed(self, body: str, year: int | None) -> str:
        names = "、".join(dict.fromkeys(v.body for v in self.listed())) or t("peers.none", "zh")
        if year is not None and self.find(body):
            return t("peers.err_year_not_listed", "zh", body=body, year=year,
                     years="、".join(str(v.year) for v in self.find(body)))
        return t("peers.err_not_listed", "zh", body=body, bodies=names)

    def _keep(self, digest: str, payload: bytes) -> None:
        path = layout.area(self.data_dir) / layout.UPLOADS / digest
        if not path.is_file():
            write_file(path, payload, mode=0o444)

    def _moved(self, action: str, user: str, year: int, key: str, **fields: object) -> None:
        """Move a body's pointer journaled: intent, pointer, done (gjj_dash.store.recovery)."""
        self.check_writable()
        entry = {"time": now(), "user": user, "action": action, "year": year, "area": layout.PEERS, "key": key,
                 **fields}
        journaled(self.data_dir, entry, lambda: self._point(key, year, int(fields["version"]), user))

    def _point(self, key: str, year: int, number: int, user: str) -> None:
        pointer = {"version": int(number), "time": now(), "user": user}
        write_file(layout.year_folder(self.data_dir, key, year) / layout.POINTER, _json(pointer))


def _json(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
