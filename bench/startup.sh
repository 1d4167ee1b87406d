#!/usr/bin/env bash
# Launch-to-ready time of the gateway, with and without a class-data-sharing archive.
#
#   QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/hrgw_start \
#   QUARKUS_DATASOURCE_USERNAME=hrgw_start QUARKUS_DATASOURCE_PASSWORD=hrgw_start \
#   bench/startup.sh [runs]
#
# Needs a built gateway (target/quarkus-app) and a PostgreSQL database in the three variables above
# (an embedded database would add its own start to every figure). The first start installs the
# profile package into it; the measured starts find it installed, as a restarted gateway does.
# The archive is made by `warm-up` (README, "Faster start-up") in a copy of the application, so
# that target/ is left as it was. Prints one line per start and the median of each kind.
set -euo pipefail

runs=${1:-5}
port=${HR_BENCH_PORT:-8099}
: "${QUARKUS_DATASOURCE_REACTIVE_URL:?set the database to start against (see the header of this script)}"
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
# -p keeps the jars' times: the JVM refuses an archive whose jars look changed.
cp -rp target/quarkus-app/. "$app"

# Milliseconds from launch until /q/health/ready answers 200.
start_once() {
  local started pid
  started=$(date +%s%N)
  java -Xmx1g "$@" -Dquarkus.http.port="$port" -jar "$app/quarkus-run.jar" >"$app/start.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "the gateway exited; see its log:" >&2; tail -20 "$app/start.log" >&2; exit 1; }
    sleep 0.02
  done
  echo $(( ($(date +%s%N) - started) / 1000000 ))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2] + v[NR/2+1]) / 2)}'; }

echo "installing the package (first start, not measured): $(start_once) ms"
java -XX:ArchiveClassesAtExit="$app/hr-gateway.jsa" -Xlog:cds=off -Dquarkus.http.port="$port" \
  -jar "$app/quarkus-run.jar" warm-up >"$app/warm-up.log" 2>&1 \
  || { echo "warm-up failed:" >&2; tail -20 "$app/warm-up.log" >&2; exit 1; }
echo "archive: $(du -m "$app/hr-gateway.jsa" | cut -f1) MB"

plain=() archived=()
for i in $(seq "$runs"); do
  # Alternated, so that a change in the machine's load falls on both kinds alike.
  plain+=("$(start_once)")
  archived+=("$(start_once -XX:SharedArchiveFile="$app/hr-gateway.jsa")")
  echo "run $i: without archive ${plain[-1]} ms, with archive ${archived[-1]} ms"
done
echo "launch to ready, median of $runs: without archive $(printf '%s\n' "${plain[@]}" | median) ms," \
  "with archive $(printf '%s\n' "${archived[@]}" | median) ms"
