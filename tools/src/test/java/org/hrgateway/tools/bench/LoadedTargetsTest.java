package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hrgateway.tools.demo.SyntheticProvince;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoadedTargetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenTransactionResponse_whenRecorded_thenIdsFromLocationsAndCodesFromWhatWasSent() {
        SyntheticProvince province = new SyntheticProvince(3, 42, Instant.parse("2026-11-25T00:00:00Z"));
        Bundle transaction = TransactionMerger.merge(List.of(
                province.patientBundle(0), province.patientBundle(1), province.patientBundle(2)));
        ObjectNode response = transactionResponse(transaction);

        LoadedTargets loaded = new LoadedTargets();
        loaded.record(transaction, response);
        QueryTargets targets = loaded.targets();

        assertEquals(3, targets.patients().size());
        for (int patient = 0; patient < 3; patient++) {
            Bundle generated = province.patientBundle(patient);
            QueryTargets.PatientTarget target = targets.patients().get(patient);
            int firstEntry = transaction.getEntry().indexOf(transaction.getEntry().stream()
                    .filter(entry -> entry.getFullUrl().equals(generated.getEntryFirstRep().getFullUrl()))
                    .findFirst().orElseThrow());
            assertEquals("s" + firstEntry, target.id());
            assertEquals(((Patient) generated.getEntryFirstRep().getResource()).getIdentifierFirstRep().getValue(),
                    target.residentId());
            Set<String> codes = new LinkedHashSet<>();
            generated.getEntry().stream()
                    .filter(entry -> entry.getResource() instanceof Observation)
                    .forEach(entry -> codes.add(((Observation) entry.getResource()).getCode().getCodingFirstRep().getCode()));
            assertEquals(List.copyOf(codes), target.loincCodes());
        }
        long reports = transaction.getEntry().stream().filter(entry -> entry.getResource().fhirType().equals("DiagnosticReport")).count();
        assertEquals(reports, targets.reportIds().size());
    }

    @Test
    void givenResponseWithFewerEntries_whenRecorded_thenRejected() {
        SyntheticProvince province = new SyntheticProvince(1, 42, Instant.parse("2026-11-25T00:00:00Z"));
        Bundle transaction = province.patientBundle(0);
        ObjectNode response = transactionResponse(transaction);
        ((ArrayNode) response.path("entry")).remove(0);

        assertThrows(IllegalArgumentException.class, () -> new LoadedTargets().record(transaction, response));
    }

    @Test
    void givenLocations_whenParsed_thenTypeAndId() {
        assertEquals(Optional.of(new ResourceLocation("Patient", "12")), ResourceLocation.parse("Patient/12/_history/1"));
        assertEquals(Optional.of(new ResourceLocation("Patient", "a-b")),
                ResourceLocation.parse("http://localhost:8080/fhir/Patient/a-b/_history/3"));
        assertEquals(Optional.of(new ResourceLocation("Observation", "9")), ResourceLocation.parse("Observation/9"));
        assertEquals(Optional.empty(), ResourceLocation.parse("urn:uuid:5b0c1f1e-0000-4000-8000-000000000000"));
        assertEquals(Optional.empty(), ResourceLocation.parse(null));
        assertEquals(Optional.empty(), ResourceLocation.parse("Patient"));
    }

    /** A transaction-response as a server writes it: entry i answers request i, with id "s" + i. */
    private static ObjectNode transactionResponse(Bundle transaction) {
        ObjectNode response = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction-response");
        ArrayNode entries = response.putArray("entry");
        for (int i = 0; i < transaction.getEntry().size(); i++) {
            String type = transaction.getEntry().get(i).getResource().fhirType();
            entries.addObject().putObject("response").put("status", "201 Created").put("location", type + "/s" + i + "/_history/1");
        }
        return response;
    }
}
