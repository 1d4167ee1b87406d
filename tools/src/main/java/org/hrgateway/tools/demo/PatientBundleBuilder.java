package org.hrgateway.tools.demo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.tools.demo.PatientPlan.ReportOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a patient plan into one transaction Bundle: the Patient, then per report its Observations and
 * the DiagnosticReport that lists them. Resources new to the server point at each other by
 * {@code urn:uuid:} fullUrl; Organizations, which already exist, by conditional reference.
 */
final class PatientBundleBuilder {

    private final LabResultFactory labResults;
    private final Province province;

    PatientBundleBuilder(Province province, LabResultFactory labResults) {
        this.province = province;
        this.labResults = labResults;
    }

    Bundle build(PatientPlan plan, Random random) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = Seeds.urnUuid(random);
        addEntry(bundle, patientUrl, patient(plan))
                .getRequest()
                // Resident IDs are unique, so a reload finds the existing patient instead of creating a twin.
                .setIfNoneExist("identifier=" + DemoUris.RESIDENT_ID + "|" + plan.identity().residentId());
        Reference subject = new Reference(patientUrl);

        for (ReportOrder order : plan.orders()) {
            List<Reference> results = new ArrayList<>();
            for (String itemCode : order.panel().items()) {
                String observationUrl = Seeds.urnUuid(random);
                Observation observation = labResults.observation(province.labItem(itemCode), order, subject, random);
                addEntry(bundle, observationUrl, observation);
                results.add(new Reference(observationUrl));
            }
            addEntry(bundle, Seeds.urnUuid(random), labResults.report(order, subject, results));
        }
        return bundle;
    }

    private static Patient patient(PatientPlan plan) {
        Patient patient = new Patient();
        patient.addIdentifier()
                .setUse(Identifier.IdentifierUse.OFFICIAL)
                .setSystem(DemoUris.RESIDENT_ID)
                .setValue(plan.identity().residentId());
        // Chinese names are written family name first with no space; text keeps that order for display.
        patient.addName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setText(plan.familyName() + plan.givenName())
                .setFamily(plan.familyName())
                .addGiven(plan.givenName());
        patient.setGender(plan.identity().male() ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(plan.identity().birthDate().toString()));
        patient.setManagingOrganization(OrganizationResources.reference(plan.homeInstitution()));
        return patient;
    }

    private static Bundle.BundleEntryComponent addEntry(Bundle bundle, String fullUrl, Resource resource) {
        Bundle.BundleEntryComponent entry = bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource);
        entry.getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(resource.fhirType());
        return entry;
    }
}
