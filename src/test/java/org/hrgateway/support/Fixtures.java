package org.hrgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Named test fixtures from src/test/resources/fixtures. `${unique}` in a fixture becomes a value
 * fresh to each call, so tests sharing one database never see each other's data.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }

    public static String load(String name) {
        return load(name, unique());
    }

    public static String load(String name, String unique) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${unique}", unique);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
