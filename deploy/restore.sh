#!/usr/bin/env bash
# Restore the gjj-dash data directory from a backup made by deploy/backup.sh.
#   deploy/restore.sh ARCHIVE [DATA_DIR]          (default DATA_DIR: $GJJ_DASH_DATA_DIR or /srv/gjj-dash/data)
# Checks the archive's .sha256, stops the services (when systemd runs them), keeps the current directory as
# DATA_DIR.before-restore-<time> (nothing is deleted), unpacks the backup in its place, gives it back to gjj-staff
# (read for group gjj-data), and starts the services again. The public process must restart: its read-only view of
# the directory is fixed when it starts. Set GJJ_DASH_NO_SYSTEMCTL=1 to leave the services alone.
set -euo pipefail
ARCHIVE=${1:?usage: deploy/restore.sh ARCHIVE [DATA_DIR]}
DATA=${2:-${GJJ_DASH_DATA_DIR:-/srv/gjj-dash/data}}
DATA=${DATA%/}
[ -f "$ARCHIVE" ] || { echo "restore: 备份文件不存在：$ARCHIVE" >&2; exit 2; }
if [ -f "$ARCHIVE.sha256" ]; then
  (cd "$(dirname "$ARCHIVE")" && sha256sum --check --quiet "$(basename "$ARCHIVE").sha256") ||
    { echo "restore: 备份文件校验失败（sha256 不符），未做任何改动" >&2; exit 1; }
fi
tar --list --gzip --file "$ARCHIVE" > /dev/null || { echo "restore: 备份文件无法读取，未做任何改动" >&2; exit 1; }

services=(gjj-dash-staff.service gjj-dash-public.service)
use_systemctl=0
if [ -z "${GJJ_DASH_NO_SYSTEMCTL:-}" ] && command -v systemctl > /dev/null && [ -d /run/systemd/system ]; then
  use_systemctl=1
  systemctl stop "${services[@]}"
fi

new="$DATA.restoring"
rm -rf "$new"
mkdir -p "$new"
tar --extract --gzip --file "$ARCHIVE" --directory "$new" --no-same-owner
if id gjj-staff > /dev/null 2>&1 && getent group gjj-data > /dev/null; then
  chown -R gjj-staff:gjj-data "$new"
  chmod -R u=rwX,g=rX,o= "$new"
  chmod g+s "$new"
fi
if [ -e "$DATA" ]; then
  mv "$DATA" "$DATA.before-restore-$(date +%Y%m%d-%H%M%S)"
fi
mv "$new" "$DATA"

if [ "$use_systemctl" = 1 ]; then
  systemctl start "${services[@]}"
fi
echo "restore: 已从 $ARCHIVE 恢复到 $DATA"
