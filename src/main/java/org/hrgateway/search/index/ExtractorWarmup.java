package org.hrgateway.search.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.conformance.PackagePublished;
import org.hrgateway.fhir.BlockingWork;
import org.jboss.logging.Logger;

/**
 * HAPI's FHIRPath engine sets itself up on first use, which takes a second or more. Doing that on a
 * worker once the gateway is ready spares the first client the wait without slowing start-up (a
 * package that must be installed warms the engine itself, before publication).
 */
@ApplicationScoped
public class ExtractorWarmup {

    private static final Logger LOG = Logger.getLogger(ExtractorWarmup.class);

    void warmUp(@Observes PackagePublished event, BlockingWork blocking, IndexExtractor extractor) {
        Observation sample = new Observation();
        sample.setSubject(new Reference("Patient/warm-up"));
        sample.getCode().addCoding().setSystem("http://loinc.org").setCode("718-7");
        long started = System.nanoTime();
        blocking.run(() -> extractor.extract(sample)).subscribe().with(
                index -> LOG.infof("Search index extractor ready in %d ms", (System.nanoTime() - started) / 1_000_000),
                failure -> LOG.error("Search index extractor failed to warm up", failure));
    }
}
