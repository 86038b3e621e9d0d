#!/usr/bin/env bash
# Builds tests/fuzz/sql_fuzz with clang (libFuzzer, ASan, UBSan) in build-fuzz/ and runs it
# from a seed corpus made of the conformance suite's statements (tests/sql/*.test).
#   tests/fuzz/run_fuzz.sh [RUNS]      (default 100000: what CI runs; try 10000000 by hand)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-100000}
BUILD=${WARDEN_FUZZ_BUILD:-build-fuzz}
cmake -S . -B "$BUILD" -DCMAKE_CXX_COMPILER=clang++ -DWARDEN_FUZZ=ON -DWARDEN_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" --target sql_fuzz -j"$(nproc)" >/dev/null
CORPUS=$(mktemp -d /tmp/warden_fuzz_XXXXXX)
trap 'rm -rf "$CORPUS"' EXIT
# One seed per statement of the conformance files: the lines between a record header and
# the next blank line or "----".
awk -v dir="$CORPUS" '
  /^(statement|query)/ { inrec = 1; sql = ""; next }
  /^----$/ || /^$/ { if (inrec && sql != "") { n++; print sql > (dir "/seed" n); close(dir "/seed" n) } inrec = 0; sql = ""; next }
  inrec { sql = sql (sql == "" ? "" : "\n") $0 }
' tests/sql/*.test
echo "sql_fuzz: $(ls "$CORPUS" | wc -l) seeds, $RUNS runs"
"$BUILD/sql_fuzz" -runs="$RUNS" -max_len=512 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$CORPUS" 2>&1 | tail -12
