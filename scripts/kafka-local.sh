#!/usr/bin/env bash
# Runs a real Apache Kafka broker (KRaft, one combined broker+controller node on 127.0.0.1) from the
# Maven Central jars, for machines with Java 17 and Maven but no Docker. Users with Docker can use
# docker-compose.yml instead (same Kafka version, apache/kafka:3.9.1).
#
#   scripts/kafka-local.sh deps     fetch the broker jars once (tools/kafka-local/pom.xml) into .kafka-local/lib
#   scripts/kafka-local.sh start    start the broker in the background and wait until it is ready;
#                                   prints KAFKA_BROKERS=127.0.0.1:9092 on stdout (nothing else), so
#                                   `eval "$(scripts/kafka-local.sh start)"` works; progress goes to stderr
#   scripts/kafka-local.sh stop     stop the broker we started (TERM, then KILL after ~20 s)
#   scripts/kafka-local.sh status   exit 0 and print the pid when running, exit 3 when not
#
# Environment:
#   KAFKA_PORT=9092              client (PLAINTEXT) listener on 127.0.0.1
#   KAFKA_CONTROLLER_PORT=9093   KRaft controller listener on 127.0.0.1
#   KAFKA_FRESH=1                wipe .kafka-local/data before starting (restarts a running broker);
#                                by default data is kept across restarts
#   KAFKA_START_TIMEOUT=90       seconds to wait for readiness
#   KAFKA_HEAP_OPTS              default "-Xms256m -Xmx512m"
#   JAVA_HOME                    used when set, otherwise `java` from PATH
#   KAFKA_STATE_DIR              state directory (default .kafka-local): a second broker of the same
#                                checkout (chaos suite, recovery probe) keeps its data, pid and log apart
#
# State (git-ignored): .kafka-local/{lib/,data/,tmp/,server.properties,log4j.properties,kafka.pid,kafka.out}
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
POM="$ROOT/tools/kafka-local/pom.xml"
STATE="${KAFKA_STATE_DIR:-$ROOT/.kafka-local}"
# The jars are shared by every broker of this checkout, whatever its state directory.
LIB="$ROOT/.kafka-local/lib"
DATA="$STATE/data"
TMPD="$STATE/tmp"
PROPS="$STATE/server.properties"
LOG4J="$STATE/log4j.properties"
PIDFILE="$STATE/kafka.pid"
OUT="$STATE/kafka.out"
STAMP="$LIB/.kafka-local-stamp"

PORT="${KAFKA_PORT:-9092}"
CPORT="${KAFKA_CONTROLLER_PORT:-9093}"
HOST=127.0.0.1
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT=20

log() { printf 'kafka-local: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

now() { # seconds with fractions when bash provides them
  if [ -n "${EPOCHREALTIME:-}" ]; then printf '%s' "${EPOCHREALTIME/,/.}"; else date +%s; fi
}
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    printf '%s' "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    die "java not found (Kafka 3.9 needs Java 11+, 17 recommended); install a JDK or set JAVA_HOME"
  fi
}

kafka_version() {
  local v
  v="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n 1)"
  [ -n "$v" ] || die "cannot read <kafka.version> from $POM"
  printf '%s' "$v"
}

checksum() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -d' ' -f1
  else cksum "$1" | cut -d' ' -f1
  fi
}

check_port_num() {
  case "$2" in
    '' | *[!0-9]*) die "$1 must be a port number, got '$2'" ;;
  esac
  if [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then die "$1 out of range: $2"; fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
  else
    bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
  fi
}

# --- deps -------------------------------------------------------------------------------------------

deps_ok() {
  local version
  version="$(kafka_version)"
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "kafka=$version pom-sha256=$(checksum "$POM")" ] &&
    [ -f "$LIB/kafka_2.13-$version.jar" ]
}

cmd_deps() {
  deps_ok && { log "jars for Kafka $(kafka_version) already in $LIB"; return 0; }
  command -v mvn >/dev/null 2>&1 || die "mvn not found: Maven 3.6+ is needed once to fetch the Kafka jars from Maven Central"
  local version t0 tmp n
  version="$(kafka_version)"
  t0="$(now)"
  log "fetching Kafka $version broker jars with Maven (one-time; tens of MB from Maven Central) ..."
  mkdir -p "$STATE"
  tmp="$STATE/lib.tmp.$$"
  rm -rf "$tmp"
  # Absolute output directory: Maven resolves relative File parameters against the pom's directory.
  # Maven's output is captured (some Maven builds print bare ANSI resets even with -B) and shown,
  # without escape sequences, only when it says something.
  local rc=0
  mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
    </dev/null >"$STATE/mvn.out" 2>&1 9>&- || rc=$?
  sed 's/\x1b\[[0-9;]*m//g' "$STATE/mvn.out" | grep -v '^[[:space:]]*$' >&2 || true
  if [ "$rc" -ne 0 ]; then
    rm -rf "$tmp"
    die "Maven could not fetch the Kafka jars (exit $rc; is Maven Central reachable? output above, also in $STATE/mvn.out)"
  fi
  [ -f "$tmp/kafka_2.13-$version.jar" ] || { rm -rf "$tmp"; die "Maven finished but $tmp/kafka_2.13-$version.jar is missing"; }
  printf 'kafka=%s pom-sha256=%s\n' "$version" "$(checksum "$POM")" >"$tmp/.kafka-local-stamp"
  rm -rf "$LIB"
  mv "$tmp" "$LIB"
  n="$(find "$LIB" -name '*.jar' | wc -l | tr -d ' ')"
  log "fetched $n jars for Kafka $version into $LIB in $(elapsed "$t0")s"
}

