"""Store: durable writes — a temp file, fsync, os.replace, fsync the folder — and an fsync'd append-only log line."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename inside a folder durable (a no-op where the platform cannot open folders)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def temp_name(path: Path) -> Path:
    """A hidden, unique sibling of a path for writing before the rename (never read by anyone)."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")


def write_file(path: Path, payload: bytes, mode: int = 0o644) -> None:
    """Write bytes so that a reader sees either the old file or the whole new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(path)
    try:
        handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def append_line(path: Path, line: str) -> None:
    """Append one line to a log with a single write (O_APPEND), then fsync; earlier lines are never touched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(handle, (line.rstrip("\n") + "\n").encode("utf-8"))
        os.fsync(handle)
    finally:
        os.close(handle)


def write_folder(path: Path, files: dict[str, bytes]) -> None:
    """Create a folder of files whole or not at all: written hidden, each file fsync'd, then renamed in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        for name, payload in files.items():
            with open(tmp / name, "xb") as out:
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())
        fsync_dir(tmp)
        os.replace(tmp, path)  # fails if the folder exists: a version is never overwritten
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # a half-written folder nobody ever pointed at
        raise
    fsync_dir(path.parent)
