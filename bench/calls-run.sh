#!/usr/bin/env bash
# Calls through the REST API against asterisk-sim, each followed to call_hungup over call-manager's event
# exchange (net.voipbin.bench.CallsBenchmark): a warm-up until steady, an open loop at a fixed arrival rate,
# a closed loop, a search for the highest rate held, and the per-call budget (CPU ms per process, MariaDB
# statements and commits, rows changed per schema) counted during the measured windows.
# Starts asterisk-sim, asterisk-proxy, call-manager, flow-manager, billing-manager and api-manager as
# processes (bench/suite.sh), rate limits off, the demo customer funded (ApiBenchSetup); stops everything.
# Needs the packaged services, RabbitMQ on 127.0.0.1:5672 and MariaDB on 127.0.0.1:3306 (root, no password).
# Usage: bench/calls-run.sh [rate calls/s, default 50] [measure seconds, default 60] [closed-loop callers, default 32]
# The report goes to stdout and bench/results/calls-<date>-<time>.txt; logs to bench/target/calls-logs/.
set -euo pipefail
cd "$(dirname "$0")"
rate=${1:-50}
measure=${2:-60}
workers=${3:-32}
[ "$measure" -le 120 ] || { echo "calls-run: keep the measured window at or under 120 s" >&2; exit 1; }
modules="asterisk-sim asterisk-proxy call-manager flow-manager billing-manager api-manager"
ns="bench-calls-$(date +%s)-$$"
logs=target/calls-logs
mkdir -p $logs
. ./suite.sh
suite_check calls-run
start_suite
await_ready calls-run
api="http://127.0.0.1:${ports[api-manager]}"
cp="target/classes:$(cat target/classpath.txt)"
setup=$(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" \
  net.voipbin.bench.ApiBenchSetup "$ns" "$api" "http://127.0.0.1:${ports[asterisk-sim]}")
eval "$setup"
body=$(printf '{"source":{"type":"tel","target":"%s"},"destinations":[{"type":"tel","target":"%s"}],"actions":[{"type":"talk","option":{"text":"hello","language":"en-US"}},{"type":"hangup"}]}' "$SOURCE" "$DESTINATION")
procs=""
for m in $modules; do procs="$procs${procs:+,}$m=${module_pids[$m]}"; done
# rows changed per schema (information_schema.TABLE_STATISTICS) need MariaDB's userstat; it is dynamic
mysql -uroot -e 'SET GLOBAL userstat=1' || echo "calls-run: userstat not enabled, rows per schema will be missing" >&2
stamp=$(date +%Y-%m-%d-%H%M%S)
mkdir -p results
# warm-up: at least 60 s, at most 150 s (10 s windows until two agree); shorter only for trying the script
warm_min=${CALLS_WARMUP_MIN:-60}
warm_max=${CALLS_WARMUP_MAX:-150}
timeout $(( warm_max + 3 * measure + 10 * 50 + 120 )) java -cp "$cp" net.voipbin.bench.CallsBenchmark "$ns" "$api" "$TOKEN" "$body" \
  "$rate" "$measure" "$workers" "$warm_min" "$warm_max" "$procs" | tee "results/calls-$stamp.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "results/calls-$stamp.txt"
echo "written to results/calls-$stamp.txt"
