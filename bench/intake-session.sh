#!/usr/bin/env bash
# One measuring session for issue 17's intake targets: the two ceilings of this machine, now, then the
# receiver and end to end, and the ratios:
#   1. nginx answering a fixed 200 to the same wrk settings        (bench/nginx-ceiling.sh)
#   2. PostgreSQL batched inserts, fsync and synchronous commit on (PostgresCeilingBenchmark)
#   3. bench/inbound-wrk.sh MESSAGES PERPOST THREADS CONNECTIONS   (InboundWrkBenchmark)
# Targets: receiver >= 30 % of nginx, status events end to end >= 20 % of nginx.
# Usage: bench/intake-session.sh [messages=50000] [statusesPerPost=1] [wrkThreads=2] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-50000}; per_post=${2:-1}; threads=${3:-2}; connections=${4:-64}
log=$(mktemp -d)
echo "== $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "== 1/3 nginx ceiling (wrk -t $threads -c $connections, 10 s)"
bench/nginx-ceiling.sh "$threads" "$connections" 10 | tee "$log/nginx.txt"
echo "== 2/3 PostgreSQL ceiling (batched inserts, fsync on, synchronous commit on)"
bench/run.sh PostgresCeilingBenchmark 10 4 500 | tee "$log/pg.txt"
echo "== 3/3 receiver and end to end: bench/inbound-wrk.sh $messages $per_post $threads $connections"
bench/inbound-wrk.sh "$messages" "$per_post" "$threads" "$connections" | tee "$log/inbound.txt"
nginx=$(awk '/^nginx:/ {print $2}' "$log/nginx.txt")
pg=$(awk '/^postgresql:/ {print $2}' "$log/pg.txt")
line=$(grep '^(b)' "$log/inbound.txt" | tail -1)
posts=$(echo "$line" | sed -E 's/.* = ([0-9]+) POSTs\/s.*/\1/')
stored=$(echo "$line" | sed -E 's/.* POSTs\/s = ([0-9]+) statuses\/s;.*/\1/')
e2e=$(echo "$line" | sed -E 's/.* = ([0-9]+) statuses\/s end to end.*/\1/')
echo "== $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$nginx" -v p="$pg" -v r="$posts" -v s="$stored" -v e="$e2e" 'BEGIN {
  printf "ceilings: nginx %d requests/s, postgresql %d rows/s\n", n, p
  printf "receiver: %d POSTs/s (%d statuses/s stored) = %.1f %% of nginx (target 30 %%), %.1f %% of postgresql\n", r, s, 100*r/n, 100*r/p
  printf "end to end: %d statuses/s = %.1f %% of nginx (target 20 %%)\n", e, 100*e/n
}'
rm -rf "$log"
