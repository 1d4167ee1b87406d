package org.hrgateway.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code bench}: where the FHIR server is, how much to load and how hard to
 * query it. Parsing is pure, so a mistake on the command line is reported before anything is sent.
 */
record BenchOptions(
        URI base,
        int patients,
        int bundleSize,
        int loadConcurrency,
        List<Integer> concurrency,
        int seconds,
        int warmupSeconds,
        int maxRequests,
        long seed,
        boolean skipLoad,
        boolean profiled,
        boolean recognize,
        List<String> only,
        Path out,
        String thenRun,
        Path targets,
        List<Rate> rates) {

    static final int DEFAULT_PATIENTS = 2000;
    static final int DEFAULT_BUNDLE_SIZE = 100;
    static final int DEFAULT_LOAD_CONCURRENCY = 4;
    static final List<Integer> DEFAULT_CONCURRENCY = List.of(1, 16);
    static final int DEFAULT_SECONDS = 20;
    static final int DEFAULT_WARMUP_SECONDS = 10;
    /** Keeps a run against a very fast server finite in memory: one latency sample per request. */
    static final int DEFAULT_MAX_REQUESTS = 200_000;
    static final long DEFAULT_SEED = 42;
    /** The scenarios' names, as {@link Scenarios} builds them. */
    static final List<String> SCENARIOS = List.of("patient-code-date", "report-include", "chained-resident", "read",
            "recognize");
    private static final DateTimeFormatter OUT_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    static final String USAGE = """
            Usage: bench --base URL [options]
              Loads a synthetic province into the FHIR R4 server at URL, then measures clinician searches.
              --base URL               FHIR base, e.g. http://localhost:8080/fhir (required)
              --patients N             patients to generate and load (default 2000)
              --bundle-size R          resources per transaction Bundle; several patients' entries are
                                       merged into one (default 100)
              --load-concurrency C     transactions posted in parallel while loading (default 4)
              --concurrency 1,16       client threads for the query phase, one run per value (default 1,16)
              --seconds S              duration of each scenario at each concurrency (default 20)
              --warmup S               unmeasured run of each scenario before its measurements, at the
                                       highest concurrency, so the server's JIT is warm (default 10; 0: none)
              --max-requests M         cap on requests of each scenario at each concurrency (default 200000)
              --seed X                 seed of the generated data and of the query targets (default 42)
              --skip-load              do not load; find query targets with searches on the server
              --profiled               loaded resources claim the profiles the server's CapabilityStatement
                                       lists as supportedProfile, so every write is validated
              --recognize              also measure HR Gateway's $recognize (POST Patient/[id]/$recognize with
                                       up to three of the patient's LOINC codes); not for other servers
              --only A,B               measure only these scenarios (patient-code-date, report-include,
                                       chained-resident, read, recognize); recognize implies --recognize
              --then-run CMD           after the queries, run the shell command CMD (e.g. an ANALYZE through
                                       psql) and measure the same queries again; both sets are printed
                                       side by side (the first set right after loading, nothing in between)
              --targets FILE           after a load, write the query targets (every loaded patient and report)
                                       to FILE; with --skip-load, aim at the targets read from FILE instead
                                       of the few a search finds (a large load is then measured again with
                                       targets drawn from all of it)
              --rate 300,80%           also measure each scenario open-loop: requests sent at this fixed rate
                                       (requests/s) whatever the answers, latency counted from the moment
                                       each request was due; N% is N % of the scenario's closed-loop maximum
                                       (its best req/s over --concurrency); prints p50, p99, p99.9 and the
                                       CPU per request of the machine less the load client's own
              --out FILE               JSON results (default bench/results/<timestamp>.json)
              --help                   this text
            """;

    BenchOptions {
        concurrency = List.copyOf(concurrency);
        only = List.copyOf(only);
        rates = List.copyOf(rates);
    }

    /** An open-loop arrival rate: requests per second, or a percentage of the scenario's closed-loop maximum. */
    record Rate(double value, boolean percentOfMax) {

        /** The rate in requests per second, given the scenario's closed-loop maximum. */
        double perSecond(double maximum) {
            return percentOfMax ? maximum * value / 100 : value;
        }

        @Override
        public String toString() {
            return percentOfMax ? String.format("%.0f%% of max", value) : String.format("%.0f/s", value);
        }
    }

    /** Whether the scenario named so is measured. */
    boolean measures(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    /** Thrown for a command line that cannot be run; its message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Thrown for {@code --help}: not an error, but nothing to run either. */
    static final class HelpRequested extends Exception {
        HelpRequested() {
            super("help");
        }
    }

    /**
     * Parses {@code args}; {@code now} names the default output file.
     *
     * @throws UsageException for a missing, unknown or malformed option
     * @throws HelpRequested  for {@code --help} or {@code -h}
     */
    static BenchOptions parse(String[] args, LocalDateTime now) throws UsageException, HelpRequested {
        URI base = null;
        int patients = DEFAULT_PATIENTS;
        int bundleSize = DEFAULT_BUNDLE_SIZE;
        int loadConcurrency = DEFAULT_LOAD_CONCURRENCY;
        List<Integer> concurrency = DEFAULT_CONCURRENCY;
        int seconds = DEFAULT_SECONDS;
        int warmupSeconds = DEFAULT_WARMUP_SECONDS;
        int maxRequests = DEFAULT_MAX_REQUESTS;
        long seed = DEFAULT_SEED;
        boolean skipLoad = false;
        boolean profiled = false;
        boolean recognize = false;
        List<String> only = List.of();
        Path out = Path.of("bench", "results", OUT_TIMESTAMP.format(now) + ".json");
        String thenRun = null;
        Path targets = null;
        List<Rate> rates = List.of();

        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--skip-load" -> skipLoad = true;
                case "--then-run" -> thenRun = valueOf(args, ++i, option);
                case "--profiled" -> profiled = true;
                case "--recognize" -> recognize = true;
                case "--base" -> base = baseUrl(valueOf(args, ++i, option));
                case "--patients" -> patients = positive(valueOf(args, ++i, option), option);
                case "--bundle-size" -> bundleSize = positive(valueOf(args, ++i, option), option);
                case "--load-concurrency" -> loadConcurrency = positive(valueOf(args, ++i, option), option);
                case "--concurrency" -> concurrency = positiveList(valueOf(args, ++i, option), option);
                case "--seconds" -> seconds = positive(valueOf(args, ++i, option), option);
                case "--warmup" -> warmupSeconds = nonNegative(valueOf(args, ++i, option), option);
                case "--max-requests" -> maxRequests = positive(valueOf(args, ++i, option), option);
                case "--seed" -> seed = number(valueOf(args, ++i, option), option);
                case "--only" -> only = scenarios(valueOf(args, ++i, option), option);
                case "--out" -> out = Path.of(valueOf(args, ++i, option));
                case "--targets" -> targets = Path.of(valueOf(args, ++i, option));
                case "--rate" -> rates = rates(valueOf(args, ++i, option), option);
                default -> throw new UsageException("Unknown option: " + option);
            }
        }
        if (base == null) {
            throw new UsageException("--base URL is required");
        }
        return new BenchOptions(base, patients, bundleSize, loadConcurrency, concurrency, seconds, warmupSeconds, maxRequests,
                seed, skipLoad, profiled, recognize || only.contains("recognize"), only, out, thenRun, targets, rates);
    }

    private static String valueOf(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static URI baseUrl(String value) throws UsageException {
        URI uri;
        try {
            uri = URI.create(value.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--base is not a URL: " + value);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--base must be an http or https URL, got " + value);
        }
        return uri;
    }

    private static int positive(String value, String option) throws UsageException {
        long number = number(value, option);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new UsageException(option + " must be a positive whole number, got " + value);
        }
        return (int) number;
    }

    private static int nonNegative(String value, String option) throws UsageException {
        long number = number(value, option);
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw new UsageException(option + " must be zero or a positive whole number, got " + value);
        }
        return (int) number;
    }

    private static long number(String value, String option) throws UsageException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, got " + value);
        }
    }

    private static List<String> scenarios(String value, String option) throws UsageException {
        List<String> names = List.of(value.split(",", -1));
        for (String name : names) {
            if (!SCENARIOS.contains(name)) {
                throw new UsageException(option + " names an unknown scenario '" + name + "'; known: "
                        + String.join(", ", SCENARIOS));
            }
        }
        return names;
    }

    private static List<Rate> rates(String value, String option) throws UsageException {
        List<Rate> rates = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String text = part.trim();
            boolean percent = text.endsWith("%");
            double number;
            try {
                number = Double.parseDouble(percent ? text.substring(0, text.length() - 1) : text);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " takes requests per second or N%, got " + part);
            }
            if (!(number > 0) || Double.isInfinite(number) || (percent && number > 1000)) {
                throw new UsageException(option + " must be positive, got " + part);
            }
            rates.add(new Rate(number, percent));
        }
        return rates;
    }

    private static List<Integer> positiveList(String value, String option) throws UsageException {
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            values.add(positive(part, option));
        }
        return values;
    }
}
