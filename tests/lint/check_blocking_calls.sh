#!/usr/bin/env bash
# The wait-interface invariant, enforced (DESIGN.md §4): no blocking system call in the
# instance's code outside the wait module and the few wrappers allowed to make one.
#   tests/lint/check_blocking_calls.sh [ROOT]    exit 0 if clean, 1 with the offending lines
# Scans ROOT/src (default: the repository) except src/client (wsql is a client, not part of
# the instance). Allowed:
#   - the files below, which ARE the wait primitives or wrap them;
#   - a line carrying, or following a comment line with, a `blocking-ok: <reason>` marker (a non-blocking use, or code that runs
#     in a command-line tool rather than an instance process).
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
allowed_files=(
  src/sga/post_wait.cc      # ppoll: the one sleep every wait goes through
  src/net/client_socket.cc  # non-blocking socket I/O, waits through the wait API
  src/sga/latch.cc          # the latch slow path, reported as 'latch free' by hooks
)
calls='recv|recvfrom|recvmsg|read|readv|poll|ppoll|epoll_wait|epoll_pwait|select|pselect|nanosleep|clock_nanosleep|usleep|sleep|sleep_for|sleep_until|fsync|fdatasync|pread|pwrite|accept|accept4|waitpid|waitid|wait|pthread_mutex_lock|pthread_cond_wait|sigwait|sigtimedwait|syscall'
status=0
cd "$root"
while IFS= read -r -d '' f; do
  rel=${f#./}
  skip=0
  for a in "${allowed_files[@]}"; do [ "$rel" = "$a" ] && skip=1; done
  [ $skip -eq 1 ] && continue
  # Strip // comments (keeping the blocking-ok marker visible), then look for a call.
  hits=$(perl -ne '
    my $line = $_;
    my $marked = $line =~ /blocking-ok:/ || $prev =~ /^\s*\/\/.*blocking-ok:/;
    $prev = $line;
    next if $marked;
    $line =~ s{//.*}{};
    print "$.: $_" if $line =~ /(?<![\w.>:])(?:::)?(?:'"$calls"')\s*\(/;
  ' "$rel")
  if [ -n "$hits" ]; then
    while IFS= read -r h; do echo "$rel:$h"; done <<< "$hits"
    status=1
  fi
done < <(find ./src -path ./src/client -prune -o \( -name '*.cc' -o -name '*.h' \) -print0)
if [ $status -ne 0 ]; then
  echo "blocking call outside the wait API (wrap it in wait::WaitFor/SleepFor, or mark a"
  echo "non-blocking use with a 'blocking-ok: reason' comment)" >&2
fi
exit $status
