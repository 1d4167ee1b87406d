package org.hrgateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hrgateway.api.RequestGate;
import org.hrgateway.bench.BenchCommand;
import org.hrgateway.db.EmbeddedDatabase;
import org.hrgateway.demo.DemoLoader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Starts the gateway. Without a configured database it first starts the embedded PostgreSQL;
 * `--demo` loads the synthetic province through the gateway's own REST API once it is up;
 * `load-demo [baseUrl] [patients]` only loads the demo into a running FHIR server;
 * `bench --base URL ...` loads a synthetic province into any FHIR server and measures searches;
 * `reindex [Type ...]` rebuilds the search index of the database (the gateway stopped, or another
 * replica serving), then exits; `warm-up` starts, serves itself a few requests and exits (the
 * training run of a class-data-sharing archive).
 */
@QuarkusMain
public class GatewayMain {

    public static void main(String... args) {
        // Read by Quarkus when its HTTP server starts; RequestGate checks request targets instead.
        System.setProperty(RequestGate.DISABLE_QUARKUS_URI_CHECK, "true");
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("load-demo")) {
            DemoLoader.main(arguments.subList(1, arguments.size()).toArray(String[]::new));
            return;
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("bench")) {
            BenchCommand.main(arguments.subList(1, arguments.size()).toArray(String[]::new));
            return;
        }
        Path dataDir = Path.of(System.getProperty("hr.embedded-db.dir",
                Optional.ofNullable(System.getenv("HR_EMBEDDED_DB_DIR")).orElse("data/postgres")));
        Optional<EmbeddedDatabase> embedded = EmbeddedDatabase.startIfUnconfigured(dataDir, false);
        embedded.ifPresent(database -> {
            database.datasourceProperties().forEach(System::setProperty);
            System.out.println("Embedded PostgreSQL on port " + database.port() + ", data in " + dataDir.toAbsolutePath());
        });
        boolean reindex = !arguments.isEmpty() && arguments.get(0).equals("reindex");
        if (reindex) {
            // A command, not a server: no HTTP port to collide with a running gateway.
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Class<? extends QuarkusApplication> application = switch (arguments.isEmpty() ? "" : arguments.get(0)) {
            case "reindex" -> ReindexCommand.class;
            case "warm-up" -> WarmUpCommand.class;
            default -> Gateway.class;
        };
        try {
            Quarkus.run(application, args);
        } finally {
            embedded.ifPresent(EmbeddedDatabase::close);
        }
    }

    /** Runs once the HTTP server is listening. */
    public static class Gateway implements QuarkusApplication {
        @Override
        public int run(String... args) {
            if (Arrays.asList(args).contains("--demo")) {
                int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
                int patients = ConfigProvider.getConfig().getOptionalValue("hr.demo.patients", Integer.class).orElse(50);
                DemoLoader.load("http://localhost:" + port + "/fhir", patients, System.out);
            }
            Quarkus.waitForExit();
            return 0;
        }
    }
}
