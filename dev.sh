#!/usr/bin/env bash
# Warden's developer entry point (the README's two commands):
#   ./dev.sh run    install what is missing, build, create ./data if there is none, start an
#                   instance on 127.0.0.1 (port $WARDEN_PORT, default 1521) and open wsql as SYS
#   ./dev.sh test   install what is missing, build, run every test (unit, integration, and the
#                   unit tests again under AddressSanitizer + UBSan)
#   ./dev.sh build  install what is missing and build
#   ./dev.sh stop   stop the instance started by `run`
# All are idempotent.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages and why (see README.md "Dependencies").
PACKAGES=(g++ cmake make pkg-config libpq-dev libssl-dev libreadline-dev
          libgtest-dev libgmock-dev libbenchmark-dev postgresql-client postgresql-15 clang)
JOBS=$(nproc)
DATA=${WARDEN_DATA:-data}
PORT=${WARDEN_PORT:-1521}

install_deps() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "dev.sh: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {  # build DIR [cmake args...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j"$JOBS"
}

cmd_run() {
  install_deps
  build build
  if [ ! -f "$DATA/warden.conf" ]; then
    mkdir -p -m 700 "$DATA"
    (umask 077; head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20 > "$DATA/sys_password")
    build/wardend init -D "$DATA" --pwfile "$DATA/sys_password"
    echo "dev.sh: the SYS password is in $DATA/sys_password (mode 0600)"
  fi
  if ! build/wardend status -D "$DATA" >/dev/null; then
    build/wardend start -D "$DATA" -c "port=$PORT" --daemon
  fi
  PGPASSWORD=$(cat "$DATA/sys_password") exec build/wsql "sys@127.0.0.1:$PORT"
}

cmd_test() {
  install_deps
  build build
  (cd build && ctest --output-on-failure -j"$JOBS" --timeout 300)
  # -O1 -g1 (ASan's recommended optimisation, line tables for its reports): the sanitizer tree
  # builds in ~9 min on 2 cores instead of ~15 at -O2 -g, and its unit tests still take ~20 s.
  build build-asan -DWARDEN_SANITIZE=ON -DWARDEN_BUILD_BENCH=OFF \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j"$JOBS" -L unit --timeout 300)
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  build) install_deps; build build ;;
  stop) build/wardend stop -D "$DATA" --mode immediate ;;
  *) echo "usage: ./dev.sh run | test | build | stop" >&2; exit 2 ;;
esac
