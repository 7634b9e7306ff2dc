#!/usr/bin/env bash
# Search benchmark on a generated corpus: the site is built with
# `pakta build` (index build time and peak memory), Pagefind indexes the
# same built agreement pages, then bench/search.mjs measures the bytes a
# cold browser transfers per query for both, the agreements each returns
# and pakta's render time.
#
#   bench/search.sh [N]          default 50000; corpus from ../shared/bench/gen_corpus.py
#
# PAKTA_BENCH_CORPUS: a corpus generated beforehand (instead of
# $PAKTA_BENCH_DIR/cN); PAKTA_BENCH_PROFILE=debug: the debug binary (the
# transfer and render figures do not depend on it, the build times do);
# PAKTA_BENCH_PAGEFIND=0: pakta's figures only, without Pagefind.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-50000}
today=2026-11-01
work=${PAKTA_BENCH_DIR:-$here/target/bench}
corpus=${PAKTA_BENCH_CORPUS:-$work/c$n}
profile=${PAKTA_BENCH_PROFILE:-${PAKTA_PROFILE:-release}}
pagefind_too=${PAKTA_BENCH_PAGEFIND:-1}
site="$work/search-site-$n"
mkdir -p "$work"
[ -f "$corpus/pakta.toml" ] || python3 "$here/../shared/bench/gen_corpus.py" --n "$n" --out "$corpus" --today "$today" --force 2>/dev/null
if [ "$profile" != debug ]; then
  cargo build --quiet --profile "$profile" --manifest-path "$here/Cargo.toml"
else
  cargo build --quiet --manifest-path "$here/Cargo.toml"
fi
pakta="${CARGO_TARGET_DIR:-$here/target}/$profile/pakta"
(cd "$here/tests/browser" && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error)
# Pagefind is only the benchmark's reference, so it is not a test dependency.
pagefind="$work/pagefind/node_modules/.bin/pagefind"
[ "$pagefind_too" = 0 ] || [ -x "$pagefind" ] || npm install --prefix "$work/pagefind" --no-save --no-audit --no-fund --loglevel=error pagefind@1

echo "== pakta build with its search index ($n agreements)"
rm -rf "$site"
/usr/bin/time -f "whole build: %e s wall, %M KB max resident" \
  "$pakta" build --root "$corpus" --out "$site" --today "$today" --base-url / --timings
echo "index size: $(du -sh "$site/search" | cut -f1) in $(find "$site/search" -type f | wc -l) files"

echo "search/v (spelling vocabulary): $(du -sh "$site/search/v" | cut -f1) in $(find "$site/search/v" -type f | wc -l) files"

if [ "$pagefind_too" = 0 ]; then
  echo "== queries (pakta only)"
  node "$here/bench/search.mjs" "$site" -
  exit
fi
echo "== Pagefind over the same agreement pages (data-pagefind-body)"
/usr/bin/time -f "pagefind: %e s wall, %M KB max resident" \
  "$pagefind" --site "$site" --silent
echo "pagefind size: $(du -sh "$site/pagefind" | cut -f1) in $(find "$site/pagefind" -type f | wc -l) files"

echo "== queries"
node "$here/bench/search.mjs" "$site" "$site"
