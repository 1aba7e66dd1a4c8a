#!/usr/bin/env bash
# Prints RabbitMQ definitions (JSON) that give every manager its own broker user, limited to its own queues and
# exchanges (managers.sh), plus an administrator for operators. Load them at boot (rabbitmq.conf
# `load_definitions = <file>`, as docker-compose.yml and the kustomize base do) or into a running broker with
#   rabbitmqctl import_definitions <file>
# Reads VOIPBIN_AMQP_PASSWORD_<MANAGER> and VOIPBIN_AMQP_ADMIN_PASSWORD; VOIPBIN_NAMESPACE (optional) prefixes
# every name, as the managers' voipbin.namespace does. Passwords are stored salted and hashed (SHA-256).
#
# Per manager (RabbitMQ checks configure on declare and delete, write on publish and on the queue of a bind, read
# on consume and on the exchange of a bind):
#   configure  its own bin-manager.<name>.* (request, reply, subscribe, retry and dlq queues, its event exchange),
#              and its part of asterisk.* (the proxy: all of it; call-manager: the event partition queues); never
#              another manager's exchange, since configure would also let it delete it;
#   write      the default exchange (RPC requests and replies, retry hand-offs), its own names, its asterisk.*;
#   read       its own names, the event exchanges it binds to, its asterisk.*.
# Every event exchange (and asterisk.all.event) is declared here, so a subscriber may start before its publisher
# without the right to declare another's exchange (common's Exchanges.useOrDeclare only looks for it).
# Publishing through the default exchange reaches any queue by name; the managers cannot tell such a message
# from a real one yet (SECURITY.md, "Internal network").
set -euo pipefail
source "$(dirname "$0")/managers.sh"

regex_quote() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }
json_regex() { printf '%s' "${1//\\/\\\\}"; }

prefix=""
if [[ -n "${VOIPBIN_NAMESPACE:-}" ]]; then prefix="$(regex_quote "$VOIPBIN_NAMESPACE")\\."; fi
# Tests only: every namespace matching a pattern (e2e gives each test class its own namespace).
if [[ -n "${VOIPBIN_PROVISION_NAMESPACE_REGEX:-}" ]]; then prefix="(${VOIPBIN_PROVISION_NAMESPACE_REGEX})\\."; fi

# rabbit_password_hashing_sha256: base64(salt || sha256(salt || password)), a 4-byte random salt.
password_hash() {
  local salt_hex salt_bytes
  salt_hex=$(openssl rand -hex 4)
  salt_bytes=$(printf '\\x%s' "${salt_hex:0:2}" "${salt_hex:2:2}" "${salt_hex:4:2}" "${salt_hex:6:2}")
  { printf %b "$salt_bytes"; { printf %b "$salt_bytes"; printf '%s' "$1"; } | openssl dgst -sha256 -binary; } | base64 -w0
}

users=()
permissions=()
exchanges=("{\"name\":\"${VOIPBIN_NAMESPACE:+$VOIPBIN_NAMESPACE.}asterisk.all.event\",\"vhost\":\"/\",\"type\":\"direct\",\"durable\":true,\"auto_delete\":false,\"internal\":false,\"arguments\":{}}")
add_user() {  # name password tags configure write read
  users+=("{\"name\":\"$1\",\"password_hash\":\"$(password_hash "$2")\",\"hashing_algorithm\":\"rabbit_password_hashing_sha256\",\"tags\":$3}")
  permissions+=("{\"user\":\"$1\",\"vhost\":\"/\",\"configure\":\"$(json_regex "$4")\",\"write\":\"$(json_regex "$5")\",\"read\":\"$(json_regex "$6")\"}")
}

for row in "${VOIPBIN_MANAGERS[@]}"; do
  IFS='|' read -r name _ binds ari <<<"$row"
  own="${prefix}bin-manager\\.$(regex_quote "$name")\\..*"
  bound=""
  if [[ -n "$binds" ]]; then
    alternatives=""
    for publisher in $binds; do alternatives+="${alternatives:+|}$(regex_quote "$publisher")"; done
    bound="|${prefix}bin-manager\\.(${alternatives})\\.event"
  fi
  case "$ari" in
    server) asterisk="|${prefix}asterisk\\..*" ;;
    client) asterisk="|${prefix}asterisk\\.all\\.event\\.[0-9]+" ;;
    *) asterisk="" ;;
  esac
  read_asterisk=$asterisk
  [[ "$ari" == client ]] && read_asterisk="|${prefix}asterisk\\.all\\.event(\\.[0-9]+)?"
  add_user "$(user_of "$name")" "$(secret_of AMQP "$name")" '[]' \
    "^(${own}${asterisk})\$" "^(amq\\.default|${own}${asterisk})\$" "^(${own}${bound}${read_asterisk})\$"
  exchanges+=("{\"name\":\"${VOIPBIN_NAMESPACE:+$VOIPBIN_NAMESPACE.}bin-manager.$name.event\",\"vhost\":\"/\",\"type\":\"fanout\",\"durable\":true,\"auto_delete\":false,\"internal\":false,\"arguments\":{}}")
done

if [[ -n "${VOIPBIN_AMQP_ADMIN_PASSWORD:-}" ]]; then
  add_user "$(user_of admin)" "$VOIPBIN_AMQP_ADMIN_PASSWORD" '["administrator"]' '.*' '.*' '.*'
fi

join() { local IFS=,; printf '%s' "$*"; }
# A pattern of namespaces (tests) has no names to declare: the test's administrator declares its own.
[[ -n "${VOIPBIN_PROVISION_NAMESPACE_REGEX:-}" ]] && exchanges=()
printf '{"vhosts":[{"name":"/"}],"users":[%s],"permissions":[%s],"exchanges":[%s]}\n' \
  "$(join "${users[@]}")" "$(join "${permissions[@]}")" "$(join "${exchanges[@]}")"
