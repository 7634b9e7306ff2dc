#!/usr/bin/env bash
# What reading PDF documents adds to a build: the same generated corpus
# with a local PDF for 30% of the signed agreements and without them
# (gen_corpus.py --pdf-share; the agreements are otherwise the same for
# the same seed), built with no PDFs, with a cold extraction cache and
# with a warm one. Prints wall time and peak memory (the largest of pakta
# and its extraction children) of each, and the size of the index.
#
#   bench/pdf.sh [N]          default 50000; corpora and sites under /dev/shm
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-50000}
today=2026-11-01
work=${PAKTA_BENCH_DIR:-/dev/shm/pakta-bench-pdf}
with="$work/c$n-pdf"
without="$work/c$n"
site="$work/site-$n"
cache="$work/pdf-cache-$n"
gen="$here/../shared/bench/gen_corpus.py"
[ -f "$gen" ] || gen=/work/shared/bench/gen_corpus.py
mkdir -p "$work"
[ -f "$with/pakta.toml" ] || python3 "$gen" --n "$n" --seed 99 --today "$today" --pdf-share 0.3 --out "$with" --force >/dev/null 2>&1
[ -f "$without/pakta.toml" ] || python3 "$gen" --n "$n" --seed 99 --today "$today" --out "$without" --force >/dev/null 2>&1
cargo build --quiet --profile "${PAKTA_PROFILE:-release}" --manifest-path "$here/Cargo.toml"
pakta="$here/target/${PAKTA_PROFILE:-release}/pakta"
echo "PDF documents: $(find "$with/files" -name '*.pdf' | wc -l)"

build() {
  local label=$1 root=$2
  rm -rf "$site"
  /usr/bin/time -f "$label: %e s wall, %M KB max resident" \
    "$pakta" build --root "$root" --out "$site" --today "$today" --base-url / \
    --timings --cache-dir "$cache" 2>&1 >/dev/null |
    grep -E "wall|pdf text|search:" || true
  echo "$label: search/ $(du -sh "$site/search" | cut -f1) in $(find "$site/search" -type f | wc -l) files"
}

rm -rf "$cache"
build "without PDFs" "$without"
build "cold cache" "$with"
build "warm cache" "$with"
