#!/usr/bin/env python3
"""Times N sequential creates, then N sequential reads of what was created, against any FHIR base.

Usage: bench/crud_sequential.py [base-url] [count]    (defaults http://localhost:8080/fhir 1000)
Prints one line per phase: total seconds, requests/s, p50 and p99 latency in ms.
"""
import http.client
import json
import sys
import time
import urllib.parse
import uuid

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/fhir"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
url = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
headers = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}


def observation(i):
    return json.dumps({
        "resourceType": "Observation", "status": "final",
        "identifier": [{"system": "urn:bench", "value": f"{uuid.uuid4()}"}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]},
        "subject": {"reference": f"Patient/bench-{i % 50}"},
        "effectiveDateTime": "2026-11-20T08:30:00+08:00",
        "valueQuantity": {"value": 10 + i % 7, "unit": "g/dL", "system": "http://unitsofmeasure.org", "code": "g/dL"},
    })


def call(method, path, body=None, expected=200):
    started = time.perf_counter()
    connection.request(method, url.path + path, body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    elapsed = time.perf_counter() - started
    if response.status != expected:
        sys.exit(f"{method} {path}: HTTP {response.status} {payload[:300]!r}")
    return elapsed, payload


def report(phase, latencies, total):
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(f"{phase:7} {len(latencies)} requests in {total:.2f} s  {len(latencies) / total:.0f}/s  "
          f"p50 {p50:.1f} ms  p99 {p99:.1f} ms")


ids, latencies = [], []
start = time.perf_counter()
for i in range(count):
    elapsed, payload = call("POST", "/Observation", observation(i), expected=201)
    latencies.append(elapsed)
    ids.append(json.loads(payload)["id"])
report("create", latencies, time.perf_counter() - start)

latencies = []
start = time.perf_counter()
for resource_id in ids:
    elapsed, _ = call("GET", f"/Observation/{resource_id}")
    latencies.append(elapsed)
report("read", latencies, time.perf_counter() - start)
