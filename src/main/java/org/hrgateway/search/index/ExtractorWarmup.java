package org.hrgateway.search.index;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.jboss.logging.Logger;

/**
 * HAPI's FHIRPath engine loads the R4 structure definitions on first use, which takes seconds.
 * Doing that on a worker right after start keeps start-up fast and spares the first client the wait.
 */
@ApplicationScoped
public class ExtractorWarmup {

    private static final Logger LOG = Logger.getLogger(ExtractorWarmup.class);

    void onStart(@Observes StartupEvent event, Vertx vertx, IndexExtractor extractor) {
        Observation sample = new Observation();
        sample.setSubject(new Reference("Patient/warm-up"));
        sample.getCode().addCoding().setSystem("http://loinc.org").setCode("718-7");
        long started = System.nanoTime();
        vertx.executeBlocking(io.smallrye.mutiny.Uni.createFrom().item(() -> extractor.extract(sample)), false)
                .subscribe().with(
                        index -> LOG.infof("Search index extractor ready in %d ms", (System.nanoTime() - started) / 1_000_000),
                        failure -> LOG.error("Search index extractor failed to warm up", failure));
    }
}
