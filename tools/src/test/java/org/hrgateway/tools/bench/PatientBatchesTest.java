package org.hrgateway.tools.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.tools.demo.SyntheticProvince;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatientBatchesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final int PATIENTS = 60;
    private static final int BUNDLE_SIZE = 100;
    private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

    @Test
    void givenProvince_whenBatched_thenEveryPatientResourceIsSentOnceInOrder() {
        SyntheticProvince province = new SyntheticProvince(PATIENTS, 42, NOW);

        List<PatientBatches.Batch> batches = allBatches(province, BUNDLE_SIZE);

        int organizations = province.organizationBundles().size();
        assertEquals(province.resourceCount() - organizations,
                batches.stream().mapToInt(PatientBatches.Batch::resourceCount).sum());
        List<String> sentResidentIds = batches.stream()
                .flatMap(batch -> batch.transaction().getEntry().stream())
                .filter(entry -> entry.getResource() instanceof Patient)
                .map(entry -> ((Patient) entry.getResource()).getIdentifierFirstRep().getValue())
                .toList();
        List<String> generatedResidentIds = new ArrayList<>();
        province.patientBundles().forEachRemaining(bundle ->
                generatedResidentIds.add(((Patient) bundle.getEntryFirstRep().getResource()).getIdentifierFirstRep().getValue()));
        assertEquals(generatedResidentIds, sentResidentIds);
        for (PatientBatches.Batch batch : batches) {
            assertEquals(batch.resourceCount(), batch.entriesPerPatient().stream().mapToInt(Integer::intValue).sum());
            assertEquals(Bundle.BundleType.TRANSACTION, batch.transaction().getType());
        }
    }

    @Test
    void givenBundleSize_whenBatched_thenEachTransactionIsAsFullAsWholePatientsAllow() {
        List<PatientBatches.Batch> batches = allBatches(new SyntheticProvince(PATIENTS, 42, NOW), BUNDLE_SIZE);

        assertTrue(batches.size() > 1, "60 patients make more than one transaction of 100");
        for (int i = 0; i < batches.size(); i++) {
            PatientBatches.Batch batch = batches.get(i);
            assertTrue(batch.resourceCount() <= BUNDLE_SIZE || batch.entriesPerPatient().size() == 1,
                    "transaction " + i + " has " + batch.resourceCount() + " resources");
            if (i + 1 < batches.size()) {
                int nextPatient = batches.get(i + 1).entriesPerPatient().get(0);
                assertTrue(batch.resourceCount() + nextPatient > BUNDLE_SIZE,
                        "transaction " + i + " closed while the next patient still fitted");
            }
        }
    }

    @Test
    void givenMergedTransaction_whenReferencesFollowed_thenEveryUrnUuidResolvesInsideIt() {
        for (PatientBatches.Batch batch : allBatches(new SyntheticProvince(PATIENTS, 42, NOW), BUNDLE_SIZE)) {
            Bundle transaction = batch.transaction();
            List<String> fullUrls = transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
            Set<String> distinct = new HashSet<>(fullUrls);
            assertEquals(fullUrls.size(), distinct.size(), "fullUrls unique in transaction " + batch.number());

            Set<String> urnReferences = transaction.getEntry().stream()
                    .flatMap(entry -> TERSER.getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class).stream())
                    .map(Reference::getReference)
                    .filter(reference -> reference != null && reference.startsWith("urn:uuid:"))
                    .collect(Collectors.toSet());
            assertTrue(!urnReferences.isEmpty());
            assertTrue(distinct.containsAll(urnReferences),
                    "unresolved in transaction " + batch.number() + ": " + urnReferences.stream()
                            .filter(reference -> !distinct.contains(reference)).toList());
        }
    }

    @Test
    void givenOnePatientLargerThanBundleSize_whenBatched_thenItTravelsAlone() {
        List<PatientBatches.Batch> batches = allBatches(new SyntheticProvince(10, 42, NOW), 1);

        assertEquals(10, batches.size());
        batches.forEach(batch -> assertEquals(1, batch.entriesPerPatient().size()));
    }

    @Test
    void givenTheSameFullUrlTwice_whenMerged_thenRejected() {
        SyntheticProvince province = new SyntheticProvince(2, 42, NOW);
        Bundle patient = province.patientBundle(0);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TransactionMerger.merge(List.of(patient, province.patientBundle(0))));

        assertTrue(error.getMessage().contains("urn:uuid:"), error.getMessage());
    }

    private static List<PatientBatches.Batch> allBatches(SyntheticProvince province, int bundleSize) {
        PatientBatches batches = new PatientBatches(province, bundleSize);
        List<PatientBatches.Batch> all = new ArrayList<>();
        for (PatientBatches.Batch batch = batches.next(); batch != null; batch = batches.next()) {
            all.add(batch);
        }
        return all;
    }
}
