#!/usr/bin/env bash
# How long `pakta serve` takes to rebuild after one edit, on a generated
# corpus (default 10,000 agreements).
#
#   bench/serve.sh [N]
#
# Copies the corpus to a scratch folder, starts the preview, changes one
# agreement's title EDITS times (default 9) and prints each rebuild time
# the server reports, then the median. After each rebuild it asks for the
# first page an editor would see, in turn the edited agreement's page, the
# home page and its unit's page, and prints how long that page took and
# the time from the edit to the page being served, with their medians per
# page.
#
# PDF_SHARE (e.g. 0.3) gives that share of the agreements a local PDF, as
# real repositories have: each rebuild then also checks the documents and
# hands their text to the search. The corpus's PDF text cache is filled
# once, by a build, before the preview starts.
set -euo pipefail
cd "$(dirname "$0")/.."
# The figures are read from pakta's lines in English; the language changes
# no figure, and the repository's or the shell's language must not change
# what this script can read.
export PAKTA_LANG=en
n=${1:-10000}
edits=${EDITS:-9}
today=2026-11-01
work=${PAKTA_BENCH_DIR:-target/bench}
pdf_share=${PDF_SHARE:-0}
corpus="$work/c$n"
[ "$pdf_share" = 0 ] || corpus="$work/c$n-pdf$pdf_share"
mkdir -p "$work"
[ -f "$corpus/pakta.toml" ] || python3 ../shared/bench/gen_corpus.py --n "$n" --out "$corpus" --today "$today" --force \
  ${PDF_SHARE:+--pdf-share "$pdf_share"} 2>/dev/null
[ -n "${PAKTA_BIN:-}" ] || cargo build --profile "${PAKTA_PROFILE:-release}" --quiet
pakta=${PAKTA_BIN:-target/${PAKTA_PROFILE:-release}/pakta}
# A RAM disk where there is one: the preview's copy of the corpus is
# written and watched there, not measured against a slow disk.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  scratch=$(mktemp -d /dev/shm/pakta-serve-bench-XXXXXX)
else
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/pakta-serve-bench-XXXXXX")
fi
if [ "$pdf_share" != 0 ] && [ ! -d "$corpus/.pakta-cache" ]; then
  "$pakta" build --root "$corpus" --out "$scratch/warm" --today "$today" >/dev/null 2>&1 || true
  rm -rf "$scratch/warm"
fi
log="$scratch/serve.log"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
# The contents, also of a corpus given as a symbolic link, which would
# otherwise be copied as the link and edited in place.
mkdir -p "$scratch/repo"
cp -R "$corpus/." "$scratch/repo"
"$pakta" serve --root "$scratch/repo" --port 0 --today "$today" >"$scratch/out.log" 2>"$log" &
server=$!
until grep -q "Serving" "$scratch/out.log" 2>/dev/null; do sleep 0.2; done
url=$(sed -n 's/^Serving \(http[^ ]*\).*/\1/p' "$scratch/out.log")
# The 100th agreement by path, or the next published one: a private
# agreement has no page to ask for.
file=""
while IFS= read -r candidate; do
  grep -q '^public = false' "$candidate" || { file=$candidate; break; }
done < <(find "$scratch/repo/agreements" -name '*.md' | sort | sed -n '100,$p')
[ -n "$file" ] || { echo "no published agreement from the 100th on" >&2; exit 1; }
rel=${file#"$scratch/repo/agreements/"}
folder=$(dirname "$rel")
[ "$folder" = . ] && folder="" || folder="$folder/"
# An agreement's page is at its id: its path below agreements/ without .md.
id=${rel%.md}
pages=("$id/" "" "units/$folder")
names=(agreement home unit)
now_ms() { date +%s%3N; }
: >"$scratch/pages"
for i in $(seq "$edits"); do
  kind=$(( (i - 1) % 3 ))
  started=$(now_ms)
  sed -i "s/^title = \"\(.*\)\"$/title = \"\1 $i\"/" "$file"
  until [ "$(grep -c '^Rebuilt' "$log")" -gt "$i" ]; do sleep 0.01; done
  status=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$url${pages[$kind]}")
  served=$(now_ms)
  read -r code took <<<"$status"
  [ "$code" = 200 ] || { echo "page ${pages[$kind]} answered $code" >&2; exit 1; }
  echo "${names[$kind]} $(awk -v s="$took" 'BEGIN {printf "%d", s * 1000}') $((served - started))" >>"$scratch/pages"
done
echo "rebuilds after one edit, $n agreements$([ "$pdf_share" = 0 ] || echo ", PDF share $pdf_share"):"
grep '^Rebuilt' "$log" | tail -n "$edits"
grep '^Rebuilt' "$log" | tail -n "$edits" | awk '{print $3}' | sort -n \
  | awk '{v[NR]=$1} END {printf "median %d ms over %d edits\n", v[int((NR+1)/2)], NR}'
echo "first page after the rebuild (page ms, edit to page served ms):"
cat "$scratch/pages"
for name in "${names[@]}"; do
  for column in 2 3; do
    awk -v n="$name" -v c="$column" '$1 == n {print $c}' "$scratch/pages" | sort -n \
      | awk -v n="$name" -v c="$column" '{v[NR]=$1} END {if (NR) printf "%s %s median %d ms (%d-%d) over %d\n", n, (c == 2 ? "page" : "edit to page"), v[int((NR+1)/2)], v[1], v[NR], NR}'
  done
done
