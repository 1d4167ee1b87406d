package org.hrgateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.hrgateway.api.RequestGate;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Starts the gateway, or runs one of its commands (`--help` lists them). The command line is read
 * first ({@link GatewayCommandLine}); the database must be configured (QUARKUS_DATASOURCE_REACTIVE_URL,
 * _USERNAME, _PASSWORD): the demo with its own embedded database is the tools' `demo` command.
 */
@QuarkusMain
public class GatewayMain {

    static final String DATABASE_URL_ENV = "QUARKUS_DATASOURCE_REACTIVE_URL";
    static final String DATABASE_URL_PROPERTY = "quarkus.datasource.reactive.url";

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int[] exitStatus = {0};
        Optional<GatewayCommandLine.Run> run = GatewayCommandLine.parse(args, out, err, exitStatus);
        if (run.isEmpty()) {
            System.exit(exitStatus[0]);
            return;
        }
        if (!databaseConfigured()) {
            err.println("No database configured: set " + DATABASE_URL_ENV + " (e.g. postgresql://127.0.0.1:5432/hrgw)"
                    + " with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD."
                    + " For a demo with its own database: java -jar tools/target/hr-gateway-tools.jar demo");
            System.exit(2);
            return;
        }
        // Read by Quarkus when its HTTP server starts; RequestGate checks request targets instead.
        System.setProperty(RequestGate.DISABLE_QUARKUS_URI_CHECK, "true");
        if (run.get().command().equals("warm-up")) {
            // The training run serves a few requests to itself, without tokens: on loopback only.
            System.setProperty("hr.security.enabled", "false");
            System.setProperty("quarkus.http.host", "127.0.0.1");
        }
        if (run.get().command().equals("reindex")) {
            // A command, not a server: no HTTP port to collide with a running gateway.
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(run.get().application(), run.get().args());
    }

    /**
     * Set as a system property, or in the environment under its variable or its property name (as a
     * Kubernetes ConfigMap gives it, k8s/base); never the embedded database a production start
     * without one would silently lose every result in.
     */
    static boolean databaseConfigured() {
        return notBlank(System.getProperty(DATABASE_URL_PROPERTY)) || notBlank(System.getenv(DATABASE_URL_ENV))
                || notBlank(System.getenv(DATABASE_URL_PROPERTY));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    /** Runs once the HTTP server is listening. */
    public static class Gateway implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
