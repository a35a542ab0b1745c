#!/usr/bin/env bash
# Runs every Qinglang test. Installs what the tests need (Debian packages) when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

# command → Debian package: the independent readers and writers the tests check Qinglang against.
need=()
while read -r cmd pkg; do
  if [ -n "$cmd" ] && ! command -v "$cmd" >/dev/null 2>&1; then need+=("$pkg"); fi
done <<'TOOLS'
ffmpeg ffmpeg
ffprobe ffmpeg
exiftool libimage-exiftool-perl
openssl openssl
tiffcp libtiff-tools
jpegtran libjpeg-turbo-progs
metaflac flac
vorbiscomment vorbis-tools
mkvmerge mkvtoolnix
AtomicParsley atomicparsley
unzip unzip
zip zip
qpdf qpdf
pdftotext poppler-utils
heif-enc libheif-examples
avifenc libavif-bin
espeak-ng espeak-ng
fc-match fontconfig
TOOLS
# The CJK font explicit-label captions are drawn with.
if ! fc-list ':lang=zh' 2>/dev/null | grep -q .; then need+=(fonts-noto-cjk); fi
# Python modules used by tests through Debian's python3 (not a pyenv one earlier on PATH).
if ! /usr/bin/python3 -c 'import mutagen' >/dev/null 2>&1; then need+=(python3-mutagen); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing test tools: ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${need[@]}" | sort -u) >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Qinglang.slnx -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over every test assembly: "N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
