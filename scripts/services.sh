#!/usr/bin/env bash
# Makes sure the local PostgreSQL and Redis answer, starting them the way this machine's docs say
# when they are down. With Docker instead, use docker compose (see README).
set -euo pipefail
PGHOST_="${PGHOST:-127.0.0.1}"; PGPORT_="${PGPORT:-5432}"
REDIS_HOST_="${REDIS_HOST:-127.0.0.1}"; REDIS_PORT_="${REDIS_PORT:-6379}"

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 100); do port_open "$1" "$2" && return 0; sleep 0.2; done
  return 1
}

if ! port_open "$PGHOST_" "$PGPORT_"; then
  echo "services: PostgreSQL is not answering on $PGHOST_:$PGPORT_; starting it" >&2
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
  fi
  wait_port "$PGHOST_" "$PGPORT_" || { echo "services: PostgreSQL did not start; start it and retry" >&2; exit 1; }
fi

if ! port_open "$REDIS_HOST_" "$REDIS_PORT_"; then
  echo "services: Redis is not answering on $REDIS_HOST_:$REDIS_PORT_; starting it" >&2
  if command -v redis-server >/dev/null; then
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT_" --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
  wait_port "$REDIS_HOST_" "$REDIS_PORT_" || { echo "services: Redis did not start; start it and retry" >&2; exit 1; }
fi
