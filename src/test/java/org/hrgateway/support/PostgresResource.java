package org.hrgateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The tests' database: the configured PostgreSQL when QUARKUS_DATASOURCE_REACTIVE_URL is set (CI uses
 * the machine's), else a fresh embedded one. Never an in-memory stand-in.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase embedded;
    /** The database's URL (postgresql://host:port/db) once started, for resources that start after it. */
    private static volatile String url;

    public static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        if (EmbeddedDatabase.externalConfigured()) {
            url = System.getProperty("quarkus.datasource.reactive.url", System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL"));
            return Map.of();
        }
        try {
            embedded = EmbeddedDatabase.start(Files.createTempDirectory("hr-gateway-test-pg"), true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        url = embedded.datasourceProperties().get("quarkus.datasource.reactive.url");
        return embedded.datasourceProperties();
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
