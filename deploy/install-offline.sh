#!/usr/bin/env bash
# On the OFFLINE server: install gjj-dash from the bundle made by deploy/wheelhouse.sh — no network is used.
#   ./install-offline.sh [PREFIX]                  (run inside the copied bundle; default PREFIX: /opt/gjj-dash)
# Unpacks the source into PREFIX, creates PREFIX/.venv and installs the pinned dependencies from wheels/ only.
set -euo pipefail
BUNDLE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${1:-/opt/gjj-dash}
PY=${PYTHON:-python3}
(cd "$BUNDLE" && sha256sum --check --quiet SHA256SUMS) || { echo "install: 校验失败，安装包不完整" >&2; exit 1; }
mkdir -p "$PREFIX"
tar --extract --gzip --file "$BUNDLE/gjj-dash-src.tar.gz" --directory "$PREFIX" --strip-components=1
"$PY" -m venv "$PREFIX/.venv"
# --no-index: nothing from the network; --find-links: only the bundle's wheels; -c: exactly the tested versions.
"$PREFIX/.venv/bin/pip" install --quiet --no-index --find-links "$BUNDLE/wheels" \
  --constraint "$PREFIX/constraints.txt" --editable "$PREFIX"
"$PREFIX/.venv/bin/gjj-dash" years
echo "install: gjj-dash 已安装到 $PREFIX"
