#!/usr/bin/env bash
# Batch benchmark (issue 7): `dpa convert` over a 2,000-document set built
# from the project's own fixtures, at --jobs 1 and --jobs 2.
#
#   benches/batch.sh            # 2,000 documents, release build
#   benches/batch.sh 500        # another set size
#   DPA_BENCH_BIN=target/release/dpa benches/batch.sh   # an existing binary
#   DPA_BENCH_PROFILE=dev benches/batch.sh   # the debug build (dependencies
#                               # optimized, the project's crates not): quicker to build
#
# The set holds hard links (copies where linking fails) of fixtures/text/*.txt
# and of every fixtures/pdf/*.pdf that converts without a password, round
# robin; large-200-pages.pdf is left out (it has its own benchmark, and 250
# copies of it would measure only that file). Reports documents/s, MB/s of
# input and peak RSS (GNU time's maximum resident set size) per run.
set -euo pipefail

N=${1:-2000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

if [ ! -x /usr/bin/time ]; then
    echo "GNU time is needed: apt-get install -y time" >&2
    exit 1
fi

if [ -n "${DPA_BENCH_BIN:-}" ]; then
    BIN=$DPA_BENCH_BIN # a binary built before (skips the build)
else case "${DPA_BENCH_PROFILE:-release}" in
    release) cargo build --release -p dpa-cli >&2; BIN="$ROOT/target/release/dpa" ;;
    dev) cargo build -p dpa-cli >&2; BIN="$ROOT/target/debug/dpa" ;;
    *) echo "DPA_BENCH_PROFILE is release or dev" >&2; exit 2 ;;
esac
fi
WORK="$ROOT/target/batch-bench"
rm -rf "$WORK"
mkdir -p "$WORK/set"
trap 'rm -rf "$WORK"' EXIT

# The sources: every fixture that converts on its own.
SOURCES=()
for f in fixtures/text/*.txt fixtures/pdf/*.pdf; do
    [ -f "$f" ] || continue
    case "$(basename "$f")" in large-200-pages.pdf) continue ;; esac
    if "$BIN" convert "$f" -o "$WORK/probe" -q 2>/dev/null; then
        SOURCES+=("$f")
    fi
done
rm -rf "$WORK/probe"
if [ ${#SOURCES[@]} -eq 0 ]; then
    echo "no readable fixtures found" >&2
    exit 1
fi

BYTES=0
for ((i = 0; i < N; i++)); do
    src=${SOURCES[$((i % ${#SOURCES[@]}))]}
    ext=${src##*.}
    dst=$(printf '%s/set/doc-%05d.%s' "$WORK" "$i" "$ext")
    ln "$src" "$dst" 2>/dev/null || cp "$src" "$dst"
    BYTES=$((BYTES + $(stat -c %s "$src")))
done

echo "set: $N documents from ${#SOURCES[@]} fixtures (${DPA_BENCH_PROFILE:-release} build), $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }') MiB; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-6s %10s %12s %10s %14s %9s\n' jobs seconds documents/s MB/s "peak RSS MB" speedup
BASE=""
for JOBS in 1 2; do
    rm -rf "$WORK/out"
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" \
        "$BIN" convert "$WORK/set" -o "$WORK/out" --jobs "$JOBS" -q 2>"$WORK/stderr.txt" || {
        echo "dpa convert failed at --jobs $JOBS:" >&2
        tail -5 "$WORK/stderr.txt" >&2
        exit 1
    }
    read -r SECS RSS_KB <"$WORK/time.txt"
    WRITTEN=$(find "$WORK/out" -name '*.json' | wc -l)
    [ "$WRITTEN" -eq "$N" ] || { echo "only $WRITTEN of $N outputs written" >&2; exit 1; }
    [ -z "$BASE" ] && BASE=$SECS
    awk -v j="$JOBS" -v s="$SECS" -v n="$N" -v b="$BYTES" -v r="$RSS_KB" -v base="$BASE" 'BEGIN {
        if (s <= 0) s = 0.01
        printf "%-6s %10.2f %12.1f %10.2f %14.1f %8.2fx\n", j, s, n / s, b / 1000000 / s, r / 1024, base / s
    }'
done
