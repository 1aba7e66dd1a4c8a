#!/usr/bin/env bash
# Prints the SQL that gives every manager its own MariaDB user, limited to its own schema (managers.sh).
# Idempotent: run it at every deployment, it also rotates passwords. Pipe it to a client logged in as an
# administrator, e.g.
#   deploy/provision/database-users.sh | mariadb -h mariadb -uroot -p"$VOIPBIN_DB_ROOT_PASSWORD"
# Reads VOIPBIN_DB_PASSWORD_<MANAGER> (generate-secrets.sh writes them all).
set -euo pipefail
source "$(dirname "$0")/managers.sh"

sql_string() { local s=${1//\\/\\\\}; s=${s//\'/\'\'}; printf "'%s'" "$s"; }

for row in "${VOIPBIN_MANAGERS[@]}"; do
  IFS='|' read -r name schema _ _ <<<"$row"
  [[ -z "$schema" ]] && continue
  user=$(sql_string "$(user_of "$name")")
  password=$(sql_string "$(secret_of DB "$name")")
  db=$(schema_of "$schema")
  db_pattern=${db//_/\\_}
  cat <<SQL
CREATE USER IF NOT EXISTS $user@'%' IDENTIFIED BY $password;
ALTER USER $user@'%' IDENTIFIED BY $password;
REVOKE ALL PRIVILEGES, GRANT OPTION FROM $user@'%';
GRANT ALL PRIVILEGES ON \`$db_pattern\`.* TO $user@'%';
SQL
done
echo "FLUSH PRIVILEGES;"
