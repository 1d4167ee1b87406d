package org.hrgateway.tools.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `province-sim`: a province of gateways on this machine (8 cities by default, bench/province-8.json),
 * each on its own database, federated, with the record locator on NATS; the synthetic people loaded
 * where their reports were done; then the figures issue 16 asks for: how soon a result stored in one
 * city is found from another (the locator's freshness), and `$recognize scope=province` latency and
 * peers asked per call, with the locator and asking every city, all cities up and one down.
 */
@Command(name = "province-sim", mixinStandardHelpOptions = true,
        description = "Start a province of gateways with the record locator, load it, and measure province calls.")
public final class ProvinceSimCommand implements Callable<Integer> {

    private static final String RESIDENT = "http://hr-gateway.org/fhir/sid/resident-id";
    private static final Pattern CONSULTED = Pattern.compile("Cities consulted \\(([^)]*)\\): ([^;\"]*)(; not answered: ([^\"]*))?");

    @Option(names = "--province-file", paramLabel = "FILE", defaultValue = "bench/province-8.json",
            description = "the province: cities, institutions, items (default: ${DEFAULT-VALUE})")
    Path provinceFile;

    @Option(names = "--patients", defaultValue = "2000", description = "people to load (default: ${DEFAULT-VALUE})")
    int patients;

    @Option(names = "--samples", defaultValue = "200", description = "$recognize calls per phase (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--freshness", defaultValue = "50", description = "freshness samples (default: ${DEFAULT-VALUE})")
    int freshness;

    @Option(names = "--threads", defaultValue = "4", description = "loader threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--port", defaultValue = "18100", description = "the first city's port; the others follow (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--nats", defaultValue = "nats://127.0.0.1:4222", description = "NATS with JetStream (default: ${DEFAULT-VALUE})")
    String nats;

    @Option(names = "--gateway", defaultValue = "target/quarkus-app/quarkus-run.jar", description = "the packaged gateway")
    Path gateway;

    @Option(names = "--jvm-options", defaultValue = "src/main/jvm/memory.options", description = "the gateways' JVM options file")
    Path jvmOptions;

    @Option(names = "--data", defaultValue = "target/province-sim", description = "working folder, emptied first (default: ${DEFAULT-VALUE})")
    Path data;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One phase's figures. */
    private record Phase(String name, long[] nanos, double peersPerCall, int failures) {
    }

    @Override
    public Integer call() throws Exception {
        Province province;
        try (InputStream in = Files.newInputStream(provinceFile)) {
            province = Province.read(in);
        }
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(data);
        Path keys = data.resolve("keys");
        Files.createDirectories(keys);
        Path locatorKey = keys.resolve("locator.key");
        Files.writeString(locatorKey, UUID.randomUUID() + "-" + UUID.randomUUID());
        String stream = "HRSIM_" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        List<ProvinceDemo.City> cities = ProvinceDemo.cities(province, port, keys);
        ProvinceDemo demo = new ProvinceDemo(gateway, jvmOptions, keys, System.out);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(true).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(demo::stop));
            if (!demo.start(cities, postgres, Map.of("HR_FEDERATION_LOCATOR_NATS_URL", nats,
                    "HR_FEDERATION_LOCATOR_KEY_FILE", locatorKey.toString(),
                    "HR_FEDERATION_LOCATOR_STREAM", stream, "HR_FEDERATION_LOCATOR_SUBJECT", stream.toLowerCase(Locale.ROOT)))) {
                return 1;
            }
            String token = demo.token(Duration.ofHours(4));
            long loading = System.nanoTime();
            if (demo.load(province, cities, patients, token, threads) != 0) {
                return 1;
            }
            System.out.printf("Loaded %d people into %d cities in %.0f s%n", patients, cities.size(),
                    (System.nanoTime() - loading) / 1e9);
            List<Person> people = people(province);
            long multi = people.stream().filter(person -> person.cities().size() > 1).count();
            System.out.printf("%d people, %d with results in more than one city%n", people.size(), multi);
            Random random = new Random(7);
            long[] fresh = freshness(cities, token, random);
            List<Phase> phases = new ArrayList<>();
            // Warm each gateway's province path before measuring.
            recognize("warm-up", people, cities, token, new Random(1), Math.min(50, samples), false, null);
            phases.add(recognize("locator, all cities up", people, cities, token, new Random(11), samples, false, null));
            phases.add(recognize("every city asked, all up", people, cities, token, new Random(11), samples, true, null));
            ProvinceDemo.City down = cities.get(cities.size() / 2);
            demo.kill(down);
            System.out.println("Stopped " + down.code());
            phases.add(recognize("locator, " + down.code() + " down", people, cities, token, new Random(12), samples, false, down));
            phases.add(recognize("every city asked, " + down.code() + " down", people, cities, token, new Random(12), samples,
                    true, down));
            System.out.println();
            System.out.printf("Locator freshness (stored in one city, found from another), %d samples: p50 %.0f ms,"
                    + " p99 %.0f ms, max %.0f ms%n", fresh.length, ms(fresh, 50), ms(fresh, 99), ms(fresh, 100));
            System.out.println("| $recognize scope=province, sequential | p50 ms | p99 ms | peers asked per call | failed |");
            System.out.println("|---|---|---|---|---|");
            for (Phase phase : phases) {
                System.out.printf("| %s | %.0f | %.0f | %.2f | %d |%n", phase.name(), ms(phase.nanos(), 50),
                        ms(phase.nanos(), 99), phase.peersPerCall(), phase.failures());
            }
        } finally {
            demo.stop();
        }
        return 0;
    }

    /** A loaded person: resident id, the items they have results of, the cities holding them. */
    private record Person(String residentId, List<String> items, Set<String> cities) {
    }

    private List<Person> people(Province province) {
        SyntheticProvince synthetic = new SyntheticProvince(province, patients, 42, Instant.now().truncatedTo(ChronoUnit.DAYS));
        CitySplit split = new CitySplit(province);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            Bundle bundle = synthetic.patientBundle(i);
            String resident = ((Patient) bundle.getEntryFirstRep().getResource()).getIdentifierFirstRep().getValue();
            Set<String> items = new LinkedHashSet<>();
            bundle.getEntry().stream().filter(entry -> entry.getResource() instanceof Observation)
                    .forEach(entry -> items.add(((Observation) entry.getResource()).getCode().getCodingFirstRep().getCode()));
            Set<String> cities = new LinkedHashSet<>();
            split.byCity(bundle).keySet().forEach(city -> cities.add(city.toLowerCase(Locale.ROOT)));
            people.add(new Person(resident, List.copyOf(items), cities));
        }
        return people;
    }

    /** Stores a new person's result in one city, and searches another's province base until it is found there. */
    private long[] freshness(List<ProvinceDemo.City> cities, String token, Random random) throws Exception {
        long[] nanos = new long[freshness];
        for (int i = 0; i < freshness; i++) {
            ProvinceDemo.City writer = cities.get(random.nextInt(cities.size()));
            ProvinceDemo.City reader;
            do {
                reader = cities.get(random.nextInt(cities.size()));
            } while (reader == writer);
            String resident = "sim-" + UUID.randomUUID();
            String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":\"urn:uuid:p\","
                    + "\"resource\":{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + RESIDENT + "\",\"value\":\""
                    + resident + "\"}]},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},{\"resource\":{\"resourceType\":"
                    + "\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}]},"
                    + "\"subject\":{\"reference\":\"urn:uuid:p\"},\"valueQuantity\":{\"value\":13.1,\"unit\":\"g/dL\"}},"
                    + "\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
            HttpResponse<String> stored = client.send(HttpRequest.newBuilder(URI.create(writer.base()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
            if (stored.statusCode() != 200) {
                throw new IllegalStateException("Storing in " + writer.code() + ": " + stored.statusCode() + " " + stored.body());
            }
            long started = System.nanoTime();
            HttpRequest search = HttpRequest.newBuilder(URI.create(reader.base() + "/province/Observation?subject:Patient.identifier="
                    + RESIDENT + "%7C" + resident)).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/fhir+json").build();
            while (true) {
                String found = client.send(search, HttpResponse.BodyHandlers.ofString()).body();
                if (found.contains("\"fullUrl\":\"" + writer.base() + "/Observation/")) {
                    break;
                }
                if (System.nanoTime() - started > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("Not found from " + reader.code() + " within 60 s: " + found);
                }
                Thread.sleep(5);
            }
            nanos[i] = System.nanoTime() - started;
        }
        return nanos;
    }

    private Phase recognize(String name, List<Person> people, List<ProvinceDemo.City> cities, String token, Random random,
                            int count, boolean everyCity, ProvinceDemo.City down) throws Exception {
        long[] nanos = new long[count];
        long peers = 0;
        int failures = 0;
        for (int i = 0; i < count; i++) {
            Person person = people.get(random.nextInt(people.size()));
            ProvinceDemo.City asking;
            do {
                asking = cities.get(random.nextInt(cities.size()));
            } while (asking == down);
            StringBuilder body = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"patient\","
                    + "\"valueIdentifier\":{\"system\":\"" + RESIDENT + "\",\"value\":\"" + person.residentId() + "\"}}");
            person.items().stream().limit(3).forEach(item -> body.append(",{\"name\":\"code\",\"valueCoding\":"
                    + "{\"system\":\"http://loinc.org\",\"code\":\"").append(item).append("\"}}"));
            body.append(",{\"name\":\"scope\",\"valueCode\":\"province\"}");
            if (everyCity) {
                body.append(",{\"name\":\"target-city\",\"valueCode\":\"all\"}");
            }
            body.append("]}");
            long started = System.nanoTime();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(asking.base() + "/$recognize"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - started;
            Matcher consulted = CONSULTED.matcher(answer.body());
            if (answer.statusCode() != 200 || !consulted.find()) {
                failures++;
                continue;
            }
            int answered = consulted.group(2).isBlank() ? 0 : consulted.group(2).split("\\), ").length;
            int missing = consulted.group(4) == null ? 0 : consulted.group(4).split(", ").length;
            peers += answered - 1 + missing;
            if (!everyCity) {
                String text = consulted.group(0);
                for (String city : person.cities()) {
                    if (!text.contains(city) && !(down != null && city.equals(down.code()))) {
                        failures++; // the locator did not name a city that holds the person
                        break;
                    }
                }
            }
        }
        System.out.printf("%s: %d calls%n", name, count);
        return new Phase(name, nanos, (double) peers / Math.max(1, count - failures), failures);
    }

    private static double ms(long[] nanos, double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
