#!/usr/bin/env bash
# The example application on Payara Micro: two instances, on ports 8080 and 8081, sharing their circuit
# breakers through PostgreSQL when one answers on 127.0.0.1 (pg_isready), each keeping its own in
# memory otherwise. Builds the WAR with ./mvnw, fetches Payara Micro and the PostgreSQL driver into the
# local Maven repository, starts both instances in the background, waits until the application
# answers on each and prints where to look. The instances keep running until stopped.
#
#   examples-war/run-example.sh          build, (re)start both instances, print the URLs
#   examples-war/run-example.sh stop     stop them
#   examples-war/run-example.sh status   are they running?
#
# Environment (all optional):
#   EXAMPLE_PORTS      the instances' HTTP ports, default "8080 8081" (bound to 127.0.0.1 only)
#   EXAMPLE_JDBC_URL   the database, default jdbc:postgresql://127.0.0.1:5432/resilient_circuit_db?user=postgres
#                      (that database is created when missing, if psql can)
#   EXAMPLE_STORE      "postgres" or "memory" instead of asking pg_isready
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN="$ROOT/examples-war/target/run"
PORTS=${EXAMPLE_PORTS:-"8080 8081"}
DEFAULT_JDBC_URL='jdbc:postgresql://127.0.0.1:5432/resilient_circuit_db?user=postgres'
JDBC_URL=${EXAMPLE_JDBC_URL:-$DEFAULT_JDBC_URL}
BOOT_SECONDS=240

say() { printf '[example] %s\n' "$*"; }
die() { printf '[example] ERROR: %s\n' "$*" >&2; exit 1; }

