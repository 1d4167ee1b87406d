package org.hrgateway.tools.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * `demo`: a gateway with demo data on this machine, nothing installed. Starts an embedded
 * PostgreSQL (its data kept in `--data`), the packaged gateway on it, waits until the gateway is
 * ready, loads the synthetic province through its REST API, and keeps both running until stopped
 * (Ctrl-C stops the gateway, then the database).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the packaged gateway with its own embedded PostgreSQL and load the synthetic province into it.")
public final class DemoCommand implements Callable<Integer> {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    @Spec
    CommandSpec spec;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "50",
            description = "patients to generate and load (default: ${DEFAULT-VALUE}; 0: load nothing)")
    int patients;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "the gateway's HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--gateway", paramLabel = "JAR", defaultValue = "target/quarkus-app/quarkus-run.jar",
            description = "the packaged gateway (default: ${DEFAULT-VALUE})")
    Path gateway;

    @Option(names = "--jvm-options", paramLabel = "FILE", defaultValue = "src/main/jvm/memory.options",
            description = "the gateway's JVM options file, used when it exists (default: ${DEFAULT-VALUE})")
    Path jvmOptions;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/postgres",
            description = "where the embedded PostgreSQL keeps its data across runs (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--exit-when-loaded", description = "stop the gateway and the database once the data is loaded")
    boolean exitWhenLoaded;

    @Option(names = "--province", description = "a gateway per city of the synthetic province (Jinan, Qingdao, Heze on"
            + " --port and the two ports after it), each on its own database, federated, security on (docs/federation.md)")
    boolean province;

    @Option(names = "--nats", paramLabel = "URL", description = "with --province: a NATS server with JetStream"
            + " (nats://127.0.0.1:4222) for the record locator; without it every city asks every other")
    String nats;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(gateway)) {
            throw new ParameterException(spec.commandLine(), gateway + " does not exist: build it first"
                    + " (./mvnw -B -q package -DskipTests), or name it with --gateway");
        }
        if (patients < 0) {
            throw new ParameterException(spec.commandLine(), "--patients must be 0 or more, got " + patients);
        }
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        System.out.println("Embedded PostgreSQL on port " + postgres.getPort() + ", data in " + data.toAbsolutePath());
        if (province) {
            return province(postgres);
        }
        Process process = start(postgres.getPort());
        // Ctrl-C (or any end of this JVM): the gateway first, then its database.
        Thread stopper = new Thread(() -> stop(process, postgres));
        Runtime.getRuntime().addShutdownHook(stopper);
        String base = "http://localhost:" + port + "/fhir";
        int status;
        if (!awaitReady(process)) {
            System.err.println("The gateway did not become ready within " + READY_WITHIN.toSeconds() + " s");
            status = 1;
        } else {
            status = patients == 0 ? 0 : DemoLoader.load(base, patients, System.out);
            DemoActivity.Morning morning = status == 0 && patients > 0
                    ? DemoActivity.run(base, null, Math.min(16, patients), System.out) : new DemoActivity.Morning(true, List.of());
            if (!morning.ok()) {
                status = 1;
            }
            if (status == 0) {
                System.out.println("HR Gateway with demo data at " + base + (exitWhenLoaded ? "" : " (Ctrl-C stops it)"));
                DemoLinks.reportView(base, morning.recognized()).ifPresent(page -> System.out.println("A report with the HR"
                        + " mark, as a clinician reads it (open it in a browser): " + page));
                System.out.println("What a health authority follows, the recognition dashboard: " + DemoLinks.dashboard(base));
                if (!exitWhenLoaded) {
                    status = process.waitFor();
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            return status; // the hook is stopping both
        }
        stop(process, postgres);
        return status;
    }

    /** `--province`: every city's gateway on `postgres`, federated, loaded city by city. */
    private int province(EmbeddedPostgres postgres) throws Exception {
        Province synthetic = Province.fromClasspath();
        Path keys = data.toAbsolutePath().getParent().resolve("province-keys");
        List<ProvinceDemo.City> cities = ProvinceDemo.cities(synthetic, port, keys);
        ProvinceDemo demo = new ProvinceDemo(gateway, jvmOptions, keys, System.out);
        Thread stopper = new Thread(() -> {
            demo.stop();
            closeQuietly(postgres);
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        int status = 1;
        Map<String, String> locator = new java.util.HashMap<>();
        if (nats != null) {
            Path key = keys.resolve("locator.key");
            if (!Files.exists(key)) {
                Files.createDirectories(keys);
                Files.writeString(key, java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
            }
            locator.put("HR_FEDERATION_LOCATOR_NATS_URL", nats);
            locator.put("HR_FEDERATION_LOCATOR_KEY_FILE", key.toString());
        }
        if (demo.start(cities, postgres, locator)) {
            String token = demo.token(Duration.ofHours(12));
            status = patients == 0 ? 0 : demo.load(synthetic, cities, patients, token);
            if (status == 0) {
                cities.forEach(city -> System.out.println(city.name() + ": " + city.base()
                        + "   province base: " + city.base() + "/province"));
                System.out.println("A token valid for 12 hours (system/*.cruds):");
                System.out.println("TOKEN=" + token);
                ProvinceDemo.City asking = cities.get(1);
                demo.crossCityExample(synthetic, patients, asking, token).ifPresent(example -> {
                    System.out.println("A result done elsewhere, recognized at " + asking.name()
                            + " (which holds nothing of this person):");
                    System.out.println(example);
                });
                if (!exitWhenLoaded) {
                    System.out.println("Ctrl-C stops the province.");
                    status = demo.awaitExit();
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            return status;
        }
        demo.stop();
        closeQuietly(postgres);
        return status;
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("The embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private Process start(int databasePort) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Files.isRegularFile(jvmOptions)) {
            command.add("@" + jvmOptions);
        }
        command.add("-jar");
        command.add(gateway.toString());
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + databasePort + "/postgres");
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        // A demo on this machine answers without tokens; the gateway says so at start (docs/security.md).
        builder.environment().put("HR_SECURITY_ENABLED", "false");
        return builder.start();
    }

    private boolean awaitReady(Process process) throws InterruptedException {
        return ProvinceDemo.awaitReady(port, process::isAlive, READY_WITHIN);
    }

    private static void stop(Process process, EmbeddedPostgres postgres) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            postgres.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("The embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
