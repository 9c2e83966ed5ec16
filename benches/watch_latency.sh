#!/usr/bin/env bash
# Save-to-PDF latency of `jixiao watch`: the time from a one-number edit of a source (saved by
# write-and-rename, as vim and most IDEs do) until watch has written the new PDF.
#
#   benches/watch_latency.sh [rounds]          (default 20; JIXIAO=path picks the binary)
#
# Prints each round and the median. Uses the debug binary unless JIXIAO says otherwise; a
# release binary is several times faster at layout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jixiao="${JIXIAO:-$root/target/debug/jixiao}"
rounds="${1:-20}"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$root/data/2022-baoxie" "$work/report"
goal="$work/report/目标4-民生.yaml"

"$jixiao" watch "$work/report" -o "$work/out.pdf" >"$work/stdout" 2>"$work/stderr" &
pid=$!
builds() { grep -c "已生成" "$work/stdout" || true; }
wait_for_builds() {
  local deadline=$((SECONDS + 120))
  while [ "$(builds)" -lt "$1" ]; do
    [ $SECONDS -lt $deadline ] || { echo "timed out; watch said:"; cat "$work/stderr"; exit 1; }
    sleep 0.001
  done
}
wait_for_builds 1

latencies=()
for round in $(seq 1 "$rounds"); do
  sleep 0.3 # let the previous build's events go by
  actual=$((200 + round))
  previous=$((actual - 1))
  [ "$round" -gt 1 ] || previous=210
  start=$(date +%s%N)
  sed -i "s/实际完成值: $previous 个/实际完成值: $actual 个/" "$goal" # sed -i saves by rename
  wait_for_builds $((round + 1))
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  latencies+=("$ms")
  echo "round $round: ${ms} ms"
done
sorted=($(printf '%s\n' "${latencies[@]}" | sort -n))
echo "median save-to-PDF latency: ${sorted[$((rounds / 2))]} ms over $rounds rounds ($jixiao)"
