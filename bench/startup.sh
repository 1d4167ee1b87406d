#!/usr/bin/env bash
# Launch-to-ready time of the gateway: on Java 17 without and with a class-data-sharing archive, and on
# Java 25 (the container image's JVM) without and with its AOT cache (JEP 483/515), in one run.
#
#   QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/hrgw_start \
#   QUARKUS_DATASOURCE_USERNAME=hrgw_start QUARKUS_DATASOURCE_PASSWORD=hrgw_start \
#   bench/startup.sh [runs]
#
# Needs a built gateway (target/quarkus-app) and a PostgreSQL database in the three variables above
# (an embedded database would add its own start to every figure). The first start installs the
# profile package into it; the measured starts find it installed, as a restarted gateway does.
# The archive and the AOT cache are made by `warm-up` (README, "Faster start-up"), as the image's
# build makes the cache (src/main/docker/Dockerfile.jvm), in a copy of the application, so that
# target/ is left as it was. Prints one line per start and the median of each kind.
# JAVA17 and JAVA25 name the two JVMs (default: `java` on the PATH and Temurin 25's).
set -euo pipefail

runs=${1:-5}
java17=${JAVA17:-java}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
port=${HR_BENCH_PORT:-8099}
: "${QUARKUS_DATASOURCE_REACTIVE_URL:?set the database to start against (see the header of this script)}"
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
# -p keeps the jars' times: the JVM refuses an archive whose jars look changed.
cp -rp target/quarkus-app/. "$app"

# Milliseconds from launch until /q/health/ready answers 200.
start_once() {
  local started pid jvm=$1
  shift
  started=$(date +%s%N)
  "$jvm" -Xmx1g "$@" -Dquarkus.http.port="$port" -jar "$app/quarkus-run.jar" >"$app/start.log" 2>&1 &
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

echo "installing the package (first start, not measured): $(start_once "$java17") ms"
"$java17" -Xmx1g -XX:ArchiveClassesAtExit="$app/hr-gateway.jsa" -Xlog:cds=off -Dquarkus.http.port="$port" \
  -jar "$app/quarkus-run.jar" warm-up >"$app/warm-up.log" 2>&1 \
  || { echo "warm-up (Java 17) failed:" >&2; tail -20 "$app/warm-up.log" >&2; exit 1; }
echo "Java 17 archive: $(du -m "$app/hr-gateway.jsa" | cut -f1) MB"
"$java25" -Xmx1g -XX:AOTCacheOutput="$app/app.aot" -Dquarkus.http.port="$port" \
  -jar "$app/quarkus-run.jar" warm-up >"$app/warm-up-25.log" 2>&1 \
  || { echo "warm-up (Java 25) failed:" >&2; tail -20 "$app/warm-up-25.log" >&2; exit 1; }
echo "Java 25 AOT cache: $(du -m "$app/app.aot" | cut -f1) MB"

plain17=() archived17=() plain25=() cached25=()
for i in $(seq "$runs"); do
  # Alternated, so that a change in the machine's load falls on every kind alike.
  plain17+=("$(start_once "$java17")")
  archived17+=("$(start_once "$java17" -XX:SharedArchiveFile="$app/hr-gateway.jsa")")
  plain25+=("$(start_once "$java25")")
  cached25+=("$(start_once "$java25" -XX:AOTCache="$app/app.aot")")
  echo "run $i: Java 17 ${plain17[-1]} ms, with archive ${archived17[-1]} ms;" \
    "Java 25 ${plain25[-1]} ms, with AOT cache ${cached25[-1]} ms"
done
echo "launch to ready, median of $runs:" \
  "Java 17 $(printf '%s\n' "${plain17[@]}" | median) ms, with archive $(printf '%s\n' "${archived17[@]}" | median) ms;" \
  "Java 25 $(printf '%s\n' "${plain25[@]}" | median) ms, with AOT cache $(printf '%s\n' "${cached25[@]}" | median) ms"
