#!/usr/bin/env bash
# Side-by-side benchmark of `qinglang mark` against ffmpeg's own time for the same drawtext caption, in one run:
#   a) 100 images 1920x1080 (50 JPEG + 50 PNG): qinglang once per file, qinglang once on the folder, ffmpeg once per file;
#   b) a 1-minute 1080p30 H.264 + AAC video: qinglang vs the same ffmpeg command (3 s opening caption, audio copied).
# qinglang also probes, measures the font and decodes frames to verify each result; ffmpeg only draws and encodes.
# Usage: bench/marking/run.sh [--images N] [--seconds S] [--work DIR]
# Prints a Markdown table of wall-clock seconds and ratios; machines are noisy, so read the ratios.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
images=100
seconds=60
work=${TMPDIR:-/tmp}/qinglang-bench-marking
while [ $# -gt 0 ]; do
  case "$1" in
    --images) images=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

command -v ffmpeg >/dev/null && fc-list ':lang=zh' | grep -q . \
  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg fonts-noto-cjk >/dev/null; }

rm -rf "$work" && mkdir -p "$work/in" "$work/out-loop" "$work/out-folder" "$work/out-ffmpeg"
dotnet publish "$root/src/Qinglang.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" --nologo -v quiet >/dev/null
ql() { "$work/bin/qinglang" "$@"; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

echo "making $images images and a ${seconds}s 1080p video…" >&2
half=$((images / 2))
ff -f lavfi -i "testsrc2=size=1920x1080:rate=1" -frames:v "$half" -q:v 3 "$work/in/jpeg-%03d.jpg"
ff -f lavfi -i "smptehdbars=size=1920x1080:rate=1,drawtext=font=DejaVu Sans:text=%{n}:fontsize=200:x=100:y=100:fontcolor=white" -frames:v "$((images - half))" "$work/in/png-%03d.png"
ff -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=$seconds" -f lavfi -i "sine=frequency=440:duration=$seconds" \
  -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -c:a aac -shortest "$work/video.mp4"

# The caption qinglang draws on a 1080-line picture (font size, outline, plate, margin), as one ffmpeg filter.
printf '由AI生成' >"$work/notice.txt"
ql mark "$work/in/jpeg-001.jpg" -o "$work/probe.jpg" >"$work/probe.txt"
size=$(grep -o '[0-9]* px)' "$work/probe.txt" | head -1 | grep -o '[0-9]*')
draw="drawtext=font=Noto Sans CJK SC:textfile=$work/notice.txt:expansion=none:fontsize=$size:fontcolor=white:borderw=$(( (size * 6 + 50) / 100 )):bordercolor=black@0.9:box=1:boxcolor=black@0.6:boxborderw=$(( (size + 2) / 4 )):x=w-tw-60:y=h-th-60"

echo "images: qinglang per file…" >&2
t0=$(now)
for f in "$work"/in/*; do ql mark "$f" -o "$work/out-loop/$(basename "$f")" >/dev/null; done
t_loop=$(elapsed "$t0")

echo "images: qinglang on the folder…" >&2
t0=$(now)
ql mark "$work/in" -o "$work/out-folder" >/dev/null 2>"$work/folder.log"
t_folder=$(elapsed "$t0")

echo "images: ffmpeg per file…" >&2
t0=$(now)
for f in "$work"/in/*.jpg; do ff -i "$f" -vf "$draw" -frames:v 1 -update 1 -q:v 2 -qmin 1 "$work/out-ffmpeg/$(basename "$f")"; done
for f in "$work"/in/*.png; do ff -i "$f" -vf "$draw" -frames:v 1 -update 1 "$work/out-ffmpeg/$(basename "$f")"; done
t_ff_images=$(elapsed "$t0")

echo "images: ffmpeg per file, as many at once as qinglang's folder mode…" >&2
export draw
t0=$(now)
ls "$work"/in/* | xargs -P "$((2 * $(nproc)))" -I{} sh -c 'case "$1" in *.jpg) q="-q:v 2 -qmin 1";; *) q="";; esac; ffmpeg -nostdin -hide_banner -loglevel error -y -i "$1" -vf "$draw" -frames:v 1 -update 1 $q "$2/$(basename "$1")"' _ {} "$work/out-ffmpeg"
t_ff_parallel=$(elapsed "$t0")

echo "video: qinglang…" >&2
t0=$(now)
ql mark "$work/video.mp4" -o "$work/marked.mp4" >"$work/video.txt"
t_video=$(elapsed "$t0")

echo "video: ffmpeg…" >&2
t0=$(now)
ff -i "$work/video.mp4" -map 0 -c copy -c:v:0 libx264 -crf 18 -preset fast -filter:v:0 "$draw:enable=between(t\,0\,3)" -f mp4 "$work/ffmpeg.mp4"
t_ff_video=$(elapsed "$t0")

marked=$(ls "$work/out-loop" | wc -l)
[ "$marked" -eq "$images" ] || { echo "only $marked of $images images were marked" >&2; exit 1; }
ratio() { echo "scale=2; $1 / $2" | bc; }
echo
echo "| task | qinglang s | ffmpeg s | ratio |"
echo "|---|---:|---:|---:|"
printf '| %s images 1920x1080, one process per file | %.2f | %.2f | %s |\n' "$images" "$t_loop" "$t_ff_images" "$(ratio "$t_loop" "$t_ff_images")"
printf '| %s images 1920x1080, one call on the folder (ffmpeg: xargs -P %s) | %.2f | %.2f | %s |\n' "$images" "$((2 * $(nproc)))" "$t_folder" "$t_ff_parallel" "$(ratio "$t_folder" "$t_ff_parallel")"
printf '| %ss 1080p30 H.264 video, 3 s caption | %.2f | %.2f | %s |\n' "$seconds" "$t_video" "$t_ff_video" "$(ratio "$t_video" "$t_ff_video")"
echo
echo "qinglang's checks on the video:"
sed 's/^/    /' "$work/video.txt"
