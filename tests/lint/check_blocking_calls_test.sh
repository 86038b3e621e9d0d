#!/usr/bin/env bash
# A test of the test: the blocking-call check must pass on the repository and must fail on a
# tree with a planted raw call.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if ! "$here/check_blocking_calls.sh" "$here/../.."; then
  echo "FAIL: the repository has blocking calls outside the wait API"; exit 1
fi
out=$("$here/check_blocking_calls.sh" "$here/planted" 2>&1)
if [ $? -eq 0 ] || ! grep -q "src/proc/planted.cc:4" <<< "$out"; then
  echo "FAIL: the planted usleep() was not reported: $out"; exit 1
fi
echo "blocking-call check: clean tree passes, planted call caught"
