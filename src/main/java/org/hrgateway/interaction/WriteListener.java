package org.hrgateway.interaction;

import io.smallrye.mutiny.Uni;
import org.hl7.fhir.r4.model.Resource;

/**
 * Told of a resource a write stored, once its transaction has committed, whatever the path (POST,
 * PUT, a conditional update, a transaction or batch entry). A CDI bean implementing this is called
 * by {@link WriteEvents}; it may add warnings to the answer, never undo the write.
 */
public interface WriteListener {

    /** Whether writes of `type` that ended with `status` (201 created, 200 updated) concern this listener. */
    boolean wants(String type, int status);

    /**
     * @param stored  the version as stored (references resolved), parsed
     * @param outcome what the write answers so far
     * @param baseUrl the server's base as the client sees it
     * @return the outcome, with any warnings added
     */
    Uni<WriteOutcome> committed(Resource stored, WriteOutcome outcome, String baseUrl);
}
