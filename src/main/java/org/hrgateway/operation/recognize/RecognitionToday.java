package org.hrgateway.operation.recognize;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Coding;

import java.time.Instant;
import java.util.List;

/**
 * What `$recognize` would answer now for a patient held here, for a page to show beside the results
 * (view/ReportView). Not a `$recognize` call: nothing is recorded, so pages viewed never count in the
 * authorities' figures; the read that shows the page is audited as any read.
 */
@ApplicationScoped
public class RecognitionToday {

    private final Recognizer recognizer;

    public RecognitionToday(Recognizer recognizer) {
        this.recognizer = recognizer;
    }

    /** One recommendation per code, with every result considered and its verdict. */
    public Uni<List<Recommendation>> of(String patientId, List<Coding> codes, String baseUrl) {
        return recognizer.recognize(codes, List.of(patientId), Instant.now(), baseUrl)
                .map(Recognizer.Recognition::recommendations);
    }
}
