#!/usr/bin/env bash
# Starts the local RabbitMQ and MariaDB when they are not running (no Docker engine on these machines),
# and waits until both accept connections. Also Redis (api-manager's shared rate limits and their
# test), when redis-server is installed and not running.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local name=$1 port=$2
  for _ in $(seq 1 90); do
    port_open "$port" && return 0
    sleep 1
  done
  echo "ensure-infra: $name did not open port $port" >&2
  return 1
}

if ! port_open 5672; then
  echo "ensure-infra: starting RabbitMQ"
  rabbitmq-server -detached || true
fi
if ! port_open 3306; then
  echo "ensure-infra: starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
fi
if ! port_open 6379 && command -v redis-server >/dev/null 2>&1; then
  echo "ensure-infra: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null || true
fi
wait_port RabbitMQ 5672
wait_port MariaDB 3306
if command -v redis-server >/dev/null 2>&1; then
  wait_port Redis 6379
fi
# RabbitMQ opens its port before it is fully booted; wait until it answers.
if command -v rabbitmqctl >/dev/null 2>&1; then
  for _ in $(seq 1 60); do
    rabbitmqctl -q await_startup >/dev/null 2>&1 && break
    sleep 1
  done
fi
echo "ensure-infra: RabbitMQ and MariaDB are up$(port_open 6379 && echo ", Redis too")"
