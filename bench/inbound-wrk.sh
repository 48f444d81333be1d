#!/usr/bin/env bash
# (b) status events end to end, load from wrk (an external C load generator) over loopback.
# STATS_COUNTERS=off: the same run with the dashboard counters' triggers disabled (issue 11 point 4).
# Usage: bench/inbound-wrk.sh [messages=50000] [statusesPerPost=1] [wrkThreads=2] [connections=64] [pollerBatch=200]
# Needs wrk on the PATH (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
exec bench/run.sh InboundWrkBenchmark "$@"
