#!/usr/bin/env bash
# Builds bench/ and runs the RPC round-trip benchmark against RabbitMQ on 127.0.0.1:5672.
# Prints the report and writes it to bench/results/rpc-<date>.txt. Extra arguments go to the
# program, e.g. ./run.sh --queue-types quorum --measure-ms 5000 --levels 16,256 --micrometer
# Needs net.voipbin:common and :proto installed in ~/.m2 (mvn -B install at the root does that).
set -euo pipefail
cd "$(dirname "$0")"

if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
  echo "bench: RabbitMQ is not answering on 127.0.0.1:5672 (start it: rabbitmq-server -detached)" >&2
  exit 1
fi

# Offline first (fast, nothing fetched); fall back to a normal resolve the first time.
if ! mvn -B -o -q package >target-build.log 2>&1; then
  mvn -B -q package >target-build.log 2>&1 || { cat target-build.log >&2; exit 1; }
fi
rm -f target-build.log

exec java -Xms512m -Xmx512m -XX:+UseParallelGC \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/classes:$(cat target/classpath.txt)" \
  net.voipbin.bench.RpcBenchmark "$@"
