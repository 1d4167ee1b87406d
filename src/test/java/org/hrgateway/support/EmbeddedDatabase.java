package org.hrgateway.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL (binaries from Maven Central) for the tests on a machine where none is
 * configured, so that the suite needs nothing installed. With QUARKUS_DATASOURCE_REACTIVE_URL (or the
 * system property) set, the configured PostgreSQL is used instead: the CI case.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final String URL_PROPERTY = "quarkus.datasource.reactive.url";
    private static final String URL_ENV = "QUARKUS_DATASOURCE_REACTIVE_URL";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static boolean externalConfigured() {
        return notBlank(System.getProperty(URL_PROPERTY)) || notBlank(System.getenv(URL_ENV));
    }

    /** Starts PostgreSQL keeping its data in `dataDir` (kept across restarts). */
    public static EmbeddedDatabase start(Path dataDir, boolean clean) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The Quarkus datasource properties that point at this database. */
    public Map<String, String> datasourceProperties() {
        return Map.of(
                URL_PROPERTY, "postgresql://localhost:" + postgres.getPort() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
