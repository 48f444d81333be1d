#!/usr/bin/env bash
# Ceiling 1 for (b): nginx answering a fixed 200 to the same wrk settings (POSTs of a status webhook's size),
# on this machine, now. Prints "nginx: N requests/s".
# Usage: bench/nginx-ceiling.sh [wrkThreads=2] [connections=64] [seconds=10]
# Needs nginx and wrk (Debian: apt-get install -y nginx wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}; connections=${2:-64}; seconds=${3:-10}
command -v nginx >/dev/null || { echo "nginx is not installed (Debian: apt-get install -y nginx)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2; exit 1; }
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_buffer_size 64k;
  keepalive_requests 1000000;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fcgi; uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port;
    location / { default_type text/plain; return 200 "EVENT_RECEIVED"; }
  }
}
CONF
nginx -c "$dir/nginx.conf" -p "$dir"
trap 'kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
sleep 0.3
# The same body shape and size the receiver gets in bench/inbound-wrk.sh (one status, ~600 bytes).
cat > "$dir/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hub-Signature-256"] = "sha256=" .. string.rep("0", 64)
wrk.body = '{"object":"whatsapp_business_account","entry":[{"id":"100000000000999","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100888","phone_number_id":"100000000000888"},"statuses":[{"id":"wamid.bench12345","status":"delivered","timestamp":"1764600000","recipient_id":"12025550001","conversation":{"id":"c0ffee00000000000000000000000001","origin":{"type":"service"}},"pricing":{"billable":true,"pricing_model":"CBP","category":"service"}}]},"field":"messages"}]}]}'
LUA
wrk -t "$threads" -c "$connections" -d 2s -s "$dir/post.lua" "http://127.0.0.1:$port/webhook" >/dev/null # warm-up
out=$(wrk -t "$threads" -c "$connections" -d "${seconds}s" --latency -s "$dir/post.lua" "http://127.0.0.1:$port/webhook")
echo "$out"
echo "nginx: $(echo "$out" | awk '/^Requests\/sec/ {printf "%.0f", $2}') requests/s"
