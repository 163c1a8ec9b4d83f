#!/usr/bin/env bash
# npm start: the whole system on this machine — Kafka, migrations, the four services — then a demo
# bundle sent from a care-manager office to a provider. Ctrl-C stops everything it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
logs="$root/tmp/logs"
mkdir -p "$logs"

bash scripts/services.sh
started_kafka=0
if ! bash scripts/kafka-local.sh status >/dev/null 2>&1; then
  bash scripts/kafka-local.sh start >/dev/null
  started_kafka=1
fi
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"

echo "start: building" >&2
node scripts/build.js
node dist/tools/migrate.js >/dev/null

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$started_kafka" = 1 ]; then bash scripts/kafka-local.sh stop >/dev/null 2>&1 || true; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

declare -A ports=([gateway]=3000 [validator]=3001 [router]=3002 [archive]=3003)
# GATEWAY_URL: the archive's way to the gateway's internal listener (API keys), set here rather than taken
# from the shell, where it may name the public port for the demo tool. *_PUBLIC_URL: where the archive's
# overview reads the others' /health/ready and /metrics (public listeners only).
for app in gateway validator router archive; do
  GATEWAY_URL="http://127.0.0.1:$((ports[gateway] + 100))" \
    GATEWAY_PUBLIC_URL="http://127.0.0.1:${ports[gateway]}" VALIDATOR_PUBLIC_URL="http://127.0.0.1:${ports[validator]}" \
    ROUTER_PUBLIC_URL="http://127.0.0.1:${ports[router]}" \
    PORT="${ports[$app]}" INTERNAL_PORT="$((ports[$app] + 100))" node "dist/apps/$app/src/main.js" >"$logs/$app.log" 2>&1 &
  pids+=("$!")
  echo "start: $app on :${ports[$app]}, internal routes on 127.0.0.1:$((ports[$app] + 100)) (log: tmp/logs/$app.log)" >&2
done

for app in gateway validator router archive; do
  url="http://127.0.0.1:${ports[$app]}/health/ready"
  for i in $(seq 1 150); do
    if node -e "fetch('$url').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
    if [ "$i" = 150 ]; then echo "start: $app did not become ready; last log lines:" >&2; tail -n 30 "$logs/$app.log" >&2; exit 1; fi
    sleep 0.2
  done
done
echo "start: all four services are ready" >&2

node dist/tools/demo.js
echo ""
echo "The system is running: gateway http://127.0.0.1:3000 (OpenAPI at /docs), health and metrics on 3000-3003."
echo "Operations console: http://127.0.0.1:${ports[archive]}/console/ (a first administrator: npm run --silent ops -- create-admin NAME prints a set-up link)."
echo "Press Ctrl-C to stop."
wait
