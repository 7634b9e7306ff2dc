#!/usr/bin/env bash
# Builds the generated 10k and 50k corpora with pakta and the same pages
# with Hugo, and prints wall time and peak memory of each.
#   bench/site.sh [SIZES...]     (default: 10000 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000 50000}")
[ $# -eq 0 ] && sizes=(10000 50000)
generator=../shared/bench/gen_corpus.py
work=${PAKTA_BENCH_DIR:-target/bench}
today=2026-11-01
mkdir -p "$work"
cargo build --release --quiet
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 2; }

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/$label.log" 2>&1 \
    || { echo "$label failed; see $work/$label.log" >&2; exit 1; }
  read -r seconds kilobytes <"$work/time.txt"
  echo "$seconds $kilobytes"
}

printf '%-8s %-6s %10s %12s\n' corpus tool seconds "peak MB"
for n in "${sizes[@]}"; do
  corpus="$work/c$n"; hugo_site="$work/c$n-hugo"
  [ -d "$corpus" ] || python3 "$generator" --n "$n" --out "$corpus" --today "$today" >/dev/null
  [ -d "$hugo_site" ] || python3 "$generator" --n "$n" --out "$hugo_site" --today "$today" --flavor hugo >/dev/null
  rm -rf "$work/out-pakta" "$work/out-hugo"
  read -r ps pk < <(measure "pakta-$n" target/release/pakta build --root "$corpus" --out "$work/out-pakta" --today "$today")
  read -r hs hk < <(measure "hugo-$n" hugo --source "$hugo_site" --destination "$(realpath "$work")/out-hugo" --quiet)
  printf '%-8s %-6s %10s %12d\n' "$n" pakta "$ps" $((pk / 1024))
  printf '%-8s %-6s %10s %12d\n' "$n" hugo "$hs" $((hk / 1024))
  awk -v p="$ps" -v h="$hs" 'BEGIN { printf "         pakta takes %.2f of Hugo'"'"'s time\n", p / h }'
done