# --- process helpers --------------------------------------------------------------------------------

# Prints the recorded pid when that process is alive AND is our broker (guards against pid reuse).
running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid args
  pid="$(tr -d ' \n' <"$PIDFILE")"
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  kill -0 "$pid" 2>/dev/null || return 1
  args="$(ps -ww -p "$pid" -o args= 2>/dev/null || true)"
  case "$args" in
    *"kafka.Kafka $PROPS"*) printf '%s' "$pid" ;;
    *) return 1 ;;
  esac
}

alive() { kill -0 "$1" 2>/dev/null; }

# The client port of the running broker (from the config it was started with).
running_port() {
  local p
  p="$(sed -n "s|^listeners=PLAINTEXT://$HOST:\([0-9]*\),.*|\1|p" "$PROPS" 2>/dev/null | head -n 1)"
  printf '%s' "${p:-$PORT}"
}

tail_log() {
  if [ -s "$OUT" ]; then
    log "last 40 lines of $OUT:"
    tail -n 40 "$OUT" >&2
  else
    log "$OUT is empty"
  fi
}

# Waits until the broker logged "Kafka Server started" and accepts TCP on its port.
wait_ready() {
  local pid="$1" port="$2" t0="$3" deadline
  deadline=$(($(date +%s) + START_TIMEOUT))
  while :; do
    if ! alive "$pid"; then
      rm -f "$PIDFILE"
      log "error: the broker (pid $pid) exited during start-up"
      tail_log
      return 1
    fi
    if grep -q 'Kafka Server started' "$OUT" 2>/dev/null && port_open "$port"; then
      return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "error: the broker (pid $pid) was not ready after ${START_TIMEOUT}s ('Kafka Server started' + TCP $HOST:$port); stopping it"
      tail_log
      stop_pid "$pid" || true
      return 1
    fi
    sleep 0.2
  done
}

# TERM, wait up to STOP_TIMEOUT s, then KILL. Only ever called with the recorded, verified pid.
stop_pid() {
  local pid="$1" i=0 max=$((STOP_TIMEOUT * 5))
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid" && [ "$i" -lt "$max" ]; do
    sleep 0.2
    i=$((i + 1))
  done
  if alive "$pid"; then
    log "pid $pid still alive after ${STOP_TIMEOUT}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    i=0
    while alive "$pid" && [ "$i" -lt 50 ]; do
      sleep 0.2
      i=$((i + 1))
    done
  fi
  if alive "$pid"; then
    log "error: pid $pid did not exit"
    return 1
  fi
  rm -f "$PIDFILE"
}

# Serialise start/stop between concurrent callers (best effort: flock is not on every system).
lock() {
  mkdir -p "$STATE"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE/lock"
    flock -w 180 9 || die "another kafka-local.sh holds $STATE/lock"
  fi
}

# --- config -----------------------------------------------------------------------------------------

write_config() {
  cat >"$PROPS" <<EOF
# Generated by scripts/kafka-local.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CPORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CPORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.cleaner.dedupe.buffer.size=16777216
num.network.threads=2
num.io.threads=2
EOF
  cat >"$LOG4J" <<'EOF'
# Generated by scripts/kafka-local.sh. Kafka 3.9 logs through SLF4J 1.x -> reload4j (log4j 1.x API).
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.authorizer.logger=WARN
EOF
}

jvm_flags() {
  # shellcheck disable=SC2206 # word splitting of KAFKA_HEAP_OPTS is intended
  JVM_FLAGS=(${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -XX:TieredStopAtLevel=1
    -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$LOG4J"
    "-Djava.io.tmpdir=$TMPD" "-DZstdTempFolder=$TMPD" "-Dorg.xerial.snappy.tempdir=$TMPD")
}

# Kafka cluster ids are base64url (no padding) of 16 random bytes; Kafka itself avoids a leading '-'.
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    case "$id" in -*) ;; *) printf '%s' "$id"; return 0 ;; esac
  done
}

