#!/usr/bin/env bash
# ARI events per second from asterisk-sim through asterisk-proxy onto RabbitMQ, against the broker's
# raw rate for the same messages in the same run. Needs the packaged services (mvn -B install at the
# root) and RabbitMQ on 127.0.0.1:5672. Usage: bench/ari-run.sh [events, default 50000]
set -euo pipefail
# Benchmarks run against this machine's guest/root RabbitMQ and MariaDB, which production refuses.
export VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS=true
cd "$(dirname "$0")"
count=${1:-50000}
root=..
for m in asterisk-sim asterisk-proxy; do
  [ -f "$root/$m/target/quarkus-app/quarkus-run.jar" ] || { echo "ari-run: package $m first (mvn -B install)" >&2; exit 1; }
done
if ! mvn -B -o -q package >target-build.log 2>&1; then
  mvn -B -q package >target-build.log 2>&1 || { cat target-build.log >&2; exit 1; }
fi
rm -f target-build.log

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ns="bench-ari-$(date +%s)-$$"
sim_port=$(free_port); proxy_port=$(free_port)
mkdir -p target/ari-logs
ASTERISK_SIM_ID=bench-sim java -Xmx512m -Dquarkus.http.port=$sim_port -jar $root/asterisk-sim/target/quarkus-app/quarkus-run.jar \
  >target/ari-logs/sim.log 2>&1 &
sim_pid=$!
VOIPBIN_NAMESPACE=$ns VOIPBIN_AMQP_QUEUE_EXPIRES=2m VOIPBIN_ASTERISK_ID=bench-sim VOIPBIN_ARI_URL=http://127.0.0.1:$sim_port \
  java -Xmx512m -Dquarkus.http.port=$proxy_port -jar $root/asterisk-proxy/target/quarkus-app/quarkus-run.jar \
  >target/ari-logs/proxy.log 2>&1 &
proxy_pid=$!
trap 'kill $sim_pid $proxy_pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$proxy_port/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$proxy_port/q/health/ready" >/dev/null || { echo "ari-run: proxy not ready, see bench/target/ari-logs" >&2; exit 1; }

java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/classes:$(cat target/classpath.txt)" net.voipbin.bench.AriEventBenchmark "$ns" "http://127.0.0.1:$sim_port" "$count"
