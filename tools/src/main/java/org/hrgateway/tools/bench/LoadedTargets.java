package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects query targets while loading: pairs each entry of a posted transaction with the entry at
 * the same position in the transaction-response (FHIR keeps that order) and takes the server-assigned
 * id from its {@code response.location}; the resident ID and LOINC codes come from what was sent.
 *
 * <p>A patient's entries are contiguous and start with the Patient, so Observations belong to the
 * last Patient seen. Thread-safe: loading workers record into one instance.
 */
final class LoadedTargets {

    private final List<QueryTargets.PatientTarget> patients = new ArrayList<>();
    private final List<String> reportIds = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when the response does not have one entry per request entry
     */
    void record(Bundle transaction, JsonNode transactionResponse) {
        JsonNode responses = transactionResponse.path("entry");
        int requested = transaction.getEntry().size();
        if (!responses.isArray() || responses.size() != requested) {
            throw new IllegalArgumentException("transaction-response has " + responses.size()
                    + " entries for " + requested + " requests");
        }
        List<QueryTargets.PatientTarget> newPatients = new ArrayList<>();
        List<String> newReports = new ArrayList<>();
        PatientInProgress current = null;
        for (int i = 0; i < requested; i++) {
            Resource sent = transaction.getEntry().get(i).getResource();
            String location = responses.get(i).path("response").path("location").asText(null);
            String id = ResourceLocation.parse(location)
                    .filter(parsed -> parsed.type().equals(sent.fhirType()))
                    .map(ResourceLocation::id)
                    .orElse(null);
            if (sent instanceof Patient patient) {
                if (current != null) {
                    newPatients.add(current.target());
                }
                // Without a location the patient cannot be queried; its Observations are skipped with it.
                current = id == null ? null : new PatientInProgress(id, residentId(patient));
            } else if (sent instanceof Observation observation && current != null) {
                for (Coding coding : observation.getCode().getCoding()) {
                    if (BenchUris.LOINC.equals(coding.getSystem()) && coding.hasCode()) {
                        current.codes.add(coding.getCode());
                    }
                }
            } else if (sent instanceof DiagnosticReport && id != null) {
                newReports.add(id);
            }
        }
        if (current != null) {
            newPatients.add(current.target());
        }
        synchronized (this) {
            patients.addAll(newPatients);
            reportIds.addAll(newReports);
        }
    }

    synchronized QueryTargets targets() {
        return new QueryTargets(patients, reportIds);
    }

    private static String residentId(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(identifier -> BenchUris.RESIDENT_ID.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
    }

    private static final class PatientInProgress {
        private final String id;
        private final String residentId;
        private final Set<String> codes = new LinkedHashSet<>();

        private PatientInProgress(String id, String residentId) {
            this.id = id;
            this.residentId = residentId;
        }

        private QueryTargets.PatientTarget target() {
            return new QueryTargets.PatientTarget(id, residentId, List.copyOf(codes));
        }
    }
}
