#!/usr/bin/env bash
# Full site builds of generated corpora with pakta and the same pages with
# Hugo, with wall time and peak memory of each, and the size of pakta's
# output: in total and per top-level section (agreement pages together).
#
#   bench/site.sh [SIZES...]          default: 10000 50000
#
# Corpora come from ../shared/bench/gen_corpus.py (pakta and --flavor hugo),
# kept in $PAKTA_BENCH_DIR (default target/bench). Both generators write
# into a RAM disk ($PAKTA_BENCH_OUT, default /dev/shm/pakta-bench) so that
# the figures measure the generators rather than the file system: ext4 is
# slow to create files right after many were deleted, which would penalise
# whichever tool runs first. pakta builds $RUNS times (default 3; median
# shown), Hugo once.
set -euo pipefail
cd "$(dirname "$0")/.."
# The figures are read from pakta's lines in English; the language changes
# no figure, and the repository's or the shell's language must not change
# what this script can read.
export PAKTA_LANG=en
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 50000)
generator=../shared/bench/gen_corpus.py
work=${PAKTA_BENCH_DIR:-target/bench}
out=${PAKTA_BENCH_OUT:-/dev/shm/pakta-bench}
runs=${RUNS:-3}
today=2026-11-01
mkdir -p "$work" "$out"
[ -n "${PAKTA_BIN:-}" ] || cargo build --profile "${PAKTA_PROFILE:-release}" --quiet
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 2; }

measure() { # log name, command...
  local log=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/$log.log" 2>&1 \
    || { echo "$log failed; see $work/$log.log" >&2; exit 1; }
  cat "$work/time.txt"
}

# The published size: GitHub Pages supports sites up to 1 GB, measured on
# the tar archive that is uploaded (every file adds a 512-byte header and
# pads to 512 bytes), so the archive's size is printed too. The agreement
# pages live in one folder per province (and KPU RI's at the top level), so
# they are summed as one section; every other top-level folder is its own.
output_sizes() { # site folder
  local site=$1
  printf '         output %s MB in %s files; as a tar archive %s MB\n' \
    "$(du -sb "$site" | awk '{ printf "%.1f", $1 / 1e6 }')" "$(find "$site" -type f | wc -l)" \
    "$(tar -cf - -C "$site" . | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')"
  local reserved=" assets data files findings lists monev partners reports search units "
  local agreements_bytes=0 agreements_files=0
  for entry in "$site"/*; do
    local name bytes files
    name=$(basename "$entry")
    bytes=$(du -sb "$entry" | cut -f1)
    files=$(find "$entry" -type f | wc -l)
    if [ -d "$entry" ] && [[ "$reserved" != *" $name "* ]]; then
      agreements_bytes=$((agreements_bytes + bytes)); agreements_files=$((agreements_files + files))
    elif [ -d "$entry" ]; then
      printf '         %-12s %10.1f MB %8d files\n' "$name/" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$files"
    fi
  done
  printf '         %-12s %10.1f MB %8d files\n' "agreements" "$(awk -v b="$agreements_bytes" 'BEGIN { print b / 1e6 }')" "$agreements_files"
  local top_bytes
  top_bytes=$(find "$site" -maxdepth 1 -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  printf '         %-12s %10.1f MB %8d files\n' "(top files)" "$(awk -v b="$top_bytes" 'BEGIN { print b / 1e6 }')" "$(find "$site" -maxdepth 1 -type f | wc -l)"
}

printf '%-8s %-6s %10s %10s  %s\n' corpus tool seconds "peak MB" "files"
for n in "${sizes[@]}"; do
  corpus="$work/c$n"; hugo_site="$work/c$n-hugo"
  [ -f "$corpus/pakta.toml" ] || python3 "$generator" --n "$n" --out "$corpus" --today "$today" --force 2>/dev/null
  [ -f "$hugo_site/hugo.toml" ] || python3 "$generator" --n "$n" --out "$hugo_site" --today "$today" --flavor hugo --force 2>/dev/null
  results=()
  for _ in $(seq "$runs"); do
    rm -rf "$out/pakta"
    results+=("$(measure "pakta-$n" "${PAKTA_BIN:-target/${PAKTA_PROFILE:-release}/pakta}" build --root "$corpus" --out "$out/pakta" --today "$today" --timings)")
  done
  read -r ps pk < <(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  pfiles=$(find "$out/pakta" -type f | wc -l)
  sizes_report=$(output_sizes "$out/pakta")
  rm -rf "$out/hugo"
  read -r hs hk < <(measure "hugo-$n" hugo --source "$hugo_site" --destination "$out/hugo" --quiet)
  hfiles=$(find "$out/hugo" -type f | wc -l)
  printf '%-8s %-6s %10s %10d  %s\n' "$n" pakta "$ps" $((pk / 1024)) "$pfiles"
  printf '%-8s %-6s %10s %10d  %s\n' "$n" hugo "$hs" $((hk / 1024)) "$hfiles"
  awk -v p="$ps" -v h="$hs" 'BEGIN { printf "         pakta takes %.2f of Hugo'"'"'s time\n", p / h }'
  # reports: the Laporan section's pages, CSV and JSON, written after the
  # other pages; its share of the build.
  grep -E "^ +(load|validate|model|render|search|reports):" "$work/pakta-$n.log" | sed 's/^/         pakta phases (last run) /'
  awk -v total="$ps" '/^ +reports:/ { printf "         reports take %.2f s of the build (%.0f%%)\n", $2 / 1000, $2 / 10 / total }' "$work/pakta-$n.log"
  printf '%s\n' "$sizes_report"
  rm -rf "$out/pakta" "$out/hugo"
done
