#!/usr/bin/env bash
# Extracts the dense workload (never committed) from public snapshots fetched under /work/.mirror:
#   lexicon  — konsheng/Sensitive-lexicon, Vocabulary/*.txt (~51k distinct lines, crawled common sensitive words)
#   comments — SophonPlus/ChineseNlpCorpus: online_shopping_10_cats, waimai_10k, ChnSentiCorp_htl_all (real user comments)
# Usage: bench/dense/prepare.sh [DEST]   (default /tmp/qinglang-dense; MIRROR=... to read snapshots elsewhere)
set -euo pipefail
dest=${1:-/tmp/qinglang-dense}
mirror=${MIRROR:-/work/.mirror}
lexicon_git=$mirror/konsheng+Sensitive-lexicon/repo
corpus_git=$mirror/SophonPlus+ChineseNlpCorpus/repo
[ -d "$corpus_git/.git" ] && corpus_git=$corpus_git/.git
for g in "$lexicon_git" "$corpus_git"; do
  [ -d "$g" ] || { echo "prepare: snapshot $g not found (fetch github:konsheng/Sensitive-lexicon and github:SophonPlus/ChineseNlpCorpus)" >&2; exit 2; }
done
if [ -s "$dest/comments/online_shopping_10_cats.csv" ] && [ -d "$dest/lexicon" ]; then exit 0; fi
tmp=$(mktemp -d "${dest%/}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lexicon" "$tmp/comments" "$tmp/raw"
git --git-dir="$lexicon_git" archive HEAD Vocabulary | tar -x -C "$tmp/raw"
cp "$tmp/raw/Vocabulary/"*.txt "$tmp/lexicon/"
git --git-dir="$corpus_git" archive HEAD datasets/online_shopping_10_cats datasets/waimai_10k datasets/ChnSentiCorp_htl_all | tar -x -C "$tmp/raw"
unzip -q -o "$tmp/raw/datasets/online_shopping_10_cats/online_shopping_10_cats.zip" -d "$tmp/comments"
cp "$tmp/raw/datasets/waimai_10k/waimai_10k.csv" "$tmp/raw/datasets/ChnSentiCorp_htl_all/ChnSentiCorp_htl_all.csv" "$tmp/comments/"
rm -rf "$tmp/raw" "$dest"
mv "$tmp" "$dest"
trap - EXIT
echo "prepare: dense workload in $dest"
