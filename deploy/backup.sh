#!/usr/bin/env bash
# Back up the gjj-dash data directory — uploads (store objects), versions, current pointers, audit log, years —
# as one .tar.gz taken while holding the store's publish lock, so no publish or rollback is half-way through.
#   deploy/backup.sh [DATA_DIR] [BACKUP_DIR]      (defaults: $GJJ_DASH_DATA_DIR or /srv/gjj-dash/data; /var/backups/gjj-dash)
# flock(1) and the store's filelock both use flock(2) on DATA_DIR/.publish.lock: a publish waits for the backup
# (and the backup for a publish) instead of either seeing half a version. Nothing in DATA_DIR is changed.
# The login throttle's counts (logins.sqlite3) and the staff's login sessions (.sessions.sqlite3), written at any
# moment, are left out: a restore starts them afresh (everyone logs in again).
set -euo pipefail
DATA=${1:-${GJJ_DASH_DATA_DIR:-/srv/gjj-dash/data}}
DEST=${2:-/var/backups/gjj-dash}
WAIT=${BACKUP_LOCK_TIMEOUT:-300}
[ -d "$DATA" ] || { echo "backup: 数据目录不存在：$DATA" >&2; exit 2; }
mkdir -p "$DEST"
stamp=$(date +%Y%m%d-%H%M%S)
archive="$DEST/gjj-dash-data-$stamp.tar.gz"
lock="$DATA/.publish.lock"
# The lock file is the store's; create it only if no publish ever has (same name, same inode from then on).
[ -e "$lock" ] || : > "$lock"
if ! flock --timeout "$WAIT" "$lock" \
    tar --create --gzip --file "$archive.part" --directory "$DATA" --exclude=./.publish.lock \
        --exclude='./logins.sqlite3*' --exclude='./.sessions.sqlite3*' .; then
  rm -f "$archive.part"
  echo "backup: 未能在 ${WAIT} 秒内取得发布锁或打包失败，未生成备份（$lock）" >&2
  exit 1
fi
mv "$archive.part" "$archive"
(cd "$DEST" && sha256sum "$(basename "$archive")" > "$(basename "$archive").sha256")
echo "$archive"
