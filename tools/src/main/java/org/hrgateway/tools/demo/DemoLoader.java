package org.hrgateway.tools.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the synthetic province into any FHIR R4 server through its REST API, one transaction per
 * bundle, so that the same command fills HR Gateway or a reference server for comparison.
 *
 * <p>Run by the `load-demo` and `demo` commands.
 */
public final class DemoLoader {

    /** Fixed so that every demo database holds the same people and results. */
    static final long SEED = 42;
    private static final String FHIR_JSON = "application/fhir+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Generous: the first transaction may wait for a cold server to warm its validator. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final int MAX_BODY_ECHO = 2_000;

    private final URI endpoint;
    private final PrintStream out;
    private final HttpClient client;
    private final IParser parser;
    /** A bearer token to send, or null. */
    private final String token;

    private DemoLoader(URI endpoint, PrintStream out) {
        this(endpoint, out, null);
    }

    private DemoLoader(URI endpoint, PrintStream out, String token) {
        this.endpoint = endpoint;
        this.out = out;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.parser = FhirContext.forR4Cached().newJsonParser();
        this.token = token;
    }

    /**
     * The same data into a province of gateways (`baseOfCity`: a gateway's base by city name): each
     * institution into its city's gateway, each report into the gateway of the city where it was
     * done, with the Patient there too ({@link CitySplit}).
     *
     * @return 0 when every bundle was accepted, 1 otherwise
     */
    public static int loadProvince(Province province, Map<String, String> baseOfCity, int patients, String token,
                                   PrintStream out) {
        return loadProvince(province, baseOfCity, patients, token, out, 1);
    }

