# Sourced by the benchmark scripts that run the suite as processes (api-run.sh, calls-run.sh): checks,
# builds, starts the services on a private namespace and voipbin_*_bench schemas, waits for readiness
# and stops everything on exit. Expects: cd bench/, $modules, $logs, $ns; provides start, await_ready, ports.
# Benchmarks run against this machine's guest/root RabbitMQ and MariaDB, which production refuses.
export VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS=true
root=..
suite_check() { # <script name>
  for m in $modules; do
    [ -f "$root/$m/target/quarkus-app/quarkus-run.jar" ] || { echo "$1: package $m first (mvn -B package -DskipTests at the root)" >&2; exit 1; }
  done
  for hp in 127.0.0.1/5672 127.0.0.1/3306; do
    (exec 3<>/dev/tcp/$hp) 2>/dev/null || { echo "$1: nothing answers on $hp (RabbitMQ 5672, MariaDB 3306)" >&2; exit 1; }
  done
  # the bench module itself (its classes and target/classpath.txt), in the reactor so nothing needs installing
  if ! (cd $root && mvn -B -o -q -pl proto,common,bench package -DskipTests) >target-build.log 2>&1; then
    (cd $root && mvn -B -q -pl proto,common,bench package -DskipTests) >target-build.log 2>&1 || { cat target-build.log >&2; exit 1; }
  fi
  rm -f target-build.log
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pids=()
declare -A ports
declare -A module_pids
suite_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap suite_cleanup EXIT
# start <module> <schema or -> [VAR=value ...]
start() {
  local module=$1 schema=$2; shift 2
  local port; port=$(free_port); ports[$module]=$port
  local env=(VOIPBIN_NAMESPACE=$ns VOIPBIN_AMQP_QUEUE_EXPIRES=2m QUARKUS_LOG_LEVEL=WARN)
  if [ "$schema" != - ]; then
    env+=(VOIPBIN_DB_SCHEMA=$schema QUARKUS_FLYWAY_CLEAN_AT_START=true QUARKUS_FLYWAY_CLEAN_DISABLED=false)
  fi
  env "${env[@]}" "$@" java -Xms128m -Xmx384m -Dquarkus.http.port=$port \
    -jar $root/$module/target/quarkus-app/quarkus-run.jar >$logs/$module.log 2>&1 &
  pids+=($!)
  module_pids[$module]=$!
}
await_ready() { # <script name>
  for m in $modules; do
    for _ in $(seq 1 360); do
      curl -fs "http://127.0.0.1:${ports[$m]}/q/health/ready" >/dev/null 2>&1 && break
      sleep 0.5
    done
    curl -fs "http://127.0.0.1:${ports[$m]}/q/health/ready" >/dev/null || { echo "$1: $m not ready, see bench/$logs/$m.log" >&2; exit 1; }
  done
  echo "bench: services ready (namespace $ns)" >&2
}
start_suite() { # the managers a call passes through, one asterisk-sim behind its asterisk-proxy
  start asterisk-sim - ASTERISK_SIM_ID=sim-bench
  start asterisk-proxy - VOIPBIN_ASTERISK_ID=sim-bench VOIPBIN_ARI_URL=http://127.0.0.1:${ports[asterisk-sim]}
  start call-manager voipbin_call_bench
  start flow-manager voipbin_flow_bench
  start billing-manager voipbin_billing_bench
  start api-manager voipbin_api_bench VOIPBIN_API_RATE_LIMIT_ENABLED=false
}
