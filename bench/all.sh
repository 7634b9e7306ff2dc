#!/usr/bin/env bash
# Every benchmark on one generated corpus, then one table of the figures
# the performance targets name, each beside its target.
#
#   bench/all.sh [N]        default 50000
#
# The corpus (gen_corpus.py, seed 99, today 2026-11-01) and every output
# are kept in $PAKTA_BENCH_DIR (default /dev/shm/pakta-bench-all, a RAM
# disk: the file system would otherwise measure itself). Each script's own
# output is kept beside them in logs/ for the figures the table leaves out.
# RUNS (default 3) is handed to every script. The preview is measured
# on the corpus, on the same number of agreements of which PDF_SHARE
# (default 0.3; 0 leaves it out) have a local PDF, as real repositories
# do, and on 10,000 agreements, where it has a target of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
# The figures are read from pakta's lines in English (see each script).
export PAKTA_LANG=en
n=${1:-50000}
today=2026-11-01
dir=${PAKTA_BENCH_DIR:-/dev/shm/pakta-bench-all}
corpus="$dir/c$n"
logs="$dir/logs"
export RUNS=${RUNS:-3}
mkdir -p "$dir" "$logs"
[ -f "$corpus/pakta.toml" ] ||
  python3 ../shared/bench/gen_corpus.py --n "$n" --seed 99 --out "$corpus" --today "$today" --force 2>/dev/null
# Every script finds this one corpus.
export PAKTA_BENCH_DIR="$dir" PAKTA_CORPORA="$dir" PAKTA_CORPUS="$corpus" PAKTA_BENCH_OUT="$dir/out"
[ -n "${PAKTA_BIN:-}" ] || cargo build --profile "${PAKTA_PROFILE:-release}" --quiet
pakta=${PAKTA_BIN:-target/${PAKTA_PROFILE:-release}/pakta}

median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }

# The build, and copying its own output in the same run: the copy floor.
site="$dir/site"
builds=()
downloads=()
for _ in $(seq "$RUNS"); do
  rm -rf "$site"
  # time writes its own file: the build's output, --timings included,
  # goes to the log.
  /usr/bin/time -f '%e %M' -o "$logs/build.time" "$pakta" build --root "$corpus" --out "$site" --today "$today" --timings >"$logs/build.log" 2>&1
  builds+=("$(tail -n 1 "$logs/build.time")")
  # What the downloads cost: their work over the threads, and the wall
  # time of those written before the search index (the workbook is
  # written beside the index).
  downloads+=("$(sed -n 's/.*open data: *\([0-9.]*\) ms of work.*; \([0-9.]*\) ms before the search index.*/\2 \1/p' "$logs/build.log")")
done
read -r build_s build_kb <<<"$(printf '%s\n' "${builds[@]}" | median)"
read -r downloads_ms downloads_work_ms <<<"$(printf '%s\n' "${downloads[@]}" | median)"
copies=()
for _ in $(seq "$RUNS"); do
  rm -rf "$site-copy"
  copies+=("$( { /usr/bin/time -f '%e' cp -a "$site" "$site-copy"; } 2>&1 | tail -n 1)")
done
rm -rf "$site-copy"
copy_s=$(printf '%s\n' "${copies[@]}" | median)
site_mb=$(du -sb "$site" | awk '{ printf "%.0f", $1 / 1e6 }')
site_files=$(find "$site" -type f | wc -l)
# GitHub Pages measures the tar archive that is uploaded.
tar_mb=$(tar -cf - -C "$site" . | wc -c | awk '{ printf "%.0f", $1 / 1e6 }')

bench/check.sh "$n" >"$logs/check.log" 2>&1
bench/diff.sh "$n" >"$logs/diff.log" 2>&1
EDITS=${EDITS:-5} bench/serve.sh "$n" >"$logs/serve.log" 2>&1
# The preview's second target is at 10,000 agreements (a corpus of its own).
small=10000
[ "$n" = "$small" ] || EDITS=${EDITS:-9} bench/serve.sh "$small" >"$logs/serve-$small.log" 2>&1
pdf_share=${PDF_SHARE:-0.3}
[ "$pdf_share" = 0 ] ||
  PDF_SHARE="$pdf_share" EDITS=${EDITS:-5} bench/serve.sh "$n" >"$logs/serve-pdf.log" 2>&1
bench/report.sh "$n" >"$logs/report.log" 2>&1
bench/search.sh "$n" >"$logs/search.log" 2>&1

# The row of a table whose first column is N: column $2 of it.
column() { awk -v n="$n" -v c="$2" '$1 == n { print $c; exit }' "$1"; }
check_s=$(column "$logs/check.log" 2)
diff_s=$(column "$logs/diff.log" 2)
diff_mb=$(column "$logs/diff.log" 4)
serve_ms=$(awk '/^median/ { print $2 }' "$logs/serve.log")
serve_pdf_ms=$([ "$pdf_share" = 0 ] || awk '/^median/ { print $2 }' "$logs/serve-pdf.log")
# What an editor waits for: from saving the file to the first page served
# after the rebuild, the median for each page serve.sh asks for.
edit_to_page() {
  awk '$2 == "edit" && $3 == "to" && $4 == "page" { printf "%s%s %s ms", sep, $1, $6; sep = ", " }' "$1"
}
serve_page=$(edit_to_page "$logs/serve.log")
serve_small_ms=$([ "$n" = "$small" ] || awk '/^median/ { print $2 }' "$logs/serve-$small.log")
report_s=$(awk '$1 == "this" { printf "%s%s %s s", sep, $2, $3; sep = ", " }' "$logs/report.log")
search_verdicts=$(grep -E '^(met|NOT MET)' "$logs/search.log" | sed 's/  */ /g' | paste -sd ';' -)

printf '\n%-36s %-22s %s\n' figure "$n agreements" target
row() { printf '%-36s %-22s %s\n' "$1" "$2" "$3"; }
row "pakta build" "$build_s s" "<= the copy"
row "copying its output (cp -a)" "$copy_s s" ""
row "build / copy" "$(awk -v b="$build_s" -v c="$copy_s" 'BEGIN { printf "%.2fx", b / c }')" "<= 1.0x"
row "peak memory, build" "$((build_kb / 1024)) MB" "<= 1024 MB"
row "downloads before the search index" "$downloads_ms ms (work $downloads_work_ms ms)" "<= 1500 ms added"
row "output" "$site_mb MB, $site_files files" ""
row "output as a tar archive" "$tar_mb MB" "<= 1000 MB (GitHub Pages)"
row "pakta check" "$check_s s" "<= 1 s"
row "pakta diff, 70-file change" "$diff_s s, $diff_mb MB" "<= 2 s"
row "serve rebuild after one edit" "$serve_ms ms" "<= 100 ms"
row "  edit to the first page served" "$serve_page" ""
[ "$pdf_share" = 0 ] || row "  with PDFs (share $pdf_share)" "$serve_pdf_ms ms" "<= 100 ms"
[ "$n" = "$small" ] || row "  at $small agreements" "$serve_small_ms ms" "<= 30 ms"
row "pakta report, one province" "$report_s" ""
printf '%s\n' "search: ${search_verdicts:-see $logs/search.log}"
printf '(each script'"'"'s output: %s)\n' "$logs"
