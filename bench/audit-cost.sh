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
# Each run: c16 (CONCURRENCY), 15 s warm-up, 6 s per scenario (ONLY); with RATE=1000 also open-loop at that rate, which
# gives the machine's CPU per request (gateway and PostgreSQL, the load client's own left out). After each `path` run, the events left waiting are
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
CONCURRENCY=${CONCURRENCY:-16}
ONLY=${ONLY:-patient-code-date,report-include,chained-resident,read}
TIMED=${TIMED:-} # folders whose path runs are not timed (e.g. TIMED=target/quarkus-app)
TOOLS="java -jar tools/target/hr-gateway-tools.jar"
BASE=http://127.0.0.1:8080/fhir
mkdir -p "$WORK"

psql_db() { su postgres -c "psql -qAt -d $DB -c \"$1\""; }

gateway_start() { # env assignments as arguments; APP: the gateway's quarkus-app folder
    env "$@" QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB QUARKUS_DATASOURCE_USERNAME=hrgw_dev \
        QUARKUS_DATASOURCE_PASSWORD=dev HR_SECURITY_KEYS="$WORK/keys/dev-jwks.json" \
        HR_SECURITY_TRUSTED_ISSUERS=https://dev.hr-gateway.local \
        java @src/main/jvm/memory.options -XX:MaxRAM=768m -jar "${APP:-target/quarkus-app}/quarkus-run.jar" \
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

TIMED=" $TIMED"
for entry in $ORDER; do
    # An entry is a mode, or mode:folder to run another build's quarkus-app (to compare two builds).
    mode=${entry%%:*}
    APP=target/quarkus-app
    [ "$entry" != "$mode" ] && APP=${entry#*:}
    echo "== $entry"
    # shellcheck disable=SC2046
    gateway_start $(mode_env "$mode")
    $TOOLS bench --base $BASE --token "$TOKEN" --skip-load --targets "$WORK/targets.txt" --concurrency "$CONCURRENCY" \
        --warmup 15 --seconds 6 --only "$ONLY" \
        ${RATE:+--rate "$RATE"} > "$WORK/run.txt"
    grep -E "^(patient-code-date|report-include|chained-resident|read) +\|" "$WORK/run.txt"
    cat "$WORK/run.txt" >> "$WORK/runs.txt"
    gateway_stop
    if [ "$mode" = path ] && [[ " $TIMED " == *" $APP "* ]]; then
        # Timed once per build; after that the waiting events are dropped, so that every run meets a
        # database of about the same size (a benchmark's shortcut: the gateway never drops one).
        psql_db "truncate audit_pending"
    elif [ "$mode" = path ]; then
        TIMED="$TIMED $APP"
        # What storing the waiting events costs: the gateway restarted idle, its timer storing them
        # all (one materializer, a batch at a time), timed until none waits.
        waiting=$(psql_db "select count(*) from audit_pending")
        gateway_start HR_AUDIT_PATIENT_ACCESS=true
        start=$(date +%s%N)
        while [ "$(psql_db "select count(*) from audit_pending")" != 0 ]; do sleep 0.5; done
        took=$(( ($(date +%s%N) - start) / 1000000 ))
        echo "   stored $waiting waiting events in $took ms: $(( waiting > 0 ? took * 1000 / waiting : 0 )) µs per event"
        gateway_stop
    fi
done
