package org.hrgateway;

import org.hrgateway.support.GatewayProcess;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway and tools as a newcomer runs them: a typo or a missing database is a clear
 * error and no server; the README's demo command starts a gateway with data.
 */
class CommandLineIT {

    private static final Path GATEWAY = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path TOOLS = Path.of("tools", "target", "hr-gateway-tools.jar");

    private static final java.util.regex.Pattern THREE = java.util.regex.Pattern.compile("\"total\"\\s*:\\s*3\\b");

    private record Ran(int exit, String output) {
    }

    @Test
    void givenAMistypedCommand_whenTheJarRuns_thenItExitsWithTheUsageAndServesNothing() throws Exception {
        Ran ran = run(List.of("-jar", GATEWAY.toString(), "reindx"), Map.of());
        assertEquals(2, ran.exit(), ran.output());
        assertTrue(ran.output().contains("Unmatched argument") && ran.output().contains("Usage: hr-gateway"), ran.output());
        assertFalse(ran.output().contains("Listening on"), ran.output());
    }

    @Test
    void givenHelp_whenTheJarRuns_thenTheCommandsAreListed() throws Exception {
        Ran ran = run(List.of("-jar", GATEWAY.toString(), "--help"), Map.of());
        assertEquals(0, ran.exit(), ran.output());
        assertTrue(ran.output().contains("reindex") && ran.output().contains("warm-up"), ran.output());
    }

