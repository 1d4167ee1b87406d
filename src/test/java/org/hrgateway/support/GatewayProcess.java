package org.hrgateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway (`target/quarkus-app/quarkus-run.jar`, built by `package` before the
 * integration tests run) started as its own process on a free loopback port, with the JVM options a
 * test asks for. It uses the tests' database when one is configured (QUARKUS_DATASOURCE_*), else an
 * embedded PostgreSQL in a temporary folder that this test JVM starts for it.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private Process process;
    private final ProcessBuilder builder;
    private final Path log;
    private final int port;

    private final EmbeddedDatabase embedded;
    /** The database made for this process on the tests' PostgreSQL, dropped when it stops. */
    private final String ownDatabase;

    private GatewayProcess(ProcessBuilder builder, Path log, int port, EmbeddedDatabase embedded, String ownDatabase)
            throws IOException {
        this.builder = builder;
        this.process = builder.start();
        this.log = log;
        this.port = port;
        this.embedded = embedded;
        this.ownDatabase = ownDatabase;
    }

    public static GatewayProcess start(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        return start(freePort(), null, jvmOptions, environment);
    }

    /**
     * A gateway on `port` with a database of its own: `database`, made afresh on the tests' PostgreSQL
     * when one is configured (its user needs CREATEDB), else an embedded PostgreSQL of its own.
     * A null `database` shares the tests' database.
     */
    public static GatewayProcess start(int port, String database, List<String> jvmOptions,
                                       Map<String, String> environment) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests with `./mvnw verify`");
        }
        Path log = Files.createTempFile("hr-gateway-process", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        EmbeddedDatabase embedded = null;
        String ownDatabase = null;
        if (database != null && EmbeddedDatabase.externalConfigured()) {
            ownDatabase = database;
            builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", OwnDatabases.create(database));
        } else if (!EmbeddedDatabase.externalConfigured()) {
            embedded = EmbeddedDatabase.start(Files.createTempDirectory("hr-gateway-process-pg"), true);
            embedded.datasourceProperties().forEach((name, value) ->
                    builder.environment().put(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        }
        builder.environment().putAll(TestTokens.gatewayEnvironment());
        // A test's gateway stops at once; GracefulShutdownIT sets the production delay back.
        builder.environment().put("QUARKUS_SHUTDOWN_DELAY", "0s");
        builder.environment().putAll(environment);
        GatewayProcess gateway = new GatewayProcess(builder, log, port, embedded, ownDatabase);
        gateway.awaitReady(Duration.ofSeconds(120));
        return gateway;
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The status of GET /q/health/ready, or -1 when the gateway does not answer. */
    public int readiness() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** What the gateway printed, for a failing test's message. */
    public String output() {
        try {
            String text = Files.readString(log);
            return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway exited at start:\n" + output());
            }
            if (readiness() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("The gateway was not ready within " + timeout + ":\n" + output());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (ownDatabase != null) {
            OwnDatabases.drop(ownDatabase);
        }
    }

    /** Starts the stopped gateway again, as it was, on the same port and database. */
    public void restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("The gateway is still running");
        }
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        awaitReady(Duration.ofSeconds(120));
    }

    /** Sends SIGTERM, as Kubernetes does to a pod it stops, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** The exit status once the process has ended within `wait`, else empty. */
    public java.util.Optional<Integer> exitWithin(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? java.util.Optional.of(process.exitValue())
                : java.util.Optional.empty();
    }

    /** The status of GET `path` (`/q/health/live`), or -1 when the gateway does not answer. */
    public int status(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops the process as an operator's kill would, leaving its database for a restart. */
    public void kill() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
