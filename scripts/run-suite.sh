#!/usr/bin/env bash
# Builds the suite, starts every manager (and the simulator) as its own process against the local
# RabbitMQ and MariaDB, waits until each reports ready, runs the demo, and keeps running until Ctrl-C.
# Logs: run/<service>.log.  Options: --no-build, --demo-only-check (start, demo, stop).
set -euo pipefail
cd "$(dirname "$0")/.."

# service:port, in start order (ports: ARCHITECTURE.md section 8)
SERVICES=(
  asterisk-sim:8090
  api-manager:8080
  call-manager:8081
  flow-manager:8082
  transfer-manager:8083
  queue-manager:8084
  billing-manager:8085
  webhook-manager:8086
  storage-manager:8087
  asterisk-proxy:8088
)

build=1; stay=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --demo-only-check) stay=0 ;;
  esac
done

scripts/ensure-infra.sh
if [ "$build" = 1 ]; then
  mvn -B -ntp -q install -DskipTests
fi

mkdir -p run
# asterisk-proxy fronts the simulator, whose entity id is sim-1 (before a real Asterisk: its MAC, the default).
export VOIPBIN_ASTERISK_ID=${VOIPBIN_ASTERISK_ID:-sim-1}
# The demo's webhook receiver listens on this machine; the egress policy refuses loopback unless told otherwise.
export VOIPBIN_EGRESS_ALLOW_NETWORKS=${VOIPBIN_EGRESS_ALLOW_NETWORKS:-127.0.0.1/32}
# A development machine's guest/root services and the published bootstrap passwords: refused in production.
export VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS=${VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS:-true}
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

for entry in "${SERVICES[@]}"; do
  svc=${entry%%:*}; port=${entry##*:}
  jar="$svc/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "missing $jar: build first" >&2; exit 1; }
  java -jar "$jar" >"run/$svc.log" 2>&1 &
  pids+=($!)
  echo "started $svc (pid $!, port $port)"
done

for entry in "${SERVICES[@]}"; do
  svc=${entry%%:*}; port=${entry##*:}
  for i in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
      echo "ready: $svc on :$port"; break
    fi
    [ "$i" = 120 ] && { echo "$svc not ready after 120 s, see run/$svc.log" >&2; exit 1; }
    sleep 1
  done
done

if [ -x scripts/demo.sh ]; then
  scripts/demo.sh
fi

if [ "$stay" = 1 ]; then
  echo "suite running; Ctrl-C stops it"
  wait
fi