    @Test
    void givenNoDatabase_whenTheJarStarts_thenItRefusesNamingTheVariable() throws Exception {
        Ran ran = run(List.of("-jar", GATEWAY.toString()), Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", ""));
        assertEquals(2, ran.exit(), ran.output());
        assertTrue(ran.output().contains("QUARKUS_DATASOURCE_REACTIVE_URL"), ran.output());
        assertFalse(ran.output().contains("Listening on"), ran.output());
    }

    /**
     * A Kubernetes ConfigMap read with envFrom gives the settings as environment variables named by
     * their property names (k8s/base/kustomization.yaml): the gateway starts on them, the database
     * included, with no QUARKUS_DATASOURCE_* variable set.
     */
    @Test
    void givenSettingsUnderTheirPropertyNames_whenTheJarStarts_thenItServesWithThem() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>();
        org.hrgateway.support.EmbeddedDatabase embedded = null;
        Map<String, String> database;
        if (org.hrgateway.support.EmbeddedDatabase.externalConfigured()) {
            database = Map.of("quarkus.datasource.reactive.url", System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL"),
                    "quarkus.datasource.username", System.getenv("QUARKUS_DATASOURCE_USERNAME"),
                    "quarkus.datasource.password", System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
        } else {
            embedded = org.hrgateway.support.EmbeddedDatabase.start(Files.createTempDirectory("hr-gateway-names-pg"), true);
            database = embedded.datasourceProperties();
        }
        environment.putAll(database);
        for (String variable : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            environment.put(variable, "");
        }
        environment.put("hr.paging.default-count", "7");
        try (GatewayProcess gateway = GatewayProcess.start(List.of(), environment)) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(gateway.base() + "/StructureDefinition?_summary=true"))
                    .header("Authorization", "Bearer " + TestTokens.system()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertEquals(7, java.util.regex.Pattern.compile("\"fullUrl\"").matcher(page.body()).results().count(),
                    "hr.paging.default-count from the environment: " + page.body());
            // What an operator scrapes from the packaged gateway: the database pool and the JVM from
            // Quarkus's binders, beside the FHIR requests (TelemetryTest has the rest).
            // A request is counted as its answer ends, which the client may see first: wait a moment.
            List<String> expected = List.of("sql_pool_active{", "jvm_memory_used_bytes{",
                    "http_server_requests_seconds_count{base=\"city\",interaction=\"search-type\"");
            String metrics = org.hrgateway.support.Metrics.scrape("http://127.0.0.1:" + gateway.port());
            for (int wait = 0; wait < 20 && !expected.stream().allMatch(metrics::contains); wait++) {
                Thread.sleep(100);
                metrics = org.hrgateway.support.Metrics.scrape("http://127.0.0.1:" + gateway.port());
            }
            for (String one : expected) {
                assertTrue(metrics.contains(one), one + " in:\n" + metrics);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Test
    void givenPeersWithoutACity_whenTheJarStarts_thenItRefusesNamingTheProperty() throws Exception {
        Ran ran = run(List.of("-jar", GATEWAY.toString()), Map.of("HR_FEDERATION_PEERS", "heze=http://127.0.0.1:8082/fhir",
                "HR_BASE_URL", "http://127.0.0.1:8081/fhir"));
        assertNotEquals(0, ran.exit(), ran.output());
        assertTrue(ran.output().contains("hr.city must name this gateway's city when peers are configured"), ran.output());
        assertFalse(ran.output().contains("Listening on"), ran.output());
    }

    /** The README's first command: the demo, its own embedded database, data loaded through the API. */
    @Test
    void givenTheDemoCommand_whenRun_thenTheGatewayServesTheLoadedProvince() throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory("hr-gateway-demo-pg");
        List<String> command = List.of("-jar", TOOLS.toString(), "demo", "--patients", "3", "--port",
                Integer.toString(port), "--data", data.toString());
        Path log = Files.createTempFile("hr-gateway-demo", ".log");
        Process demo = start(command, Map.of(), log);
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest patients = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/fhir/Patient?_summary=count")).header("Accept", "application/fhir+json").build();
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            String body = "";
            while (System.nanoTime() < deadline && demo.isAlive()) {
                try {
                    body = client.send(patients, HttpResponse.BodyHandlers.ofString()).body();
                    if (THREE.matcher(body).find()) {
                        break;
                    }
                } catch (IOException notYet) {
                    // the gateway is not listening yet
                }
                Thread.sleep(1000);
            }
            assertTrue(THREE.matcher(body).find(), "Patients served: " + body + "\n" + Files.readString(log));
            // Then the clinicians' morning, and the dashboard it links shows what the gateway recorded of it.
            java.util.regex.Pattern linked = java.util.regex.Pattern.compile("recognition dashboard: (\\S+)");
            java.util.regex.Matcher link = linked.matcher("");
            while (System.nanoTime() < deadline && demo.isAlive() && !(link = linked.matcher(Files.readString(log))).find()) {
                Thread.sleep(500);
            }
            assertTrue(link.find(0), "the dashboard's link is printed:\n" + Files.readString(log));
            String page = client.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher calls = java.util.regex.Pattern.compile(
                    "id=\"tile-recognize-calls\".*?<div class=\"value\">(\\d+)</div>", java.util.regex.Pattern.DOTALL).matcher(page);
            assertTrue(calls.find() && Integer.parseInt(calls.group(1)) > 0, "the morning's calls are counted:\n" + page);
        } finally {
            demo.destroy();
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
        // The demo stops its gateway when it is stopped: nothing is left listening.
        try (ServerSocket free = new ServerSocket(port)) {
            assertEquals(port, free.getLocalPort());
        }
    }

    /** The README's and docs/federation.md's province: three cities, each on its own database, asking each other. */
    @Test
    void givenTheProvinceDemo_whenRun_thenEachCityHoldsItsShareAndAnyCityAnswersForAll() throws Exception {
        int port = threeFreePorts();
        Path data = Files.createTempDirectory("hr-gateway-province-demo").resolve("postgres");
        Path log = Files.createTempFile("hr-gateway-province-demo", ".log");
        Process demo = start(List.of("-jar", TOOLS.toString(), "demo", "--province", "--patients", "50", "--port",
                Integer.toString(port), "--data", data.toString()), Map.of(), log);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline && demo.isAlive()
                    && !Files.readString(log).contains("Ctrl-C stops the province.")) {
                Thread.sleep(1000);
            }
            String output = Files.readString(log);
            assertTrue(output.contains("Ctrl-C stops the province."), output);
            String token = output.lines().filter(line -> line.startsWith("TOKEN=")).findFirst().orElseThrow().substring(6);
            HttpClient client = HttpClient.newHttpClient();
            String body = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + (port + 1)
                            + "/fhir/province/Patient?_count=100"))
                    .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (int city = 0; city < 3; city++) {
                assertTrue(body.contains("\"source\":\"http://localhost:" + (port + city) + "/fhir\""),
                        "no Patient of the city on port " + (port + city) + ": " + body);
            }
            assertTrue(body.contains("Cities consulted (every configured city): qingdao"), body);
            // The demo asked Qingdao itself and found a result done in another city that Qingdao recognizes.
            assertTrue(output.contains("A result done elsewhere, recognized at Qingdao (which holds nothing of this person):"),
                    output);
        } finally {
            demo.destroy();
            if (!demo.waitFor(90, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
        for (int city = 0; city < 3; city++) {
            try (ServerSocket free = new ServerSocket(port + city)) {
                assertEquals(port + city, free.getLocalPort(), "the demo stopped every gateway");
            }
        }
    }

    /** A port whose next two are free too. */
    private static int threeFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 20_000 + new java.util.Random().nextInt(20_000);
            try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 1);
                 ServerSocket c = new ServerSocket(port + 2)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("No three consecutive free ports");
    }

    /** docs/security.md's way to try the secured gateway: development keys, a gateway trusting them, a token. */
    @Test
    void givenDevKeysAndADevToken_whenTheSecuredGatewayIsCalled_thenTheTokenOpensIt() throws Exception {
        Path keys = Files.createTempDirectory("hr-gateway-dev-keys");
        Ran made = run(List.of("-jar", TOOLS.toString(), "dev-keys", "--dir", keys.toString()), Map.of());
        assertEquals(0, made.exit(), made.output());
        Ran minted = run(List.of("-jar", TOOLS.toString(), "dev-token", "--key", keys.resolve("dev-key.pem").toString(),
                "--scope", "user/Patient.rs", "--institution", "H001", "--audience", TestTokens.AUDIENCE), Map.of());
        assertEquals(0, minted.exit(), minted.output());
        String token = minted.output().strip();
        try (GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx256m"), Map.of(
                "HR_SECURITY_KEYS", keys.resolve("dev-jwks.json").toString(),
                "HR_SECURITY_TRUSTED_ISSUERS", "https://dev.hr-gateway.local"))) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest.Builder patients = HttpRequest.newBuilder(URI.create(gateway.base() + "/Patient"));
            assertEquals(401, client.send(patients.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(200, client.send(patients.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(403, client.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/Observation"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    private static Ran run(List<String> arguments, Map<String, String> environment) throws Exception {
        Process process = start(arguments, environment, null);
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(exited ? process.exitValue() : -1, output);
    }

    /** `log` null: the output is read from the process; else it goes to that file. */
    private static Process start(List<String> arguments, Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (log != null) {
            builder.redirectOutput(log.toFile());
        }
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
