#!/usr/bin/env bash
# The one command that measures everything and writes benchmarks/results/RESULTS.md and chart.svg:
# builds what it needs, runs the JMH benchmarks, the multi-process fleet harness, the heap
# measurement and the deployment of 5,000 guarded methods, then the report. Works from any
# directory. See benchmarks/README.md.
#
#   benchmarks/run.sh [--quick] [--skip-jmh]
#
#   --quick      short JMH iterations and a smaller harness run (not figures of record)
#   --skip-jmh   keep benchmarks/target/jmh.csv from an earlier run (the report uses it if present)
#
# PostgreSQL: RC_BENCH_JDBC_URL (default jdbc:postgresql://127.0.0.1:5432/rc_bench?user=postgres);
# the database is created if missing. A step that fails does not stop the later ones: the report is
# written from what was measured, and the script then exits with status 1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
target="$here/target"

quick=()
skip_jmh=false
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--quick) ;;
    --skip-jmh) skip_jmh=true ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

java="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java="$JAVA_HOME/bin/java"
fi

cd "$root"
echo "[run] building (benchmarks and what it depends on)" >&2
./mvnw -B -q install -DskipTests -pl benchmarks -am
./mvnw -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$target/classpath.txt"
cp="$target/classes:$(cat "$target/classpath.txt")"

failed=()
step() {
  local name="$1"
  shift
  echo "[run] $name" >&2
  if ! "$@"; then
    echo "[run] $name FAILED" >&2
    failed+=("$name")
  fi
}

mkdir -p "$target/fleet"
rm -f "$target"/fleet/*.properties "$target"/fleet/*.csv

step "benchmark database" "$java" -cp "$cp" org.resilientcircuit.benchmarks.fleet.PrepareDatabase
if [[ "$skip_jmh" == false ]]; then
  rm -f "$target/jmh.csv"
  step "JMH benchmarks" "$java" -cp "$cp" org.resilientcircuit.benchmarks.jmh.JmhMain --out "$target/jmh.csv" ${quick[@]+"${quick[@]}"}
fi
step "fleet harness" "$java" -Xmx256m -cp "$cp" org.resilientcircuit.benchmarks.fleet.FleetBench \
  --out "$target/fleet" ${quick[@]+"${quick[@]}"}
for store in memory postgres; do
  step "heap, $store store" "$java" -XX:+UseSerialGC -Xms512m -Xmx512m -cp "$cp" \
    org.resilientcircuit.benchmarks.fleet.HeapMain --store "$store" --breakers 10000 \
    --out "$target/fleet/heap-$store.properties"
done
mkdir -p "$target/deployment"
rm -f "$target"/deployment/*.properties
for store in memory postgres; do
  for metrics in none mp-metrics telemetry; do
    step "deployment of 5,000 guarded methods, $store store, metrics $metrics" "$java" -cp "$cp" \
      org.resilientcircuit.benchmarks.deployment.DeploymentBench --store "$store" --metrics "$metrics" --calls-per-bean 1 \
      --out "$target/deployment/deployment-$store-$metrics.properties"
  done
done
step "the change feed's poll with 5,000 and 100,000 keys" "$java" -cp "$cp" \
  org.resilientcircuit.benchmarks.fleet.PollBench --keys 5000,100000 --polls 20 --out "$here/results/poll.md"
step "report" "$java" -cp "$cp" org.resilientcircuit.benchmarks.report.Report --jmh "$target/jmh.csv" \
  --data "$target/fleet" --out "$here/results" ${quick[@]+"${quick[@]}"}

# the raw figures beside the report, so that it can be checked and re-derived
mkdir -p "$here/results/data"
rm -f "$here"/results/data/*
for file in "$target/jmh.csv" "$target"/fleet/*.properties "$target"/fleet/*.csv "$target"/deployment/*.properties; do
  if [[ -f "$file" ]]; then
    cp "$file" "$here/results/data/"
  fi
done

if ((${#failed[@]} > 0)); then
  echo "[run] failed: ${failed[*]}" >&2
  exit 1
fi
echo "[run] done: $here/results/RESULTS.md, $here/results/chart.svg" >&2
