#!/usr/bin/env python3
"""Shares of a JFR recording's execution samples by part of the gateway's telemetry.

Reads the text of `jfr print --events jdk.ExecutionSample --stack-depth 256 FILE` and puts each sample
in the part of the telemetry its innermost frames are in (`part`), if any.
Used by bench/telemetry-share.sh.
"""
import re
import sys
from collections import Counter

TELEMETRY = "org.hrgateway.telemetry."
JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")
LOGGING = ("org.jboss.logmanager.", "org.jboss.logging.", "org.slf4j.", "io.quarkus.bootstrap.logging.")
METRICS = ("io.micrometer.", "io.quarkus.micrometer.")
OTEL = ("io.opentelemetry.", "io.quarkus.opentelemetry.")
PARTS = [
    "request log line (hr.requests)",
    "request timer (Micrometer, telemetry/)",
    "request id, MDC, classification (telemetry/)",
    "domain counters (GatewayMetrics, from other packages)",
    "Quarkus' Vert.x, pool and HTTP metrics",
    "OpenTelemetry (its SDK off)",
    "other logging",
]


def part(stack):
    """The sample's part, decided by its innermost frame outside the JDK; None when not telemetry.

    Only the innermost owner counts: RequestTelemetry's handler is on the stack of everything the
    request does after it, which is not the telemetry's cost. Logging and metrics are charged to
    whoever called them (their first caller outside the JDK and themselves).
    """
    frames = [f for f in stack if not f.startswith(JDK)]
    if not frames:
        return None
    inner = frames[0]
    if inner.startswith(LOGGING):
        caller = next((f for f in frames if not f.startswith(LOGGING)), "")
        return PARTS[0] if caller.startswith(TELEMETRY) else PARTS[6]
    if inner.startswith(METRICS):
        caller = next((f for f in frames if not f.startswith(METRICS)), "")
        if caller.startswith(TELEMETRY):
            return PARTS[1]
        return PARTS[3] if caller.startswith("org.hrgateway.") else PARTS[4]
    if inner.startswith(OTEL):
        return PARTS[5]
    if inner.startswith(TELEMETRY):
        return PARTS[2]
    return None


def samples(lines):
    stack, inside = [], False
    for line in lines:
        if line.startswith("jdk.ExecutionSample"):
            stack, inside = [], False
        elif "stackTrace = [" in line:
            inside = True
        elif inside and line.strip() in ("]", "...") :
            if line.strip() == "]":
                inside = False
                yield stack
        elif inside:
            frame = line.strip()
            if frame:
                stack.append(re.split(r"[(\s]", frame, 1)[0])


def main(path):
    counts, total = Counter(), 0
    with open(path, encoding="utf-8") as text:
        for stack in samples(text):
            total += 1
            counts[part(stack)] += 1
    if total == 0:
        sys.exit("no execution samples in " + path)
    print(f"{total} execution samples of the gateway's Java threads")
    print(f"{'part':52} {'samples':>8} {'share':>7}")
    for name in PARTS:
        print(f"{name:52} {counts[name]:8} {100.0 * counts[name] / total:6.2f}%")
    telemetry = sum(counts[name] for name in PARTS[:6])
    print(f"{'telemetry in all (the parts above other logging)':52} {telemetry:8} {100.0 * telemetry / total:6.2f}%")


if __name__ == "__main__":
    main(sys.argv[1])
