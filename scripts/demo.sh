#!/usr/bin/env bash
# The demo, against services already running (scripts/run-suite.sh starts them and then runs this).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f e2e/target/classpath.txt ] || mvn -B -ntp -q -pl e2e -am package -DskipTests
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "e2e/target/classes:$(cat e2e/target/classpath.txt)" net.voipbin.e2e.Demo

