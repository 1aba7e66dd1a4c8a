#!/usr/bin/env bash
# api-manager under wrk: GET /v1.0/calls/{id} and POST /v1.0/calls (real calls dialled on asterisk-sim)
# against GET /q/health/live of the same api-manager with the same wrk settings, in the same run.
# Starts asterisk-sim, asterisk-proxy, call-manager, flow-manager, billing-manager and api-manager as
# processes on a private namespace and schemas voipbin_*_bench (cleaned at start), rate limits OFF
# (VOIPBIN_API_RATE_LIMIT_ENABLED=false), prepares the demo customer with
# net.voipbin.bench.ApiBenchSetup, runs wrk, stops everything. Needs the packaged services
# (*/target/quarkus-app; mvn -B package -DskipTests at the root), wrk (apt-get install -y wrk), RabbitMQ on
# 127.0.0.1:5672 and MariaDB on 127.0.0.1:3306 (root, no password).
# Usage: bench/api-run.sh [get seconds, default 15] [post seconds, default 10]
# The report goes to stdout and bench/results/api-<date>-<time>.txt; logs to bench/target/api-logs/.
set -euo pipefail
cd "$(dirname "$0")"
get_s=${1:-15}
post_s=${2:-10}
[ "$get_s" -le 20 ] && [ "$post_s" -le 20 ] || { echo "api-run: keep each measurement at or under 20 s" >&2; exit 1; }
modules="asterisk-sim asterisk-proxy call-manager flow-manager billing-manager api-manager"
command -v wrk >/dev/null || { echo "api-run: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
ns="bench-api-$(date +%s)-$$"
logs=target/api-logs
mkdir -p $logs
. ./suite.sh
suite_check api-run
start_suite
await_ready api-run
api="http://127.0.0.1:${ports[api-manager]}"

setup=$(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/classes:$(cat target/classpath.txt)" \
  net.voipbin.bench.ApiBenchSetup "$ns" "$api" "http://127.0.0.1:${ports[asterisk-sim]}")
eval "$setup"

# run <label> <connections> <seconds> <url> [method body]: one wrk run; prints its WRK line, prefixed with the label
run() {
  local label=$1 conns=$2 secs=$3 url=$4 method=${5:-GET} body=${6:-}
  echo "bench: wrk $label, $conns connections, ${secs}s" >&2
  local line
  line=$(WRK_METHOD=$method WRK_BODY=$body WRK_TOKEN=$TOKEN wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s wrk/bench.lua "$url" | grep '^WRK ')
  echo "$label $conns $line"
}
health="$api/q/health/live"
get="$api/v1.0/calls/$CALL_ID"
calls_before=$(mysql -uroot -N -e 'select count(*) from voipbin_call_bench.`call`')

# JIT warm-up of both paths, not reported.
run warm 16 4 "$health" >/dev/null
run warm 16 4 "$get" >/dev/null
results=()
results+=("$(run health 16 "$get_s" "$health")")
results+=("$(run get 16 "$get_s" "$get")")
results+=("$(run get 64 "$get_s" "$get")")
results+=("$(run health 64 "$get_s" "$health")")
results+=("$(run health 8 "$post_s" "$health")")
results+=("$(run post 8 "$post_s" "$api/v1.0/calls" POST "$POST_BODY")")
sleep 5 # let the last calls end
status_counts=$(mysql -uroot -N -e "select status, count(*) from voipbin_call_bench.\`call\` where tm_create is not null group by status" | tr '\t' ' ' | paste -sd, -)
calls_after=$(mysql -uroot -N -e 'select count(*) from voipbin_call_bench.`call`')

stamp=$(date +%Y-%m-%d-%H%M%S)
mkdir -p results
{
  echo "VoIPBIN-J api-manager HTTP benchmark, $(date -Iseconds)"
  echo "machine: SHARED $(nproc)-core machine (other tests may be running; wrk, api-manager, the managers, the simulator,"
  echo "         RabbitMQ and MariaDB all share it: absolute figures are noisy, the ratios to the in-run baseline are what counts)"
  echo "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'): 2 threads, closed loop (one request in flight per connection); rate limits OFF"
  echo "(VOIPBIN_API_RATE_LIMIT_ENABLED=false, i.e. voipbin.api.rate-limit.enabled; with the defaults one IP gets 200/s and one"
  echo "customer 17/s); namespace $ns; schemas voipbin_{api,call,flow,billing}_bench"
  echo "baseline: GET /q/health/live of the same api-manager (no auth, no RPC, no DB) under the same wrk settings"
  echo "GET  /v1.0/calls/{id}: demo admin's JWT, one existing (hung-up) call: auth + CallService.GetCall RPC (call-manager row read)"
  echo "POST /v1.0/calls: source $SOURCE (the demo customer's number), destination $DESTINATION (simulator answers at once),"
  echo "     inline actions [{\"type\":\"hangup\"}]: each request really dials (billing CheckBalance, activeflow, ARI originate)"
  echo
  printf '%-22s %5s | %9s %8s %8s | %9s %8s %8s | %9s %9s %9s | %s\n' "path" "conns" "base/s" "p50 ms" "p99 ms" "req/s" "p50 ms" "p99 ms" "tput ratio" "p50 ratio" "p99 ratio" "errors (base; path: >=400 connect read write timeout)"
  printf -- '-%.0s' $(seq 1 150); echo
  declare -A row
  for r in "${results[@]}"; do
    set -- $r
    row["$1/$2"]="$r"
  done
  line() { # <label> <path name> <conns>
    local label=$1 name=$2 conns=$3
    set -- ${row[health/$conns]} ; local b_req=$4 b_s=$5 b_p50=$6 b_p99=$7 b_err="$(( $9 + ${10} + ${11} + ${12} + ${13} ))"
    set -- ${row[$label/$conns]}
    awk -v n="$name" -v c="$conns" -v br="$b_req" -v bs="$b_s" -v b50="$b_p50" -v b99="$b_p99" -v be="$b_err" \
        -v r="$4" -v s="$5" -v p50="$6" -v p99="$7" -v e="$9 ${10} ${11} ${12} ${13}" 'BEGIN {
      brate = br / bs; rate = r / s;
      printf "%-22s %5d | %9.0f %8.2f %8.2f | %9.0f %8.2f %8.2f | %8.3fx %8.2fx %8.2fx | %d; %s\n",
        n, c, brate, b50, b99, rate, p50, p99, rate / brate, p50 / b50, p99 / b99, be, e }'
  }
  line get "GET /v1.0/calls/{id}" 16
  line get "GET /v1.0/calls/{id}" 64
  line post "POST /v1.0/calls" 8
  echo
  echo "tput ratio = path req/s / health req/s; p50/p99 ratio = path latency / health latency (same connections, same run)"
  echo "calls in call-manager's table: $calls_before before the runs, $calls_after after (the POST run made $(( calls_after - calls_before )));"
  echo "by status 5 s after the POST run: $status_counts"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "results/api-$stamp.txt"
echo "written to results/api-$stamp.txt"
