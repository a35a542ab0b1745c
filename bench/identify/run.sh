#!/usr/bin/env bash
# Identify throughput (issue 3): `qinglang identify --json` over 10,000 mixed small files on ONE core.
# Usage: bench/identify/run.sh [--count N] [--runs N] [--work DIR]
# The corpus: JPEG/PNG/WebP/MP4/MP3/Markdown/text, plain, labeled by Qinglang, with C2PA manifests (JPEG APP11, PNG caBX,
# WebP C2PA, MP4 uuid), IPTC DigitalSourceType, generator fingerprints and text notices, built with the review tests'
# builders. Every decision is checked against the expected one before timing. Pinned to core 0 (taskset) with
# DOTNET_PROCESSOR_COUNT=1; reports wall-clock files/s (best of N runs, warm page cache) and files per CPU-second
# (user+sys), which a busy machine disturbs less. Target: ≥ 2,000 files/s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
count=10000
runs=3
work=${TMPDIR:-/tmp}/qinglang-identify-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

for tool in ffmpeg exiftool /usr/bin/time taskset; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg libimage-exiftool-perl time util-linux >/dev/null; break; }
done

mkdir -p "$work"
# ReadyToRun: precompiled, as a deployed platform would run it.
dotnet publish "$root/src/Qinglang.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" --nologo -v quiet >/dev/null
dotnet build "$root/bench/Qinglang.Identify.Bench" -c Release -o "$work/gen" --nologo -v quiet >/dev/null
dotnet "$work/gen/Qinglang.Identify.Bench.dll" generate "$work/corpus" "$count"

one_core() { taskset -c 0 env DOTNET_PROCESSOR_COUNT=1 "$work/bin/qinglang" identify "$work/corpus" --json; }
one_core > "$work/identify.json" 2>/dev/null   # warms the page cache, and is checked:
dotnet "$work/gen/Qinglang.Identify.Bench.dll" check "$work/identify.json" "$work/corpus.expected.tsv"

best_wall=""; best_cpu=""
for _ in $(seq "$runs"); do
  read -r wall cpu < <( { /usr/bin/time -f "%e %U %S" bash -c "$(declare -f one_core); work='$work'; one_core >/dev/null 2>&1"; } 2>&1 | tail -1 | awk '{print $1, $2 + $3}')
  if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN{exit !(a<b)}'; then best_wall=$wall; fi
  if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN{exit !(a<b)}'; then best_cpu=$cpu; fi
done

echo
echo "## qinglang identify throughput ($(date -u +%F), one core of $(nproc), load $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "| files | best wall (s) | files/s (wall) | best CPU user+sys (s) | files per CPU-second | target |"
echo "|---:|---:|---:|---:|---:|---:|"
awk -v n="$count" -v w="$best_wall" -v c="$best_cpu" 'BEGIN{printf "| %d | %.2f | %.0f | %.2f | %.0f | 2000 |\n", n, w, n/w, c, n/c}'
