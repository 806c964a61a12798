#!/usr/bin/env bash
# Bounded load test of `herald serve` with wrk: p50/p99 latency and requests/s for the
# events API, the front page and one event page.
#
#   bench/serve.sh [DB]
#
# DB: a store written by `herald ingest`. Without it, one is built (once, then reused)
# from a synthetic stream of $N articles (default 5000):
#   python3 $SHARED/tools/make_stream.py N /tmp/herald-bench-N.jsonl && herald ingest
# Environment: N, SHARED (default ../shared), DURATION (10s), THREADS (2),
# CONNECTIONS (32), PORT (18181), HERALD (default target/release/herald, built if missing).
# Needs wrk (apt-get install -y wrk). Everything runs on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-5000}
SHARED=${SHARED:-$(cd .. && pwd)/shared}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18181}
HERALD=${HERALD:-target/release/herald}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
if [ ! -x "$HERALD" ] || [ "${REBUILD:-0}" = 1 ]; then
  cargo build --release -p herald
fi

DB=${1:-}
if [ -z "$DB" ]; then
  DB=/tmp/herald-bench-$N.db
  if [ ! -f "$DB" ]; then
    STREAM=/tmp/herald-bench-$N.jsonl
    python3 "$SHARED/tools/make_stream.py" "$N" "$STREAM"
    "$HERALD" ingest --db "$DB" "$STREAM"
  fi
fi
[ -f "$DB" ] || { echo "no store at $DB" >&2; exit 2; }

BASE="http://127.0.0.1:$PORT"
"$HERALD" serve --db "$DB" --addr "127.0.0.1:$PORT" 2>/tmp/herald-bench-serve.log &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$BASE/api/events?limit=1" 2>/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { cat /tmp/herald-bench-serve.log >&2; exit 1; }
  sleep 0.1
done
EVENT=$(curl -fsS "$BASE/api/events?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
COUNTS=$(curl -fsS "$BASE/api/events?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

echo "store: $DB ($COUNTS events); wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
printf '%-28s %10s %10s %12s %8s\n' "path" "p50" "p99" "requests/s" "errors"
for path in "/api/events" "/" "/events/$EVENT"; do
  out=$(timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$path")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  rps=$(awk '/^Requests\/sec:/{print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/{e=e $0 "; "} END{print (e=="" ? "0" : e)}' <<<"$out")
  label=$path; [ "${#label}" -gt 28 ] && label="${label:0:25}..."
  printf '%-28s %10s %10s %12s %8s\n' "$label" "$p50" "$p99" "$rps" "$errors"
done
