#!/usr/bin/env bash
# npm test: every test (unit and end-to-end) against the real PostgreSQL, Redis and Kafka.
# Starts Kafka when it is not running, and stops it afterwards only if it started it here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/services.sh
# The console's browser tests drive Debian's Chromium.
bash scripts/chromium.sh
started_kafka=0
if [ -z "${KAFKA_BROKERS:-}" ]; then
  if ! bash scripts/kafka-local.sh status >/dev/null 2>&1; then
    KAFKA_FRESH=1 bash scripts/kafka-local.sh start >/dev/null
    started_kafka=1
  fi
  export KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-9092}
fi
cleanup() { if [ "$started_kafka" = 1 ]; then bash scripts/kafka-local.sh stop >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

# The end-to-end tests run the services as built, exactly as `npm start` does.
node scripts/build.js
npx jest "$@"
