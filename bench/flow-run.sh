#!/usr/bin/env bash
# flow-manager's action engine (control actions per second; NextAction round trip per media action)
# against GetFlow on the same service, measured in the same run. Starts flow-manager as a process on a
# private namespace and the schema voipbin_flow_bench (cleaned at start), runs
# net.voipbin.bench.FlowBenchmark, stops flow-manager. Needs the packaged flow-manager
# (flow-manager/target/quarkus-app; mvn -B install at the root), RabbitMQ on 127.0.0.1:5672 and MariaDB
# on 127.0.0.1:3306 (root, no password). Extra arguments go to the program, e.g.
#   bench/flow-run.sh --measure-ms 4000 --rounds 2 --control-levels 1,8 --media-levels 1,16
# The report goes to stdout and bench/results/flow-<date>-<time>.txt; progress to stderr, the
# service's log to bench/target/flow-logs/flow-manager.log.
set -euo pipefail
# Benchmarks run against this machine's guest/root RabbitMQ and MariaDB, which production refuses.
export VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS=true
cd "$(dirname "$0")"
root=..
[ -f "$root/flow-manager/target/quarkus-app/quarkus-run.jar" ] || { echo "flow-run: package flow-manager first (mvn -B install)" >&2; exit 1; }
for hp in 127.0.0.1/5672 127.0.0.1/3306; do
  (exec 3<>/dev/tcp/$hp) 2>/dev/null || { echo "flow-run: nothing answers on $hp (RabbitMQ 5672, MariaDB 3306)" >&2; exit 1; }
done
if ! mvn -B -o -q package -DskipTests >target-build.log 2>&1; then
  mvn -B -q package -DskipTests >target-build.log 2>&1 || { cat target-build.log >&2; exit 1; }
fi
rm -f target-build.log

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ns="bench-flow-$(date +%s)-$$"
port=$(free_port)
mkdir -p target/flow-logs
VOIPBIN_NAMESPACE=$ns VOIPBIN_AMQP_QUEUE_EXPIRES=2m VOIPBIN_DB_SCHEMA=voipbin_flow_bench \
  QUARKUS_FLYWAY_CLEAN_AT_START=true QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_LOG_LEVEL=WARN \
  java -Xms256m -Xmx512m -Dquarkus.http.port=$port -jar $root/flow-manager/target/quarkus-app/quarkus-run.jar \
  >target/flow-logs/flow-manager.log 2>&1 &
flow_pid=$!
trap 'kill $flow_pid 2>/dev/null || true; wait $flow_pid 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
  kill -0 $flow_pid 2>/dev/null || { echo "flow-run: flow-manager exited, see bench/target/flow-logs/flow-manager.log" >&2; exit 1; }
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "flow-run: flow-manager not ready, see bench/target/flow-logs" >&2; exit 1; }

java -Xms256m -Xmx512m -XX:+UseParallelGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/classes:$(cat target/classpath.txt)" net.voipbin.bench.FlowBenchmark "$ns" "$@"
