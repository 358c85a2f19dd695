"""deploy/Dockerfile read as a builder would: every COPY source exists, the app's files are all copied, and the
image's command is `gjj-dash serve` (no Docker daemon needed, so CI checks it on every run)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
# What `gjj-dash serve` needs at run time: the server entry, the router, the pages, the package, the bundled data
# (catalogue, i18n) and the Streamlit settings.
NEEDED = ("server.py", "app.py", "views", "gjj_dash", "data", ".streamlit")


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (keyword, arguments), continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


def copies() -> list[tuple[list[str], str]]:
    """Each COPY from the build context: its sources and its destination (copies from other stages left out)."""
    found = []
    for keyword, rest in instructions():
        if keyword != "COPY":
            continue
        words = [w for w in shlex.split(rest) if not w.startswith("--chown") and not w.startswith("--chmod")]
        if any(w.startswith("--from") for w in words):
            continue
        found.append((words[:-1], words[-1]))
    return found


def test_every_copy_source_exists_in_the_repository() -> None:
    """A COPY of a path the repository does not have (the old `pages/`) fails the build: none is left."""
    sources = [source for sources, _ in copies() for source in sources]
    assert sources
    missing = [source for source in sources if not (ROOT / source).exists()]
    assert not missing, f"deploy/Dockerfile copies what the repository does not have: {missing}"


def test_the_image_holds_every_file_the_app_runs_from() -> None:
    """server.py, app.py, views/, gjj_dash/, data/ and .streamlit/ are each copied into the working directory, and
    every page app.py routes to is under a copied views/."""
    workdir = [rest for keyword, rest in instructions() if keyword == "WORKDIR"][-1]
    copied = {source.rstrip("/") for sources, target in copies() for source in sources
              if target in ("./", ".", workdir, f"{workdir}/") or target.rstrip("/") == source.rstrip("/")}
    assert set(NEEDED) <= copied, f"not copied: {sorted(set(NEEDED) - copied)}"
    pages = re.findall(r'"(views/[\w/]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    assert pages and all((ROOT / page).is_file() for page in pages)


def test_the_image_runs_gjj_dash_serve_as_an_unprivileged_user() -> None:
    """CMD (exec form) is `gjj-dash serve` for the public deployment on all interfaces of the container, run by the
    user the image creates, never root."""
    commands = [json.loads(rest) for keyword, rest in instructions() if keyword == "CMD"]
    entry = [rest for keyword, rest in instructions() if keyword == "ENTRYPOINT"]
    assert not entry and commands
    assert commands[-1][:2] == ["gjj-dash", "serve"] and "--public" in commands[-1]
    users = [rest for keyword, rest in instructions() if keyword == "USER"]
    assert users and users[-1] not in ("root", "0")
