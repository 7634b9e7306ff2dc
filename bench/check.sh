#!/usr/bin/env bash
# Loading and checking a generated national-scale repository.
#
#   bench/check.sh [N ...]        default: 10000 50000
#
# Corpora come from ../shared/bench/gen_corpus.py (kept in $PAKTA_CORPORA,
# default target/corpora). Each size is checked RUNS times (default 7) after
# one warm-up run that fills the page cache; the table shows the median and
# best wall time and the peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
# The figures are read from pakta's lines in English; the language changes
# no figure, and the repository's or the shell's language must not change
# what this script can read.
export PAKTA_LANG=en

generator=${PAKTA_GENERATOR:-../shared/bench/gen_corpus.py}
corpora=${PAKTA_CORPORA:-target/corpora}
runs=${RUNS:-7}
today=2026-11-01
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 50000)

[ -n "${PAKTA_BIN:-}" ] || cargo build --profile "${PAKTA_PROFILE:-release}" --quiet
pakta=${PAKTA_BIN:-target/${PAKTA_PROFILE:-release}/pakta}

printf '%-8s %10s %10s %12s  %s\n' agreements median_s best_s peak_rss_mb phases_of_median_run
for n in "${sizes[@]}"; do
  dir="$corpora/c$n"
  if [ ! -f "$dir/pakta.toml" ]; then
    mkdir -p "$corpora"
    python3 "$generator" --n "$n" --out "$dir" --today "$today" --force 2>/dev/null
  fi
  "$pakta" check --root "$dir" --today "$today" >/dev/null 2>&1
  results=()
  for _ in $(seq "$runs"); do
    # Of what check prints besides the report, only the phases (`--timings`)
    # and the time's own last line: a national repository's warnings, tens
    # of megabytes of them, would otherwise fill the table.
    stats=$( { /usr/bin/time -f '%e %M' "$pakta" check --root "$dir" --today "$today" --timings >/dev/null; } 2>&1 |
      sed -n -e 's/^ *\([a-z][a-z ]*\): *\([0-9.]*\) ms.*/\1: \2/p' -e '$p' )
    phases=$(echo "$stats" | head -n -1 | tr '\n' ' ')
    results+=("$(echo "$stats" | tail -n 1) $phases")
  done
  sorted=$(printf '%s\n' "${results[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  best=$(echo "$sorted" | head -n 1 | cut -d' ' -f1)
  read -r wall rss rest <<<"$median"
  printf '%-8s %10s %10s %12d  %s\n' "$n" "$wall" "$best" $((rss / 1024)) "$rest"
done
