#!/usr/bin/env bash
# Side-by-side benchmarks of `qinglang label` / `qinglang inspect` against exiftool, cp and ffmpeg, in one run.
# Usage: bench/labels/run.sh [--big-gb N] [--work DIR] [--only abc]   (defaults: 2 GB MP4, work dir under /tmp, all three)
# Prints a Markdown table of wall-clock times and ratios; machines are noisy, so read the ratios.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
big_gb=2
only=abc
work=${TMPDIR:-/tmp}/qinglang-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --big-gb) big_gb=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

for tool in ffmpeg exiftool /usr/bin/time; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg libimage-exiftool-perl time >/dev/null; break; }
done

rm -rf "$work" && mkdir -p "$work"
# ReadyToRun: precompiled, so a batch call does not spend its first 100 ms in the JIT.
dotnet publish "$root/src/Qinglang.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" --nologo -v quiet >/dev/null
ql() { "$work/bin/qinglang" "$@"; }
producer=001191440300708461136T1XGW3
json='{"Label":"1","ContentProducer":"001191440300708461136T1XGW3","ProduceID":"bench-1","ReservedCode1":"","ContentPropagator":"","PropagateID":"","ReservedCode2":""}'

# seconds <command...>: wall-clock seconds of one run, 3 decimals
seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); awk -v a="$s" -v b="$e" 'BEGIN{printf "%.3f", (b-a)/1e9}'; }
# best of N runs (each preceded by a reset command), to damp noise
best() { local n=$1 reset=$2; shift 2; local b=""; for _ in $(seq "$n"); do eval "$reset"; t=$(seconds "$@"); if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN{exit !(t<b)}'; then b=$t; fi; done; echo "$b"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a>0) printf "%.2f", b/a; else print "n/a" }'; }
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

echo "## Qinglang label benchmarks ($(date -u +%F), $(nproc) cores)"
echo

# (a) 1,000 small JPEG and PNG files in one call vs exiftool in one batch call.
mkdir -p "$work/small-src"
ffmpeg -v error -f lavfi -i "testsrc=size=320x240:rate=1" -frames:v 500 "$work/small-src/f%04d.jpg"
ffmpeg -v error -f lavfi -i "testsrc=size=320x240:rate=1" -frames:v 500 "$work/small-src/f%04d.png"
reset_small='rm -rf "$work/small" && cp -r "$work/small-src" "$work/small"'
if [[ $only == *a* ]]; then
t_ql=$(best 3 "$reset_small" ql label "$work/small" --producer "$producer" --produce-id bench-1)
t_ex=$(best 3 "$reset_small" exiftool -config "$here/tc260.exiftool.config" -q -overwrite_original "-XMP-TC260:AIGC=$json" "$work/small")
echo "### (a) label 1,000 small files (500 JPEG + 500 PNG, 320x240) in one call"
echo "| tool | seconds | files/s | exiftool ÷ qinglang |"
echo "|---|---|---|---|"
echo "| qinglang label | $t_ql | $(awk -v t="$t_ql" 'BEGIN{printf "%.0f", 1000/t}') | **$(ratio "$t_ql" "$t_ex")×** |"
echo "| exiftool (one batch call) | $t_ex | $(awk -v t="$t_ex" 'BEGIN{printf "%.0f", 1000/t}') | 1 |"
echo
fi

