# The managers' least-privilege table, sourced by broker-definitions.sh and database-users.sh (one place to change).
#
# Each manager connects to RabbitMQ and MariaDB as its own user (its name). Per manager:
#   schema     the one database it may use (ALL on that schema only; no global privilege, no GRANT OPTION),
#              empty when it has no database;
#   binds      the publishers whose fanout exchanges bin-manager.<publisher>.event it binds its queues to
#              (its @Incoming channels, and for api-manager the WebSocket feed's voipbin.api.ws.publishers);
#   ari        "server" (asterisk-proxy: serves asterisk.<id>.request and asterisk.call.request, publishes the
#              asterisk.all.event partitions), "client" (call-manager: consumes those partitions), or empty.
# A manager that starts binding to a new publisher fails to become ready with ACCESS_REFUSED until it is added
# here; e2e's LeastPrivilegeIT runs the whole suite with these users, so the table cannot fall behind unnoticed.
#
# name|schema|binds|ari
VOIPBIN_MANAGERS=(
  "api-manager|voipbin_api|billing-manager call-manager flow-manager queue-manager transfer-manager storage-manager webhook-manager|"
  "billing-manager|voipbin_billing|call-manager api-manager|"
  "call-manager|voipbin_call|flow-manager asterisk-proxy|client"
  "flow-manager|voipbin_flow||"
  "queue-manager|voipbin_queue||"
  "storage-manager|voipbin_storage||"
  "transfer-manager|voipbin_transfer||"
  "webhook-manager|voipbin_webhook|call-manager flow-manager billing-manager storage-manager api-manager|"
  "asterisk-proxy|||server"
)

# The environment variable holding a manager's password for a system: secret_var AMQP call-manager
# -> VOIPBIN_AMQP_PASSWORD_CALL_MANAGER.
secret_var() {
  local system=$1 manager=$2
  manager=${manager//-/_}
  echo "VOIPBIN_${system}_PASSWORD_${manager^^}"
}

# The password of a manager, from its variable; fails with the variable's name when it is unset or empty.
secret_of() {
  local var
  var=$(secret_var "$1" "$2")
  if [[ -z "${!var:-}" ]]; then
    echo "provision: $var is not set (deploy/provision/generate-secrets.sh writes every secret)" >&2
    return 1
  fi
  printf '%s' "${!var}"
}

# Optional, for tests on a shared machine: a prefix for every user name and a suffix for every schema.
user_of() { printf '%s%s' "${VOIPBIN_PROVISION_USER_PREFIX:-}" "$1"; }
schema_of() { printf '%s%s' "$1" "${VOIPBIN_PROVISION_SCHEMA_SUFFIX:-}"; }
