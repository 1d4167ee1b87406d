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

    @Override
    public Map<String, String> start() {
        if (EmbeddedDatabase.externalConfigured()) {
            return Map.of();
        }
        try {
            embedded = EmbeddedDatabase.start(Files.createTempDirectory("hr-gateway-test-pg"), true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return embedded.datasourceProperties();
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
