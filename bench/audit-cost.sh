#!/bin/bash
# What auditing every read costs (issue 15, ADR 0014), measured side by side on one database.
#
# The packaged gateway (target/quarkus-app) is started in turns in three modes, in the order
# off, path, kept, kept, path, off:
#   off   HR_AUDIT_PATIENT_ACCESS=false: no audit at all;
#   path  the audit on, its events left waiting (no background storing during the run): what the
#         request path costs (the events' rows, committed before each answer);
#   kept  the audit on, every waiting event stored as an AuditEvent resource at each interval (1 s):
#         what the whole audit costs under sustained load.
# Each run: c16, 15 s warm-up, 6 s per scenario. After each `path` run, the events left waiting are
# stored by one read of the trail, timed: what storing an event costs (the materializer's share).
#
# Needs: `./mvnw package` done (service and tools), PostgreSQL on 127.0.0.1:5432 with role hrgw_dev,
# run as root (it creates the database as the postgres OS user). Takes about 12 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-hrgw_audit_bench}
WORK=${WORK:-/tmp/hr-audit-bench}
PATIENTS=${PATIENTS:-1000}
ORDER=${ORDER:-off path kept kept path off}
TOOLS="java -jar tools/target/hr-gateway-tools.jar"
BASE=http://127.0.0.1:8080/fhir
mkdir -p "$WORK"

psql_db() { su postgres -c "psql -qAt -d $DB -c \"$1\""; }

gateway_start() { # env assignments as arguments
    env "$@" QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB QUARKUS_DATASOURCE_USERNAME=hrgw_dev \
        QUARKUS_DATASOURCE_PASSWORD=dev HR_SECURITY_KEYS="$WORK/keys/dev-jwks.json" \
        HR_SECURITY_TRUSTED_ISSUERS=https://dev.hr-gateway.local \
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

mode_env() {
    case "$1" in
        off) echo HR_AUDIT_PATIENT_ACCESS=false ;;
        path) echo HR_AUDIT_PATIENT_ACCESS=true HR_AUDIT_MATERIALIZE_INTERVAL=1h ;;
        kept) echo HR_AUDIT_PATIENT_ACCESS=true HR_AUDIT_MATERIALIZE_WHILE_BUSY=100000000 ;;
    esac
}

su postgres -c "psql -q -c 'drop database if exists $DB' -c 'create database $DB owner hrgw_dev'"
rm -rf "$WORK/keys"
$TOOLS dev-keys --dir "$WORK/keys" > /dev/null
TOKEN=$($TOOLS dev-token --key "$WORK/keys/dev-key.pem" --scope "system/*.cruds" --valid-for PT12H)

echo "== loading $PATIENTS patients"
gateway_start HR_AUDIT_PATIENT_ACCESS=false
$TOOLS bench --base $BASE --token "$TOKEN" --patients "$PATIENTS" --targets "$WORK/targets.txt" \
    --concurrency 1 --seconds 1 --warmup 0 --only read > "$WORK/load.txt"
grep -i "ingest\|resources/s" "$WORK/load.txt" || true
gateway_stop
psql_db "analyze"

for mode in $ORDER; do
    echo "== $mode"
    # shellcheck disable=SC2046
    gateway_start $(mode_env "$mode")
    $TOOLS bench --base $BASE --token "$TOKEN" --skip-load --targets "$WORK/targets.txt" --concurrency 16 \
        --warmup 15 --seconds 6 --only patient-code-date,report-include,chained-resident,read \
        > "$WORK/$mode-$(date +%s).txt"
    tail -n 12 "$(ls -t "$WORK"/$mode-*.txt | head -1)"
    if [ "$mode" = path ]; then
        waiting=$(psql_db "select count(*) from audit_pending")
        start=$(date +%s%N)
        curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/AuditEvent?_summary=count" > /dev/null
        took=$(( ($(date +%s%N) - start) / 1000000 ))
        echo "   stored $waiting waiting events in $took ms: $(( waiting > 0 ? took * 1000 / waiting : 0 )) µs per event"
    fi
    gateway_stop
done
