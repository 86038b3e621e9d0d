#!/usr/bin/env bash
# What the wait interface and the per-row interrupt checks cost (issues 4 and 6): the same
# commit built twice, instrumented (build/, the default) and compiled without
# (build-noinstr/, -DWARDEN_INSTRUMENTATION=OFF), one instance of each running side by side,
# measured alternately (ON/OFF, then OFF/ON, ...) so drift in the machine's load hits both:
#   (a) a CPU-bound query: a hash join of a 500,000-row table with a 10,000-row one giving
#       5,000,000 rows, grouped into 10; timed by psql's \timing, QUERY_RUNS times on each
#       (after one warm-up run), and the server process's CPU time for it; medians reported;
#   (b) pgbench point SELECT by primary key (bench/run_point_bench.sh's script), 8 clients,
#       ROUNDS runs of SECONDS on each: tps, and the dedicated servers' CPU per transaction.
# CPU time is the figure to read on a busy machine: wall time and tps swing with other load.
#   bench/run_instrumentation_bench.sh [QUERY_RUNS] [ROUNDS] [SECONDS]
# Defaults 11, 5, 10. SKIP_BUILD=1 uses the trees as they are; CPU_ROWS sets the big table's
# size (a multiple of 1000), PGBENCH_MODE the protocol (simple). Needs postgresql-15's pgbench.
QRUNS=${1:-11}
ROUNDS=${2:-5}
SECS=${3:-10}
CPU_ROWS=${CPU_ROWS:-500000}
MODE=${PGBENCH_MODE:-simple}
POINT_ROWS=10000
PEERS_START=0
source "$(dirname "$0")/peers.sh"

build_on_off
ON_PORT=$(free_port); OFF_PORT=$(free_port)
start_warden build "$TMP/on" "$ON_PORT"
start_warden build-noinstr "$TMP/off" "$OFF_PORT"
conn_of() { echo "host=127.0.0.1 port=$1 user=sys password=$PW dbname=warden"; }
port_of() { if [ "$1" = ON ]; then echo "$ON_PORT"; else echo "$OFF_PORT"; fi; }
run_header

for side in ON OFF; do
  load_bench_t "$(conn_of "$(port_of $side)")" "$POINT_ROWS"
  load_cpu_tables "$(conn_of "$(port_of $side)")" "$CPU_ROWS"
done
write_pgbench_scripts "$POINT_ROWS"

# Both builds must give the same, right answer: 10 groups of CPU_ROWS joined rows.
on_result=$(psql "$(conn_of "$ON_PORT")" -Atc "$CPU_QUERY")
off_result=$(psql "$(conn_of "$OFF_PORT")" -Atc "$CPU_QUERY")
total=$(awk -F'|' '{n += $2} END {print n}' <<<"$on_result")
if [ "$on_result" != "$off_result" ] || [ "$total" != "$((CPU_ROWS * 10))" ]; then
  echo "CPU-bound query: wrong or different results (ON total $total)"; exit 1
fi

# And the switch must be what it says: waits are counted in ON's V$SYSTEM_EVENT, not in OFF's.
waited() { psql "$(conn_of "$1")" -Atc "select count(*) from v\$system_event where total_waits > 0"; }
if [ "$(waited "$ON_PORT")" = 0 ] || [ "$(waited "$OFF_PORT")" != 0 ]; then
  echo "V\$SYSTEM_EVENT: ON $(waited "$ON_PORT") events waited on, OFF $(waited "$OFF_PORT")"; exit 1
fi

