package org.hrgateway.tools.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticProvinceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final int PATIENTS = 40;
    private static final String INSTITUTION_REFERENCE_PREFIX =
            "Organization?identifier=http://hr-gateway.org/fhir/sid/institution-code|";

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void givenSameSeed_whenGeneratedTwice_thenBundlesAreIdentical() {
        List<String> first = allBundlesAsJson(new SyntheticProvince(PATIENTS, 42, NOW));
        List<String> second = allBundlesAsJson(new SyntheticProvince(PATIENTS, 42, NOW));

        assertEquals(first, second);
    }

    @Test
    void givenDifferentSeeds_whenGenerated_thenPatientBundlesDiffer() {
        List<String> seed42 = allBundlesAsJson(new SyntheticProvince(PATIENTS, 42, NOW));
        List<String> seed43 = allBundlesAsJson(new SyntheticProvince(PATIENTS, 43, NOW));

        assertNotEquals(seed42, seed43);
    }

    @Test
    void givenPatientIndex_whenBuiltAlone_thenSameAsFromIterator() {
        SyntheticProvince province = new SyntheticProvince(PATIENTS, 42, NOW);
        Iterator<Bundle> bundles = province.patientBundles();
        bundles.next();
        bundles.next();

        assertEquals(json(bundles.next()), json(province.patientBundle(2)));
    }

    @Test
    void givenPatientBundle_whenUrnUuidReferencesFollowed_thenEachResolvesToAnEntryOfThatBundle() {
        FhirTerser terser = FHIR.newTerser();
        Set<String> institutionCodes = institutionCodes();
        for (Bundle bundle : patientBundles(new SyntheticProvince(PATIENTS, 42, NOW))) {
            Set<String> fullUrls = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getFullUrl)
                    .collect(Collectors.toSet());
            assertEquals(bundle.getEntry().size(), fullUrls.size(), "fullUrls are unique within a bundle");
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                assertTrue(entry.getFullUrl().startsWith("urn:uuid:"), entry.getFullUrl());
                Resource resource = entry.getResource();
                for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                    String target = reference.getReference();
                    if (target.startsWith("urn:uuid:")) {
                        assertTrue(fullUrls.contains(target), target + " is not an entry of its bundle");
                    } else {
                        assertTrue(target.startsWith(INSTITUTION_REFERENCE_PREFIX), "unexpected reference " + target);
                        assertTrue(institutionCodes.contains(target.substring(INSTITUTION_REFERENCE_PREFIX.length())),
                                "reference to unknown institution " + target);
                    }
                }
            }
        }
    }

    @Test
    void givenDiagnosticReport_whenResultsResolved_thenTheyAreObservationsOfTheSameBundleAndSubject() {
        int reports = 0;
        for (Bundle bundle : patientBundles(new SyntheticProvince(PATIENTS, 42, NOW))) {
            Map<String, Resource> byFullUrl = new HashMap<>();
            bundle.getEntry().forEach(entry -> byFullUrl.put(entry.getFullUrl(), entry.getResource()));
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (!(entry.getResource() instanceof DiagnosticReport report)) {
                    continue;
                }
                reports++;
                assertFalse(report.getResult().isEmpty(), "report without results");
                for (Reference result : report.getResult()) {
                    Observation observation = assertInstanceOf(Observation.class, byFullUrl.get(result.getReference()));
                    assertEquals(report.getSubject().getReference(), observation.getSubject().getReference());
                    assertEquals(report.getPerformerFirstRep().getReference(),
                            observation.getPerformerFirstRep().getReference());
                }
            }
        }
        assertTrue(reports > PATIENTS, "expected several reports per patient on average, got " + reports);
    }

    @Test
    void givenRequestedPatientCount_whenIterated_thenThatManyPatientBundlesAndResourcesAsCounted() {
        SyntheticProvince province = new SyntheticProvince(PATIENTS, 42, NOW);
        List<Bundle> bundles = patientBundles(province);

        assertEquals(PATIENTS, bundles.size());
        bundles.forEach(bundle -> assertInstanceOf(Patient.class, bundle.getEntryFirstRep().getResource()));
        int resources = province.organizationBundles().stream().mapToInt(b -> b.getEntry().size()).sum()
                + bundles.stream().mapToInt(b -> b.getEntry().size()).sum();
        assertEquals(resources, province.resourceCount());
        assertEquals(province.organizationBundles().size() + PATIENTS, province.bundleCount());
    }

    @Test
    void givenExhaustedIterator_whenNext_thenNoSuchElement() {
        Iterator<Bundle> bundles = new SyntheticProvince(0, 42, NOW).patientBundles();

        assertFalse(bundles.hasNext());
        assertThrows(NoSuchElementException.class, bundles::next);
    }

    @Test
    void givenManyPatients_whenGenerated_thenResidentIdsAreUniqueAndCarryAValidCheckCharacter() {
        Set<String> ids = new HashSet<>();
        for (Bundle bundle : patientBundles(new SyntheticProvince(PATIENTS, 42, NOW))) {
            Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
            String id = patient.getIdentifierFirstRep().getValue();
            assertEquals(18, id.length(), id);
            assertEquals(ResidentIdAllocator.checkCharacter(id.substring(0, 17)), id.charAt(17), id);
            assertEquals(patient.getBirthDateElement().getValueAsString().replace("-", ""), id.substring(6, 14), id);
            assertTrue(ids.add(id), "duplicate resident ID " + id);
        }
    }

    @Test
    void givenOrganizationBundles_whenGenerated_thenOneConditionalCreatePerInstitution() {
        List<Bundle> bundles = new SyntheticProvince(0, 42, NOW).organizationBundles();

        assertEquals(institutionCodes().size(), bundles.size());
        for (Bundle bundle : bundles) {
            assertEquals(Bundle.BundleType.TRANSACTION, bundle.getType());
            Organization organization = (Organization) bundle.getEntryFirstRep().getResource();
            String code = organization.getIdentifierFirstRep().getValue();
            assertEquals("identifier=http://hr-gateway.org/fhir/sid/institution-code|" + code,
                    bundle.getEntryFirstRep().getRequest().getIfNoneExist());
        }
    }

    @Test
    void givenDemoSize_whenGenerated_thenSomePatientHasResultsFromTwoCities() {
        Map<String, String> cityOfInstitution = Province.fromClasspath().institutions().stream()
                .collect(Collectors.toMap(Province.Institution::code, Province.Institution::city));
        boolean crossCity = false;
        for (Bundle bundle : patientBundles(new SyntheticProvince(PATIENTS, 42, NOW))) {
            Set<String> cities = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(DiagnosticReport.class::isInstance)
                    .map(resource -> ((DiagnosticReport) resource).getPerformerFirstRep().getReference())
                    .map(reference -> cityOfInstitution.get(reference.substring(INSTITUTION_REFERENCE_PREFIX.length())))
                    .collect(Collectors.toSet());
            crossCity |= cities.size() > 1;
        }
        assertTrue(crossCity, "no patient has results from institutions in different cities");
    }

    private static Set<String> institutionCodes() {
        return Province.fromClasspath().institutions().stream()
                .map(Province.Institution::code)
                .collect(Collectors.toSet());
    }

    private static List<Bundle> patientBundles(SyntheticProvince province) {
        List<Bundle> bundles = new ArrayList<>();
        province.patientBundles().forEachRemaining(bundles::add);
        return bundles;
    }

    private static List<String> allBundlesAsJson(SyntheticProvince province) {
        List<String> json = new ArrayList<>();
        province.organizationBundles().forEach(bundle -> json.add(json(bundle)));
        province.patientBundles().forEachRemaining(bundle -> json.add(json(bundle)));
        return json;
    }

    private static String json(Bundle bundle) {
        IParser parser = FHIR.newJsonParser();
        return parser.encodeResourceToString(bundle);
    }
}
