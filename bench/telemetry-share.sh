#!/bin/bash
# What the gateway's telemetry costs on the request path, as its share of the gateway's CPU samples.
#
# Throughput comparisons of two builds on this machine swing by more than the telemetry could cost
# (bench/RESULTS.md, issue 17), so this measures it inside one run instead: the packaged gateway is
# loaded with the standard benchmark's data, warmed, then sampled by Java Flight Recorder (its
# `profile` settings, with a Java stack every 2 ms (PERIOD) of each running thread) while the benchmark runs at c16.
# bench/jfr_share.py then counts the samples whose stack is inside each part of the telemetry: the
# request's id, MDC and classification, its timer (Micrometer), its log line, Quarkus' Vert.x and
# pool metrics, OpenTelemetry. A share of samples is a share of the gateway's CPU time in Java code,
# however busy the machine is otherwise.
#
# Needs: `./mvnw package` done (service and tools), PostgreSQL on 127.0.0.1:5432 with role hrgw_dev,
# run as root (it creates the database as the postgres OS user). Takes about 5 minutes.
# EXTRA: more environment for the gateway (e.g. EXTRA="QUARKUS_LOG_CATEGORY__HR_REQUESTS__LEVEL=WARN").
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-hrgw_telemetry_bench}
WORK=${WORK:-/tmp/hr-telemetry-bench}
PATIENTS=${PATIENTS:-1000}
SECONDS_EACH=${SECONDS_EACH:-10}
ONLY=${ONLY:-patient-code-date,report-include,chained-resident,read,recognize}
TOOLS="java -jar tools/target/hr-gateway-tools.jar"
BASE=http://127.0.0.1:8080/fhir
mkdir -p "$WORK"

gateway_start() {
    # shellcheck disable=SC2086
    env ${EXTRA:-} QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB QUARKUS_DATASOURCE_USERNAME=hrgw_dev \
        QUARKUS_DATASOURCE_PASSWORD=dev HR_SECURITY_KEYS="$WORK/keys/dev-jwks.json" \
        HR_SECURITY_TRUSTED_ISSUERS=https://dev.hr-gateway.local QUARKUS_SHUTDOWN_DELAY=0s \
        java @src/main/jvm/memory.options -XX:MaxRAM=768m -jar target/quarkus-app/quarkus-run.jar \
        > "$WORK/gateway.log" 2>&1 &
    GATEWAY=$!
    for _ in $(seq 1 120); do
        if curl -sf http://127.0.0.1:8080/q/health/ready > /dev/null; then return; fi
        sleep 1
    done
    echo "the gateway did not become ready; see $WORK/gateway.log" >&2
    exit 1
}
gateway_stop() { kill "$GATEWAY"; wait "$GATEWAY" || true; }
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

su postgres -c "psql -q -c 'drop database if exists $DB' -c 'create database $DB owner hrgw_dev'"
rm -rf "$WORK/keys" "$WORK/run.jfr"
$TOOLS dev-keys --dir "$WORK/keys" > /dev/null
TOKEN=$($TOOLS dev-token --key "$WORK/keys/dev-key.pem" --scope "system/*.cruds" --valid-for PT12H)

echo "== loading $PATIENTS patients"
gateway_start
$TOOLS bench --base $BASE --token "$TOKEN" --patients "$PATIENTS" --targets "$WORK/targets.txt" \
    --concurrency 1 --seconds 1 --warmup 0 --only read > "$WORK/load.txt"
su postgres -c "psql -q -d $DB -c analyze"

echo "== warming up"
$TOOLS bench --base $BASE --token "$TOKEN" --skip-load --targets "$WORK/targets.txt" --concurrency 16 \
    --warmup 0 --seconds 5 --only "$ONLY" > /dev/null
echo "== sampled run: c16, $SECONDS_EACH s per scenario"
jcmd "$GATEWAY" JFR.start name=telemetry settings=profile jdk.ExecutionSample#period=${PERIOD:-2ms} > /dev/null
$TOOLS bench --base $BASE --token "$TOKEN" --skip-load --targets "$WORK/targets.txt" --concurrency 16 \
    --warmup 0 --seconds "$SECONDS_EACH" --only "$ONLY" > "$WORK/run.txt"
jcmd "$GATEWAY" JFR.stop name=telemetry filename="$WORK/run.jfr" > /dev/null
gateway_stop
grep -E "^(patient-code-date|report-include|chained-resident|read|recognize) +\|" "$WORK/run.txt" || cat "$WORK/run.txt"
jfr print --events jdk.ExecutionSample --stack-depth 256 "$WORK/run.jfr" > "$WORK/samples.txt"
python3 bench/jfr_share.py "$WORK/samples.txt"
