package org.hrgateway.tools.demo;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The synthetic province as a province of gateways on one machine (`demo --province`): one embedded
 * PostgreSQL with a database per city, one packaged gateway per city on consecutive ports, federated
 * (each city's peers are the others; each signs its peer tokens with a key of its own, written under
 * `keys`, and trusts the others'), and the data loaded city by city: each institution into its
 * city's gateway, each report into the gateway of the city where it was done. Security stays on: the
 * command prints a token to call the gateways with.
 */
final class ProvinceDemo {

    static final String CLIENT_ISSUER = "https://dev.hr-gateway.local";
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    /** One city's gateway. */
    record City(String code, String name, int port, String base, Path key) {
    }

    private final Path gateway;
    private final Path jvmOptions;
    private final Path keys;
    private final PrintStream out;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Integer> cityIndex = new LinkedHashMap<>();

    ProvinceDemo(Path gateway, Path jvmOptions, Path keys, PrintStream out) {
        this.gateway = gateway;
        this.jvmOptions = jvmOptions;
        this.keys = keys;
        this.out = out;
    }

    /** The cities of the synthetic province, their gateways on `firstPort` and the ports after it. */
    static List<City> cities(Province province, int firstPort, Path keys) {
        List<City> cities = new ArrayList<>();
        int port = firstPort;
        for (Province.City city : province.cities()) {
            String code = city.name().toLowerCase(Locale.ROOT);
            cities.add(new City(code, city.name(), port, "http://localhost:" + port + "/fhir", keys.resolve(code + ".pem")));
            port++;
        }
        return cities;
    }

    /** Starts every city's gateway on its own database of `postgres`; false when one did not become ready. */
    boolean start(List<City> cities, EmbeddedPostgres postgres) throws Exception {
        return start(cities, postgres, Map.of());
    }

    /** The same, each gateway's environment with `more` (e.g. the record locator's settings). */
    boolean start(List<City> cities, EmbeddedPostgres postgres, Map<String, String> more) throws Exception {
        Files.createDirectories(keys);
        Map<String, RSAPublicKey> publicKeys = new LinkedHashMap<>();
        publicKeys.put("dev-1", clientKey());
        for (City city : cities) {
            publicKeys.put(city.code() + "-1", key(city.key()));
        }
        Path jwks = keys.resolve("province-jwks.json");
        Files.writeString(jwks, jwks(publicKeys));
        List<String> issuers = new ArrayList<>(List.of(CLIENT_ISSUER));
        cities.forEach(city -> issuers.add(city.base()));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (City city : cities) {
                try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + city.code() + "'")) {
                    if (!exists.next()) {
                        statement.execute("create database " + city.code());
                    }
                }
            }
        }
        for (City city : cities) {
            List<String> peers = new ArrayList<>();
            cities.stream().filter(other -> other != city).forEach(other -> peers.add(other.code() + "=" + other.base()));
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(city.port()));
            environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + postgres.getPort() + "/" + city.code());
            environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            environment.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            environment.put("HR_CITY", city.code());
            environment.put("HR_BASE_URL", city.base());
            environment.put("HR_FEDERATION_PEERS", String.join(",", peers));
            environment.put("HR_FEDERATION_SIGNING_KEY", city.key().toAbsolutePath().toString());
            environment.put("HR_FEDERATION_SIGNING_KEY_ID", city.code() + "-1");
            environment.put("HR_SECURITY_KEYS", jwks.toAbsolutePath().toString());
            environment.put("HR_SECURITY_TRUSTED_ISSUERS", String.join(",", issuers));
            environment.putAll(more);
            cityIndex.put(city.code(), processes.size());
            processes.add(start(environment));
        }
        for (City city : cities) {
            if (!awaitReady(city)) {
                out.println("The gateway of " + city.name() + " did not become ready within " + READY_WITHIN.toSeconds() + " s");
                return false;
            }
        }
        return true;
    }

    /** Loads `patients` of the synthetic province, city by city; 0 when every bundle was accepted. */
    int load(Province province, List<City> cities, int patients, String token) {
        return load(province, cities, patients, token, 1);
    }

    /** The same with `threads` patients loaded at a time. */
    int load(Province province, List<City> cities, int patients, String token, int threads) {
        Map<String, String> baseOfCity = new LinkedHashMap<>();
        cities.forEach(city -> baseOfCity.put(city.name(), city.base()));
        return DemoLoader.loadProvince(province, baseOfCity, patients, token, out, threads);
    }

    /**
     * A person the demo can show being recognized across cities: someone with no record in `asking`'s
     * city whose result `asking` recognizes (it asks `$recognize scope=province` itself, so what it
     * prints is what the gateway answers). Returns the curl command, or empty when none of the first
     * people qualifies.
     */
    Optional<String> crossCityExample(Province province, int patients, City asking, String token) {
        SyntheticProvince synthetic = new SyntheticProvince(province, patients, DemoLoader.SEED,
                Instant.now().truncatedTo(ChronoUnit.DAYS));
        CitySplit split = new CitySplit(province);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < patients; i++) {
            Bundle bundle = synthetic.patientBundle(i);
            Set<String> cities = split.byCity(bundle).keySet();
            if (cities.contains(asking.name())) {
                continue;
            }
            String resident = ((Patient) bundle.getEntryFirstRep().getResource())
                    .getIdentifierFirstRep().getValue();
            Set<String> items = new LinkedHashSet<>();
            bundle.getEntry().stream().filter(entry -> entry.getResource() instanceof Observation)
                    .forEach(entry -> items.add(((Observation) entry.getResource())
                            .getCode().getCodingFirstRep().getCode()));
            for (String item : items) {
                String parameters = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"patient\","
                        + "\"valueIdentifier\":{\"system\":\"" + DemoUris.RESIDENT_ID + "\",\"value\":\"" + resident + "\"}},"
                        + "{\"name\":\"code\",\"valueCoding\":{\"system\":\"http://loinc.org\",\"code\":\"" + item + "\"}},"
                        + "{\"name\":\"scope\",\"valueCode\":\"province\"}]}";
                try {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(asking.base() + "/$recognize"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofString(parameters)).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200 && answer.body().contains("\"valueCode\":\"recognized\"")) {
                        return Optional.of("curl -s -X POST -H \"Authorization: Bearer $TOKEN\""
                                + " -H 'Content-Type: application/fhir+json' '" + asking.base() + "/$recognize' -d '"
                                + parameters + "'");
                    }
                } catch (IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Stops one city's gateway, as a city that went down. */
    void kill(City city) throws InterruptedException {
        Process process = processes.get(cityIndex.get(city.code()));
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    void stop() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until every gateway stopped (one city stopped on purpose leaves the others serving, to see
     * how the province answers without it); 0 when all ended cleanly.
     */
    int awaitExit() throws InterruptedException {
        int status = 0;
        for (Process process : processes) {
            int exit = process.waitFor();
            status = status == 0 && exit != 0 && exit != 143 ? exit : status;
        }
        return status;
    }

    /** A development token for curl, signed with the client key (`keys/dev-key.pem`): the platform's scopes. */
    String token(Duration validFor) throws Exception {
        Instant now = Instant.now();
        return Jwt.claims().issuer(CLIENT_ISSUER).subject("demo-platform").issuedAt(now).expiresAt(now.plus(validFor))
                .claim("scope", "system/*.cruds").jws().keyId("dev-1").algorithm(SignatureAlgorithm.RS256)
                .sign(privateKey(keys.resolve("dev-key.pem")));
    }

    private Process start(Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Files.isRegularFile(jvmOptions)) {
            command.add("@" + jvmOptions);
        }
        command.add("-jar");
        command.add(gateway.toString());
        Path log = keys.getParent().resolve("gateway-" + environment.get("HR_CITY") + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        out.println("Starting " + environment.get("HR_CITY") + " at " + environment.get("HR_BASE_URL") + " (pid "
                + process.pid() + ", log " + log + ")");
        return process;
    }

    private boolean awaitReady(City city) throws InterruptedException {
        return awaitReady(city.port(), () -> processes.stream().allMatch(Process::isAlive), READY_WITHIN);
    }

    /** Whether the gateway on `port` answers ready within `within`, while `alive` holds. */
    static boolean awaitReady(int port, java.util.function.BooleanSupplier alive, Duration within)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** The client key (`dev-key.pem`), made once; its public key. */
    private RSAPublicKey clientKey() throws Exception {
        return key(keys.resolve("dev-key.pem"));
    }

    /** The RSA key in `pem`, made and written there when there is none yet; its public key. */
    private static RSAPublicKey key(Path pem) throws Exception {
        if (!Files.exists(pem)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        }
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) privateKey(pem);
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String jwks(Map<String, RSAPublicKey> keys) {
        List<String> entries = new ArrayList<>();
        keys.forEach((kid, key) -> entries.add("{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}"));
        return "{\"keys\":[" + String.join(",", entries) + "]}\n";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
