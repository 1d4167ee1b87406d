package org.hrgateway.operation.recognize;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hrgateway.federation.Peers;
import org.hrgateway.federation.ProvinceCall;

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
    private final ProvinceCandidates province;

    public RecognitionToday(Recognizer recognizer, ProvinceCandidates province) {
        this.recognizer = recognizer;
        this.province = province;
    }

    /** One recommendation per code, with every result considered and its verdict. */
    public Uni<List<Recommendation>> of(String patientId, List<Coding> codes, String baseUrl) {
        return recognizer.recognize(codes, List.of(patientId), Instant.now(), baseUrl)
                .map(Recognizer.Recognition::recommendations);
    }

    /**
     * The same for a person held by another city's gateway, as that city's results say (by the
     * person's resident ids): candidates are named by their absolute URLs at `city`.
     */
    public Uni<List<Recommendation>> inCity(Peers.Peer city, List<Identifier> residentIds, List<Coding> codes,
                                            String baseUrl, ProvinceCall call) {
        return recognizer.recognizeInProvince(codes, List.of(), Instant.now(), baseUrl, false,
                        province.gather(List.of(city), residentIds, recognizer.items(codes), recognizer.data(), call))
                .map(Recognizer.Recognition::recommendations);
    }
}
