package org.hrgateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Databases made on the tests' PostgreSQL (QUARKUS_DATASOURCE_*) for gateway processes that must not
 * share one, as each city's gateway has its own in a province.
 */
final class OwnDatabases {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private OwnDatabases() {
    }

    /** Makes `name` afresh (dropping one left by an earlier run) and returns its reactive URL. */
    static String create(String name) throws SQLException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a database name for a test: " + name);
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        String url = setting("quarkus.datasource.reactive.url");
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    static void drop(String name) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:" + setting("quarkus.datasource.reactive.url"),
                setting("quarkus.datasource.username"), setting("quarkus.datasource.password"));
    }

    private static String setting(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        if (value == null) {
            throw new IllegalStateException(property + " is not set");
        }
        return value;
    }
}
