#!/usr/bin/env bash
# What one hostile agreement adds to a build's peak memory.
#
#   bench/hostile.sh [BYTES]      default: 524288 (the agreement file limit)
#
# For each pattern, a repository of one agreement of BYTES, its body the
# pattern repeated, is built once, and the peak resident memory is
# printed beside that of the same repository with a one-line body. The
# patterns are the Markdown that makes a parser keep the most per byte:
# unclosed links and images, emphasis runs, raw HTML, deep block quotes
# and lists, backticks, tables. Set PAKTA to a binary to skip the
# release build; the repositories are made in $TMPDIR (default /dev/shm).
set -euo pipefail
cd "$(dirname "$0")/.."

bytes=${1:-524288}
work=$(mktemp -d "${TMPDIR:-/dev/shm}/pakta-hostile-XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -z "${PAKTA:-}" ]; then
  cargo build --profile "${PAKTA_PROFILE:-release}" --quiet
  PAKTA=target/${PAKTA_PROFILE:-release}/pakta
fi

repo="$work/repo"
mkdir -p "$repo/agreements"
printf '[site]\ntitle = "Uji"\nbase_url = "https://example.org/kerjasama"\n' >"$repo/pakta.toml"
printf 'name = "KPU Republik Indonesia"\nlevel = "national"\n' >"$repo/agreements/_unit.toml"

write_agreement() { # pattern bytes
  python3 - "$1" "$2" "$repo/agreements/2025-mou-x.md" <<'PY'
import sys
pattern, size, path = sys.argv[1].encode().decode('unicode_escape'), int(sys.argv[2]), sys.argv[3]
front = '+++\ntitle = "Nota Kesepahaman"\nkind = "mou"\n\n[dates]\nsigned = 2025-03-10\n' \
        'expires = 2029-03-09\n\n[[partners]]\nname = "Universitas Sebelas Maret"\n' \
        'category = "university"\n+++\n\n'
size = max(size - len(front), 1)
body = (pattern * (size // len(pattern) + 1))[:size]
open(path, 'w').write(front + body)
PY
}

peak_mb() {
  rm -rf "$work/out"
  /usr/bin/time -o "$work/time" -f '%M %x' "$PAKTA" build --root "$repo" --out "$work/out" \
    --today 2026-11-22 >/dev/null 2>&1 || true
  awk '{printf "%d %s", $1 / 1024, $2}' "$work/time"
}

write_agreement 'Teks.\n' 6
read -r base _ <<<"$(peak_mb)"
printf 'agreement of %d bytes; one with a one-line body peaks at %d MB\n' "$bytes" "$base"
printf '%-24s %8s %8s %5s\n' pattern peak_mb added_mb exit
for pattern in '[a](' '![a](' '[a]' '*' '*a' '_a_ ' '<' '<a>' '> ' '>' '- ' '1. ' '`' '``a' \
  '| a |\n' '| a | b |\n|---|---|\n' '[a]: b\n' '\\' '&amp;' '# a\n' 'kata ' 'kata-kata\n'; do
  write_agreement "$pattern" "$bytes"
  read -r peak status <<<"$(peak_mb)"
  printf '%-24s %8d %8d %5s\n' "$pattern" "$peak" $((peak - base)) "$status"
done