format_storage() {
  local java="$1" t0 id
  if [ -f "$DATA/meta.properties" ]; then
    log "keeping existing data in $DATA (KAFKA_FRESH=1 wipes it)"
    return 0
  fi
  t0="$(now)"
  id="$(random_cluster_id)"
  mkdir -p "$DATA"
  if ! "$java" "${JVM_FLAGS[@]}" -cp "$LIB/*" kafka.tools.StorageTool format -t "$id" -c "$PROPS" -g \
    >"$STATE/format.out" 2>&1 </dev/null 9>&-; then
    log "error: formatting KRaft storage in $DATA failed:"
    tail -n 40 "$STATE/format.out" >&2
    exit 1
  fi
  log "formatted $DATA (cluster id $id) in $(elapsed "$t0")s"
}

# --- commands ---------------------------------------------------------------------------------------

cmd_start() {
  check_port_num KAFKA_PORT "$PORT"
  check_port_num KAFKA_CONTROLLER_PORT "$CPORT"
  [ "$PORT" != "$CPORT" ] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
  lock
  local t0 pid java
  t0="$(now)"
  if pid="$(running_pid)"; then
    if [ "${KAFKA_FRESH:-0}" = 1 ]; then
      log "KAFKA_FRESH=1: stopping the running broker (pid $pid) to start with empty data"
      stop_pid "$pid"
    else
      local rport
      rport="$(running_port)"
      [ "$rport" = "$PORT" ] || log "warning: already running on $HOST:$rport (KAFKA_PORT=$PORT ignored; stop it first to change ports)"
      wait_ready "$pid" "$rport" "$t0" || exit 1
      log "already running (pid $pid)"
      printf 'KAFKA_BROKERS=%s:%s\n' "$HOST" "$rport"
      return 0
    fi
  fi
  rm -f "$PIDFILE"

  local p
  for p in "$PORT" "$CPORT"; do
    if port_open "$p"; then
      local who=""
      command -v ss >/dev/null 2>&1 && who="$(ss -Hltnp "sport = :$p" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 1)"
      die "port $HOST:$p is already in use by another process${who:+ ($who)}; stop it or set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
    fi
  done

  deps_ok || cmd_deps
  java="$(java_bin)"
  mkdir -p "$TMPD"
  if [ "${KAFKA_FRESH:-0}" = 1 ]; then
    log "KAFKA_FRESH=1: wiping $DATA"
    rm -rf "$DATA"
  fi
  write_config
  jvm_flags
  format_storage "$java"

  [ -f "$OUT" ] && mv -f "$OUT" "$OUT.prev"
  : >"$OUT"
  log "starting Kafka $(kafka_version) on $HOST:$PORT (controller $HOST:$CPORT); log: $OUT"
  # sh records its own pid and then execs java, so the pid file holds the JVM's pid even if setsid
  # has to fork. setsid detaches the broker from the caller's terminal (Ctrl-C in a test run does not
  # kill it); all fds are redirected so `$(kafka-local.sh start)` does not wait for the broker.
  local launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  # shellcheck disable=SC2016 # $$ and $@ are for the inner sh
  nohup ${launcher[@]+"${launcher[@]}"} sh -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
    "$java" "${JVM_FLAGS[@]}" -cp "$LIB/*" kafka.Kafka "$PROPS" \
    </dev/null >>"$OUT" 2>&1 9>&- &
  local i=0
  while [ ! -s "$PIDFILE" ] && [ "$i" -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  pid="$(tr -d ' \n' <"$PIDFILE" 2>/dev/null || true)"
  [ -n "$pid" ] || { tail_log; die "the broker process did not start"; }

  wait_ready "$pid" "$PORT" "$t0" || exit 1
  log "ready in $(elapsed "$t0")s (pid $pid)"
  printf 'KAFKA_BROKERS=%s:%s\n' "$HOST" "$PORT"
}

cmd_stop() {
  lock
  local pid t0
  if ! pid="$(running_pid)"; then
    if [ -f "$PIDFILE" ]; then
      log "not running (removing stale $PIDFILE)"
      rm -f "$PIDFILE"
    else
      log "not running"
    fi
    return 0
  fi
  t0="$(now)"
  log "stopping the broker (pid $pid)"
  stop_pid "$pid" || exit 1
  log "stopped in $(elapsed "$t0")s"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    local port state=ready
    port="$(running_port)"
    port_open "$port" || state="starting"
    printf 'running pid=%s state=%s KAFKA_BROKERS=%s:%s\n' "$pid" "$state" "$HOST" "$port"
    return 0
  fi
  echo "not running"
  return 3
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit "${1:-2}"
}

case "${1:-}" in
  deps) cmd_deps ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  -h | --help | help) usage 0 ;;
  *) usage ;;
esac
