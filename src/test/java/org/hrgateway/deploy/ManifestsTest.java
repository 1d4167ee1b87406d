package org.hrgateway.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests, checked without a cluster: every city's overlay renders
 * (`kubectl kustomize`), every object it holds validates against the schema of its kind kept in
 * k8s/schemas, and a policy holds every container to probes, limits and the security settings a
 * city's gateway runs with (non-root, read-only root, no privilege escalation, no capabilities,
 * seccomp RuntimeDefault), and every Secret to carrying no data.
 */
class ManifestsTest {

    static final List<String> CITIES = List.of("jinan", "heze", "qingdao");
    private static final Path K8S = Path.of("k8s");
    /** Where the kept schemas are addressed (never fetched: {@link #keptSchema}). */
    private static final String SCHEMAS = "https://schemas.hr-gateway.invalid/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();
    private static SchemaRegistry schemas;
    private static JsonNode index;

    @BeforeAll
    static void renderEveryCity() throws Exception {
        assertTrue(Files.isDirectory(K8S), "run from the project's root");
        for (String city : CITIES) {
            RENDERED.put(city, objects(kustomize(K8S.resolve("overlays").resolve(city))));
        }
        index = JSON.readTree(K8S.resolve("schemas/index.json").toFile());
        // The Kubernetes documents are OpenAPI 3.0 schemas, the CRDs' structural schemas a subset of
        // them: draft 4 is the dialect both were written in.
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                registry -> registry.schemas(ManifestsTest::keptSchema));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jinan", "heze", "qingdao"})
    void givenACitysOverlay_whenRendered_thenItHoldsAGatewayItsDatabaseAndItsMonitoring(String city) {
        List<JsonNode> objects = RENDERED.get(city);
        for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "NetworkPolicy", "ConfigMap", "ServiceAccount", "Cluster", "ScheduledBackup", "ServiceMonitor",
                "PrometheusRule")) {
            assertTrue(objects.stream().anyMatch(object -> object.path("kind").asString().equals(kind)), city + " has a " + kind);
        }
        assertTrue(objects.stream().noneMatch(object -> object.path("kind").asString().equals("StatefulSet")),
                "PostgreSQL comes from the CloudNativePG operator, never a hand-made StatefulSet");
        JsonNode config = only(objects, "ConfigMap", "hr-gateway-config");
        assertEquals(city, config.path("data").path("hr.city").asString());
        assertTrue(config.path("data").path("hr.base-url").asString().contains(city));
        assertTrue(objects.stream().allMatch(object -> object.path("kind").asString().equals("Namespace")
                || ("hr-" + city).equals(object.path("metadata").path("namespace").asString())), "all in hr-" + city);
        JsonNode database = only(objects, "Cluster", "hr-db");
        assertEquals(3, database.path("spec").path("instances").asInt(), "three PostgreSQL instances");
        assertEquals("remote_apply", database.path("spec").path("postgresql").path("parameters").path("synchronous_commit").asString(),
                "a committed write is visible on the replicas the read pool uses (ADR 0016)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jinan", "heze", "qingdao"})
    void givenACitysOverlay_whenEachObjectIsValidated_thenItMatchesTheSchemaOfItsKind(String city) {
        List<String> errors = new ArrayList<>();
        for (JsonNode object : RENDERED.get(city)) {
            schemaErrors(object).forEach(error -> errors.add(name(object) + ": " + error));
        }
        assertEquals(List.of(), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jinan", "heze", "qingdao"})
    void givenACitysOverlay_whenThePolicyIsApplied_thenNothingBreaksIt(String city) {
        assertEquals(List.of(), Policy.violations(RENDERED.get(city)));
    }

    @Test
    void givenTwoCitiesOfTheSameSize_whenRendered_thenTheyDifferOnlyInTheirCitysFacts() {
        String heze = comparable(RENDERED.get("heze"), "heze");
        String qingdao = comparable(RENDERED.get("qingdao"), "qingdao");
        assertEquals(heze, qingdao);
    }

    // --- the checks must be able to fail ------------------------------------------------------------

    @Test
    void givenAMisspeltFieldOrAWrongType_whenValidated_thenTheSchemaRefusesIt() {
        ObjectNode deployment = (ObjectNode) only(RENDERED.get("heze"), "Deployment", "hr-gateway").deepCopy();
        ((ObjectNode) deployment.path("spec")).put("replica", 2);
        assertFalse(schemaErrors(deployment).isEmpty(), "an unknown field");
        ObjectNode cluster = (ObjectNode) only(RENDERED.get("heze"), "Cluster", "hr-db").deepCopy();
        ((ObjectNode) cluster.path("spec")).put("instances", "three");
        assertFalse(schemaErrors(cluster).isEmpty(), "a string where a number belongs");
        ObjectNode unknown = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "StatefulSet");
        assertFalse(schemaErrors(unknown).isEmpty(), "a kind without a schema here");
    }

    @Test
    void givenAContainerWithoutProbesLimitsOrItsSecuritySettings_whenThePolicyIsApplied_thenEachIsNamed() {
        ObjectNode deployment = (ObjectNode) only(RENDERED.get("heze"), "Deployment", "hr-gateway").deepCopy();
        ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
        container.remove("readinessProbe");
        ((ObjectNode) container.path("resources")).remove("limits");
        ((ObjectNode) container.path("securityContext")).put("readOnlyRootFilesystem", false);
        ((ObjectNode) container.path("securityContext")).put("allowPrivilegeEscalation", true);
        ((ObjectNode) container.path("securityContext")).remove("capabilities");
        ((ObjectNode) container.path("securityContext")).remove("seccompProfile");
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("securityContext")).remove("seccompProfile");
        ((ObjectNode) container.path("securityContext")).put("runAsNonRoot", false);
        ObjectNode secret = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", "committed");
        secret.putObject("stringData").put("password", "secret");

        String violations = String.join("\n", Policy.violations(List.of(deployment, secret)));

        for (String expected : List.of("readinessProbe", "resources.limits.cpu", "resources.limits.memory",
                "readOnlyRootFilesystem", "allowPrivilegeEscalation", "capabilities.drop", "seccompProfile",
                "runAsNonRoot", "Secret/committed carries data")) {
            assertTrue(violations.contains(expected), expected + " in:\n" + violations);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    private List<String> schemaErrors(JsonNode object) {
        String key = object.path("apiVersion").asString() + "/" + object.path("kind").asString();
        JsonNode entry = index.path(key);
        if (entry.isMissingNode()) {
            return List.of("no schema for " + key + " in k8s/schemas/index.json");
        }
        String pointer = entry.path("pointer").asString();
        Schema schema = schemas.getSchema(SchemaLocation.of(SCHEMAS + entry.path("file").asString()
                + (pointer.equals("#") ? "" : pointer)));
        return schema.validate(object).stream().map(Error::toString).toList();
    }

    /** A schema kept in k8s/schemas, by the address the index gives it; nothing is fetched. */
    private static String keptSchema(String iri) {
        if (!iri.startsWith(SCHEMAS)) {
            return null;
        }
        try {
            return Files.readString(K8S.resolve("schemas").resolve(iri.substring(SCHEMAS.length())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String kustomize(Path overlay) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + overlay + " finished");
        assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + ":\n" + output);
        return output;
    }

    private static List<JsonNode> objects(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (var documents = YAML.readValues(YAML.createParser(yaml), JsonNode.class)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        }
        return objects;
    }

    static JsonNode only(List<JsonNode> objects, String kind, String name) {
        List<JsonNode> found = objects.stream().filter(object -> object.path("kind").asString().equals(kind)
                && object.path("metadata").path("name").asString().startsWith(name)).toList();
        assertEquals(1, found.size(), kind + "/" + name);
        return found.get(0);
    }

    static String name(JsonNode object) {
        return object.path("kind").asString() + "/" + object.path("metadata").path("name").asString();
    }

    /** A city's rendering with its name made neutral, its peers file and its config's hash left out. */
    private static String comparable(List<JsonNode> objects, String city) {
        return objects.stream()
                .filter(object -> !name(object).equals("ConfigMap/hr-gateway-peers"))
                .map(JsonNode::toString)
                .map(text -> text.replace(city, "CITY").replaceAll("hr-gateway-config-[a-z0-9]+", "hr-gateway-config")
                        // Every city's base URL, its own among them, is a trusted issuer.
                        .replaceAll("\"hr.security.trusted-issuers\":\"[^\"]+\"", ""))
                .sorted().toList().toString();
    }
}
