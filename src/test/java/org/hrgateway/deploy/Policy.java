package org.hrgateway.deploy;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What every workload of a city must be, whatever its schema allows: each container with startup,
 * liveness and readiness probes, CPU and memory requests and limits, run as non-root on a read-only
 * root filesystem without privilege escalation or capabilities, under seccomp `RuntimeDefault`; each
 * Secret without data (Secrets are created by the operator, never committed); service accounts
 * without API credentials.
 */
final class Policy {

    private Policy() {
    }

    static List<String> violations(List<JsonNode> objects) {
        List<String> found = new ArrayList<>();
        for (JsonNode object : objects) {
            String name = ManifestsTest.name(object);
            switch (object.path("kind").asString()) {
                case "Deployment", "StatefulSet", "DaemonSet", "Job" -> pod(name, object.path("spec").path("template").path("spec"), found);
                case "CronJob" -> pod(name, object.path("spec").path("jobTemplate").path("spec").path("template").path("spec"), found);
                case "Pod" -> pod(name, object.path("spec"), found);
                case "Secret" -> {
                    if (!object.path("data").isEmpty() || !object.path("stringData").isEmpty()) {
                        found.add(name + " carries data: create Secrets in the cluster, never commit them");
                    }
                }
                case "ServiceAccount" -> {
                    if (object.path("automountServiceAccountToken").asBoolean(true)) {
                        found.add(name + ": automountServiceAccountToken must be false (no API access)");
                    }
                }
                case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding" ->
                        found.add(name + ": the gateway needs no access to the Kubernetes API");
                default -> {
                }
            }
        }
        return found;
    }

    private static void pod(String name, JsonNode pod, List<String> found) {
        JsonNode podSecurity = pod.path("securityContext");
        if (pod.path("automountServiceAccountToken").asBoolean(true)) {
            found.add(name + ": automountServiceAccountToken must be false");
        }
        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        for (JsonNode container : containers) {
            String where = name + " container " + container.path("name").asString() + ": ";
            boolean init = pod.path("initContainers").findValuesAsString("name").contains(container.path("name").asString());
            if (!init) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (container.path(probe).isMissingNode()) {
                        found.add(where + "no " + probe);
                    }
                }
            }
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (container.path("resources").path(kind).path(resource).isMissingNode()) {
                        found.add(where + "no resources." + kind + "." + resource);
                    }
                }
            }
            JsonNode security = container.path("securityContext");
            if (!setting(security, podSecurity, "runAsNonRoot").asBoolean(false)) {
                found.add(where + "runAsNonRoot must be true");
            }
            if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                found.add(where + "readOnlyRootFilesystem must be true");
            }
            if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                found.add(where + "allowPrivilegeEscalation must be false");
            }
            if (!security.path("capabilities").path("drop").findValuesAsString("").isEmpty()
                    || !contains(security.path("capabilities").path("drop"), "ALL")) {
                found.add(where + "capabilities.drop must hold ALL");
            }
            if (!security.path("capabilities").path("add").isEmpty()) {
                found.add(where + "no capabilities may be added");
            }
            if (!"RuntimeDefault".equals(setting(security, podSecurity, "seccompProfile").path("type").asString())) {
                found.add(where + "seccompProfile must be RuntimeDefault");
            }
        }
    }

    /** A container's setting, else its pod's (Kubernetes' own precedence). */
    private static JsonNode setting(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asString())) {
                return true;
            }
        }
        return false;
    }
}
