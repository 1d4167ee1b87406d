#!/usr/bin/env python3
"""Times profile validation: $validate, a create claiming mr-observation, a create claiming none.

usage: validate_sequential.py [base] [count]   (default http://localhost:8080/fhir 500)
One kept-alive connection, requests in a row, the three kinds taking turns; 300 unmeasured rounds
first (JIT, caches).
"""
import http.client
import json
import sys
import time
import urllib.parse

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/fhir"
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 500
HR = "http://hr-gateway.org/fhir"
url = urllib.parse.urlparse(BASE)
conn = http.client.HTTPConnection(url.hostname, url.port or 80)


def post(path, body):
    conn.request("POST", url.path + path, json.dumps(body), {"Content-Type": "application/fhir+json"})
    response = conn.getresponse()
    return response.status, response.read()


def created(body):
    status, answer = post("/" + body["resourceType"], body)
    assert status == 201, (status, answer[:300])
    return json.loads(answer)["id"]


stamp = str(int(time.time() * 1000))
patient = created({"resourceType": "Patient", "identifier": [{"system": HR + "/sid/resident-id", "value": "370102" + stamp}]})
organization = created({"resourceType": "Organization", "name": "bench lab " + stamp,
                        "identifier": [{"system": HR + "/sid/institution-code", "value": "B" + stamp}]})
observation = {
    "resourceType": "Observation",
    "meta": {"profile": [HR + "/StructureDefinition/mr-observation"]},
    "extension": [{"url": HR + "/StructureDefinition/recognition-mark",
                   "valueCoding": {"system": HR + "/CodeSystem/mr-mark", "code": "HR"}}],
    "status": "final",
    "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}],
    "code": {"coding": [{"system": "http://loinc.org", "code": "718-7", "display": "Hemoglobin [Mass/volume] in Blood"}]},
    "subject": {"reference": "Patient/" + patient},
    "effectiveDateTime": "2026-11-20T08:30:00+08:00",
    "issued": "2026-11-20T10:00:00+08:00",
    "performer": [{"reference": "Organization/" + organization}],
    "valueQuantity": {"value": 13.5, "unit": "g/dL", "system": "http://unitsofmeasure.org", "code": "g/dL"},
}
unprofiled = dict(observation, meta={})

for _ in range(300):
    post("/Observation/$validate", observation)
    post("/Observation", observation)
    post("/Observation", unprofiled)

# The three requests take turns, so that none profits from a JIT warmed by the others' runs.
requests = [("$validate", "/Observation/$validate", observation, 200),
            ("create, mr-observation", "/Observation", observation, 201),
            ("create, no profile", "/Observation", unprofiled, 201)]
latencies = {label: [] for label, _, _, _ in requests}
for _ in range(COUNT):
    for label, path, body, expected in requests:
        started = time.perf_counter()
        status, answer = post(path, body)
        latencies[label].append(time.perf_counter() - started)
        assert status == expected, (status, answer[:300])
        if path.endswith("$validate"):
            assert b'"error"' not in answer, answer[:500]
for label, _, _, _ in requests:
    measured = sorted(latencies[label])
    print("%-24s n=%d mean %.2f ms p50 %.2f ms p99 %.2f ms" % (
        label, COUNT, sum(measured) / COUNT * 1000, measured[COUNT // 2] * 1000,
        measured[min(COUNT - 1, int(COUNT * 0.99))] * 1000))