running_pid() { # the pid of the instance on port $1, if it runs
  local pid_file="$RUN/$1/pid" pid
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

stop_all() {
  local dir port pid
  for dir in "$RUN"/*/; do
    [ -f "$dir/pid" ] || continue
    port=$(basename "$dir")
    if pid=$(running_pid "$port"); then
      say "stopping the instance on port $port (pid $pid)"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/pid"
  done
}

http_get() { # prints the body of GET http://127.0.0.1:$1$2; fails if there is no answer
  if command -v curl >/dev/null; then
    curl -fsS --max-time 5 "http://127.0.0.1:$1$2" 2>/dev/null
  else
    local reply
    reply=$(exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3 \
      && timeout 5 cat <&3) || return 1
    case "$reply" in "HTTP/1."?" 200"*) printf '%s' "${reply#*$'\r\n\r\n'}" ;; *) return 1 ;; esac
  fi
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

asadmin_value() { # escapes ':' and '=' for asadmin's name=value:name=value properties
  local value=${1//\\/\\\\}
  value=${value//:/\\:}
  printf '%s' "${value//=/\\=}"
}

case "${1:-start}" in
  stop) stop_all; exit 0 ;;
  status)
    for port in $PORTS; do
      if pid=$(running_pid "$port"); then say "port $port: running (pid $pid), http://127.0.0.1:$port/"
      else say "port $port: not running"; fi
    done
    exit 0 ;;
  start) ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac

command -v java >/dev/null || die "java (17 or later) is needed on the PATH"
stop_all

# --- build, and the server and driver jars from the local Maven repository -----------------------
say "building the example WAR (./mvnw package) and fetching Payara Micro and the PostgreSQL driver"
mkdir -p "$RUN"
if ! (cd "$ROOT" && ./mvnw -B -q -pl examples-war -am -DskipTests package dependency:build-classpath \
      -DincludeScope=test -DincludeArtifactIds=payara-micro,postgresql \
      -Dmdep.outputFile=target/run-example.classpath) > "$RUN/build.log" 2>&1; then
  cat "$RUN/build.log" >&2
  die "the build failed (log: $RUN/build.log)"
fi
WAR="$ROOT/examples-war/target/resilient-circuit-example.war"
CLASSPATH_FILE="$ROOT/examples-war/target/run-example.classpath"
PAYARA_JAR=$(tr ':' '\n' < "$CLASSPATH_FILE" | grep '/payara-micro-[^/]*\.jar$' | head -n 1)
DRIVER_JAR=$(tr ':' '\n' < "$CLASSPATH_FILE" | grep '/postgresql-[^/]*\.jar$' | head -n 1)
[ -f "$WAR" ] && [ -f "$PAYARA_JAR" ] && [ -f "$DRIVER_JAR" ] || die "build output missing: $WAR $PAYARA_JAR $DRIVER_JAR"

# --- where breaker state lives ----------------------------------------------------------------------
STORE=${EXAMPLE_STORE:-}
if [ -z "$STORE" ]; then
  if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1; then STORE=postgres; else STORE=memory; fi
fi
if [ "$STORE" = postgres ] && [ "$JDBC_URL" = "$DEFAULT_JDBC_URL" ] && command -v psql >/dev/null; then
  if [ "$(psql -X -w -h 127.0.0.1 -U postgres -d postgres -tAc \
        "select 1 from pg_database where datname = 'resilient_circuit_db'" 2>/dev/null)" != 1 ]; then
    say "creating the database resilient_circuit_db"
    psql -X -q -w -h 127.0.0.1 -U postgres -d postgres -c 'create database resilient_circuit_db' \
      || say "could not create it: the instances will report the database as unreachable"
  fi
fi

# --- start ----------------------------------------------------------------------------------------
for port in $PORTS; do
  port_taken "$port" && die "port $port is taken (EXAMPLE_PORTS=\"... \" picks others)"
done
for port in $PORTS; do
  dir="$RUN/$port"
  rm -rf "$dir"
  mkdir -p "$dir/tmp"
  printf '%s\n' 'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1' \
    > "$dir/preboot.asadmin"
  jvm=(-Xmx512m -XX:+UseSerialGC "-Djava.io.tmpdir=$dir/tmp" "-Drc.instance=example-$port")
  server=(--nohazelcast --disablephonehome --port "$port" --rootdir "$dir/root"
    --prebootcommandfile "$dir/preboot.asadmin" --deploy "$WAR" --contextroot /)
  if [ "$STORE" = postgres ]; then
    printf '%s\n' \
      "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource --property url=$(asadmin_value "$JDBC_URL") rc-example-pool" \
      'create-jdbc-resource --connectionpoolid rc-example-pool jdbc/breakers' > "$dir/postboot.asadmin"
    server+=(--addLibs "$DRIVER_JAR" --postbootcommandfile "$dir/postboot.asadmin")
  else
    jvm+=(-Dmp.config.profile=memory)
  fi
  say "starting instance example-$port (log: ${dir#"$ROOT/"}/server.log)"
  (cd "$dir" && exec setsid nohup java "${jvm[@]}" -jar "$PAYARA_JAR" "${server[@]}" \
      > "$dir/server.log" 2>&1 < /dev/null) &
  echo $! > "$dir/pid"
done

# --- wait until the application answers on each -------------------------------------------------
deadline=$((SECONDS + BOOT_SECONDS))
for port in $PORTS; do
  dir="$RUN/$port"
  until http_get "$port" /api/instance | grep -q '"resilient-circuit-example"'; do
    if ! running_pid "$port" >/dev/null; then
      tail -n 40 "$dir/server.log" >&2; die "the instance on port $port exited (log: $dir/server.log)"
    fi
    if grep -q -E 'Exception while loading the app|returned with result FAILURE' "$dir/server.log"; then
      sed 's/\x1b\[[0-9;]*m//g' "$dir/server.log" | grep -A 8 -E 'SEVERE|FAILURE' | tail -n 40 >&2
      stop_all; die "the application failed to deploy on port $port (log: $dir/server.log)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || { stop_all; die "no answer on port $port within $BOOT_SECONDS s (log: $dir/server.log)"; }
    sleep 1
  done
done

set -- $PORTS
FIRST=$1
SECOND=${2:-$1}
echo
if [ "$STORE" = postgres ]; then
  say "two instances share their circuit breakers through PostgreSQL (${JDBC_URL%%\?*}, namespace \"example\")"
else
  say "each instance keeps its circuit breakers in memory, for itself alone (no PostgreSQL answered on 127.0.0.1, or EXAMPLE_STORE=memory)"
fi
for port in $PORTS; do say "status page of example-$port:  http://127.0.0.1:$port/"; done
if [ "$STORE" = postgres ]; then
  AFTER="then the other instance rejects without calling the gateway: the fleet's breaker is open"
else
  AFTER="the other instance still calls the gateway: in memory, each instance has its own breaker"
fi
cat <<EOF
[example] try it: make the payment gateway fail for the first instance and call it four times,
[example]   curl -X PUT 'http://127.0.0.1:$FIRST/api/downstreams/payment?failureRate=1'
[example]   for i in 1 2 3 4; do curl -X POST http://127.0.0.1:$FIRST/api/calls/payment.charge; echo; done
[example] $AFTER:
[example]   curl -X POST http://127.0.0.1:$SECOND/api/calls/payment.charge
[example] JSON API: /api/calls/{method}, /api/downstreams/{name}, /api/breakers, /api/breakers/db, /api/instance/counters
[example] logs: examples-war/target/run/<port>/server.log
[example] stop: examples-war/run-example.sh stop
EOF
