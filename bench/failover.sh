#!/usr/bin/env bash
# Issue 16: failover of a primary to its streaming standby while signed webhooks pour into `serve`.
# Runs once with synchronous replication (must lose nothing acknowledged) and once with asynchronous
# replication (reports what was lost). Needs Debian's PostgreSQL server binaries (PG_BIN, default
# /usr/lib/postgresql/15/bin): installs them with apt-get when root and missing. 127.0.0.1 only;
# about a minute in all; exits non-zero if the synchronous run lost an acknowledged webhook.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PG_BIN/pg_ctl" ]; then
  if [ "$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq postgresql) >/dev/null; else echo "install postgresql (Debian) or set PG_BIN" >&2; exit 2; fi
fi
export PG_BIN
bench/run.sh FailoverBenchmark sync
bench/run.sh FailoverBenchmark async
