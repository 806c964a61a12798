#!/usr/bin/env bash
# herald digest side by side with the Python pipeline a user would otherwise assemble
# (trafilatura / datasketch / scikit-learn / sumy: ../shared/tools/peer_pipeline.py), on the
# same synthetic streams (../shared/tools/make_stream.py), in one run.
#
#   bench/stream.sh [N ...]            default: 10000 100000
#   PEER=0 bench/stream.sh 1000000     herald only (the peer needs hours at 1M)
#   THREADS=1 bench/stream.sh 10000    herald on one core
#   HERALD=path/to/herald bench/stream.sh   a given binary instead of building one
#
# Reports, per size: wall time and articles/s, herald's per-stage times, peak RSS, B-cubed
# F1 against the stream's gold events, and the herald/peer throughput ratio. Absolute times
# are noisy on shared machines; the ratio from one run on the same input is the figure.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
out=bench/out
mkdir -p "$out"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000)
threads=${THREADS:-$(nproc)}
peer=${PEER:-1}

herald=${HERALD:-}
if [ -z "$herald" ]; then
  cargo build --release -q -p herald
  herald=target/release/herald
fi

if [ "$peer" = 1 ] && [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q trafilatura datasketch scikit-learn sumy rouge-score numpy
fi

# B-cubed of an {id, cluster|event} JSONL against the stream's gold, with the data's own scorer.
score() { python3 "$shared/tools/score_clusters.py" "$1" "$2" | sed 's/^/    /'; }
rss_mb() { awk '/Maximum resident/ {printf "%.0f", $6/1024}' "$1"; }
wall_s() { awk -F': ' '/Elapsed \(wall/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }

for n in "${sizes[@]}"; do
  stream=$out/stream-$n.jsonl
  gold=$out/stream-$n.gold.jsonl
  [ -f "$stream" ] || python3 "$shared/tools/make_stream.py" "$n" "$stream" 2>/dev/null
  echo "== $n articles ($(du -hL "$stream" | cut -f1)), herald on $threads thread(s)"

  RUST_LOG=info /usr/bin/time -v "$herald" --threads "$threads" digest "$stream" \
    --format assignments -o "$out/herald-$n.jsonl" 2> "$out/herald-$n.log"
  hw=$(wall_s "$out/herald-$n.log")
  echo "  herald: $hw s wall, $(awk -v n="$n" -v s="$hw" 'BEGIN{printf "%.0f", n/s}') articles/s, peak RSS $(rss_mb "$out/herald-$n.log") MB"
  grep -E 'INFO .*: [0-9.]+ s$' "$out/herald-$n.log" | sed -E 's/.*INFO [^:]*: /    /' |
    awk -v n="$n" '{printf "%s  (%.0f articles/s)\n", $0, n/$(NF-1)}'
  # score_clusters.py reads {"id","cluster"}
  sed 's/"event":/"cluster":/' "$out/herald-$n.jsonl" > "$out/herald-$n.pred.jsonl"
  score "$out/herald-$n.pred.jsonl" "$gold"

  if [ "$peer" = 1 ]; then
    /usr/bin/time -v bench/.venv/bin/python "$shared/tools/peer_pipeline.py" "$stream" --cluster leader \
      > "$out/peer-$n.txt" 2> "$out/peer-$n.log"
    pw=$(wall_s "$out/peer-$n.log")
    echo "  python peer (leader clustering): $pw s wall, peak RSS $(rss_mb "$out/peer-$n.log") MB"
    sed 's/^/    /' "$out/peer-$n.txt" | grep -vE 'wrote'
    score "${stream%.jsonl}.peer.jsonl" "$gold"
    awk -v h="$hw" -v p="$pw" 'BEGIN{printf "  ratio: herald is %.1fx the peer'"'"'s throughput\n", p/h}'
  fi
done