    /** The same with `threads` patients in flight at a time (the province simulation's thousands of people). */
    public static int loadProvince(Province province, Map<String, String> baseOfCity, int patients, String token,
                                   PrintStream out, int threads) {
        SyntheticProvince synthetic = new SyntheticProvince(province, patients, SEED, Instant.now().truncatedTo(ChronoUnit.DAYS));
        Map<String, DemoLoader> loaders = new LinkedHashMap<>();
        baseOfCity.forEach((city, base) -> loaders.put(city, new DemoLoader(URI.create(base.replaceAll("/+$", "")), out, token)));
        CitySplit split = new CitySplit(province);
        out.printf("Loading %d institutions and %d patients into %d cities: %s%n", province.institutions().size(), patients,
                baseOfCity.size(), baseOfCity);
        ProgressBar progress = new ProgressBar(out, synthetic.bundleCount(), isConsole(out));
        int sent = 0;
        for (Province.Institution institution : province.institutions()) {
            if (!loaders.get(institution.city()).post(OrganizationResources.transaction(institution, province.name()),
                    ++sent, progress)) {
                return 1;
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<java.util.concurrent.Future<?>> loads = new java.util.ArrayList<>();
        for (int index = 0; index < patients; index++) {
            int patient = index;
            int number = sent + 1 + index;
            loads.add(pool.submit(() -> {
                if (failed.get()) {
                    return;
                }
                int resources = 0;
                for (Map.Entry<String, Bundle> part : split.byCity(synthetic.patientBundle(patient)).entrySet()) {
                    if (!loaders.get(part.getKey()).sent(part.getValue(), number, progress)) {
                        failed.set(true);
                        return;
                    }
                    resources += part.getValue().getEntry().size();
                }
                synchronized (progress) {
                    progress.advance(resources);
                }
            }));
        }
        pool.shutdown();
        for (java.util.concurrent.Future<?> load : loads) {
            try {
                load.get();
            } catch (Exception e) {
                failed.set(true);
                out.println("Loading failed: " + e);
            }
        }
        progress.finish();
        return failed.get() ? 1 : 0;
    }

    /**
     * Posts the organization bundles, then {@code patients} patient bundles, to {@code fhirBaseUrl}.
     * Stops at the first bundle the server does not accept.
     *
     * @return 0 when every bundle was accepted, 1 otherwise
     */
    public static int load(String fhirBaseUrl, int patients, PrintStream out) {
        // Whole days keep results anchored to the same dates for a whole day of repeated demo loads.
        SyntheticProvince province = new SyntheticProvince(patients, SEED, Instant.now().truncatedTo(ChronoUnit.DAYS));
        DemoLoader loader = new DemoLoader(URI.create(fhirBaseUrl.replaceAll("/+$", "")), out);
        out.printf("Loading %d institutions and %d patients (%d resources) into %s%n",
                province.bundleCount() - patients, patients, province.resourceCount(), loader.endpoint);
        ProgressBar progress = new ProgressBar(out, province.bundleCount(), isConsole(out));

        int sent = 0;
        for (Bundle bundle : province.organizationBundles()) {
            if (!loader.post(bundle, ++sent, progress)) {
                return 1;
            }
        }
        for (Iterator<Bundle> bundles = province.patientBundles(); bundles.hasNext(); ) {
            if (!loader.post(bundles.next(), ++sent, progress)) {
                return 1;
            }
        }
        progress.finish();
        return 0;
    }

    /** Only standard output attached to a terminal can take carriage-return redraws. */
    private static boolean isConsole(PrintStream out) {
        return out == System.out && System.console() != null;
    }

    private boolean post(Bundle bundle, int number, ProgressBar progress) {
        if (!sent(bundle, number, progress)) {
            return false;
        }
        progress.advance(bundle.getEntry().size());
        return true;
    }

    /** Sends one bundle; false (having said why) when the server did not accept it. */
    private boolean sent(Bundle bundle, int number, ProgressBar progress) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", FHIR_JSON)
                .header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(bundle)))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            progress.finish();
            out.println("Bundle " + number + " could not be sent to " + endpoint + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.finish();
            out.println("Interrupted while sending bundle " + number);
            return false;
        }
        String problem = problemWith(response);
        if (problem != null) {
            progress.finish();
            out.println("Bundle " + number + " (" + subjectOf(bundle) + ") failed at " + endpoint + ": " + problem);
            return false;
        }
        return true;
    }

    /** Null when the server answered a successful transaction, otherwise what went wrong. */
    private String problemWith(HttpResponse<String> response) {
        IBaseResource body = parseOrNull(response.body());
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode() + System.lineSeparator() + describe(body, response.body());
        }
        if (!(body instanceof Bundle answer) || answer.getType() != Bundle.BundleType.TRANSACTIONRESPONSE) {
            return "HTTP 200 but the body is not a transaction-response Bundle" + System.lineSeparator()
                    + describe(body, response.body());
        }
        return null;
    }

    private IBaseResource parseOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return parser.parseResource(body);
        } catch (DataFormatException e) {
            return null;
        }
    }

    private static String describe(IBaseResource body, String rawBody) {
        if (body instanceof OperationOutcome outcome && !outcome.getIssue().isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
                text.append("  ")
                        .append(issue.getSeverity() == null ? "?" : issue.getSeverity().toCode())
                        .append(' ')
                        .append(issue.getCode() == null ? "?" : issue.getCode().toCode())
                        .append(": ")
                        .append(issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getDetails().getText());
                if (issue.hasExpression()) {
                    text.append(" @ ").append(issue.getExpression().get(0).getValue());
                }
                text.append(System.lineSeparator());
            }
            return text.toString().stripTrailing();
        }
        if (rawBody == null || rawBody.isBlank()) {
            return "  (empty body)";
        }
        return "  " + (rawBody.length() > MAX_BODY_ECHO ? rawBody.substring(0, MAX_BODY_ECHO) + "..." : rawBody);
    }

    /** Names the institution or patient a bundle is about, so a failure can be found in the data. */
    private static String subjectOf(Bundle bundle) {
        Resource first = bundle.getEntryFirstRep().getResource();
        if (first instanceof Organization organization) {
            return "Organization " + organization.getIdentifierFirstRep().getValue();
        }
        if (first instanceof Patient patient) {
            return "Patient " + patient.getIdentifierFirstRep().getValue();
        }
        return first == null ? "empty" : first.fhirType();
    }
}
