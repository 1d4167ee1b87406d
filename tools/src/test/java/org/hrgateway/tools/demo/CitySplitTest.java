package org.hrgateway.tools.demo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic province split as a province of gateways holds it: each report in the city where it was done. */
class CitySplitTest {

    private static final Province PROVINCE = Province.fromClasspath();
    private static final SyntheticProvince SYNTHETIC = new SyntheticProvince(PROVINCE, 60, 42,
            Instant.parse("2026-11-25T00:00:00Z"));

    @Test
    void givenPatientBundles_whenSplitByCity_thenEveryReportIsInItsPerformersCityWithThePatient() {
        Map<String, String> cityOf = new HashMap<>();
        PROVINCE.institutions().forEach(institution -> cityOf.put(institution.code(), institution.city()));
        CitySplit split = new CitySplit(PROVINCE);
        int twoCities = 0;
        for (int i = 0; i < 60; i++) {
            Bundle whole = SYNTHETIC.patientBundle(i);
            Map<String, Bundle> parts = split.byCity(whole);
            int entries = 0;
            for (Map.Entry<String, Bundle> part : parts.entrySet()) {
                List<BundleEntryComponent> entriesOfCity = part.getValue().getEntry();
                Patient patient = (Patient) entriesOfCity.get(0).getResource();
                assertEquals(((Patient) whole.getEntryFirstRep().getResource()).getIdentifierFirstRep().getValue(),
                        patient.getIdentifierFirstRep().getValue());
                if (patient.hasManagingOrganization()) {
                    assertEquals(part.getKey(), cityOf.get(code(patient.getManagingOrganization())));
                }
                for (BundleEntryComponent entry : entriesOfCity.subList(1, entriesOfCity.size())) {
                    List<Reference> performers = entry.getResource() instanceof Observation observation
                            ? observation.getPerformer() : ((DiagnosticReport) entry.getResource()).getPerformer();
                    assertEquals(part.getKey(), cityOf.get(code(performers.get(0))), entry.getFullUrl());
                }
                entries += entriesOfCity.size() - 1;
            }
            assertEquals(whole.getEntry().size() - 1, entries, "every report and result lands in exactly one city");
            twoCities += parts.size() > 1 ? 1 : 0;
        }
        // The synthetic people travel: some of them must have results in two cities, or the demo shows nothing.
        assertTrue(twoCities > 0, "no patient has results in two cities");
    }

    @Test
    void givenAReportInAnotherCity_whenSplit_thenThePatientThereHasNoManagingOrganizationOfElsewhere() {
        CitySplit split = new CitySplit(PROVINCE);
        for (int i = 0; i < 60; i++) {
            Map<String, Bundle> parts = split.byCity(SYNTHETIC.patientBundle(i));
            long managed = parts.values().stream()
                    .filter(part -> ((Patient) part.getEntryFirstRep().getResource()).hasManagingOrganization()).count();
            assertFalse(managed > 1, "a Patient is managed by one institution, held in one city");
        }
    }

    private static String code(Reference reference) {
        return reference.getReference().substring(reference.getReference().lastIndexOf('|') + 1);
    }
}
