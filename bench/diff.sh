#!/usr/bin/env bash
# pakta diff on a generated national-scale repository.
#
#   bench/diff.sh [N ...]        default: 10000
#
# Each corpus (from gen_corpus.py with SEED, default 99, kept in
# $PAKTA_CORPORA, default target/corpora; PAKTA_CORPUS names one already
# generated for a single N, e.g. /dev/shm/c50k) is copied into a scratch
# Git repository (in /dev/shm when there is one) with two commits: the
# base, then a 70-file change that adds an activity to 50 agreements,
# renames 10 and removes 10. The table shows the median and best wall time
# of RUNS runs (default 5) of `pakta diff HEAD~1` and the peak memory. It
# reads only the JSON summary, so it runs in any language.
set -euo pipefail
cd "$(dirname "$0")/.."

generator=${PAKTA_GENERATOR:-}
if [ -z "$generator" ]; then
  for candidate in ../shared/bench/gen_corpus.py ../../shared/bench/gen_corpus.py; do
    [ -f "$candidate" ] && generator=$candidate && break
  done
fi
corpora=${PAKTA_CORPORA:-target/corpora}
seed=${SEED:-99}
runs=${RUNS:-5}
today=2026-11-01
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)

[ -n "${PAKTA_BIN:-}" ] || cargo build --profile "${PAKTA_PROFILE:-release}" --quiet
pakta=${PAKTA_BIN:-$PWD/target/${PAKTA_PROFILE:-release}/pakta}
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  scratch=$(mktemp -d /dev/shm/pakta-bench-diff.XXXXXX)
else
  scratch=$(mktemp -d)
fi
trap 'rm -rf "$scratch"' EXIT

printf '%-10s %10s %10s %12s %8s\n' agreements median_s best_s peak_rss_mb changed
for n in "${sizes[@]}"; do
  dir=${PAKTA_CORPUS:-$corpora/c$n-s$seed}
  if [ ! -f "$dir/pakta.toml" ]; then
    [ -n "$generator" ] || { echo "gen_corpus.py not found; set PAKTA_GENERATOR" >&2; exit 2; }
    mkdir -p "$(dirname "$dir")"
    python3 "$generator" --n "$n" --seed "$seed" --out "$dir" --today "$today" --force 2>/dev/null
  fi
  repo="$scratch/c$n"
  # The corpus's contents: a corpus given as a symbolic link would be
  # copied as the link, and the change below made to the corpus itself.
  mkdir -p "$repo"
  cp -R "$dir/." "$repo"
  git -C "$repo" init -q -b main
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -q -m base
  (cd "$repo" && python3 - <<'PY'
import glob, os, subprocess
files = sorted(glob.glob("agreements/**/*.md", recursive=True))
for f in files[:50]:
    text = open(f).read()
    end = text.index("+++", 3)
    open(f, "w").write(text[:end] + '\n[[activities]]\ndate = 2026-10-01\ntitle = "Kegiatan uji"\n' + text[end:])
for f in files[100:110]:
    subprocess.run(["git", "mv", f, f[:-3] + "-baru.md"], check=True)
for f in files[200:210]:
    os.remove(f)
PY
  )
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -q -m change
  # One `"renamed_from"` line per changed agreement in the JSON summary.
  changed=$("$pakta" diff HEAD~1 --root "$repo" --today "$today" --format json | grep -c '"renamed_from"' || true)
  results=()
  for _ in $(seq "$runs"); do
    results+=("$( { /usr/bin/time -f '%e %M' "$pakta" diff HEAD~1 --root "$repo" --today "$today" >/dev/null; } 2>&1 | tail -n 1)")
  done
  sorted=$(printf '%s\n' "${results[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  best=$(echo "$sorted" | head -n 1 | cut -d' ' -f1)
  read -r wall rss <<<"$median"
  printf '%-10s %10s %10s %12d %8s\n' "$n" "$wall" "$best" $((rss / 1024)) "$changed"
done