# (c) inspect over 10,000 small files.
if [[ $only == *c* ]]; then
mkdir -p "$work/many"
eval "$reset_small"
ql label "$work/small" --producer "$producer" --produce-id bench-1 >/dev/null 2>&1
for i in $(seq 0 9); do mkdir -p "$work/many/$i"; cp "$work/small"/* "$work/many/$i/"; done
count=$(find "$work/many" -type f | wc -l)
t_in=$(best 3 true ql inspect "$work/many" --json)
t_ex_in=$(best 1 true exiftool -q -j -XMP-TC260:all -r "$work/many")
echo "### (c) inspect $count small files in one call"
echo "| tool | seconds | files/s |"
echo "|---|---|---|"
echo "| qinglang inspect --json | $t_in | **$(awk -v t="$t_in" -v n="$count" 'BEGIN{printf "%.0f", n/t}')** |"
echo "| exiftool -j (read only, for scale) | $t_ex_in | $(awk -v t="$t_ex_in" -v n="$count" 'BEGIN{printf "%.0f", n/t}') |"
echo
fi

# (b) a big MP4, moov first and moov last, labeled in place.
if [[ $only == *b* ]]; then
seg="$work/seg.mp4"
ffmpeg -v error -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi -i "sine=frequency=440" -t 20 -c:v mpeg4 -q:v 1 -c:a aac "$seg"
seg_bytes=$(stat -c %s "$seg")
loops=$(( (big_gb * 1024 * 1024 * 1024) / seg_bytes ))
ffmpeg -v error -stream_loop "$loops" -i "$seg" -c copy -movflags +faststart "$work/first-src.mp4"
ffmpeg -v error -stream_loop "$loops" -i "$seg" -c copy "$work/last-src.mp4"
size_mb=$(( $(stat -c %s "$work/first-src.mp4") / 1024 / 1024 ))
sync
echo "### (b) label one ${size_mb} MB MP4"
echo "cp baseline: the same bytes copied the same way (onto the existing file for in-place rows, to a new file for -o rows)."
echo "In place, cp truncates and overwrites the file (not atomic); qinglang either edits it in place crash-safely or (rewrites)"
echo "writes a temporary file and renames it over the original (atomic). ffmpeg always writes a new file. Each time is the best of 3 (2 for ffmpeg), with nothing left to write back (sync) before each run."
echo "Moov first in place, the default moves only the first chunks of media (about twice the moov) to a new mdat at the end;"
echo "\`--rewrite-media\` rewrites the whole file; \`--moov-to-end\` moves the moov after the media (fast start lost)."
echo
echo "| input | cp | qinglang label | ffmpeg -c copy -movflags use_metadata_tags | qinglang ÷ cp | ffmpeg ÷ qinglang | qinglang max RSS |"
echo "|---|---|---|---|---|---|---|"
for kind in first last; do
  src="$work/$kind-src.mp4"; dst="$work/$kind.mp4"; new="$work/$kind-new.mp4"
  # Each reset ends with sync, so no run pays for the previous run's dirty pages.
  t_f=$(best 2 "rm -f '$work/ff.mp4'; sync" ffmpeg -v error -i "$src" -map 0 -c copy -movflags use_metadata_tags -metadata "AIGC=$json" "$work/ff.mp4")
  rm -f "$work/ff.mp4"
  # In place: qinglang replaces the file; cp overwrites an existing file of the same size.
  t_cp=$(best 3 "cp '$src' '$dst'; sync" cp "$src" "$dst")
  t_q=$(best 3 "cp '$src' '$dst'; sync" ql label "$dst" --producer "$producer" --produce-id bench-1)
  cp "$src" "$dst"; mem=$(rss "$work/bin/qinglang" label "$dst" --producer "$producer" --produce-id bench-1)
  how="in place"; [ "$kind" = first ] && how="in place (default: head relocation, moov stays first)"
  echo "| moov $kind, $how | $t_cp s | $t_q s | $t_f s | **$(ratio "$t_cp" "$t_q")** | **$(ratio "$t_q" "$t_f")×** | $((mem / 1024)) MB |"
  if [ "$kind" = first ]; then
    # Opt-in: the classic layout kept by rewriting the whole file (every media byte moves back).
    t_r=$(best 3 "cp '$src' '$dst'; sync" ql label "$dst" --rewrite-media --producer "$producer" --produce-id bench-1)
    cp "$src" "$dst"; mem=$(rss "$work/bin/qinglang" label "$dst" --rewrite-media --producer "$producer" --produce-id bench-1)
    echo "| moov first, in place, \`--rewrite-media\` | $t_cp s | $t_r s | $t_f s | **$(ratio "$t_cp" "$t_r")** | **$(ratio "$t_r" "$t_f")×** | $((mem / 1024)) MB |"
    # Opt-in: the moov moves to the end instead of the media moving back (no media byte is copied; fast start is lost).
    t_m=$(best 3 "cp '$src' '$dst'; sync" ql label "$dst" --moov-to-end --producer "$producer" --produce-id bench-1)
    cp "$src" "$dst"; mem=$(rss "$work/bin/qinglang" label "$dst" --moov-to-end --producer "$producer" --produce-id bench-1)
    echo "| moov first, in place, \`--moov-to-end\` | $t_cp s | $t_m s | $t_f s | **$(ratio "$t_cp" "$t_m")** | **$(ratio "$t_m" "$t_f")×** | $((mem / 1024)) MB |"
  fi
  # To a new file: qinglang label -o; cp to a new path.
  t_cp=$(best 3 "rm -f '$new'; sync" cp "$src" "$new")
  t_q=$(best 3 "rm -f '$new'; sync" ql label "$src" -o "$new" --producer "$producer" --produce-id bench-1)
  echo "| moov $kind, -o new file | $t_cp s | $t_q s | $t_f s | **$(ratio "$t_cp" "$t_q")** | **$(ratio "$t_q" "$t_f")×** | |"
  rm -f "$dst" "$new"
done
cp "$seg" "$work/seg-label.mp4"; mem_small=$(rss "$work/bin/qinglang" label "$work/seg-label.mp4" --producer "$producer" --produce-id bench-1)
echo
echo "Memory: labeling the $((seg_bytes / 1024 / 1024)) MB segment peaks at $((mem_small / 1024)) MB RSS; the ${size_mb} MB file at the figures above (flat = same order)."
fi
rm -rf "$work"
