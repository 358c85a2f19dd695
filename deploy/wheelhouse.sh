#!/usr/bin/env bash
# On a CONNECTED machine: prepare everything an offline server needs to install gjj-dash.
#   deploy/wheelhouse.sh [OUT_DIR]                 (default: build/offline)
# Run it with the same Debian release and Python version as the server (Debian 12: python3.11, x86_64), or set
# PYTHON_VERSION / PLATFORM to download for another (e.g. PYTHON_VERSION=3.11 PLATFORM=manylinux2014_x86_64).
# OUT_DIR then holds gjj-dash-src.tar.gz (this checkout: app, pages, data, deploy) and wheels/ (every runtime
# dependency at the version pinned in constraints.txt, plus the build backend). Copy OUT_DIR to the server and run
# deploy/install-offline.sh there.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-build/offline}
PY=${PYTHON:-python3}
rm -rf "$OUT"
mkdir -p "$OUT/wheels"
target=()
if [ -n "${PYTHON_VERSION:-}${PLATFORM:-}" ]; then
  target=(--python-version "${PYTHON_VERSION:-3.11}" --platform "${PLATFORM:-manylinux2014_x86_64}")
fi
# The runtime dependencies of pyproject.toml, each at its pinned version, as wheels only (no compiler on the server).
deps=$("$PY" - <<'PY'
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY
)
# shellcheck disable=SC2086
"$PY" -m pip download --only-binary=:all: --dest "$OUT/wheels" --constraint constraints.txt "${target[@]}" $deps
# The build backend `pip install -e .` needs (pyproject.toml's [build-system]).
"$PY" -m pip download --only-binary=:all: --dest "$OUT/wheels" "${target[@]}" "setuptools>=68" wheel
if git rev-parse --git-dir > /dev/null 2>&1; then
  git archive --format=tar.gz --prefix=gjj-dash/ --output "$OUT/gjj-dash-src.tar.gz" HEAD
else
  tar --create --gzip --file "$OUT/gjj-dash-src.tar.gz" --exclude=./.venv --exclude=./var --exclude=./build \
      --transform 's,^\.,gjj-dash,' .
fi
cp deploy/install-offline.sh "$OUT/"
(cd "$OUT" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
echo "offline bundle: $OUT ($(ls "$OUT/wheels" | wc -l) wheels)"
