package org.hrgateway.interaction;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.search.index.IndexExtractor;
import org.hrgateway.validation.ProfileEnforcement;

import java.util.Map;

/**
 * Does the CPU work of a write before its transaction opens: parsing, profile enforcement and index
 * extraction run on a worker thread, so the event loop and the database connection are never held
 * up by them.
 */
@ApplicationScoped
public class ResourcePreparer {

    private final BlockingWork blocking;
    private final ResourceCodec codec;
    private final IndexExtractor extractor;
    private final ProfileEnforcement enforcement;

    public ResourcePreparer(BlockingWork blocking, ResourceCodec codec, IndexExtractor extractor,
                            ProfileEnforcement enforcement) {
        this.blocking = blocking;
        this.codec = codec;
        this.extractor = extractor;
        this.enforcement = enforcement;
    }

    public Uni<Prepared> prepare(String body, String contentType) {
        return blocking.run(() -> prepareNow(codec.parse(body, contentType)));
    }

    /** For callers already on a worker thread (a Bundle prepares all its entries in one task). */
    public Prepared prepareNow(Resource resource) {
        enforcement.enforce(resource, null);
        return new Prepared(resource, extractor.extract(resource));
    }

    /**
     * As above, for a Bundle entry at `where` (`Bundle.entry[3].resource`), whose references may
     * still be the Bundle's own placeholders.
     */
    public Prepared prepareNow(Resource resource, Map<String, String> placeholderTypes, String where) {
        enforcement.enforce(resource, where);
        return new Prepared(resource, extractor.extract(resource, placeholderTypes));
    }
}
