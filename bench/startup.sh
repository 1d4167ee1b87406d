#!/usr/bin/env bash
# Launch-to-ready time of the gateway and of its floor, on Java 17 without and with a class-data-sharing
# archive, and on Java 25 (the container image's JVM) without and with its AOT cache (JEP 483/515), in
# one run, alternated.
#
#   QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/hrgw_start \
#   QUARKUS_DATASOURCE_USERNAME=hrgw_start QUARKUS_DATASOURCE_PASSWORD=hrgw_start \
#   bench/startup.sh [runs]
#
# The floor (bench/startup-floor) is a Quarkus application with the gateway's extensions and none of
# its work: the gateway's own share of the start is its time less the floor's, on the machine at hand.
# Needs a built gateway (target/quarkus-app; the floor is built here if it is not) and a PostgreSQL
# database in the three variables above (an embedded database would add its own start to every figure).
# The first start installs the profile package into it; the measured starts find it installed, as a
# restarted gateway does. The gateway's archive and AOT cache are made by `warm-up` (README, "Faster
# start-up"), as the image's build makes the cache (src/main/docker/Dockerfile.jvm); the floor's by one
# start, one request and a stop. All in copies of the applications, so that target/ is left as it was.
# Prints one line per round and the median of each kind. JAVA17 and JAVA25 name the two JVMs (default:
# `java` on the PATH and Temurin 25's).
set -euo pipefail

runs=${1:-5}
java17=${JAVA17:-java}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
port=${HR_BENCH_PORT:-8099}
: "${QUARKUS_DATASOURCE_REACTIVE_URL:?set the database to start against (see the header of this script)}"
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$here/startup-floor/target/quarkus-app/quarkus-run.jar" ]; then
  (cd "$here/startup-floor" && "$here/../mvnw" -B -q package) || { echo "the floor does not build" >&2; exit 1; }
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
# -p keeps the jars' times: the JVM refuses an archive whose jars look changed.
mkdir "$work/gateway" "$work/floor"
cp -rp target/quarkus-app/. "$work/gateway"
cp -rp "$here/startup-floor/target/quarkus-app/." "$work/floor"

ready() { curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; }

# Milliseconds from launch until /q/health/ready answers 200: start_once APP JVM [JVM options].
start_once() {
  local started pid app=$1 jvm=$2
  shift 2
  started=$(date +%s%N)
  "$jvm" -Xmx1g "$@" -Dquarkus.http.port="$port" -jar "$work/$app/quarkus-run.jar" >"$work/$app/start.log" 2>&1 &
  pid=$!
  until ready; do
    kill -0 "$pid" 2>/dev/null || { echo "$app exited; see its log:" >&2; tail -20 "$work/$app/start.log" >&2; exit 1; }
    sleep 0.02
  done
  echo $(( ($(date +%s%N) - started) / 1000000 ))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# The floor's training run: start, one read through Hibernate Reactive, stop (the JVM writes at exit).
train_floor() {
  local pid jvm=$1
  shift
  "$jvm" -Xmx1g "$@" -Dquarkus.http.port="$port" -jar "$work/floor/quarkus-run.jar" >"$work/floor/train.log" 2>&1 &
  pid=$!
  until ready; do
    kill -0 "$pid" 2>/dev/null || { echo "the floor's training failed:" >&2; tail -20 "$work/floor/train.log" >&2; exit 1; }
    sleep 0.05
  done
  curl -sf -o /dev/null "http://127.0.0.1:$port/items/1"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2] + v[NR/2+1]) / 2)}'; }

echo "installing the package (first start, not measured): $(start_once gateway "$java17") ms"
"$java17" -Xmx1g -XX:ArchiveClassesAtExit="$work/gateway/hr-gateway.jsa" -Xlog:cds=off -Dquarkus.http.port="$port" \
  -jar "$work/gateway/quarkus-run.jar" warm-up >"$work/gateway/warm-up.log" 2>&1 \
  || { echo "warm-up (Java 17) failed:" >&2; tail -20 "$work/gateway/warm-up.log" >&2; exit 1; }
"$java25" -Xmx1g -XX:AOTCacheOutput="$work/gateway/app.aot" -Dquarkus.http.port="$port" \
  -jar "$work/gateway/quarkus-run.jar" warm-up >"$work/gateway/warm-up-25.log" 2>&1 \
  || { echo "warm-up (Java 25) failed:" >&2; tail -20 "$work/gateway/warm-up-25.log" >&2; exit 1; }
echo "gateway: Java 17 archive $(du -m "$work/gateway/hr-gateway.jsa" | cut -f1) MB, Java 25 AOT cache $(du -m "$work/gateway/app.aot" | cut -f1) MB"
train_floor "$java17" -XX:ArchiveClassesAtExit="$work/floor/floor.jsa" -Xlog:cds=off
train_floor "$java25" -XX:AOTCacheOutput="$work/floor/app.aot"
echo "floor: Java 17 archive $(du -m "$work/floor/floor.jsa" | cut -f1) MB, Java 25 AOT cache $(du -m "$work/floor/app.aot" | cut -f1) MB"

kinds=(gateway-17 gateway-17-archive gateway-25 gateway-25-aot floor-17 floor-17-archive floor-25 floor-25-aot)
declare -A times
for i in $(seq "$runs"); do
  line="run $i:"
  # Alternated, so that a change in the machine's load falls on every kind alike.
  for kind in "${kinds[@]}"; do
    app=${kind%%-*}
    case $kind in
      *-17) ms=$(start_once "$app" "$java17") ;;
      *-17-archive) ms=$(start_once "$app" "$java17" -XX:SharedArchiveFile="$(ls "$work/$app"/*.jsa)") ;;
      *-25) ms=$(start_once "$app" "$java25") ;;
      *-25-aot) ms=$(start_once "$app" "$java25" -XX:AOTCache="$work/$app/app.aot") ;;
    esac
    times[$kind]="${times[$kind]:-} $ms"
    line="$line $kind $ms"
  done
  echo "$line"
done
echo "launch to ready, median of $runs (ms):"
printf '%-10s %10s %14s %10s %14s\n' "" "Java 17" "with archive" "Java 25" "with AOT cache"
for app in gateway floor; do
  row=()
  for variant in 17 17-archive 25 25-aot; do
    row+=("$(printf '%s\n' ${times[$app-$variant]} | median)")
  done
  printf '%-10s %10s %14s %10s %14s\n' "$app" "${row[@]}"
done
