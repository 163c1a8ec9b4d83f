#!/usr/bin/env bash
# npm run bench -- [--bundles 200 --concurrency 8 --pairs 4 --rows 50]: the benchmarks, on a system of
# their own — the four services on free ports (4000–4003 unless BENCH_PORT says another base; their
# internal listeners 100 above), a fresh
# database careplan_bench (BENCH_DATABASE), and Kafka topics, consumer groups and BullMQ keys under a
# prefix of this run — so it never touches a running `npm start`. Runs bench-spec (validation speed of
# libs/spec, on stderr) and bench-pipeline (JSON on stdout, table on stderr), then stops the services it
# started and deletes this run's topics. Kafka is started if needed and left running. Logs:
# tmp/logs/bench-<service>.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 22 ]; then
  exec bash scripts/node24.sh bash "$0" "$@"
fi
logs="$root/tmp/logs"
mkdir -p "$logs"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
block_free() { for i in 0 1 2 3 100 101 102 103; do if port_open "$(($1 + i))"; then return 1; fi; done; }

if [ -n "${BENCH_PORT:-}" ]; then
  base="$BENCH_PORT"
  block_free "$base" || { echo "bench: a port of $base–$((base + 3)) is in use (BENCH_PORT)" >&2; exit 2; }
else
  base=4000
  until block_free "$base"; do
    base=$((base + 10))
    if [ "$base" -gt 4990 ]; then echo "bench: no four free ports in 4000–4993" >&2; exit 2; fi
  done
fi

bash scripts/services.sh
# A broker named by KAFKA_BROKERS that answers is used as it is; otherwise the local one is started.
if [ -z "${KAFKA_BROKERS:-}" ] || ! port_open "${KAFKA_BROKERS##*:}"; then
  bash scripts/kafka-local.sh start >/dev/null
fi
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"

run="bench_$(date +%s)_$$"
database="${BENCH_DATABASE:-careplan_bench}"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$database"
# The ceiling (tools/lib/bench-ceiling.ts) works in a database of its own, so each phase's statistics are its own.
ceiling_db="${database}_ceiling"
export KAFKA_TOPIC_PREFIX="$run." KAFKA_GROUP_PREFIX="$run" BULLMQ_PREFIX="$run" RATE_LIMIT_PREFIX="$run:rate-limit:"
export GATEWAY_URL="http://127.0.0.1:$base"
# The services call each other on their internal listeners (INTERNAL_PORT = PORT + 100 here).
export ROUTER_URL="http://127.0.0.1:$((base + 102))" ARCHIVE_URL="http://127.0.0.1:$((base + 103))"
# The archive's overview reads the others' health and metrics on their public listeners.
export GATEWAY_PUBLIC_URL="http://127.0.0.1:$base" VALIDATOR_PUBLIC_URL="http://127.0.0.1:$((base + 1))" \
  ROUTER_PUBLIC_URL="http://127.0.0.1:$((base + 2))"

echo "bench: building" >&2
node scripts/build.js
echo "bench: databases $database and $ceiling_db (dropped and created), prefix $run" >&2
# shellcheck disable=SC2016 # JavaScript, not shell, in the quotes
DBS="$database $ceiling_db" node -e '
  const { Client } = require("pg");
  const c = new Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
  const dbs = process.env.DBS.split(" ");
  c.connect()
    .then(async () => {
      for (const db of dbs) {
        await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${db}"`);
      }
    })
    .then(() => c.end(), (e) => { console.error(`bench: ${e.message}`); process.exit(2); });'
node dist/tools/migrate.js >/dev/null

pids=()
# shellcheck disable=SC2317 # called by the EXIT trap
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # This run's topics (the database stays for a look afterwards; the next run drops it).
  PREFIX="$run." timeout 20 node -e '
    const { Kafka, logLevel } = require("kafkajs");
    const admin = new Kafka({ brokers: process.env.KAFKA_BROKERS.split(","), logLevel: logLevel.NOTHING }).admin();
    admin.connect()
      .then(() => admin.listTopics())
      .then((t) => admin.deleteTopics({ topics: t.filter((n) => n.startsWith(process.env.PREFIX)) }))
      .finally(() => admin.disconnect());' >/dev/null 2>&1 || true
  if command -v redis-cli >/dev/null; then
    redis-cli --scan --pattern "$run:*" 2>/dev/null | xargs -r redis-cli del >/dev/null 2>&1 || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

