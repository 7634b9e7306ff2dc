#!/usr/bin/env bash
# Search benchmark on a generated corpus: the site is built with
# `pakta build` (index build time and peak memory), Pagefind indexes the
# same built agreement pages, then bench/search.mjs measures the bytes a
# cold browser transfers per query for both, the agreements each returns
# and pakta's render time.
#
#   bench/search.sh [N]          default 50000; corpus from ../shared/bench/gen_corpus.py
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-50000}
today=2026-11-01
work=${PAKTA_BENCH_DIR:-$here/target/bench}
corpus="$work/c$n"
site="$work/search-site-$n"
mkdir -p "$work"
[ -f "$corpus/pakta.toml" ] || python3 "$here/../shared/bench/gen_corpus.py" --n "$n" --out "$corpus" --today "$today" --force 2>/dev/null
cargo build --quiet --release --manifest-path "$here/Cargo.toml"
(cd "$here/tests/browser" && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error)
# Pagefind is only the benchmark's reference, so it is not a test dependency.
pagefind="$work/pagefind/node_modules/.bin/pagefind"
[ -x "$pagefind" ] || npm install --prefix "$work/pagefind" --no-save --no-audit --no-fund --loglevel=error pagefind@1

echo "== pakta build with its search index ($n agreements)"
rm -rf "$site"
/usr/bin/time -f "whole build: %e s wall, %M KB max resident" \
  "$here/target/release/pakta" build --root "$corpus" --out "$site" --today "$today" --base-url / --timings
echo "index size: $(du -sh "$site/search" | cut -f1) in $(find "$site/search" -type f | wc -l) files"

echo "== Pagefind over the same agreement pages (data-pagefind-body)"
/usr/bin/time -f "pagefind: %e s wall, %M KB max resident" \
  "$pagefind" --site "$site" --silent
echo "pagefind size: $(du -sh "$site/pagefind" | cut -f1) in $(find "$site/pagefind" -type f | wc -l) files"

echo "== queries"
node "$here/bench/search.mjs" "$site" "$site"
