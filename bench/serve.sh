#!/usr/bin/env bash
# How long `pakta serve` takes to rebuild after one edit, on a generated
# corpus (default 10,000 agreements).
#
#   bench/serve.sh [N]
#
# Copies the corpus to a scratch folder, starts the preview, changes one
# agreement's title EDITS times (default 10) and prints each rebuild time
# the server reports, then the median.
set -euo pipefail
cd "$(dirname "$0")/.."
# The figures are read from pakta's lines in English; the language changes
# no figure, and the repository's or the shell's language must not change
# what this script can read.
export PAKTA_LANG=en
n=${1:-10000}
edits=${EDITS:-10}
today=2026-11-01
work=${PAKTA_BENCH_DIR:-target/bench}
corpus="$work/c$n"
mkdir -p "$work"
[ -f "$corpus/pakta.toml" ] || python3 ../shared/bench/gen_corpus.py --n "$n" --out "$corpus" --today "$today" --force 2>/dev/null
[ -n "${PAKTA_BIN:-}" ] || cargo build --profile "${PAKTA_PROFILE:-release}" --quiet
scratch=$(mktemp -d "${TMPDIR:-/tmp}/pakta-serve-bench-XXXXXX")
log="$scratch/serve.log"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
cp -r "$corpus" "$scratch/repo"
"${PAKTA_BIN:-target/${PAKTA_PROFILE:-release}/pakta}" serve --root "$scratch/repo" --port 0 --today "$today" >"$scratch/out.log" 2>"$log" &
server=$!
until grep -q "Serving" "$scratch/out.log" 2>/dev/null; do sleep 0.2; done
file=$(find "$scratch/repo/agreements" -name '*.md' | sort | sed -n '100p')
for i in $(seq "$edits"); do
  sed -i "s/^title = \"\(.*\)\"$/title = \"\1 $i\"/" "$file"
  until [ "$(grep -c '^Rebuilt' "$log")" -gt "$i" ]; do sleep 0.05; done
done
echo "rebuilds after one edit, $n agreements:"
grep '^Rebuilt' "$log" | tail -n "$edits"
grep '^Rebuilt' "$log" | tail -n "$edits" | awk '{print $3}' | sort -n \
  | awk '{v[NR]=$1} END {printf "median %d ms over %d edits\n", v[int((NR+1)/2)], NR}'
