#!/usr/bin/env bash
# Issue 16, reads on a replica: searches on a real streaming standby, moved to the primary while replay lags
# (paused) or the standby is down, and back when it catches up. Needs Debian's PostgreSQL server binaries
# (PG_BIN, default /usr/lib/postgresql/15/bin): installs them with apt-get when root and missing. About 40 s.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PG_BIN/pg_ctl" ]; then
  if [ "$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq postgresql) >/dev/null; else echo "install postgresql (Debian) or set PG_BIN" >&2; exit 2; fi
fi
export PG_BIN
exec bench/run.sh ReplicaReadsCheck
