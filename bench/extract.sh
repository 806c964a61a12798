#!/usr/bin/env bash
# herald extract side by side with Python trafilatura (the extractor a user would otherwise
# pick) on the same pages, on ONE core, in one run.
#
#   bench/extract.sh                   the scrapinghub benchmark pages (181)
#   PAGES=dir bench/extract.sh         any folder of .html or .html.gz pages
#   CORE=1 bench/extract.sh            pin to another core (default 0)
#   CALLGRIND=0 bench/extract.sh       skip the instruction count
#   REPEAT=n bench/extract.sh          herald's passes over the pages (default 10)
#
# Reports, for both: pages/s (herald: CPU time of the whole `herald --threads 1 extract`
# process over all pages, start-up, file reading and decoding included; trafilatura: CPU
# time inside trafilatura.extract + extract_metadata only, files read before the clock
# starts, so the ratio is conservative), the ratio (CPU time: on a shared machine wall
# time also counts waits for a core; the wall-time ratio is printed too), and F1 of both
# outputs with the benchmark's metric when the pages are the scrapinghub set. Then herald's instructions per page with
# valgrind's callgrind: I(2N pages) - I(N pages), over N, so start-up and one-time regex
# compilation do not count and the figure does not depend on the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
pages_src=${PAGES:-$shared/eval/extraction/scrapinghub/html}
core=${CORE:-0}
repeat=${REPEAT:-10}
callgrind=${CALLGRIND:-1}
subset=${SUBSET:-20}
out=bench/out/extract
mkdir -p "$out"

cargo build --release -q -p herald
herald=target/release/herald

if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/python -c 'import trafilatura' 2>/dev/null || bench/.venv/bin/pip install -q trafilatura

# The same decompressed pages for both.
pages=$out/pages
rm -rf "$pages" && mkdir -p "$pages"
for f in "$pages_src"/*; do
  case "$f" in
    *.html.gz) gzip -dc "$f" > "$pages/$(basename "$f" .gz)" ;;
    *.html) cp "$f" "$pages/" ;;
  esac
done
n=$(find "$pages" -name '*.html' | wc -l)
mb=$(du -sm "$pages" | cut -f1)
echo "== $n pages ($mb MB), one core (cpu $core)"

# herald needs about a quarter of a second for the whole set, near the 10 ms resolution of
# the process clock: it runs $repeat times and the total is divided.
/usr/bin/time -f "%e %U %S" -o "$out/herald.time" taskset -c "$core" \
  bash -c 'for _ in $(seq "$1"); do "$2" --threads 1 extract "$3" -o "$4" 2> "$5" || exit 1; done' \
  _ "$repeat" "$herald" "$pages" "$out/herald.jsonl" "$out/herald.log"
read -r hwall huser hsys < "$out/herald.time"
hps=$(awk -v n="$n" -v r="$repeat" -v u="$huser" -v s="$hsys" 'BEGIN{printf "%.1f", n*r/(u+s)}')
hwps=$(awk -v n="$n" -v r="$repeat" -v w="$hwall" 'BEGIN{printf "%.1f", n*r/w}')
echo "  herald:      $hps pages/s of CPU time (whole process: start, reading, decoding, JSON out); $hwps pages/s wall"

taskset -c "$core" bench/.venv/bin/python bench/extract_trafilatura.py "$pages" "$out/trafilatura.jsonl" \
  > "$out/trafilatura.txt"
field() { awk -v k="$1" '{for(i=1;i<NF;i++) if($i==k) print $(i+1)}' "$out/trafilatura.txt"; }
tps=$(field pages_per_s)
tts=$(field text_only_pages_per_s)
twps=$(field wall_pages_per_s)
echo "  trafilatura: $tps pages/s of CPU time (text + date; $tts for trafilatura.extract alone); $twps pages/s wall"
awk -v h="$hps" -v t="$tps" -v u="$tts" -v hw="$hwps" -v tw="$twps" 'BEGIN{
  printf "  ratio: herald is %.1fx trafilatura (CPU time, text + date), %.1fx trafilatura.extract alone; %.1fx by wall time\n", h/t, h/u, hw/tw }'

truth=$(dirname "$pages_src")/ground-truth.json
if [ -f "$truth" ]; then
  python3 bench/extract_score.py "$truth" "$out/herald.jsonl" "$out/trafilatura.jsonl" | sed 's/^/  /'
fi

if [ "$callgrind" = 1 ] && command -v valgrind > /dev/null; then
  count() {
    local dir=$out/subset-$1
    rm -rf "$dir" && mkdir -p "$dir"
    find "$pages" -name '*.html' | sort | head -n "$1" | xargs -I{} cp {} "$dir/"
    valgrind --tool=callgrind --callgrind-out-file="$out/callgrind-$1.out" \
      "$herald" --threads 1 extract "$dir" -o "$out/subset-$1.jsonl" 2>&1 |
      awk '/refs:/ {gsub(",", "", $NF); print $NF}'
  }
  a=$(count "$subset")
  b=$(count $((2 * subset)))
  awk -v a="$a" -v b="$b" -v n="$subset" 'BEGIN{
    printf "  callgrind: %.1f M instructions per page (I(%d pages) - I(%d pages), over %d); whole runs: %.0f M and %.0f M\n",
      (b-a)/n/1e6, 2*n, n, n, a/1e6, b/1e6 }'
fi