# query_ms PORT: "wall cpu" in ms for one run of the CPU-bound query in a new session: wall
# as psql's \timing reports it, cpu the session's server process's time on a CPU during the
# query (/proc/PID/schedstat, ns), which the other work on the machine disturbs far less.
cat > "$TMP/query.psql" <<SQL
select p.spid as "spid" from v\$process p, v\$session s where p.addr = s.paddr and s.sid = userenv('SID') \\gset
\\setenv SPID :spid
\\! echo cpu0 \$(cut -d' ' -f1 /proc/\$SPID/schedstat)
\\o /dev/null
\\timing on
$CPU_QUERY;
\\timing off
\\o
\\! echo cpu1 \$(cut -d' ' -f1 /proc/\$SPID/schedstat)
SQL
query_ms() {
  psql "$(conn_of "$1")" -Atq -v ON_ERROR_STOP=1 -f "$TMP/query.psql" |
    awk '/^cpu0/ {c0 = $2} /^cpu1/ {c1 = $2} /^Time:/ {t = $2}
         END {if (t != "" && c1 > c0) printf "%s %.3f\n", t, (c1 - c0) / 1e6}'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
spread() {  # format: "lowest-highest"
  tr ' ' '\n' | grep -v '^$' | sort -g | awk -v f="$1" 'NR == 1 {lo = $1} {hi = $1} END {printf f "-" f, lo, hi}'
}
best() { tr ' ' '\n' | grep -v '^$' | sort -g | awk -v hi="$1" 'NR == 1 {lo = $1} {top = $1} END {print hi ? top : lo}'; }
paired() {  # ON-list OFF-list: median over rounds of (ON/OFF - 1), the runs of a round being adjacent
  paste <(tr ' ' '\n' <<<"$1" | grep -v '^$') <(tr ' ' '\n' <<<"$2" | grep -v '^$') |
    awk '{printf "%.4f ", ($1 / $2 - 1) * 100}' | median | awk '{printf "%+.2f%%", $1}'
}
order_of() { if (($1 % 2)); then echo "ON OFF"; else echo "OFF ON"; fi; }  # ABBA...

query_ms "$ON_PORT" >/dev/null; query_ms "$OFF_PORT" >/dev/null  # warm-up
declare -A QMS=([ON]="" [OFF]="") QCPU=([ON]="" [OFF]="") TPS=([ON]="" [OFF]="")
echo "-- (a) CPU-bound query, $QRUNS runs each: $CPU_QUERY"
for ((r = 1; r <= QRUNS; r++)); do
  for side in $(order_of "$r"); do
    read -r ms cpu < <(query_ms "$(port_of $side)") || true
    [ -n "${cpu:-}" ] || { echo "query failed on $side"; exit 1; }
    QMS[$side]+=" $ms"; QCPU[$side]+=" $cpu"
  done
done
echo "   ON  wall ms:${QMS[ON]}"
echo "   OFF wall ms:${QMS[OFF]}"
echo "   ON  CPU ms: ${QCPU[ON]}"
echo "   OFF CPU ms: ${QCPU[OFF]}"
# The CPU an instance's dedicated servers used: the supervisor reaps them, so once they have
# exited their time is in its cutime + cstime (/proc/PID/stat, clock ticks).
sup_pid() { head -1 "$TMP/$(tr '[:upper:]' '[:lower:]' <<<"$1")/wardend.pid"; }
children_ticks() { awk '{print $16 + $17}' "/proc/$1/stat"; }
# pgbench_side ON|OFF: "tps cpu_us_per_transaction" for one run.
pgbench_side() {
  local sup out n0 n t0 t1 i
  sup=$(sup_pid "$1")
  n0=$(pgrep -c -P "$sup" || true)
  t0=$(children_ticks "$sup")
  out=$(pgbench_run "$(port_of "$1")" select "$MODE" 8 warden "$SECS")
  for ((i = 0; i < 100; i++)); do  # the 8 servers exit and are reaped; at most 10 s
    n=$(pgrep -c -P "$sup" || true)
    ((n <= n0)) && break
    sleep 0.1
  done
  t1=$(children_ticks "$sup")
  awk -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" '/^tps/ {tps = $3}
      /^number of transactions actually processed/ {sub(/\/.*/, "", $NF); n = $NF}
      END {if (tps != "" && n > 0) printf "%s %.2f\n", tps, (t1 - t0) * 1e6 / hz / n}' <<<"$out"
}
echo "-- (b) pgbench point SELECT, $MODE protocol, 8 clients, $ROUNDS x ${SECS}s each"
declare -A TCPU=([ON]="" [OFF]="")
for ((r = 1; r <= ROUNDS; r++)); do
  for side in $(order_of "$r"); do
    read -r tps us < <(pgbench_side "$side") || true
    [ -n "${us:-}" ] || { echo "pgbench failed on $side"; exit 1; }
    TPS[$side]+=" $tps"; TCPU[$side]+=" $us"
  done
done
echo "   ON  tps:${TPS[ON]}"
echo "   OFF tps:${TPS[OFF]}"
echo "   ON  server CPU us/transaction:${TCPU[ON]}"
echo "   OFF server CPU us/transaction:${TCPU[OFF]}"
echo "-- load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

qon=$(median <<<"${QMS[ON]}"); qoff=$(median <<<"${QMS[OFF]}")
con=$(median <<<"${QCPU[ON]}"); coff=$(median <<<"${QCPU[OFF]}")
ton=$(median <<<"${TPS[ON]}"); toff=$(median <<<"${TPS[OFF]}")
uon=$(median <<<"${TCPU[ON]}"); uoff=$(median <<<"${TCPU[OFF]}")
echo
echo "| | instrumented (ON) | compiled without (OFF) | ON vs OFF (medians) | ON vs OFF (best) | ON vs OFF (median of paired runs) |"
echo "|---|---|---|---|---|---|"
printf '| (a) CPU-bound query, server CPU ms: median (range) | %.1f (%s) | %.1f (%s) | %s | %s | %s |\n' \
  "$con" "$(spread %.1f <<<"${QCPU[ON]}")" "$coff" "$(spread %.1f <<<"${QCPU[OFF]}")" "$(pct "$con" "$coff")" \
  "$(pct "$(best 0 <<<"${QCPU[ON]}")" "$(best 0 <<<"${QCPU[OFF]}")")" "$(paired "${QCPU[ON]}" "${QCPU[OFF]}")"
printf '| (a) CPU-bound query, wall ms: median (range) | %.1f (%s) | %.1f (%s) | %s | %s | %s |\n' \
  "$qon" "$(spread %.1f <<<"${QMS[ON]}")" "$qoff" "$(spread %.1f <<<"${QMS[OFF]}")" "$(pct "$qon" "$qoff")" \
  "$(pct "$(best 0 <<<"${QMS[ON]}")" "$(best 0 <<<"${QMS[OFF]}")")" "$(paired "${QMS[ON]}" "${QMS[OFF]}")"
printf '| (b) pgbench point SELECT, 8 clients, tps: median (range) | %.0f (%s) | %.0f (%s) | %s | %s | %s |\n' \
  "$ton" "$(spread %.0f <<<"${TPS[ON]}")" "$toff" "$(spread %.0f <<<"${TPS[OFF]}")" "$(pct "$ton" "$toff")" \
  "$(pct "$(best 1 <<<"${TPS[ON]}")" "$(best 1 <<<"${TPS[OFF]}")")" "$(paired "${TPS[ON]}" "${TPS[OFF]}")"
printf '| (b) pgbench point SELECT, server CPU us/transaction: median (range) | %.2f (%s) | %.2f (%s) | %s | %s | %s |\n' \
  "$uon" "$(spread %.2f <<<"${TCPU[ON]}")" "$uoff" "$(spread %.2f <<<"${TCPU[OFF]}")" "$(pct "$uon" "$uoff")" \
  "$(pct "$(best 0 <<<"${TCPU[ON]}")" "$(best 0 <<<"${TCPU[OFF]}")")" "$(paired "${TCPU[ON]}" "${TCPU[OFF]}")"
echo "(a): + means the instrumented build is slower; (b): - tps or + CPU means it is slower."
