#!/usr/bin/env bash
# Search benchmark on a generated corpus: index build time and memory,
# then bytes per query against Pagefind (bench/search.mjs).
#
#   bench/search.sh CORPUS HUGO_SITE [TODAY]
#
# CORPUS: a pakta repository (e.g. gen_corpus.py --flavor pakta).
# HUGO_SITE: the same agreements built as HTML (gen_corpus.py --flavor hugo,
# then hugo); Pagefind indexes it here unless it has a pagefind/ folder.
set -euo pipefail
corpus=${1:?corpus}
pages=${2:?built pages}
today=${3:-2026-11-01}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/pakta-search-bench-XXXXXX")
trap 'rm -rf "$out"' EXIT

cargo build --quiet --release --example search_site --manifest-path "$here/Cargo.toml"
echo "== pakta index build ($corpus)"
/usr/bin/time -f "whole run: %e s wall, %M KB max resident" \
  "$here/target/release/examples/search_site" "$corpus" "$out" --today "$today"
echo "index size: $(du -sh "$out/search" | cut -f1) in $(find "$out/search" -type f | wc -l) files"

if [ ! -d "$pages/pagefind" ]; then
  echo "== Pagefind index"
  /usr/bin/time -f "pagefind: %e s wall, %M KB max resident" \
    "$here/tests/browser/node_modules/.bin/pagefind" --site "$pages" --silent
fi
echo "pagefind size: $(du -sh "$pages/pagefind" | cut -f1) in $(find "$pages/pagefind" -type f | wc -l) files"

echo "== queries"
node "$here/bench/search.mjs" "$out" "$pages"
