#!/usr/bin/env bash
# The dense workload, Qinglang and ToolGood.Words side by side in one run (one markdown table on stdout):
#   bench/dense/run.sh            (TIMEOUT=seconds per engine, default 300; ENGINES="id id ..." to pick some)
# Data: bench/dense/prepare.sh (from /work/.mirror snapshots; QINGLANG_DENSE_LEXICON/COMMENTS to use others).
# ToolGood.Words: built from the fetched snapshot github:toolgood/ToolGood.Words into $TOOLGOOD_WORK (default
# /tmp/toolgood), never inside the repository. Without the snapshot only the Qinglang rows are printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
timeout_s=${TIMEOUT:-300}
work=${TOOLGOOD_WORK:-/tmp/toolgood}
snapshot=${MIRROR:-/work/.mirror}/toolgood+ToolGood.Words/repo
[ -d "$snapshot/.git" ] && snapshot=$snapshot/.git
"$root/bench/dense/prepare.sh" >&2

if [ ! -d "$snapshot" ]; then
  echo "ToolGood.Words snapshot not found at $snapshot: Qinglang rows only" >&2
  exec dotnet run -c Release --project "$root/bench/Qinglang.Lexicon.Bench" -- --dense
fi

dll=$work/csharp/ToolGood.Words/bin/Release/net10.0/ToolGood.Words.dll
if [ ! -f "$dll" ]; then
  rm -rf "$work" && mkdir -p "$work"
  git --git-dir="$snapshot" archive HEAD csharp/ToolGood.Words | tar -x -C "$work"
  # Its project targets older frameworks this machine lacks; the library itself builds unchanged for net10.0.
  dotnet build "$work/csharp/ToolGood.Words" -c Release -p:TargetFrameworks=net10.0 -p:TargetFramework=net10.0 \
    -p:GeneratePackageOnBuild=false -nowarn:CS1591 >&2
fi
dotnet build "$root/bench/toolgood" -c Release -p:ToolGoodDll="$dll" >&2
compare=("$root/bench/toolgood/bin/Release/net10.0/Qinglang.ToolGood.Compare")

echo "ToolGood.Words $(git --git-dir="$snapshot" log -1 --format='%h %cs'), timeout ${timeout_s}s per engine, $(nproc) cores, $(date -u +%FT%TZ)"
echo "| engine | build | held after build | scan, wall clock | scan, per CPU second | hits | chars per hit | comments flagged |"
echo "|---|---|---|---|---|---|---|---|"
for id in ${ENGINES:-$("${compare[@]}" --list)}; do
  status=0
  timeout --kill-after=5 "$timeout_s" "${compare[@]}" --engine "$id" || status=$?
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "| $id | did not finish within ${timeout_s} s (build and scan) | | | | | | |"
  elif [ "$status" -ne 0 ]; then
    echo "| $id | failed (exit $status) | | | | | | |"
  fi
done
