#!/usr/bin/env python3
"""Reduce one of Kubernetes' OpenAPI v3 documents to the schemas of the kinds the manifests use.

    python3 k8s/schemas/reduce-openapi.py [--strict] OPENAPI_JSON KIND [KIND ...] > OUT.json

OPENAPI_JSON is a file of kubernetes/kubernetes' api/openapi-spec/v3 (one per group-version, e.g.
apis__apps__v1_openapi.json). The output is {"components": {"schemas": {...}}} holding the
definitions whose x-kubernetes-group-version-kind names one of the KINDs, and every definition they
reach through "$ref", transitively. The "$ref" values stay "#/components/schemas/<name>", so they
resolve within the output file. Definitions are copied unchanged, except with --strict:

--strict adds "additionalProperties": false to every object schema that lists "properties" and says
nothing of additional ones (and does not ask to keep unknown fields), so that a misspelt field
(`readOnlyRootFileSystem`) fails validation instead of being ignored, as the API server's strict
field validation would refuse it. The CRD schemas in crds/ already carry the same rule.

Standard library only; the output is deterministic (definitions sorted by name, upstream key order
within each), so that running it again on the same input changes nothing.
"""
import argparse
import json
import sys

PREFIX = "#/components/schemas/"


def refs(node):
    """Every "$ref" target named anywhere in node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def reachable(schemas, roots):
    seen = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in schemas:
            sys.exit(f"reduce-openapi: {name} is referenced but not defined in the input")
        seen.add(name)
        for ref in refs(schemas[name]):
            if not ref.startswith(PREFIX):
                sys.exit(f"reduce-openapi: {ref} is not a local component reference")
            todo.append(ref[len(PREFIX):])
    return seen


def strict(schema):
    """Adds additionalProperties: false where an object schema lists its properties (in place)."""
    if not isinstance(schema, dict):
        return
    if ("properties" in schema and "additionalProperties" not in schema
            and not schema.get("x-kubernetes-preserve-unknown-fields")):
        schema["additionalProperties"] = False
    # Only where a keyword holds schemas: field names and default values are left alone.
    for field in schema.get("properties", {}).values():
        strict(field)
    for keyword in ("items", "additionalProperties", "not"):
        strict(schema.get(keyword))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(keyword, []):
            strict(sub)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strict", action="store_true", help="refuse unknown fields (see above)")
    parser.add_argument("openapi", help="a Kubernetes OpenAPI v3 document (api/openapi-spec/v3/*.json)")
    parser.add_argument("kinds", nargs="+", help="the kinds to keep, e.g. Deployment")
    args = parser.parse_args()

    with open(args.openapi, encoding="utf-8") as f:
        schemas = json.load(f)["components"]["schemas"]

    roots = {}
    for name, schema in schemas.items():
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            if gvk.get("kind") in args.kinds:
                roots.setdefault(gvk["kind"], []).append(name)
    missing = [kind for kind in args.kinds if kind not in roots]
    if missing:
        sys.exit(f"reduce-openapi: no definition of {', '.join(missing)} in {args.openapi}")
    ambiguous = {kind: names for kind, names in roots.items() if len(names) > 1}
    if ambiguous:
        sys.exit(f"reduce-openapi: more than one definition of a kind: {ambiguous}")

    kept = reachable(schemas, [names[0] for names in roots.values()])
    reduced = {name: schemas[name] for name in sorted(kept)}
    if args.strict:
        for schema in reduced.values():
            strict(schema)
    json.dump({"components": {"schemas": reduced}}, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
