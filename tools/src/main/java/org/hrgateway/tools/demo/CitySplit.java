package org.hrgateway.tools.demo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic province as a province of gateways holds it: each institution in its own city's
 * gateway, and a patient's reports in the gateway of the city where they were done, with a Patient
 * record there (conditionally created by resident id, as in the single-gateway demo). A Patient's
 * managing organization stays only where that institution is held.
 */
final class CitySplit {

    private final Map<String, String> cityOfInstitution = new HashMap<>();

    CitySplit(Province province) {
        province.institutions().forEach(institution -> cityOfInstitution.put(institution.code(), institution.city()));
    }

    /** The city of an institution bundle (one Organization with its code). */
    String cityOf(Province.Institution institution) {
        return institution.city();
    }

    /** One transaction per city that holds a report of the patient, in the order the cities first appear. */
    Map<String, Bundle> byCity(Bundle patientBundle) {
        BundleEntryComponent patientEntry = patientBundle.getEntry().get(0);
        Map<String, Bundle> byCity = new LinkedHashMap<>();
        for (BundleEntryComponent entry : patientBundle.getEntry().subList(1, patientBundle.getEntry().size())) {
            String city = city(performers(entry.getResource()));
            Bundle bundle = byCity.computeIfAbsent(city, c -> withPatient(patientEntry, c));
            bundle.addEntry(entry.copy());
        }
        return byCity;
    }

    private Bundle withPatient(BundleEntryComponent patientEntry, String city) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        BundleEntryComponent copy = patientEntry.copy();
        Patient patient = (Patient) copy.getResource();
        if (patient.hasManagingOrganization() && !city.equals(city(List.of(patient.getManagingOrganization())))) {
            patient.setManagingOrganization(null);
        }
        bundle.addEntry(copy);
        return bundle;
    }

    private static List<Reference> performers(Resource resource) {
        if (resource instanceof Observation observation) {
            return observation.getPerformer();
        }
        if (resource instanceof DiagnosticReport report) {
            return report.getPerformer();
        }
        throw new IllegalArgumentException("A patient bundle holds a " + resource.fhirType() + " after its Patient");
    }

    /** The city of the institution a conditional reference (`Organization?identifier=system|code`) names. */
    private String city(List<Reference> performers) {
        for (Reference performer : performers) {
            String reference = performer.getReference();
            int bar = reference == null ? -1 : reference.lastIndexOf('|');
            String city = bar < 0 ? null : cityOfInstitution.get(reference.substring(bar + 1));
            if (city != null) {
                return city;
            }
        }
        throw new IllegalArgumentException("A report without a performing institution of the province");
    }
}
