package org.hrgateway.db;

import org.hrgateway.support.GatewayProcess;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read pool on a real streaming replica, configured as k8s/base/database.yaml configures
 * CloudNativePG's (a synchronous standby, `synchronous_commit = remote_apply`): the packaged gateway
 * writes to the primary and searches the standby, and every write is found by the search its client
 * sends next (ADR 0016). Debian's PostgreSQL binaries, run as the `postgres` OS user, make the pair.
 */
class StreamingReplicaIT {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static Path dir;
    private static int primaryPort;
    private static int standbyPort;
    private static GatewayProcess gateway;

    @BeforeAll
    static void startAPrimaryAndItsSynchronousStandby() throws Exception {
        assertTrue(Files.isDirectory(BIN), BIN + ": Debian's PostgreSQL 15 makes the replica pair");
        dir = Files.createTempDirectory("hr-replica");
        primaryPort = GatewayProcess.freePort();
        standbyPort = GatewayProcess.freePort();
        // Made by this (root) process; PostgreSQL runs as postgres, which must own its folders.
        Process chown = new ProcessBuilder("chown", "postgres:postgres", dir.toString()).inheritIO().start();
        assertEquals(0, chown.waitFor(), "chown " + dir);
        Path primary = dir.resolve("primary");
        Path standby = dir.resolve("standby");
        asPostgres(BIN.resolve("initdb") + " -D " + primary + " -U postgres --auth=trust");
        Files.writeString(primary.resolve("postgresql.conf"), String.join("\n", "",
                "port = " + primaryPort, "listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + dir + "'",
                "wal_level = replica", "max_wal_senders = 4", "synchronous_standby_names = '*'",
                "synchronous_commit = remote_apply", ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        asPostgres(BIN.resolve("pg_ctl") + " -D " + primary + " -l " + dir.resolve("primary.log") + " -w start");
        asPostgres(BIN.resolve("pg_basebackup") + " -h 127.0.0.1 -p " + primaryPort + " -U postgres -D " + standby + " -R");
        Files.writeString(standby.resolve("postgresql.auto.conf"), "\nport = " + standbyPort + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        asPostgres(BIN.resolve("pg_ctl") + " -D " + standby + " -l " + dir.resolve("standby.log") + " -w start");
        psql(primaryPort, "create role gw login password 'gw'");
        psql(primaryPort, "create database gw owner gw");
        assertEquals("t", psql(standbyPort, "select pg_is_in_recovery()"), "the standby is a standby");
        gateway = GatewayProcess.start(List.of(), Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + primaryPort + "/gw",
                "QUARKUS_DATASOURCE_USERNAME", "gw", "QUARKUS_DATASOURCE_PASSWORD", "gw",
                "HR_DATASOURCE_READ_URL", "postgresql://127.0.0.1:" + standbyPort + "/gw"));
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (dir != null) {
            for (String node : List.of("standby", "primary")) {
                if (Files.exists(dir.resolve(node).resolve("postmaster.pid"))) {
                    asPostgres(BIN.resolve("pg_ctl") + " -D " + dir.resolve(node) + " -m fast -w stop");
                }
            }
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        }
    }

    @Test
    void givenWritesToThePrimary_whenEachIsSearchedForAtOnce_thenTheStandbyAnswersAndHasIt() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String system = "http://hr-gateway.org/fhir/sid/resident-id";
        for (int i = 0; i < 100; i++) {
            String resident = "replica-" + UUID.randomUUID();
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/Patient"))
                    .header("Authorization", "Bearer " + TestTokens.system()).header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\""
                            + system + "\",\"value\":\"" + resident + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            HttpResponse<String> found = client.send(HttpRequest.newBuilder(URI.create(gateway.base()
                            + "/Patient?identifier=" + system.replace(":", "%3A").replace("/", "%2F") + "%7C" + resident))
                    .header("Authorization", "Bearer " + TestTokens.system()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, found.statusCode(), found.body());
            assertTrue(Pattern.compile("\"total\"\\s*:\\s*1\\b").matcher(found.body()).find(),
                    "write " + i + " found by the search right after it: " + found.body());
        }
        String readers = psql(standbyPort, "select count(*) from pg_stat_activity where application_name = '"
                + StatementCachingPool.APPLICATION_NAME + "-read' and query like '%from resource%'");
        assertTrue(Integer.parseInt(readers) >= 1, "the searches ran on the standby: " + readers);
    }

    private static String psql(int port, String sql) throws IOException, InterruptedException {
        String database = sql.startsWith("create") ? "postgres" : "gw";
        return asPostgres(BIN.resolve("psql") + " -h 127.0.0.1 -p " + port + " -U postgres -d " + database
                + " -qAt -c \"" + sql + "\"").strip();
    }

    /** Runs `command` as the postgres OS user (PostgreSQL refuses to run as root); its output. */
    private static String asPostgres(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("su", "postgres", "-s", "/bin/sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command);
        assertEquals(0, process.exitValue(), command + ":\n" + output);
        return output;
    }
}
