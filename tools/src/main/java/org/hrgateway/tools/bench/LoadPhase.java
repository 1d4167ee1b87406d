package org.hrgateway.tools.bench;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hrgateway.tools.demo.ProgressBar;
import org.hrgateway.tools.demo.SyntheticProvince;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads the synthetic province through the REST API: the Organizations first, one transaction each
 * (conditional creates, which the patients' conditional references need), then the patients merged
 * into transactions of about {@code --bundle-size} resources, posted by {@code --load-concurrency}
 * workers. Measures ingest and collects the query targets from the transaction-responses.
 */
final class LoadPhase {

    /** The loaded data's query targets and how fast it went in. */
    record Result(IngestStats ingest, QueryTargets targets) {
    }

    /** The server refused a transaction; loading stops at the first. */
    static final class LoadFailure extends Exception {
        LoadFailure(String message) {
            super(message);
        }
    }

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final int MAX_BODY_ECHO = 2_000;

    private final FhirHttp http;
    private final BenchOptions options;
    private final PrintStream out;
    private ClaimedProfiles claims = ClaimedProfiles.none();

    LoadPhase(FhirHttp http, BenchOptions options, PrintStream out) {
        this.http = http;
        this.options = options;
        this.out = out;
    }

    Result run() throws LoadFailure, InterruptedException {
        if (options.profiled()) {
            try {
                claims = ClaimedProfiles.fetch(http);
            } catch (IOException e) {
                throw new LoadFailure("--profiled: the server's CapabilityStatement could not be read: " + e.getMessage());
            }
            out.println("Resources claim profiles: " + claims.byType());
        }
        // Whole days keep results on the same dates for a day of repeated loads, as the demo loader does.
        SyntheticProvince province = new SyntheticProvince(options.patients(), options.seed(),
                Instant.now().truncatedTo(ChronoUnit.DAYS));
        out.printf("Loading %d patients (%,d resources with the institutions) into %s%n",
                options.patients(), province.resourceCount(), http.base());
        List<Bundle> organizations = province.organizationBundles();
        for (Bundle organization : organizations) {
            try {
                post(organization);
            } catch (LoadFailure e) {
                throw new LoadFailure("Institution transaction failed: " + e.getMessage());
            }
        }
        out.println("  " + organizations.size() + " institutions in; patients in transactions of ~"
                + options.bundleSize() + " resources, " + options.loadConcurrency() + " workers");
        return loadPatients(new PatientBatches(province, options.bundleSize()));
    }

    private Result loadPatients(PatientBatches batches) throws LoadFailure, InterruptedException {
        LoadedTargets targets = new LoadedTargets();
        ProgressBar progress = new ProgressBar(out, options.patients(), out == System.out && System.console() != null);
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(options.loadConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "bench-load");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        List<Future<Tally>> tallies = new ArrayList<>();
        for (int i = 0; i < options.loadConcurrency(); i++) {
            tallies.add(workers.submit(() -> work(batches, targets, progress, failed)));
        }
        workers.shutdown();
        Tally total = new Tally();
        try {
            for (Future<Tally> tally : tallies) {
                total.add(tally.get());
            }
        } catch (ExecutionException e) {
            failed.set(true);
            workers.shutdownNow();
            synchronized (progress) {
                progress.finish();
            }
            if (e.getCause() instanceof LoadFailure failure) {
                throw failure;
            }
            throw new IllegalStateException("A loading worker failed", e.getCause());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (progress) {
            progress.finish();
        }
        IngestStats ingest = new IngestStats(total.patients, total.bundles, total.resources, options.bundleSize(),
                options.loadConcurrency(), seconds, total.latencies.summary());
        return new Result(ingest, targets.targets());
    }

    /** One worker: takes batches until none are left or another worker has failed. */
    private Tally work(PatientBatches batches, LoadedTargets targets, ProgressBar progress, AtomicBoolean failed)
            throws LoadFailure, InterruptedException {
        Tally tally = new Tally();
        PatientBatches.Batch batch;
        while (!failed.get() && (batch = batches.next()) != null) {
            long sent = System.nanoTime();
            JsonNode response;
            try {
                response = post(batch.transaction());
            } catch (LoadFailure e) {
                failed.set(true);
                throw new LoadFailure("Transaction " + batch.number() + " (" + batch.entriesPerPatient().size()
                        + " patients, " + batch.resourceCount() + " resources) failed: " + e.getMessage());
            }
            tally.latencies.record(System.nanoTime() - sent);
            try {
                targets.record(batch.transaction(), response);
            } catch (IllegalArgumentException e) {
                failed.set(true);
                throw new LoadFailure("Transaction " + batch.number() + ": " + e.getMessage());
            }
            tally.bundles++;
            tally.patients += batch.entriesPerPatient().size();
            tally.resources += batch.resourceCount();
            synchronized (progress) {
                // One step per patient Bundle merged in, so the bar counts patients whatever the batch size.
                batch.entriesPerPatient().forEach(progress::advance);
            }
        }
        return tally;
    }

    /** Posts one transaction; its transaction-response, or why the server did not accept it. */
    private JsonNode post(Bundle transaction) throws LoadFailure, InterruptedException {
        String json = FHIR.newJsonParser().encodeResourceToString(claims.claim(transaction));
        FhirHttp.Response response;
        try {
            response = http.postBundle(json);
        } catch (IOException e) {
            throw new LoadFailure("could not be sent to " + http.base() + ": " + e);
        }
        JsonNode body = response.json();
        if (response.status() != 200) {
            throw new LoadFailure("HTTP " + response.status() + System.lineSeparator() + "  " + response.excerpt(MAX_BODY_ECHO));
        }
        if (body == null || !"Bundle".equals(body.path("resourceType").asText())
                || !"transaction-response".equals(body.path("type").asText())) {
            throw new LoadFailure("HTTP 200 but the body is not a transaction-response Bundle"
                    + System.lineSeparator() + "  " + response.excerpt(MAX_BODY_ECHO));
        }
        return body;
    }

    /** One worker's counts; merged once the workers are done. */
    private static final class Tally {
        private int bundles;
        private int patients;
        private long resources;
        private final LatencyRecorder latencies = new LatencyRecorder();

        private void add(Tally other) {
            bundles += other.bundles;
            patients += other.patients;
            resources += other.resources;
            latencies.addAll(other.latencies);
        }
    }
}