apps=(gateway validator router archive)
# Each service, and the ceiling, reach PostgreSQL through a proxy of the run that counts their round trips
# (tools/pg-count-proxy.ts; BENCH_PG_PROXY=0: they connect directly and round trips are not counted).
declare -A db_url=()
for app in "${apps[@]}"; do db_url[$app]="$DATABASE_URL"; done
export BENCH_CEILING_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$ceiling_db"
bench_pids=()
if [ "${BENCH_PG_PROXY:-1}" != 0 ]; then
  proxy_out="$root/tmp/bench-pg-proxy.$$.json"
  : >"$proxy_out"
  node dist/tools/pg-count-proxy.js "${apps[@]}" ceiling >"$proxy_out" 2>"$logs/bench-pg-proxy.log" &
  pids+=("$!")
  bench_pids+=("pg-proxy=$!")
  for _ in $(seq 1 50); do [ -s "$proxy_out" ] && break; sleep 0.1; done
  # shellcheck disable=SC2016 # JavaScript, not shell, in the quotes
  proxy_port() { node -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(process.argv[2] === "control" ? o.control : o.ports[process.argv[2]])' "$proxy_out" "$1"; }
  for app in "${apps[@]}"; do db_url[$app]="postgres://postgres@127.0.0.1:$(proxy_port "$app")/$database"; done
  BENCH_CEILING_DATABASE_URL="postgres://postgres@127.0.0.1:$(proxy_port ceiling)/$ceiling_db"
  export BENCH_PG_COUNTER_URL="http://127.0.0.1:$(proxy_port control)/"
  rm -f "$proxy_out"
fi
for i in 0 1 2 3; do
  app="${apps[$i]}"
  # GATEWAY_URL is the public port for bench-pipeline; the archive reaches the gateway's internal one (API keys).
  # BENCH_NODE_OPTIONS_<APP> (e.g. BENCH_NODE_OPTIONS_GATEWAY=--cpu-prof): flags for one service's node.
  opts="BENCH_NODE_OPTIONS_${app^^}"
  # shellcheck disable=SC2086 # the flags are words
  DATABASE_URL="${db_url[$app]}" GATEWAY_URL="http://127.0.0.1:$((base + 100))" PORT="$((base + i))" INTERNAL_PORT="$((base + 100 + i))" node ${!opts:-} "dist/apps/$app/src/main.js" >"$logs/bench-$app.log" 2>&1 &
  pids+=("$!")
  bench_pids+=("$app=$!")
  echo "bench: $app on :$((base + i)) (log: tmp/logs/bench-$app.log)" >&2
done
# The broker's CPU is reported too (shared with whatever else uses it): the process listening on its port.
kafka_pid="$(ss -Hltnp "sport = :${KAFKA_BROKERS##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)"
if [ -n "$kafka_pid" ]; then bench_pids+=("kafka=$kafka_pid"); fi
BENCH_PIDS="$(IFS=,; echo "${bench_pids[*]}")"
export BENCH_PIDS
for i in 0 1 2 3; do
  url="http://127.0.0.1:$((base + i))/health/ready"
  for n in $(seq 1 150); do
    if node -e "fetch('$url').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
    if [ "$n" = 150 ]; then
      echo "bench: ${apps[$i]} did not become ready; last log lines:" >&2
      tail -n 30 "$logs/bench-${apps[$i]}.log" >&2
      exit 1
    fi
    sleep 0.2
  done
done

echo "bench: bench-spec (validation speed of libs/spec)" >&2
node dist/tools/bench-spec.js >&2
echo "bench: bench-pipeline $*" >&2
status=0
node dist/tools/bench-pipeline.js --urls "$GATEWAY_URL,http://127.0.0.1:$((base + 1)),http://127.0.0.1:$((base + 2)),http://127.0.0.1:$((base + 3))" "$@" ||
  status=$?
exit "$status"
