#!/usr/bin/env bash
# npm run bench -- [--instances 1 --partitions 3] [--bundles 200 --concurrency 8 --pairs 4 --rows 50]
#                  [--rate R [--max-inflight M] | --soak SECONDS [--rate 50]]: the benchmarks, on a system of
# their own — the four services on free ports (4000–4003 unless BENCH_PORT says another base; their
# internal listeners 100 above; instance k of --instances N 10·(k−1) above those), a fresh
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

# --instances and --partitions shape the system this script starts; the other options go to bench-pipeline.
instances=1
pipeline_args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --instances)
      instances="${2:-}"
      shift 2 || { echo "bench: --instances needs a value" >&2; exit 2; }
      ;;
    --instances=*) instances="${1#*=}"; shift ;;
    --partitions)
      export KAFKA_PARTITIONS="${2:-}"
      shift 2 || { echo "bench: --partitions needs a value" >&2; exit 2; }
      ;;
    --partitions=*) export KAFKA_PARTITIONS="${1#*=}"; shift ;;
    *) pipeline_args+=("$1"); shift ;;
  esac
done
case "$instances" in
  [1-9]) ;;
  *) echo "bench: --instances must be 1 to 9, got \"$instances\"" >&2; exit 2 ;;
esac
if [ -n "${KAFKA_PARTITIONS:-}" ] && ! [[ "$KAFKA_PARTITIONS" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench: --partitions must be a positive integer, got \"$KAFKA_PARTITIONS\"" >&2
  exit 2
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Instance k (0-based) of service i listens on base + 10k + i, its internal listener 100 above.
block_free() {
  local k i
  for ((k = 0; k < instances; k++)); do
    for i in 0 1 2 3 100 101 102 103; do if port_open "$(($1 + 10 * k + i))"; then return 1; fi; done
  done
}

if [ -n "${BENCH_PORT:-}" ]; then
  base="$BENCH_PORT"
  block_free "$base" || { echo "bench: a port of the block at $base is in use (BENCH_PORT)" >&2; exit 2; }
else
  base=4000
  until block_free "$base"; do
    base=$((base + 10))
    if [ "$base" -gt 4990 ]; then echo "bench: no free block of ports from 4000 to 4990" >&2; exit 2; fi
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
# Instance names: the first instance keeps the service's name, the others are <service>-<k> (router-2), in
# the pg proxy's counts, BENCH_PIDS, the logs and bench-pipeline's figures (tools/lib/bench-instances.ts).
names=()
for ((k = 1; k <= instances; k++)); do
  for app in "${apps[@]}"; do
    if [ "$k" = 1 ]; then names+=("$app"); else names+=("$app-$k"); fi
  done
done
# Each instance, and the ceiling, reach PostgreSQL through a proxy of the run that counts their round trips
# (tools/pg-count-proxy.ts; BENCH_PG_PROXY=0: they connect directly and round trips are not counted).
declare -A db_url=()
for name in "${names[@]}"; do db_url[$name]="$DATABASE_URL"; done
export BENCH_CEILING_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$ceiling_db"
bench_pids=()
if [ "${BENCH_PG_PROXY:-1}" != 0 ]; then
  proxy_out="$root/tmp/bench-pg-proxy.$$.json"
  : >"$proxy_out"
  node dist/tools/pg-count-proxy.js "${names[@]}" ceiling >"$proxy_out" 2>"$logs/bench-pg-proxy.log" &
  pids+=("$!")
  bench_pids+=("pg-proxy=$!")
  for _ in $(seq 1 50); do [ -s "$proxy_out" ] && break; sleep 0.1; done
  # shellcheck disable=SC2016 # JavaScript, not shell, in the quotes
  proxy_port() { node -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(process.argv[2] === "control" ? o.control : o.ports[process.argv[2]])' "$proxy_out" "$1"; }
  for name in "${names[@]}"; do db_url[$name]="postgres://postgres@127.0.0.1:$(proxy_port "$name")/$database"; done
  BENCH_CEILING_DATABASE_URL="postgres://postgres@127.0.0.1:$(proxy_port ceiling)/$ceiling_db"
  export BENCH_PG_COUNTER_URL="http://127.0.0.1:$(proxy_port control)/"
  rm -f "$proxy_out"
fi
urls=()
for ((n = 0; n < ${#names[@]}; n++)); do
  name="${names[$n]}"
  app="${apps[$((n % 4))]}"
  port="$((base + 10 * (n / 4) + n % 4))"
  # GATEWAY_URL is the public port for bench-pipeline; the archive reaches the gateway's internal one (API keys).
  # BENCH_NODE_OPTIONS_<APP> (e.g. BENCH_NODE_OPTIONS_GATEWAY=--cpu-prof): flags for one service's node.
  opts="BENCH_NODE_OPTIONS_${app^^}"
  # shellcheck disable=SC2086 # the flags are words
  DATABASE_URL="${db_url[$name]}" GATEWAY_URL="http://127.0.0.1:$((base + 100))" PORT="$port" INTERNAL_PORT="$((port + 100))" node ${!opts:-} "dist/apps/$app/src/main.js" >"$logs/bench-$name.log" 2>&1 &
  pids+=("$!")
  bench_pids+=("$name=$!")
  urls+=("http://127.0.0.1:$port")
  echo "bench: $name on :$port (log: tmp/logs/bench-$name.log)" >&2
done
# The broker's CPU is reported too (shared with whatever else uses it): the process listening on its port.
kafka_pid="$(ss -Hltnp "sport = :${KAFKA_BROKERS##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)"
if [ -n "$kafka_pid" ]; then bench_pids+=("kafka=$kafka_pid"); fi
BENCH_PIDS="$(IFS=,; echo "${bench_pids[*]}")"
export BENCH_PIDS
for ((n = 0; n < ${#names[@]}; n++)); do
  url="${urls[$n]}/health/ready"
  for t in $(seq 1 150); do
    if node -e "fetch('$url').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
    if [ "$t" = 150 ]; then
      echo "bench: ${names[$n]} did not become ready; last log lines:" >&2
      tail -n 30 "$logs/bench-${names[$n]}.log" >&2
      exit 1
    fi
    sleep 0.2
  done
done

echo "bench: bench-spec (validation speed of libs/spec)" >&2
node dist/tools/bench-spec.js >&2
echo "bench: bench-pipeline ${pipeline_args[*]} ($instances instance(s) of each service, ${KAFKA_PARTITIONS:-default} partitions)" >&2
status=0
node dist/tools/bench-pipeline.js --urls "$(IFS=,; echo "${urls[*]}")" "${pipeline_args[@]}" ||
  status=$?
exit "$status"
