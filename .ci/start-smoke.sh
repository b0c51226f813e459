#!/usr/bin/env bash
# The README's first command, as a user runs it: `npm start` on a fresh data folder must
# load the Wessex demo and serve the home page; then a second start must refuse the locked
# folder with one clear message, and a bad DATABASE_URL must fail clearly.
set -euo pipefail
dir=$(mktemp -d)
port=3917
log="$dir/server.log"
if curl -fsS "http://localhost:$port/healthz" >/dev/null 2>&1; then echo "port $port is already serving: stop that process first"; exit 1; fi
# In its own process group, as a terminal runs it, so a signal reaches npm and the server.
JOINERY_DATA_DIR="$dir/data" PORT=$port setsid npm start >"$log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  curl -fsS "http://localhost:$port/readyz" >/dev/null 2>&1 && break
  if ! kill -0 $pid 2>/dev/null; then cat "$log"; echo "npm start exited"; exit 1; fi
  sleep 1
done
curl -fsS "http://localhost:$port/" >"$dir/home.html"
for name in "Casterbridge District Council" "Wessex Council" "Wessex Hospitals NHS Foundation Trust" "Egdon Heath Housing Association"; do
  grep -q "$name" "$dir/home.html" || { cat "$log"; echo "home page lacks $name"; exit 1; }
done
test -s "$dir/data/demo-credentials.txt" || { echo "no demo credentials written"; exit 1; }
echo "npm start served the Wessex demo"

# The same data folder while the server runs: one clear message, non-zero exit.
if JOINERY_DATA_DIR="$dir/data" PORT=$((port + 1)) npx joinery start >"$dir/second.log" 2>&1; then
  echo "a second server on a locked data folder should fail"; exit 1
fi
grep -q "in use by process" "$dir/second.log" || { cat "$dir/second.log"; exit 1; }
echo "a locked data folder is refused clearly"

kill -TERM -- -$pid
for i in $(seq 1 20); do
  kill -0 -- -$pid 2>/dev/null || break
  sleep 0.5
done
if kill -0 -- -$pid 2>/dev/null; then echo "the server did not stop within 10 s of SIGTERM"; exit 1; fi
grep -q "shutting down" "$log" || { cat "$log"; echo "no graceful shutdown"; exit 1; }
test ! -e "$dir/data/joinery.lock" || { echo "the data folder lock was not released"; exit 1; }
echo "graceful shutdown on SIGTERM"
