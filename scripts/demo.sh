#!/usr/bin/env bash
# The demo, against services already running (scripts/run-suite.sh starts them and then runs this).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f e2e/target/classpath.txt ] || mvn -B -ntp -q -pl e2e -am package -DskipTests
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "e2e/target/classes:$(cat e2e/target/classpath.txt)" net.voipbin.e2e.Demo

# The public REST gateway, as a customer meets it: log in as the bootstrap demo user, read the customer.
api=${VOIPBIN_API_URL:-http://127.0.0.1:8080}
token=$(curl -fsS -X POST "$api/auth/login" -H 'Content-Type: application/json' \
          -d '{"username":"demo","password":"demo-password"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "demo: login to api-manager failed" >&2; exit 1; }
echo "demo REST: logged in as demo; GET /v1.0/customer:"
curl -fsS "$api/v1.0/customer" -H "Authorization: Bearer $token"; echo
echo "demo REST: try  curl -H 'Authorization: Bearer $token' $api/v1.0/calls"
